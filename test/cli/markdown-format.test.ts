import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownTables as tables } from '../helpers/markdown-tables.js';
import { generateCliFixture, type CliFixture } from '../helpers/cli-fixture.js';
import { DELIVERY_DOMAIN, deliveryAnomalyDate } from '../helpers/fixture-template.js';
import { runCliInProcess } from '../helpers/in-process-cli.js';

// Issue 14: --format markdown on a domain, run --all, backtest and explain, end to end on
// the fixture warehouse (the real SQL on DuckDB). Each document is parsed back with a
// Markdown parser and its tables checked; the layout itself is snapshot-tested with fixed
// reports in test/alerts/render-markdown.test.ts.

let fixture: CliFixture;
let date: string;

beforeAll(() => {
  fixture = generateCliFixture('monitor-markdown-');
  date = deliveryAnomalyDate(fixture.anomalies);
});
afterAll(() => fixture?.remove());

/** The fixture's folder is new on every run; the snapshots name it <fixture>. */
function withoutFixturePaths(markdown: string): string {
  return markdown.replaceAll(fixture.dir, '<fixture>');
}

describe('--format markdown', () => {
  it('a domain: the alert table names the anomaly CRITICAL, its contributors are a table, the re-run command pins the date', async () => {
    const result = await runCliInProcess([DELIVERY_DOMAIN, '--date', date, '--dry-run', '--format', 'markdown', '--config', fixture.config], fixture.env);
    expect(result.code, result.stderr).toBe(0);
    const [alerts, ...rest] = tables(result.stdout);
    expect(alerts?.header.slice(0, 2)).toEqual(['Severity', 'Series · metric']);
    expect(alerts?.rows.some((row) => row[0] === 'CRITICAL' && row[1]?.startsWith('Studio'))).toBe(true);
    expect(rest.some((table) => table.header[1] === 'Dimension')).toBe(true);
    expect(result.stdout).toContain(`Re-run: \`monitor ${DELIVERY_DOMAIN} --date ${date} --config ${fixture.config}\``);
  });

  it('explain: the facts and the baseline days are tables', async () => {
    const result = await runCliInProcess(['explain', DELIVERY_DOMAIN, '--date', date, '--series', 'studio', '--metric', 'idle_cost', '--format', 'markdown', '--config', fixture.config], fixture.env);
    expect(result.code, result.stderr).toBe(0);
    await expect(withoutFixturePaths(result.stdout)).toMatchFileSnapshot('__snapshots__/explain.md');
    const parsed = tables(result.stdout);
    const facts = new Map(parsed.flatMap((table) => (table.header[0] === 'What' ? table.rows.map((row) => [row[0], row[1]] as const) : [])));
    expect(facts.get('result')).toMatch(/^ALERT (CRITICAL|WARNING|NOTICE)/);
    expect(facts.get('z')).toMatch(/^[+-]\d+\.\d/);
    const days = parsed.find((table) => table.header[0] === 'Date');
    expect(days?.rows.length).toBeGreaterThanOrEqual(4);
    expect(days?.rows.every((row) => /^\d{4}-\d{2}-\d{2}$/.test(row[0] ?? ''))).toBe(true);
  });

  it('backtest: the day-by-day table holds the anomaly, the per-series table every series', async () => {
    const result = await runCliInProcess(['backtest', DELIVERY_DOMAIN, '--from', date, '--to', date, '--format', 'markdown', '--config', fixture.config], fixture.env);
    expect(result.code, result.stderr).toBe(0);
    await expect(withoutFixturePaths(result.stdout)).toMatchFileSnapshot('__snapshots__/backtest.md');
    const [days, perSeries] = tables(result.stdout);
    expect(days?.rows.some((row) => row[0]?.startsWith(date) === true && row[2]?.startsWith('Studio') === true)).toBe(true);
    expect(perSeries?.header[0]).toBe('series · metric');
    expect(perSeries?.rows.length).toBeGreaterThan(3);
    expect(result.stdout).toContain(`Re-run: \`monitor backtest ${DELIVERY_DOMAIN} --from ${date} --to ${date} --config ${fixture.config}\``);
  });
});
