import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Examples and tests import the package by name, as a host would.
    alias: {
      'loved-track-cache/testing': fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)),
      'loved-track-cache': fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
