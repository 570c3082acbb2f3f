/**
 * The floor of `monitor backtest`: the daily run repeated for each date, all in ONE node
 * process (no start-up per date), through the CLI's own entry point `main(argv, io)` from
 * dist/cli.js with an in-memory io — exactly `monitor run --all --date D --dry-run`.
 *
 * Run as its own process (transpiled to .mjs by child-scripts.ts):
 *   node single-runs.mjs <dist/cli.js> <config.yaml> <warm-up date> <date>,<date>,… <budget ms> <min runs>
 * Runs the listed dates in order, stopping once <budget ms> have passed and at least
 * <min runs> are done. Prints {"ms":[…]} — the wall time of each date's run, in order;
 * the warm-up date's run (module loading, first-query caches) is not counted.
 */
import { pathToFileURL } from 'node:url';

type Main = (argv: readonly string[], io: unknown) => Promise<number>;

const [cli, configArg, warmUp, list, budgetArg, minArg] = process.argv.slice(2);
if (cli === undefined || configArg === undefined || warmUp === undefined || list === undefined || budgetArg === undefined || minArg === undefined) {
  throw new Error('usage: single-runs.mjs <dist/cli.js> <config.yaml> <warm-up date> <date>,<date>,… <budget ms> <min runs>');
}
const config: string = configArg;
const { main } = (await import(pathToFileURL(cli).href)) as { main: Main };

let outBytes = 0;
const errors: string[] = [];
const io = {
  out: (text: string) => void (outBytes += text.length),
  err: (text: string) => void errors.push(text),
  env: process.env,
  now: () => new Date(),
};

async function runOnce(date: string): Promise<number> {
  errors.length = 0;
  const started = performance.now();
  const code = await main(['node', 'monitor', 'run', '--all', '--date', date, '--dry-run', '--config', config, '--format', 'json'], io);
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`run --all --date ${date} exited with ${code}: ${errors.join('').trim().split('\n').slice(-5).join(' | ')}`);
  return ms;
}

await runOnce(warmUp);
const ms: number[] = [];
const started = performance.now();
for (const date of list.split(',')) {
  if (ms.length >= Number(minArg) && performance.now() - started >= Number(budgetArg)) break;
  ms.push(await runOnce(date));
}
process.stdout.write(JSON.stringify({ ms, outBytes }) + '\n');
