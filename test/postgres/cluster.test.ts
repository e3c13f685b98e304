import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshDatabase, noPostgres, postgresUrl } from './database.ts';

describe.skipIf(!postgresUrl)(`the PostgreSQL server of the test run ${noPostgres}`, () => {
  it('gives each caller a database of its own, empty, on a real server', async () => {
    const [first, second] = [await freshDatabase(), await freshDatabase()];
    expect(first).not.toBe(second);
    const client = new pg.Client({ connectionString: first });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string; tables: string }>(
        "SELECT current_setting('server_version_num') AS version, (SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public') AS tables",
      );
      expect(Number(rows[0]!.version)).toBeGreaterThanOrEqual(150000);
      expect(rows[0]!.tables).toBe('0');
      await client.query('CREATE TABLE t (x int)');
    } finally {
      await client.end();
    }
    const other = new pg.Client({ connectionString: second });
    await other.connect();
    try {
      const { rows } = await other.query("SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = 'public'");
      expect(rows[0].n).toBe('0');
    } finally {
      await other.end();
    }
  });
});
