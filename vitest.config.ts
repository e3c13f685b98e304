import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One throw-away PostgreSQL server for the whole run (or TEST_DATABASE_URL's): see test/postgres/.
    globalSetup: ['test/postgres/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The test files share each worker's module cache: wink-nlp's model and the rest of the engine load
    // once per worker instead of once per file (most of the suite's time otherwise). The suite mocks
    // no module and stubs no global, and each file closes what it opens, so sharing changes no result.
    isolate: false,
    // Two files at a time even on two cores (vitest's default there is one): much of the suite waits on
    // child processes, sockets to the local Discord server and file-watch debounces, not on the CPU.
    maxWorkers: 2,
  },
});
