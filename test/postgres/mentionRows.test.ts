import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentsFromInputs } from '../../src/corpus/loadCorpus.ts';
import { buildEntityIndex, entityIndexFromMentions } from '../../src/entities/buildEntityIndex.ts';
import { collectMentions } from '../../src/entities/entityMentions.ts';
import { resolveOptions } from '../../src/options.ts';
import { decodeStoredMentionSteps, storedMentions } from '../../src/postgresSearch/mentionRows.ts';
import { runSteps } from '../../src/slices.ts';

/** The shipped articles as Markdown pages under headings (so citations carry lines, sections and links), and one more with honorifics. */
function markdownDocuments() {
  const dir = join(import.meta.dirname, '../../corpus');
  const inputs = readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const [title, ...body] = readFileSync(join(dir, file), 'utf8').split('\n');
      return { id: file.replace(/\.txt$/, ''), path: file.replace(/\.txt$/, '.md'), text: `# ${title}\n\n## Report\n\n${body.join('\n')}` };
    });
  inputs.push({
    id: 'talks',
    path: 'talks.md',
    text: '# Talks\n\nMr Blair met Dr. Fox in London on Monday.\n\n## Later\n\nBlair said the talks went well. Fox agreed with Blair.\n',
  });
  return documentsFromInputs(inputs, resolveOptions({ baseUrl: 'https://news.example.org/' }));
}

describe('names stored per document for the index on PostgreSQL', () => {
  it('restores, from rows that hold no document text, the entity list and every card of a build over the documents', () => {
    const documents = markdownDocuments();
    const mentions = collectMentions(documents);
    const rows = documents.map((document) =>
      JSON.parse(
        JSON.stringify(
          storedMentions(
            document,
            mentions.filter((mention) => mention.doc === document),
          ),
        ),
      ),
    );
    // Only the sentences that name something are stored, and no document's text.
    const count = (sentences: number[]) => sentences.reduce((sum, n) => sum + n, 0);
    const stored = count(rows.map((row) => row.sentences.length));
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(count(documents.flatMap((document) => document.passages.map((passage) => passage.sentences.length))));
    expect(rows.some((row) => 'text' in row.doc)).toBe(false);
    const restored = entityIndexFromMentions(runSteps(decodeStoredMentionSteps(rows)));
    const whole = buildEntityIndex(documents);
    expect(restored.list().length).toBeGreaterThan(20);
    expect(restored.list()).toEqual(whole.list());
    for (const { name } of whole.list()) expect(restored.card(name), name).toEqual(whole.card(name));
    const abbasov = restored.card('Abbasov');
    expect(abbasov?.roles[0]?.source.url).toMatch(/^https:\/\/news\.example\.org\/001_84108df0aac265aa/);
    expect(abbasov?.roles[0]?.source.location).toEqual({ line: 7, section: 'Report', anchor: 'report' });
    expect(restored.card('Blair')).toMatchObject({ name: 'Blair', type: 'person' });
  });
});
