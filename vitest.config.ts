import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Scratch projects that tests (and people) make under tests/.tmp*/ are gitignored, not tests of ours.
    exclude: ['**/node_modules/**', 'tests/.tmp*/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
