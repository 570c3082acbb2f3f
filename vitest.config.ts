import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest test files, longest first (measured on a 2-core machine, each file alone).
 * The workers take files from the front of one queue, so a long file that starts last runs
 * on by itself after every other file has finished: started first, the long files overlap
 * each other and the short ones fill the gaps at the end. Without this, a fresh clone (no
 * durations cached from an earlier run) orders files by size, which put the longest file
 * (crash recovery, a short file of spawned CLIs) in the middle of the run.
 */
const LONGEST_FIRST = [
  'test/cli/data-trust.test.ts',
  'test/backtest/one-query.test.ts',
  'test/cli/run-all.test.ts',
  'test/notify/crash-recovery.test.ts',
  'test/cli/cli.test.ts',
  'test/backtest/matches-daily-runs.test.ts',
  'test/cli/root-cause.test.ts',
  'test/notify/bigquery-state.test.ts',
  'test/notify/slack-delivery.test.ts',
  'test/calibrate/calibrate.test.ts',
  'test/cli/explain.test.ts',
];

/** LONGEST_FIRST first, then every other file in vitest's own order (failed, then longest, in the last run). */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification): number => {
      const at = LONGEST_FIRST.indexOf(relative(file.project.config.root, file.moduleId).split('\\').join('/'));
      return at === -1 ? LONGEST_FIRST.length : at;
    };
    return sorted
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map(({ file }) => file);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // DuckDB files and CLI runs: give integration tests room on a 2-core machine.
    // 180 s: a test that runs `run --all` four times reads 234 days per domain query (the
    // detector's lookback) and can pass a minute when both workers are busy.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Child processes, not threads: DuckDB's native module and tests that spawn and kill
    // CLIs.
    pool: 'forks',
    // A worker process runs file after file with the modules it already loaded, instead of
    // a fresh process and module graph per file: the suite took 324 s instead of 360 s
    // (617 CPU-s instead of 688) on the 2-core machine, the 50 short files at its end most.
    // Sound because no test mocks a module (the CLI takes its io, env and clock as
    // arguments: test/helpers/in-process-cli.ts) and the two that set process.env restore it.
    isolate: false,
    // Vitest's default is one worker per core minus one: a single worker on the 2-core CI
    // machine. Much of the test time is spent in DuckDB's own threads, waiting on spawned
    // CLIs or on timeouts, so two workers finish the suite in well under the time of one.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    // The fixture warehouse every integration test reads, generated once per run.
    globalSetup: ['test/global-setup.ts'],
  },
});
