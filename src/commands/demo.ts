import { Command } from 'commander';
import type { CliIO } from '../cli/io.js';
import { DEMO_DEFAULT_DAYS, DEMO_DEFAULT_SEED } from '../warehouse/demo-warehouse.js';
import { withExamples } from './examples.js';

/**
 * `monitor demo generate|anomalies`: the synthetic warehouse that the demo and tests use.
 * The definitions only: the bodies are demo-action.ts, loaded when a subcommand runs.
 */
export function demoCommand(io: CliIO): Command {
  const demo = new Command('demo').description('the embedded demo warehouse: deterministic synthetic data with known anomalies');
  withExamples(demo, [
    ['monitor demo generate --out demo.duckdb', 'a demo warehouse ending yesterday'],
    ['monitor demo anomalies', 'what the managed demo warehouse has injected'],
  ]);
  const generate = demo.command('generate');
  withExamples(generate, [
    ['monitor demo generate --out demo.duckdb', '150 days ending yesterday, seed 42'],
    ['monitor demo generate --seed 7 --days 200 --end 2026-03-31 --out seed7.duckdb', 'other data, fixed dates: the same file on every machine'],
    ['monitor demo generate --scale 4 --end 2026-03-31 --out big.duckdb', '4× the users (and per-user rows), for load tests'],
  ]);
  generate
    .description('write a new demo DuckDB file')
    .option('--seed <n>', 'random seed (same seed, same data on every machine)', String(DEMO_DEFAULT_SEED))
    .option('--days <n>', 'number of days of data', String(DEMO_DEFAULT_DAYS))
    .option('--end <date>', 'last day of data, YYYY-MM-DD (default: yesterday, UTC)')
    .option('--scale <n>', 'multiply the users by n, a whole number (per-user tables grow ~n×; same anomalies)', '1')
    .requiredOption('--out <file>', 'DuckDB file to create (must not exist)')
    .action(async (raw: Record<string, unknown>) => {
      const { generateAction } = await import('./demo-action.js');
      await generateAction(raw, io);
    });
  const anomalies = demo.command('anomalies');
  withExamples(anomalies, [
    ['monitor demo anomalies', 'the injected anomalies of the managed demo warehouse'],
    ['monitor demo anomalies --config demo.yaml --format json', 'those of the file at embedded.path, as JSON'],
  ]);
  anomalies
    .description('list the injected anomalies (ground truth) of the current demo warehouse')
    .option('--format <format>', 'text | json', 'text')
    .option('--config <file>', 'YAML config (its embedded.path, if any, is the demo file to read)')
    .action(async (raw: Record<string, unknown>) => {
      const { anomaliesAction } = await import('./demo-action.js');
      await anomaliesAction(raw, io);
    });
  return demo;
}
