import pg from 'pg';

/**
 * What the bot's store and the search index share on PostgreSQL: how a connection is opened and numbers are
 * read, how a URL is named in messages, and a transaction.
 */

/** How long opening a connection waits for the server before it says it cannot reach it. */
const CONNECT_TIMEOUT_MS = 5_000;

/** Counts and times as numbers: BIGINT (times in ms, ids, COUNT) and NUMERIC (SUM of BIGINT) stay well within 2^53. */
export const pgNumbers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** The settings of a pool of at most `max` connections to `url` (of one client, given 1). */
export function connectionConfig(url: string, max: number): pg.PoolConfig {
  return { connectionString: url, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types: pgNumbers };
}

/**
 * A pool of at most `max` connections to `url`. A connection the server closes while idle makes the pool emit
 * 'error', which must not crash the process: the pool drops that connection and the next query opens another.
 */
export function openPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool(connectionConfig(url, max));
  pool.on('error', () => {});
  return pool;
}

/**
 * The server and database of a DATABASE_URL as log lines and errors name them: user, host, port and database,
 * never the password.
 *
 * @example describeDatabaseUrl('postgres://bot:secret@db:5432/qa') // → 'postgres://bot@db:5432/qa'
 */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
  return `postgres://${user}${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/** Runs `work` in one transaction on `client`: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
