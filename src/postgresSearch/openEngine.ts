import { resolve } from 'node:path';
import pg from 'pg';
import { Engine, type StoredNames } from '../engine.ts';
import { type EngineOptionsInput, resolveOptions } from '../options.ts';
import { connectionConfig, describeDatabaseUrl } from '../postgres.ts';
import { runStepsInSlices } from '../slices.ts';
import { decodeStoredMentionSteps, type StoredMentions } from './mentionRows.ts';
import { PostgresRetriever } from './postgresRetriever.ts';
import { openSearchDatabase, SEARCH_CHANNEL } from './schema.ts';

/** No index of the folder in the database: says what to run. */
export class NoSearchIndexError extends Error {
  override readonly name = 'NoSearchIndexError';

  constructor(corpusDir: string, url: string) {
    super(
      `no PostgreSQL index of ${corpusDir} in ${describeDatabaseUrl(url)}: run npm run index -- --corpus ${corpusDir} --to postgres (with the same DATABASE_URL)`,
    );
  }
}

/** An engine over a folder's index in PostgreSQL, and how to let go of its connections. */
export interface PostgresEngine {
  engine: Engine;
  retriever: PostgresRetriever;
  close(): Promise<void>;
}

/** How long a lost notification connection waits before connecting again. */
const RELISTEN_MS = 1_000;

/**
 * Opens the engine over the PostgreSQL index of `corpusDir` (written by `writeSearchIndex`, keyed by the
 * folder's resolved path): no document is loaded, so it is ready at once whatever the corpus's size. The
 * folder's glossary is read when the folder is there. Changes the indexer writes later reach it through
 * LISTEN/NOTIFY: what it fetched of changed documents, and every ranking it kept, are dropped. Throws
 * NoSearchIndexError when the database holds no index of the folder.
 */
export async function openPostgresEngine(url: string, corpusDir: string, options: EngineOptionsInput = {}): Promise<PostgresEngine> {
  const corpus = resolve(corpusDir);
  const pool = await openSearchDatabase(url);
  let listener: Listener | undefined;
  try {
    const { rowCount } = await pool.query('SELECT 1 FROM search_corpora WHERE corpus = $1', [corpus]);
    if (rowCount === 0) throw new NoSearchIndexError(corpusDir, url);
    const resolved = resolveOptions(options);
    const retriever = new PostgresRetriever(pool, corpus, resolved);
    listener = await Listener.start(url, (payload) => {
      if (payload === null) retriever.forget(null);
      else if (payload.corpus === corpus) retriever.forget(payload.docs);
    });
    const engine = Engine.overStoredIndex(retriever, resolved, storedNames(pool, corpus));
    await engine.loadGlossary(corpusDir);
    const started = listener;
    return {
      engine,
      retriever,
      async close() {
        await started.stop();
        await pool.end();
      },
    };
  } catch (error) {
    await listener?.stop();
    await pool.end().catch(() => {});
    throw error;
  }
}

/** The names the indexer recognised in the corpus's documents (`search_mentions`), in the folder's order. */
function storedNames(pool: pg.Pool, corpus: string): StoredNames {
  return {
    async mentions(sliceMs) {
      const { rows } = await pool.query<{ mentions: string }>(
        `SELECT m.mentions::text AS mentions FROM search_mentions m JOIN search_documents d ON d.corpus = m.corpus AND d.id = m.doc
         WHERE m.corpus = $1 ORDER BY d.position`,
        [corpus],
      );
      // Parsed one row per step, as they are decoded.
      const parsed = (function* () {
        for (const row of rows) yield JSON.parse(row.mentions) as StoredMentions;
      })();
      return runStepsInSlices(decodeStoredMentionSteps(parsed), sliceMs);
    },
  };
}

/** What the indexer notifies: the corpus and its changed documents (null: any); null for a lost connection. */
type Notice = { corpus: string; docs: string[] | null } | null;

/** A connection of its own that LISTENs on `SEARCH_CHANNEL`, connecting again when lost (every change meanwhile is `null`). */
class Listener {
  private client: pg.Client | undefined;
  private stopped = false;

  private constructor(
    private readonly url: string,
    private readonly onNotice: (notice: Notice) => void,
  ) {}

  static async start(url: string, onNotice: (notice: Notice) => void): Promise<Listener> {
    const listener = new Listener(url, onNotice);
    await listener.connect();
    return listener;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(connectionConfig(this.url, 1));
    client.on('notification', (message) => {
      try {
        this.onNotice(JSON.parse(message.payload ?? '') as Notice);
      } catch {
        this.onNotice(null);
      }
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${SEARCH_CHANNEL}`);
    this.client = client;
  }

  /** A change may have gone unheard: everything fetched is dropped, and the connection made again. */
  private lost(client: pg.Client): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    this.onNotice(null);
    this.retry();
  }

  private retry(): void {
    setTimeout(() => {
      if (!this.stopped) this.connect().catch(() => this.retry());
    }, RELISTEN_MS).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => {});
  }
}
