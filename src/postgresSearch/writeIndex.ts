import type pg from 'pg';
import type { CorpusDocument } from '../corpus/corpusDocument.ts';
import type { CorpusChanges } from '../corpus/diffDocuments.ts';
import { type BuildProgress, DEFAULT_SLICE_MS, type SourceStamps } from '../corpus/loadCorpus.ts';
import { collectMentionsInSlices, type Mention } from '../entities/entityMentions.ts';
import type { EngineOptions } from '../options.ts';
import { inTransaction } from '../postgres.ts';
import { storedMentions } from './mentionRows.ts';
import { FIELDS, passageRows } from './passageRows.ts';
import { SEARCH_CHANNEL } from './schema.ts';

/**
 * What writing a folder's documents to the search index did: the ids added, changed (or cut with other
 * options) and removed, how many were written and left unchanged, and the corpus's size.
 */
export interface IndexWriteReport extends CorpusChanges {
  documents: number;
  passages: number;
  /** Documents written: added and changed. */
  written: number;
  /** Documents whose file's content hash was unchanged: left as they were. */
  unchanged: number;
}

export interface WriteIndexOptions {
  /** Called as documents are written (bytes count the written documents' text). */
  onProgress?: (progress: BuildProgress) => void;
  /** Passages per transaction: each document is replaced whole in one, with others up to this size. */
  batchPassages?: number;
}

/** A file whose content hash is the one the index stores for it: it was not read again, and is kept as stored. */
export interface UnreadDocument {
  id: string;
  path: string;
  unread: true;
}

/** What the index stores of a file: its document's id, and its content hash. */
export interface StoredHash {
  id: string;
  sha256: string;
}

/**
 * The content hash of each file of the corpus in the index, by path; none when its documents were cut with
 * other options than `options` (every file is read again).
 */
export async function storedHashes(pool: pg.Pool, corpus: string, options: EngineOptions): Promise<Map<string, StoredHash>> {
  const { rows } = await pool.query<StoredHash & { path: string }>(
    `SELECT d.id, d.path, d.sha256 FROM search_documents d JOIN search_corpora c ON c.corpus = d.corpus
     WHERE d.corpus = $1 AND c.options = $2 AND d.sha256 IS NOT NULL`,
    [corpus, JSON.stringify(options)],
  );
  return new Map(rows.map(({ path, id, sha256 }) => [path, { id, sha256 }]));
}

/**
 * A reading of a corpus folder to index: its documents, the stamps and hashes of their files, and the names
 * recognised in them when the reading did (worker threads do); the others' are recognised when written.
 */
export interface IndexedReading {
  /** In the folder's order; those left unread (`UnreadDocument`) are kept as stored. */
  documents: readonly (CorpusDocument | UnreadDocument)[];
  sources: SourceStamps;
  names?: ReadonlyMap<CorpusDocument, readonly Mention[]>;
}

/** A NOTIFY payload must stay under 8,000 bytes; beyond, listeners are told "everything" instead of the ids. */
const MAX_NOTIFY_BYTES = 7_000;
const DEFAULT_BATCH_PASSAGES = 2_000;

interface StoredDocument {
  id: string;
  path: string;
  sha256: string | null;
  position: number;
  passages: number;
}

/**
 * Brings the search index of one corpus folder (`corpus`, its resolved path) up to date with a reading of it:
 * a document whose file has the content hash stored (and was cut with the same options), or that was left
 * unread for that reason (`UnreadDocument`), is left alone; a new or changed one replaces its rows (document,
 * passages, their share of the term frequencies, its recognised names) in one
 * transaction, so a question sees it old or new, never half; a document no longer read is deleted. Each
 * transaction notifies `SEARCH_CHANNEL` of the documents it changed. Writers of one corpus take turns
 * (an advisory lock); writers of different corpora do not wait for each other.
 */
export async function writeSearchIndex(
  pool: pg.Pool,
  corpus: string,
  read: IndexedReading,
  options: EngineOptions,
  { onProgress, batchPassages = DEFAULT_BATCH_PASSAGES }: WriteIndexOptions = {},
): Promise<IndexWriteReport> {
  const client = await pool.connect();
  const lock = [`corpus-qa search ${corpus}`];
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', lock);
    try {
      const fingerprint = JSON.stringify(options);
      const stored = await storedDocuments(client, corpus, fingerprint);
      const { documents, sources } = read;
      const hashOf = (document: CorpusDocument) => sources.get(document.path)?.sha256 ?? null;
      const changed: CorpusDocument[] = [];
      const moved: { id: string; position: number }[] = [];
      for (const [position, document] of documents.entries()) {
        const before = stored.get(document.id);
        if ('unread' in document) {
          if (before && before.position !== position) moved.push({ id: document.id, position });
          continue;
        }
        const hash = hashOf(document);
        if (before && hash !== null && before.sha256 === hash && before.path === document.path) {
          if (before.position !== position) moved.push({ id: document.id, position });
        } else changed.push(document);
      }
      const kept = new Set(documents.map((document) => document.id));
      const removed = [...stored.keys()].filter((id) => !kept.has(id));
      const positions = new Map(documents.map((document, position) => [document.id, position]));
      const totalBytes = changed.reduce((sum, document) => sum + document.text.length, 0);
      let bytes = 0;
      let files = 0;
      const report = () => onProgress?.({ phase: 'indexing', files, totalFiles: changed.length, bytes, totalBytes });
      report();
      for (const batch of batches(changed, batchPassages)) {
        // Recognised in slices: a bot's /reindex writes from its own process.
        const mentions: (readonly Mention[])[] = [];
        for (const document of batch)
          mentions.push(read.names?.get(document) ?? (await collectMentionsInSlices([document], DEFAULT_SLICE_MS)));
        await replaceDocuments(client, corpus, { documents: batch, mentions }, positions, hashOf, stored);
        files += batch.length;
        bytes += batch.reduce((sum, document) => sum + document.text.length, 0);
        report();
      }
      if (removed.length > 0 || moved.length > 0) await removeDocuments(client, corpus, removed, moved);
      const passages = documents.reduce(
        (sum, document) => sum + ('unread' in document ? (stored.get(document.id)?.passages ?? 0) : document.passages.length),
        0,
      );
      return {
        documents: documents.length,
        passages,
        added: changed.filter((document) => !stored.has(document.id)).map((document) => document.id),
        changed: changed.filter((document) => stored.has(document.id)).map((document) => document.id),
        removed,
        written: changed.length,
        unchanged: documents.length - changed.length,
      };
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', lock);
    }
  } finally {
    client.release();
  }
}

/** The corpus's documents as stored, none when they were cut with other options (all are written again). */
async function storedDocuments(client: pg.ClientBase, corpus: string, fingerprint: string): Promise<Map<string, StoredDocument>> {
  await client.query(
    `INSERT INTO search_corpora (corpus, options, passages, field_lengths, updated_at) VALUES ($1, $2, 0, '{0,0,0,0}', $3)
     ON CONFLICT (corpus) DO NOTHING`,
    [corpus, fingerprint, Date.now()],
  );
  const { rows: corpora } = await client.query<{ options: string }>('SELECT options FROM search_corpora WHERE corpus = $1', [corpus]);
  const { rows } = await client.query<StoredDocument>(
    'SELECT id, path, sha256, position, passages FROM search_documents WHERE corpus = $1',
    [corpus],
  );
  const all = new Map(rows.map((row) => [row.id, row]));
  if (corpora[0]?.options === fingerprint) return all;
  await client.query('UPDATE search_corpora SET options = $2 WHERE corpus = $1', [corpus, fingerprint]);
  return new Map([...all].map(([id, row]) => [id, { ...row, sha256: null }]));
}

/** Documents in groups of about `passages` passages (a longer document alone). */
function* batches(documents: readonly CorpusDocument[], passages: number): Generator<CorpusDocument[]> {
  let batch: CorpusDocument[] = [];
  let size = 0;
  for (const document of documents) {
    if (batch.length > 0 && size + document.passages.length > passages) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(document);
    size += document.passages.length;
  }
  if (batch.length > 0) yield batch;
}

/**
 * Replaces (or adds) documents whole in one transaction, their term frequencies and recognised names (`mentions`,
 * one list per document) with them, and notifies.
 */
async function replaceDocuments(
  client: pg.ClientBase,
  corpus: string,
  { documents, mentions }: { documents: readonly CorpusDocument[]; mentions: readonly (readonly Mention[])[] },
  positions: ReadonlyMap<string, number>,
  hashOf: (document: CorpusDocument) => string | null,
  stored: ReadonlyMap<string, StoredDocument>,
): Promise<void> {
  const ids = documents.map((document) => document.id);
  const documentRows = documents.map((document) => ({
    id: document.id,
    path: document.path,
    position: positions.get(document.id)!,
    sha256: hashOf(document),
    title: document.title,
    passages: document.passages.length,
    document: JSON.stringify(document),
  }));
  const passages = documents.flatMap((document) =>
    passageRows(document).map(({ fieldTerms, ...row }) => ({
      doc: document.id,
      ...row,
      titleTerms: fieldTerms.title,
      textTerms: fieldTerms.text,
      headingsTerms: fieldTerms.headings,
      codeTerms: fieldTerms.code,
    })),
  );
  const mentionRows = documents.map((document, i) => ({
    doc: document.id,
    mentions: JSON.stringify(storedMentions(document, mentions[i]!)),
  }));
  const added: Size = { passages: passages.length, fieldLengths: FIELDS.map((_, i) => sum(passages.map((row) => row.fieldLengths[i]!))) };
  await inTransaction(client, async () => {
    const replaced = ids.filter((id) => stored.has(id));
    const before = await takeDocuments(client, corpus, replaced);
    await client.query(
      `INSERT INTO search_documents (corpus, id, path, position, sha256, title, passages, document)
       SELECT $1, r.id, r.path, r.position, r.sha256, r.title, r.passages, r.document::json
       FROM json_to_recordset($2) AS r(id TEXT, path TEXT, position INTEGER, sha256 TEXT, title TEXT, passages INTEGER, document TEXT)`,
      [corpus, JSON.stringify(documentRows)],
    );
    await client.query(
      `INSERT INTO search_passages
         (corpus, doc, passage, headings, terms, field_lengths, title_terms, text_terms, headings_terms, code_terms)
       SELECT $1, r.doc, r.passage, r.headings, r.terms::tsvector, r."fieldLengths",
         r."titleTerms", r."textTerms", r."headingsTerms", r."codeTerms"
       FROM json_to_recordset($2) AS r(doc TEXT, passage INTEGER, headings TEXT[], terms TEXT, "fieldLengths" INTEGER[],
         "titleTerms" TEXT[], "textTerms" TEXT[], "headingsTerms" TEXT[], "codeTerms" TEXT[])`,
      [corpus, JSON.stringify(passages)],
    );
    await client.query(
      `INSERT INTO search_mentions (corpus, doc, mentions)
       SELECT $1, r.doc, r.mentions::json FROM json_to_recordset($2) AS r(doc TEXT, mentions TEXT)`,
      [corpus, JSON.stringify(mentionRows)],
    );
    await client.query(
      `INSERT INTO search_terms (corpus, term, title, text, headings, code)
       SELECT $1, term, ${COUNTED} FROM (${TERM_COUNTS}) AS counted GROUP BY term
       ON CONFLICT (corpus, term) DO UPDATE SET title = search_terms.title + EXCLUDED.title, text = search_terms.text + EXCLUDED.text,
         headings = search_terms.headings + EXCLUDED.headings, code = search_terms.code + EXCLUDED.code`,
      [corpus, ids],
    );
    await changeCorpus(client, corpus, added, before, ids);
  });
}

/** Deletes documents and moves others to their new place in the folder's order, in one transaction. */
async function removeDocuments(
  client: pg.ClientBase,
  corpus: string,
  removed: readonly string[],
  moved: readonly { id: string; position: number }[],
): Promise<void> {
  await inTransaction(client, async () => {
    const before = await takeDocuments(client, corpus, removed);
    await client.query(
      `UPDATE search_documents d SET position = m.position
       FROM json_to_recordset($2) AS m(id TEXT, position INTEGER) WHERE d.corpus = $1 AND d.id = m.id`,
      [corpus, JSON.stringify(moved)],
    );
    await changeCorpus(client, corpus, { passages: 0, fieldLengths: [0, 0, 0, 0] }, before, removed);
  });
}

/** The passages of some documents, and their fields' summed lengths. */
interface Size {
  passages: number;
  fieldLengths: number[];
}

/**
 * Each term of the passages of documents `$2` of corpus `$1`, once per passage and field that holds it, as
 * a row (term, title, text, headings, code) with a 1 in that field's column.
 */
const TERM_COUNTS = FIELDS.map(
  (field, i) =>
    `SELECT unnest(${field.name}_terms) AS term, ${FIELDS.map((_, j) => `${i === j ? 1 : 0} AS c${j}`).join(', ')}
     FROM search_passages WHERE corpus = $1 AND doc = ANY($2)`,
).join(' UNION ALL ');
/** TERM_COUNTS's rows summed per field, as the columns of `search_terms`. */
const COUNTED = FIELDS.map((field, i) => `SUM(c${i})::INTEGER AS ${field.name}`).join(', ');

/** Takes documents' passages out of the term frequencies and deletes them (their passages with them); returns their size. */
async function takeDocuments(client: pg.ClientBase, corpus: string, ids: readonly string[]): Promise<Size> {
  if (ids.length === 0) return { passages: 0, fieldLengths: [0, 0, 0, 0] };
  const { rows } = await client.query<{ passages: number; lengths: number[] }>(
    `SELECT COUNT(*) AS passages, ARRAY[${FIELDS.map((_, i) => `COALESCE(SUM(field_lengths[${i + 1}]), 0)`).join(', ')}] AS lengths
     FROM search_passages WHERE corpus = $1 AND doc = ANY($2)`,
    [corpus, ids],
  );
  await client.query(
    `UPDATE search_terms t SET title = t.title - d.title, text = t.text - d.text, headings = t.headings - d.headings, code = t.code - d.code
     FROM (SELECT term, ${COUNTED} FROM (${TERM_COUNTS}) AS counted GROUP BY term) AS d
     WHERE t.corpus = $1 AND t.term = d.term`,
    [corpus, ids],
  );
  await client.query('DELETE FROM search_terms WHERE corpus = $1 AND title <= 0 AND text <= 0 AND headings <= 0 AND code <= 0', [corpus]);
  await client.query('DELETE FROM search_documents WHERE corpus = $1 AND id = ANY($2)', [corpus, ids]);
  return { passages: rows[0]!.passages, fieldLengths: rows[0]!.lengths.map(Number) };
}

/** Counts the passages and field lengths added and taken, and tells listeners which documents changed (on commit). */
async function changeCorpus(client: pg.ClientBase, corpus: string, added: Size, taken: Size, docs: readonly string[]): Promise<void> {
  await client.query(
    `UPDATE search_corpora SET passages = passages + $2, updated_at = $3,
       field_lengths = (SELECT array_agg(total + change ORDER BY i) FROM unnest(field_lengths, $4::BIGINT[]) WITH ORDINALITY AS f(total, change, i))
     WHERE corpus = $1`,
    [corpus, added.passages - taken.passages, Date.now(), added.fieldLengths.map((length, i) => length - taken.fieldLengths[i]!)],
  );
  let payload = JSON.stringify({ corpus, docs });
  if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) payload = JSON.stringify({ corpus, docs: null });
  await client.query('SELECT pg_notify($1, $2)', [SEARCH_CHANNEL, payload]);
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
