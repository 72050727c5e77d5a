import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Scratch projects that tests (and people) make under tests/.tmp*/ are gitignored, not tests of ours.
    exclude: ['**/node_modules/**', 'tests/.tmp*/**'],
    // Vitest runs availableParallelism() - 1 workers by default: one on the 2-core machines CI and the
    // team use, so the files ran one after another (10 min 39 s for a clean-clone CI run). Most time in
    // the integration tests is spent in child processes (drizzle-kit, Python, the ESLint CLI, tsc) and
    // PGlite, so two workers keep both cores busy; the Python venv is built once behind a lock.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
