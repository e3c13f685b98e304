import type pg from 'pg';
import { describeDatabaseUrl, inTransaction, openPool } from '../postgres.ts';

/** One step of the search index's schema; a released step never changes. */
interface SearchMigration {
  version: number;
  description: string;
  sql: string;
}

/**
 * The search index's tables, versioned apart from the bot's store (`search_schema_version`) so that a
 * database may hold either or both. Several corpus folders share the tables, each keyed by its `corpus`.
 */
const searchMigrations: readonly SearchMigration[] = [
  {
    version: 1,
    description: 'documents, passages with their weighted terms, term frequencies',
    sql: `
      -- levenshtein_less_equal, to read a misspelt question word as the index terms near it (trusted: the
      -- database's owner may create it; Debian's postgresql-15 ships it).
      CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
      CREATE TABLE search_corpora (
        corpus TEXT PRIMARY KEY,
        -- The engine options the documents were cut with: other options re-index every file.
        options TEXT NOT NULL,
        passages INTEGER NOT NULL,
        -- The summed lengths of the passages' fields (title, prose, headings, code), for BM25's averages.
        field_lengths BIGINT[] NOT NULL,
        updated_at BIGINT NOT NULL
      );
      -- The whole document as the engine reads it (text, passages with their sentences and offsets,
      -- blocks, sections, locations), as JSON, so a question's documents come back in one row each.
      CREATE TABLE search_documents (
        corpus TEXT NOT NULL REFERENCES search_corpora ON DELETE CASCADE,
        id TEXT NOT NULL,
        path TEXT NOT NULL,
        position INTEGER NOT NULL,
        sha256 TEXT,
        title TEXT NOT NULL,
        passages INTEGER NOT NULL,
        document JSON NOT NULL,
        PRIMARY KEY (corpus, id)
      );
      -- Autocomplete: a title (or id) by the words typed.
      CREATE INDEX search_documents_titles ON search_documents USING GIN (to_tsvector('simple', title || ' ' || id));
      -- Per passage: its index terms as a tsvector (title A, headings B, prose C, code D, a position per
      -- occurrence), its fields' lengths, and each field's distinct terms, which the term frequencies count
      -- (so removing the passage can take them back).
      CREATE TABLE search_passages (
        corpus TEXT NOT NULL,
        doc TEXT NOT NULL,
        passage INTEGER NOT NULL,
        headings TEXT[] NOT NULL,
        terms TSVECTOR NOT NULL,
        field_lengths INTEGER[] NOT NULL,
        title_terms TEXT[] NOT NULL,
        text_terms TEXT[] NOT NULL,
        headings_terms TEXT[] NOT NULL,
        code_terms TEXT[] NOT NULL,
        PRIMARY KEY (corpus, doc, passage),
        FOREIGN KEY (corpus, doc) REFERENCES search_documents ON DELETE CASCADE
      );
      CREATE INDEX search_passages_terms ON search_passages USING GIN (terms);
      -- How many passages hold the term, per field: BM25's document frequencies.
      CREATE TABLE search_terms (
        corpus TEXT NOT NULL,
        term TEXT NOT NULL,
        title INTEGER NOT NULL,
        text INTEGER NOT NULL,
        headings INTEGER NOT NULL,
        code INTEGER NOT NULL,
        PRIMARY KEY (corpus, term)
      );
    `,
  },
  {
    version: 2,
    description: 'the names recognised per document, for the entity index',
    sql: `
      -- Per document, its recognised names (mentionRows.ts's StoredMentions as JSON), replaced and deleted
      -- with the document.
      CREATE TABLE search_mentions (
        corpus TEXT NOT NULL,
        doc TEXT NOT NULL,
        mentions JSON NOT NULL,
        PRIMARY KEY (corpus, doc),
        FOREIGN KEY (corpus, doc) REFERENCES search_documents ON DELETE CASCADE
      );
      -- Documents indexed before have no names stored: the next indexing writes them all again.
      UPDATE search_documents SET sha256 = NULL;
    `,
  },
  {
    version: 3,
    description: "the passages' terms indexed with their corpus",
    sql: `
      -- A question reads the postings of its own corpus only: with the terms alone in the index, each
      -- question over one folder also read every other folder's passages holding its words (beside news ×92,
      -- news ×10's answers took about twice as long). btree_gin lets the corpus join the terms in one GIN
      -- index (trusted: the database's owner may create it; Debian's postgresql-15 ships it).
      CREATE EXTENSION IF NOT EXISTS btree_gin;
      CREATE INDEX search_passages_corpus_terms ON search_passages USING GIN (corpus, terms);
      DROP INDEX search_passages_terms;
    `,
  },
];

/** The advisory lock the search migrations run under: processes starting together migrate one after another. */
const SEARCH_MIGRATION_LOCK = 7_261_534_101;

/** The channel the indexer notifies of changed documents (`{"corpus": …, "docs": [ids] | null}`, null for all). */
export const SEARCH_CHANNEL = 'corpus_qa_search';

/** The database could not be opened or used for the search index; the message says what to do. */
export class SearchDatabaseError extends Error {
  override readonly name = 'SearchDatabaseError';
}

/**
 * Connects a pool to the database at `url` and brings the search tables up to date, once, under an advisory
 * lock. Throws SearchDatabaseError naming the server (never the password) when it cannot.
 */
export async function openSearchDatabase(url: string, poolSize = 10): Promise<pg.Pool> {
  const pool = openPool(url, poolSize);
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
    return pool;
  } catch (error) {
    await pool.end().catch(() => {});
    throw new SearchDatabaseError(
      `cannot open the search index at ${describeDatabaseUrl(url)} (${(error as Error).message}): check DATABASE_URL`,
    );
  }
}

async function migrate(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [SEARCH_MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS search_schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM search_schema_version');
    const from = rows[0]?.version ?? 0;
    const latest = searchMigrations.at(-1)!.version;
    if (from > latest) throw new Error(`its search index was written by a newer corpus-qa (schema ${from}, this one knows ${latest})`);
    for (const step of searchMigrations) {
      if (step.version <= from) continue;
      await inTransaction(client, async () => {
        await client.query(step.sql);
        await client.query('INSERT INTO search_schema_version (version, applied_at) VALUES ($1, $2)', [step.version, Date.now()]);
      });
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SEARCH_MIGRATION_LOCK]);
  }
}
