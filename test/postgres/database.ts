import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';

const server = inject('postgres');

/** The server the run's PostgreSQL tests use; undefined when there is none (outside CI only: see globalSetup.ts). */
export const postgresUrl: string | undefined = 'url' in server ? server.url : undefined;

/** Why the PostgreSQL tests of this file are skipped, as the test's name says it. */
export const noPostgres = 'unavailable' in server ? `(skipped: ${server.unavailable})` : '';

/**
 * A new, empty database on the run's server for this test file, dropped after the file: files running at the
 * same time never see each other's rows, and a second call gives a second database.
 */
export async function freshDatabase(): Promise<string> {
  if (!postgresUrl) throw new Error(`no PostgreSQL server for the tests ${noPostgres}`);
  const name = `corpusqa_test_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  afterAll(() => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Runs one statement on the database at `url` on a connection of its own, and returns its rows. */
export async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}
