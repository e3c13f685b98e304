import { beforeAll, describe, expect, it } from 'vitest';
import { openSearchDatabase } from '../../src/postgresSearch/schema.ts';
import { freshDatabase, noPostgres, postgresUrl, query } from './database.ts';

describe.skipIf(!postgresUrl)(`the search index's tables ${noPostgres}`, () => {
  let url: string;

  beforeAll(async () => {
    url = await freshDatabase();
    await (await openSearchDatabase(url)).end();
  });

  it("look a folder's passages up by its words within its own postings, not every folder's", async () => {
    // Several folders share the tables: with the terms alone in the index, a question read the postings of
    // every folder holding its words. Which index the planner picks depends on the data, so what is checked
    // is that the one full-text index holds the folder with the terms.
    const rows = await query<{ indexdef: string }>(url, "SELECT indexdef FROM pg_indexes WHERE tablename = 'search_passages'");
    const fullText = rows.map((row) => row.indexdef).filter((definition) => / USING gin /i.test(definition));
    expect(fullText).toEqual([expect.stringMatching(/USING gin \(corpus, terms\)$/)]);
  });
});
