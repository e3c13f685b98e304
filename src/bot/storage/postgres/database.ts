import type pg from 'pg';
import { describeDatabaseUrl, inTransaction, openPool } from '../../../postgres.ts';
import { StorageError } from '../database.ts';
import { type PostgresMigration, postgresMigrations } from './migrations.ts';

export const postgresDefaults = {
  /** Connections per bot process: a question takes one for a few queries, so a few serve many at once. */
  poolSize: 10,
  /**
   * The advisory lock the migrations run under (any bigint, the same in every corpus-qa): bots starting
   * together on one database migrate one after another, and the later ones find the schema up to date.
   */
  migrationLock: 7_261_534_100,
} as const;

export interface OpenPostgresOptions {
  /** The steps to apply; every released step by default (tests stop earlier to build an older database). */
  migrations?: readonly PostgresMigration[];
  /** See postgresDefaults.poolSize. */
  poolSize?: number;
}

/**
 * Connects a pool to DATABASE_URL and brings the schema up to date under the advisory lock. Throws a
 * StorageError naming the server (never the password) and what to do when it cannot.
 */
export async function openPostgres(
  url: string,
  options: OpenPostgresOptions = {},
): Promise<{ pool: pg.Pool; location: string; migratedFrom: number }> {
  const location = describeDatabaseUrl(url);
  const pool = openPool(url, options.poolSize ?? postgresDefaults.poolSize);
  try {
    const migratedFrom = await migrate(pool, location, options.migrations ?? postgresMigrations);
    return { pool, location, migratedFrom };
  } catch (error) {
    await pool.end().catch(() => {});
    throw asPostgresError(error, location);
  }
}

async function migrate(pool: pg.Pool, location: string, steps: readonly PostgresMigration[]): Promise<number> {
  const latest = steps.at(-1)?.version ?? 0;
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [postgresDefaults.migrationLock]);
    try {
      const from = await schemaVersion(client, location);
      if (from > latest) {
        throw new StorageError(
          `${location} was written by a newer corpus-qa (schema ${from}; this one knows up to ${latest}): upgrade corpus-qa, or give this bot a database of its own`,
        );
      }
      for (const step of steps) {
        if (step.version <= from) continue;
        await inTransaction(client, async () => {
          await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
          await step.up(client);
          await client.query('INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)', [step.version, Date.now()]);
        });
      }
      return from;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [postgresDefaults.migrationLock]);
    }
  } finally {
    client.release();
  }
}

/** The schema version recorded in the database; 0 for an empty one. Throws when its tables are not corpus-qa's. */
async function schemaVersion(client: pg.ClientBase, location: string): Promise<number> {
  const { rows } = await client.query<{ name: string }>(
    'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
  );
  // The search index's tables (`search_*`) keep their own schema version: a database may hold both.
  const tables = rows.map((row) => row.name).filter((name) => !name.startsWith('search_'));
  if (tables.includes('schema_version')) {
    const { rows: versions } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_version');
    return versions[0]?.version ?? 0;
  }
  if (tables.length > 0) {
    throw new StorageError(
      `${location} holds tables corpus-qa did not create (${tables.slice(0, 3).join(', ')}): give corpus-qa a database of its own`,
    );
  }
  return 0;
}

/** Takes a connection from the pool for one transaction. */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransaction(client, () => work(client));
  } finally {
    client.release();
  }
}

/** node-postgres's and the server's errors, turned into the one line an operator needs (never the password). */
function asPostgresError(error: unknown, location: string): StorageError {
  if (error instanceof StorageError) return error;
  const { code, message } = error as { code?: string; message?: string };
  const detail = message || code || String(error);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT' || /timeout/i.test(detail)) {
    return new StorageError(`cannot reach PostgreSQL at ${location} (${detail}): check DATABASE_URL and that the server is running`);
  }
  // 28P01 wrong password, 28000 no such role or not allowed, 3D000 no such database.
  if (code === '28P01' || code === '28000') {
    return new StorageError(`PostgreSQL at ${location} refused the login (${detail}): check the user and password in DATABASE_URL`);
  }
  if (code === '3D000') return new StorageError(`${location} does not exist (${detail}): create it, or name another in DATABASE_URL`);
  if (code === '42501') {
    return new StorageError(`cannot create corpus-qa's tables in ${location} (${detail}): grant its user CREATE on the database's schema`);
  }
  return new StorageError(`cannot open ${location} (${detail})`);
}
