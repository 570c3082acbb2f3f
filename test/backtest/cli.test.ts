import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateRange, isoDate, weekdayName } from '../../src/dates/iso-date.js';
import { backtestFixture, runInProcess, type BacktestFixture, type CliRun } from '../helpers/in-process-cli.js';

/** What a person reads: per-day alert lines, a per-series summary, label scores; and the usage errors. */

const FROM = isoDate('2026-02-01');
const TO = isoDate('2026-03-31');
const SEVERITIES = ['NOTICE', 'WARNING', 'CRITICAL'] as const;

let fixture: BacktestFixture;
let usageText: CliRun;

beforeAll(async () => {
  fixture = backtestFixture('monitor-backtest-cli-');
  usageText = await runInProcess(['backtest', 'usage', '--from', FROM, '--to', TO, '--config', fixture.config], fixture.env);
});

afterAll(() => fixture?.remove());

const backtest = (...args: string[]): Promise<CliRun> => runInProcess(['backtest', ...args, '--config', fixture.config], fixture.env);

function writeLabels(name: string, content: string): string {
  const path = join(fixture.dir, name);
  writeFileSync(path, content);
  return path;
}

/** The label table's row for a level: [level, found, flags, false, …]. */
function labelRow(stdout: string, level: string): string[] {
  const line = stdout.split('\n').find((l) => l.trimStart().startsWith(`${level} `));
  if (line === undefined) throw new Error(`no label row ${level} in:\n${stdout}`);
  return line.trim().split(/\s+/);
}

describe('monitor backtest, text output on the demo warehouse', () => {
  it('heads the report with the range and the warehouse, and writes nothing on stderr without a terminal', () => {
    expect(usageText.code).toBe(0);
    expect(usageText.stderr).toBe('');
    expect(usageText.stdout.split('\n')[0]).toBe(`monitor backtest · ${FROM} … ${TO} (${dateRange(FROM, TO).length} days) · embedded DuckDB ${join(fixture.dir, 'fixture.duckdb')}`);
    expect(usageText.stdout).toContain('\nusage · ');
  });

  it('prints an alert line on each day of an injected usage anomaly', () => {
    const anomalies = fixture.summary.anomalies.filter((a) => a.domain === 'usage' && a.start >= FROM && a.end <= TO);
    expect(anomalies.length).toBeGreaterThanOrEqual(3);
    for (const anomaly of anomalies) {
      for (const date of dateRange(anomaly.start, anomaly.end)) {
        expect(usageText.stdout).toMatch(new RegExp(`^  ${date} ${weekdayName(date)}  (NOTICE|WARNING|CRITICAL) +\\S.* · .*  μ .*  z [+-]`, 'm'));
      }
    }
  });

  it('summarises every series × metric with alert rates per 30 scored days that match the alert lines', () => {
    const lines = usageText.stdout.split('\n');
    const header = lines.findIndex((l) => /^  series · metric +scored +insuff\. +DQ +NOTICE\/30d +WARNING\/30d +CRITICAL\/30d +sent$/.test(l));
    expect(header).toBeGreaterThan(0);
    expect(lines[header - 1]).toMatch(/^  Summary: 59 days · .* sent · \d+ data-quality findings · \d+ days data not arrived$/);
    // The table runs until the Labels line: one row per series × metric (usage: 5 segments × 4 metrics).
    const rows = lines.slice(header + 1, lines.findIndex((l, i) => i > header && l.startsWith('  Labels:')));
    expect(rows).toHaveLength(20);
    // Alert lines, counted per "series · metric" and severity.
    const counted = new Map<string, number>();
    for (const match of usageText.stdout.matchAll(/^  \d{4}-\d{2}-\d{2} \w{3}  (NOTICE|WARNING|CRITICAL) +(.+?)  /gm)) {
      const key = `${match[2]}|${match[1]}`;
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
    expect(counted.size).toBeGreaterThan(0);
    let alertsInTable = 0;
    for (const row of rows) {
      const cells = row.trim().split(/\s{2,}/);
      expect(cells).toHaveLength(8);
      const [name, scored, , , ...rest] = cells as [string, string, string, string, string, string, string, string];
      expect(Number(scored)).toBe(59);
      SEVERITIES.forEach((severity, i) => {
        const count = counted.get(`${name}|${severity}`) ?? 0;
        alertsInTable += count;
        expect(rest[i], `${name} ${severity}/30d`).toBe(((count * 30) / Number(scored)).toFixed(2));
      });
    }
    expect(alertsInTable).toBe([...counted.values()].reduce((a, b) => a + b, 0));
  });

  it("ends with the generator's ground truth as labels, scored per level", () => {
    const events = fixture.summary.anomalies.filter((a) => a.domain === 'usage' && a.end >= FROM && a.start <= TO).length;
    expect(usageText.stdout).toContain(`  Labels: the demo generator's ground truth (seed ${fixture.summary.seed}), ${events} events (no point adjustment)\n`);
    expect(usageText.stdout).toMatch(/^  level +found +flags +false +false\/100d +precision +recall +F1 +delay d$/m);
    for (const level of ['sent', '≥NOTICE', '≥WARNING', 'CRITICAL']) expect(labelRow(usageText.stdout, level)[1]).toMatch(new RegExp(`^\\d+/${events}$`));
    // Every usage anomaly of the fixture is CRITICAL by design and found.
    expect(labelRow(usageText.stdout, 'CRITICAL')[1]).toBe(`${events}/${events}`);
    expect(usageText.stdout.trimEnd().split('\n').at(-1)).toMatch(/^  CRITICAL +\d+\/\d+ /);
  });
});

describe('monitor backtest --labels FILE', () => {
  it('scores against a file with window_dates only: an event around an anomaly is found, one on quiet days is missed', async () => {
    // gpu-cost: a cheap query, and from 03-20 to 03-31 its only alerts are the studio idle spike's.
    const anomaly = fixture.summary.anomalies.find((a) => a.id === 'gpu-studio-idle-spike');
    if (anomaly === undefined) throw new Error('the generator no longer injects gpu-studio-idle-spike');
    const range = ['--from', '2026-03-20', '--to', '2026-03-31'];
    const labels = writeLabels('labels.json', JSON.stringify({ events: [{ window_dates: [anomaly.start] }] }));
    const run = await backtest('gpu-cost', ...range, '--labels', labels);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`  Labels: ${labels}, 1 event (no point adjustment)\n`);
    expect(run.stdout).not.toContain('ground truth');
    for (const level of ['sent', '≥NOTICE', 'CRITICAL']) expect(labelRow(run.stdout, level)[1]).toBe('1/1');
    // Every flag is on the anomaly's day: none is false.
    expect(labelRow(run.stdout, 'sent')[3]).toBe('0');
    expect(run.stdout).not.toContain('missed by what is sent');

    // A second event on days with no gpu-cost alert.
    const two = writeLabels('labels-two.json', JSON.stringify({ events: [{ window_dates: [anomaly.start] }, { window_dates: ['2026-03-22', '2026-03-21'] }] }));
    const missed = await backtest('gpu-cost', ...range, '--labels', two);
    expect(missed.code).toBe(0);
    expect(labelRow(missed.stdout, 'sent')[1]).toBe('1/2');
    expect(missed.stdout).toContain('  missed by what is sent: event 2 (2026-03-21)\n');
  });

  it.each([
    ['not JSON', 'bad-1.json', '{"events": [', /labels file .*bad-1\.json is not JSON/],
    ['no window_dates', 'bad-2.json', '{"events": [{"point_dates": ["2026-03-16"]}]}', /labels file .*bad-2\.json at events\.0\.window_dates: /],
    ['a date that is not YYYY-MM-DD', 'bad-3.json', '{"events": [{"window_dates": ["16/03/2026"]}]}', /labels file .*bad-3\.json at events\.0\.window_dates\.0: "16\/03\/2026" is not a date/],
  ])('a labels file with %s: exit 2, one line on stderr, nothing on stdout', async (_what, name, content, message) => {
    const path = writeLabels(name, content);
    const run = await backtest('usage', '--from', '2026-03-10', '--to', '2026-03-20', '--labels', path);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^monitor: error: [^\n]+ \(hint: [^\n]+\)\n$/);
    expect(run.stderr).toMatch(message);
  });

  it('a labels file that does not exist: exit 2, one line', async () => {
    const run = await backtest('usage', '--from', '2026-03-10', '--to', '2026-03-20', '--labels', join(fixture.dir, 'missing.json'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^monitor: error: cannot read labels file [^\n]*missing\.json: ENOENT \(hint: [^\n]+\)\n$/);
  });
});

describe('monitor backtest usage errors: exit 2, one line, nothing on stdout', () => {
  it.each([
    ['--from after --to', ['usage', '--from', '2026-03-20', '--to', '2026-03-10'], /--from 2026-03-20 is after --to 2026-03-10/],
    ['an unknown domain', ['sales', '--from', '2026-03-10', '--to', '2026-03-20'], /unknown domain sales/],
    ['a domain and --all', ['usage', '--all', '--from', '2026-03-10', '--to', '2026-03-20'], /give a domain or --all, not both/],
    ['neither a domain nor --all', ['--from', '2026-03-10', '--to', '2026-03-20'], /needs a domain or --all/],
    ['a date that is not a date', ['usage', '--from', '2026-02-30', '--to', '2026-03-20'], /2026-02-30/],
  ])('%s', async (_what, args, message) => {
    const run = await backtest(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^monitor: [^\n]+\n$/);
    expect(run.stderr).toMatch(message);
  });
});

describe('monitor backtest progress', () => {
  const args = ['gpu-cost', '--from', '2026-03-01', '--to', '2026-03-31', '--format', 'json'];

  it('draws a bar on the stream io.progressStream() gives (a terminal), never on stderr or stdout', async () => {
    const terminal = new PassThrough();
    let drawn = '';
    terminal.setEncoding('utf8').on('data', (chunk: string) => (drawn += chunk));
    const run = await backtest(...args);
    expect(run.code).toBe(0);
    const withBar = await runInProcess(['backtest', ...args, '--config', fixture.config], fixture.env, { progress: terminal });
    expect(withBar.code).toBe(0);
    expect(withBar.stderr).toBe('');
    expect(drawn).toContain('1/1 domains · gpu-cost');
    // The bar is not part of the results: the same JSON as without a terminal.
    expect(withBar.stdout).toBe(run.stdout);
  });

  it('with no terminal (io without progressStream), nothing on stderr', async () => {
    const run = await backtest(...args);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toHaveProperty('command', 'backtest');
  });
});
