import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // DuckDB files and spawned CLIs: give integration tests room on a 2-core machine.
    // 180 s: a test that runs `run --all` four times reads 234 days per domain query (the
    // detector's lookback) and can pass a minute when both workers are busy.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on the 2-core CI
    // machine. Most test time is spent waiting on spawned CLIs and DuckDB files, so two
    // workers finish the suite in well under the time of one.
    maxWorkers: 2,
    // The fixture warehouse every integration test reads, generated once per run.
    globalSetup: ['test/global-setup.ts'],
  },
});
