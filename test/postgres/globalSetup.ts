import type { TestProject } from 'vitest/node';
import { startCluster } from './cluster.ts';

/** What the PostgreSQL tests get: a server's URL (its superuser, or one who may create databases), or why there is none. */
export type PostgresForTests = { url: string } | { unavailable: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresForTests;
  }
}

/**
 * Once per test run: TEST_DATABASE_URL when given (a server of your own), else a throw-away cluster started
 * here and stopped at the end. When none can be started the PostgreSQL tests are skipped with the reason,
 * except under CI, where that fails the run: CI installs the server (.ci/run), so its absence is a fault.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgres', { url: given });
    return undefined;
  }
  try {
    const cluster = await startCluster();
    project.provide('postgres', { url: cluster.url });
    return () => cluster.stop();
  } catch (error) {
    if (process.env.CI) throw error;
    const unavailable = `${(error as Error).message}; the PostgreSQL tests are skipped (install postgresql-15, or set TEST_DATABASE_URL to a server where you may create databases)`;
    console.warn(unavailable);
    project.provide('postgres', { unavailable });
    return undefined;
  }
}
