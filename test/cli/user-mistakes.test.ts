import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/in-process-cli.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';

// Mistakes a user makes with files and flags: each is one line on stderr saying what is
// wrong and how to fix it, with a documented exit code, never "internal error … report it".
// The first case runs the built CLI (bin/monitor.js, the exit status a shell sees); the
// others run main() in-process, which is where errors become exit codes.
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-mistakes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectUserError(result: CliResult, code: 2 | 3, pattern: RegExp): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^monitor: error: [^\n]+ \(hint: [^\n]+\)\n$/);
  expect(result.stderr).toMatch(pattern);
  expect(result.code).toBe(code);
}

function configFor(name: string, embeddedPath: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, `embedded:\n  path: ${embeddedPath}\n`);
  return path;
}

/** A valid DuckDB file holding nothing monitor knows. */
async function duckDBWithOneTable(name: string): Promise<string> {
  const path = join(dir, name);
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run('CREATE TABLE t (a INTEGER)');
  connection.closeSync();
  instance.closeSync();
  return path;
}

describe('user mistakes are user errors', () => {
  it('MONITOR_HOME pointing at a regular file: exit 2, names the variable', () => {
    const file = join(dir, 'home-is-a-file');
    writeFileSync(file, 'x');
    expectUserError(runCli(['demo', 'anomalies'], { MONITOR_HOME: file }), 2, /MONITOR_HOME .*home-is-a-file.*not a directory/);
    expectUserError(runCli(['silence', 'list'], { MONITOR_HOME: file }), 2, /MONITOR_HOME .*not a directory/);
  });

  it('demo generate --out into a folder that does not exist: exit 2', async () => {
    const result = await runCliInProcess(['demo', 'generate', '--out', '/nonexistent/dir/x.duckdb'], { MONITOR_HOME: join(dir, 'home') });
    expectUserError(result, 2, /--out \/nonexistent\/dir\/x\.duckdb: .*no such directory/);
  });

  it('demo generate --seed abc says what a seed is and echoes the value', async () => {
    const result = await runCliInProcess(['demo', 'generate', '--seed', 'abc', '--out', join(dir, 'seed.duckdb')], { MONITOR_HOME: join(dir, 'home') });
    expectUserError(result, 2, /--seed: .*whole number ≥ 0.*same seed, same data.* \(got "abc"\)/);
    expect(result.stderr).not.toMatch(/NaN|null/);
  });

  it('demo anomalies on a DuckDB file that is not a demo warehouse: exit 3', async () => {
    const other = await duckDBWithOneTable('other.duckdb');
    const result = await runCliInProcess(['demo', 'anomalies', '--config', configFor('other', other)], { MONITOR_HOME: join(dir, 'home') });
    expectUserError(result, 3, /other\.duckdb is not a demo warehouse.*monitor demo generate/);
  });

  it('a missing source table points at the README section listing the tables, not a file users do not have', async () => {
    const empty = await duckDBWithOneTable('no-tables.duckdb');
    const result = await runCliInProcess(['usage', '--date', '2026-03-01', '--config', configFor('missing-table', empty)], { MONITOR_HOME: join(dir, 'home') });
    expectUserError(result, 3, /hint: check that the configured tables exist and have the columns listed in README\.md#the-five-domains\)/);
    expect(result.stderr).not.toMatch(/DOMAINS\.md/);
  });

  it('demo anomalies on a file that is not DuckDB at all: exit 3', async () => {
    const text = join(dir, 'text.duckdb');
    writeFileSync(text, 'not a database\n');
    const result = await runCliInProcess(['demo', 'anomalies', '--config', configFor('text', text)], { MONITOR_HOME: join(dir, 'home') });
    expectUserError(result, 3, /text\.duckdb.*not a DuckDB database/);
  });

  it('a misspelled metric in a config file is refused with a suggestion, not ignored', async () => {
    const config = join(dir, 'typo.yaml');
    writeFileSync(config, 'domains:\n  usage:\n    metrics:\n      daux: { direction: up }\n');
    const result = await runCliInProcess(['usage', '--date', '2026-03-01', '--config', config], { MONITOR_HOME: join(dir, 'home') });
    expectUserError(result, 2, /domains\.usage\.metrics\.daux: usage has no metric "daux" \(did you mean "dau"\?\)/);
  });

  describe('silence add checks what it would mute', () => {
    const home = () => ({ MONITOR_HOME: join(dir, 'silence-home') });
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const add = (match: string, until = inDays(7)) => runCliInProcess(['silence', 'add', '--match', match, '--until', until, '--reason', 'test'], home());

    it.each([
      ['domain=usgae', /silence match domain=usgae: no such domain \(did you mean "usage"\?\)/],
      ['domain=usage,metric=daux', /silence match metric=daux: not a metric of usage \(did you mean "dau"\?\)/],
      ['metric=idle_cots', /silence match metric=idle_cots: not a metric of any domain \(did you mean "idle_cost"\?\)/],
      ['domain=usage,metric=revenue', /silence match metric=revenue: not a metric of usage/],
      ['domain=gpu-cost,series=studoi', /silence match series=studoi: not a series of gpu-cost \(did you mean "studio"\?\)/],
    ])('refuses --match %s with exit 2', async (match, pattern) => {
      expectUserError(await add(match), 2, pattern);
    });

    it('caps --until at silences.maxDays (90 by default)', async () => {
      expectUserError(await add('domain=usage', '2099-12-10'), 2, /--until 2099-12-10: more than 90 days ahead \(silences\.maxDays\).*hint: pick \d{4}-\d\d-\d\d or earlier/);
    });

    it('accepts a series that only exists in the data, with a warning on stderr', async () => {
      const result = await add('domain=enterprise,series=Acme Corp');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^silence \w+ added: domain=enterprise,series=Acme Corp until /);
      expect(result.stderr).toMatch(/^warning: silence match series=Acme Corp: not a series known in advance; kept, as enterprise series come from the data/);
    });

    it('accepts a valid match within the cap', async () => {
      const result = await add('domain=usage,series=free,metric=dau', inDays(90));
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    });

    it('describes add, list and remove in --help', async () => {
      const help = (await runCliInProcess(['silence', '--help'], home())).stdout;
      expect(help).toMatch(/add \[options\] +mute alerts matching/);
      expect(help).toMatch(/list \[options\] +show every silence/);
      expect(help).toMatch(/remove \[options\] <id> +delete a silence/);
    });
  });
});
