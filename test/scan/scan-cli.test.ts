import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess as runCli } from '../helpers/in-process-cli.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'monitor-scan-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { MONITOR_HOME: join(dir, 'home') };

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** 12 weeks of a flat weekly pattern with a little noise, then `last` on the final day. */
function weekly(last: number, options: { gapOn?: string } = {}): string {
  const lines = ['date,value'];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < 84; i++) {
    const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    if (date === options.gapOn) continue;
    const value = i === 83 ? last : 1000 + (i % 7) * 100 + ((i * 37) % 11);
    lines.push(`${date},${value}`);
  }
  return lines.join('\n') + '\n';
}

describe('monitor scan --csv: bad files', () => {
  const cases: [string, string, RegExp][] = [
    ['no date column', 'day,value\n2024-01-01,1\n', /no column "date" \(columns: day, value\)/],
    ['unparsable date', 'date,value\n2024-01-01,1\n2024-13-01,2\n', /line 3, column "date": "2024-13-01" is not a date/],
    ['duplicate date', 'date,value\n2024-01-01,1\n2024-01-02,2\n2024-01-01,3\n', /line 4: date 2024-01-01 appears twice \(first on line 2\)/],
    ['non-numeric value', 'date,value\n2024-01-01,1\n2024-01-02,abc\n', /line 3, column "value": "abc" is not a number/],
    ['duplicate date in one series', 'date,series,value\n2024-01-01,a,1\n2024-01-01,b,1\n2024-01-01,a,2\n', /line 4: date 2024-01-01 appears twice for series "a"/],
  ];
  for (const [name, text, message] of cases) {
    it(`${name}: exit 2, one line naming the row and column`, async () => {
      const result = await runCli(['scan', '--csv', file(`${name.replace(/ /g, '-')}.csv`, text)], env);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    });
  }

  it('a missing file and an unreadable labels file exit 2 with one line', async () => {
    const missing = await runCli(['scan', '--csv', join(dir, 'nope.csv')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const labels = await runCli(['scan', '--csv', file('ok.csv', weekly(1000)), '--labels', file('bad.json', '{"events": [{"window_dates": ["2024-02-30"]}]}')], env);
    expect(labels.code).toBe(2);
    expect(labels.stderr).toMatch(/labels file .*bad\.json at events\.0\.window_dates\.0: "2024-02-30" is not a date/);
  });
});

describe('monitor scan --csv: scoring', () => {
  it('flags a spike on the last day, with the custom column names, and scores it against window-only labels', async () => {
    const csv = file('custom.csv', weekly(5000).replace('date,value', 'day,signups'));
    const labels = file('labels.json', JSON.stringify({ events: [{ window_dates: ['2024-03-24', '2024-03-25'] }] }));
    const result = await runCli(['scan', '--csv', csv, '--date-col', 'day', '--value-col', 'signups', '--labels', labels, '--format', 'json'], env);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { domains: { days: { date: string; alerts: { severity: string; direction: string }[] }[]; labels: { scores: { level: string; score: { eventsFound: number; events: number; falseAlerts: number } }[] } }[] };
    const [domain] = json.domains;
    const flagged = domain?.days.filter((d) => d.alerts.length > 0).map((d) => d.date);
    expect(flagged).toEqual(['2024-03-24']);
    expect(domain?.days.at(-1)?.alerts[0]).toMatchObject({ severity: 'CRITICAL', direction: 'up' });
    const sent = domain?.labels.scores.find((s) => s.level === 'sent')?.score;
    expect(sent).toMatchObject({ eventsFound: 1, events: 1, falseAlerts: 0 });
  });

  it('--direction down ignores the spike; the config scan section does the same', async () => {
    const csv = file('spike.csv', weekly(5000));
    const down = await runCli(['scan', '--csv', csv, '--direction', 'down'], env);
    expect(down.code).toBe(0);
    expect(down.stdout).toMatch(/Summary: 84 days · no alerts/);
    const config = file('scan.yaml', 'scan:\n  series:\n    value: { direction: down }\n');
    const configured = await runCli(['scan', '--csv', csv, '--config', config], env);
    expect(configured.stdout).toMatch(/Summary: 84 days · no alerts/);
  });

  it('--metric-kind decides what a day missing from the file is: 0 for a count, missing for a ratio', async () => {
    // The gap is a Sunday inside the baseline of the last day (also a Sunday).
    const csv = file('gap.csv', weekly(1300 + 6 * 0, { gapOn: '2024-03-17' }));
    const count = JSON.parse((await runCli(['scan', '--csv', csv, '--format', 'json'], env)).stdout) as { domains: { days: { date: string; alerts: unknown[] }[] }[] };
    const ratio = JSON.parse((await runCli(['scan', '--csv', csv, '--metric-kind', 'ratio', '--format', 'json'], env)).stdout) as typeof count;
    const on = (json: typeof count) => json.domains[0]?.days.find((d) => d.date === '2024-03-17')?.alerts.length;
    expect(on(count)).toBe(1); // a 0 where ~1600 is usual: a drop
    expect(on(ratio)).toBe(0); // no value: not scored
  });
});

describe('monitor calibrate --csv', () => {
  it('writes a scan.series overlay that brings NYC taxi within a budget of 0.5 per 30 days on unlabelled days and loses no labelled event', async () => {
    const nyc = join(REPO_ROOT, 'test/fixtures/benchmarks/nyc-taxi');
    const csv = join(nyc, 'nyc_taxi_daily.csv');
    const labels = join(nyc, 'labels.json');
    const overlay = join(dir, 'nyc-overlay.yaml');
    const scoresOf = (stdout: string) =>
      (JSON.parse(stdout) as { domains: { labels: { scores: { level: string; score: { eventsFound: number; falseAlerts: number; scoredDays: number } }[] } }[] }).domains[0]?.labels.scores.find(
        (s) => s.level === 'NOTICE',
      )?.score;
    const before = scoresOf((await runCli(['scan', '--csv', csv, '--labels', labels, '--format', 'json'], env)).stdout);
    // --budget 0.5: 160 of the 187 scored days are outside every window, so 2 clean alerts are allowed.
    const calibrated = await runCli(['calibrate', '--csv', csv, '--labels', labels, '--days', '215', '--budget', '0.5', '--write', overlay], env);
    expect(calibrated.code).toBe(0);
    expect(calibrated.stdout).toMatch(/wrote 1 suggestion/);
    const after = scoresOf((await runCli(['scan', '--csv', csv, '--labels', labels, '--config', overlay, '--format', 'json'], env)).stdout);
    expect(before?.falseAlerts).toBeGreaterThan(2);
    expect(after?.falseAlerts).toBeLessThanOrEqual(2);
    expect(after?.eventsFound).toBe(before?.eventsFound);
  });
});
