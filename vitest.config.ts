import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The test files share each worker's module cache: wink-nlp's model and the rest of the engine load
    // once per worker instead of once per file (most of the suite's time otherwise). The suite mocks
    // no module and stubs no global, and each file closes what it opens, so sharing changes no result.
    isolate: false,
  },
});
