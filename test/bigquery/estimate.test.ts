import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE_HISTORY_DAYS } from '../../src/alerts/lifecycle.js';
import { loadConfig } from '../../src/config/load.js';
import { addDays, isoDate } from '../../src/dates/iso-date.js';
import { DOMAINS, DOMAIN_NAMES } from '../../src/domains/registry.js';
import { maxLookbackDays } from '../../src/run/detect-domain.js';
import { writeBigQueryConfig } from '../helpers/bigquery-config.js';
import { FakeBigQuery, type RecordedRequest } from '../helpers/fake-bigquery/index.js';
import { copyFixtureWarehouse } from '../helpers/fixture-template.js';
import { runInProcess } from '../helpers/in-process-cli.js';

/**
 * `--estimate` against the fake BigQuery (the real client, in-process CLI): it must
 * dry-run exactly the domain query the run sends, and a drill-down at least as wide as
 * the one the run sends when the date alerts, and add them up.
 */

let dir: string;
let fake: FakeBigQuery;
let configPath: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-estimate-'));
  copyFixtureWarehouse(join(dir, 'fixture.duckdb'));
  fake = await FakeBigQuery.start({ duckdbPath: join(dir, 'fixture.duckdb') });
  configPath = writeBigQueryConfig(join(dir, 'bq.yaml'));
  env = { BIGQUERY_EMULATOR_HOST: fake.url, MONITOR_HOME: join(dir, 'home') };
});

afterAll(async () => {
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface SentJob {
  readonly dryRun: boolean;
  readonly domain: string;
  readonly drillDown: boolean;
  readonly sql: string;
  readonly params: Record<string, { type: string; values: string[] }>;
  /** The whole configuration but dryRun: SQL, parameters, labels, cap, timeout. */
  readonly configuration: Record<string, unknown>;
}

/** The jobs.insert requests the fake received while `work` ran, as the client sent them. */
async function jobsSentBy(work: () => Promise<unknown>): Promise<SentJob[]> {
  const before = fake.requests.length;
  await work();
  return fake.requests
    .slice(before)
    .filter((r) => r.route === 'insert')
    .map((r: RecordedRequest) => {
      // The client sends dryRun: false inside the query configuration, dryRun: true beside it.
      const { dryRun, query: rawQuery, ...rest } = r.body.configuration as Record<string, unknown> & { dryRun?: boolean; query: Record<string, unknown> };
      const { dryRun: _queryDryRun, ...query } = rawQuery as Record<string, unknown> & { dryRun?: boolean; queryParameters: unknown; query: string };
      const configuration = { ...rest, query };
      const params = Object.fromEntries(
        (query.queryParameters as { name: string; parameterType: { type: string; arrayType?: { type: string } }; parameterValue: { value?: unknown; arrayValues?: { value: unknown }[] } }[]).map(
          (p) => [
            p.name,
            {
              type: p.parameterType.arrayType ? `ARRAY<${p.parameterType.arrayType.type}>` : p.parameterType.type,
              values: p.parameterValue.arrayValues ? p.parameterValue.arrayValues.map((v) => String(v.value)) : [String(p.parameterValue.value)],
            },
          ],
        ),
      );
      return { dryRun: dryRun === true, domain: r.body.configuration.labels.domain, drillDown: r.body.configuration.labels.query === 'drilldown', sql: query.query, params, configuration };
    });
}

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const result = await runInProcess([...args, '--config', configPath], env);
  expect(result.stderr.replace('dry run: nothing is delivered and no state is recorded\n', '')).toBe('');
  return result;
}

/** 2026-03-08: the fixture's paying image spike (usage alerts) and an ordinary day for the others. */
const ALERT_DATE = '2026-03-08';

describe('monitor --estimate on BigQuery', () => {
  it('dry-runs exactly the domain query the run sends, for every domain, and a drill-down covering the one it sends', async () => {
    const run = await jobsSentBy(() => cli(['run', '--all', '--date', ALERT_DATE, '--dry-run']));
    let estimate: { code: number; stdout: string } = { code: -1, stdout: '' };
    const estimated = await jobsSentBy(async () => (estimate = await cli(['run', '--all', '--date', ALERT_DATE, '--estimate'])));
    expect(estimate.code).toBe(0);
    expect(run.every((j) => !j.dryRun)).toBe(true);
    expect(estimated.every((j) => j.dryRun)).toBe(true);
    // One dry run per query the run could send: every domain query and every drill-down.
    expect(estimated.map((j) => `${j.domain}${j.drillDown ? ' drill-down' : ''}`)).toEqual(DOMAINS.flatMap((d) => [d.name, `${d.name} drill-down`]));

    for (const domain of DOMAINS) {
      const sent = run.filter((j) => j.domain === domain.name && !j.drillDown);
      const dry = estimated.filter((j) => j.domain === domain.name && !j.drillDown);
      expect(sent, domain.name).toHaveLength(1);
      // Same SQL, same parameters (the 14 lifecycle days and the lookback included), same labels and cap.
      expect(dry[0]?.configuration, domain.name).toEqual(sent[0]?.configuration);
    }

    const drilled = run.filter((j) => j.drillDown);
    expect(drilled.map((j) => j.domain)).toContain('usage');
    for (const sent of drilled) {
      const dry = estimated.find((j) => j.domain === sent.domain && j.drillDown);
      if (dry === undefined) throw new Error(`no drill-down estimated for ${sent.domain}`);
      expect(dry.sql).toBe(sent.sql);
      expect(Object.keys(dry.params).sort()).toEqual(Object.keys(sent.params).sort());
      for (const [name, param] of Object.entries(sent.params)) {
        const wider = dry.params[name];
        expect(wider?.type, `${sent.domain} @${name}`).toBe(param.type);
        if (param.type.startsWith('ARRAY')) {
          // The dates and series the run asked for are among those estimated (for the enterprise
          // placeholder series, which does not change the bytes, the dates only).
          if (name === 'dates' || sent.domain !== 'enterprise') expect(wider?.values, `${sent.domain} @${name}`).toEqual(expect.arrayContaining(param.values));
        } else if (name === 'end_date' || param.type !== 'DATE') {
          expect(wider?.values, `${sent.domain} @${name}`).toEqual(param.values);
        } else {
          // start_date, scan_start: the estimate starts no later, so it reads at least the same partitions.
          expect(String(wider?.values[0]) <= String(param.values[0]), `${sent.domain} @${name}`).toBe(true);
        }
      }
    }
  });

  it('prints each query with its partition range, each drill-down as conditional, and a total', async () => {
    const { code, stdout } = await cli(['run', '--all', '--date', '2026-03-10', '--estimate']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2 * DOMAINS.length + 1);
    const { config } = loadConfig({ path: configPath, knownDomains: DOMAIN_NAMES });
    const date = isoDate('2026-03-10');
    const mainBytes: number[] = [];
    const drillBytes: number[] = [];
    for (const [i, domain] of DOMAINS.entries()) {
      const main = lines[2 * i] ?? '';
      const drill = lines[2 * i + 1] ?? '';
      expect(main).toMatch(
        new RegExp(`^sql/${domain.sqlFile} would scan [\\d.]+ (B|KiB|MiB|GiB), about \\$\\d+\\.\\d{4} at \\$6\\.25/TiB \\(cap 10\\.00 GiB\\); dt \\d{4}-\\d\\d-\\d\\d to 2026-03-10 \\(\\d+ days\\)$`),
      );
      // The run's range: 14 lifecycle days before the target, each with the detector's lookback
      // (plus the domain's own look-back, e.g. usage's 28-day Heavy window, before @start_date).
      const start = addDays(date, -LIFECYCLE_HISTORY_DAYS - maxLookbackDays(domain, config));
      const first = /; dt (\S+) to/.exec(main)?.[1] ?? '';
      expect(first <= start, `${domain.name}: ${main}`).toBe(true);
      if (domain.name === 'revenue' || domain.name === 'api-runtime') expect(first).toBe(start);
      expect(drill).toMatch(
        new RegExp(`^sql/${domain.drillDown.sqlFile} runs only when ${domain.name} alerts: for alerts on 2026-03-10 \\(every series, full baseline\\) would scan [\\d.]+ (B|KiB|MiB|GiB), about \\$\\d+\\.\\d{4}; dt \\S+ to 2026-03-10 \\(\\d+ days\\)$`),
      );
      mainBytes.push(parseBytes(main));
      drillBytes.push(parseBytes(drill));
    }
    expect(lines[2]).toContain('dt 2025-07-18 to 2026-03-10 (236 days)'); // gpu-cost: 14 + 220 days and the day before (total_cost_dod)
    expect(lines[0]).toContain('dt 2025-06-22 to 2026-03-10 (262 days)'); // usage: 14 + 220 days and 27 more for the 28-day Heavy window
    const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
    const total = lines.at(-1) ?? '';
    expect(total).toMatch(/^total: [\d.]+ \w+, about \$\d+\.\d{4} without alerts; at most [\d.]+ \w+, about \$\d+\.\d{4} if every domain alerts \(at \$6\.25\/TiB\)$/);
    const [withoutAlerts, atMost] = [...total.matchAll(/([\d.]+) (B|KiB|MiB|GiB)/g)].map((m) => parseBytes(m[0]));
    // Each printed figure is rounded to 2 decimals of its unit.
    expect(withoutAlerts).toBeCloseTo(sum(mainBytes), -5);
    expect(atMost).toBeCloseTo(sum(mainBytes) + sum(drillBytes), -5);
  });

  it('one domain: its two lines and its total; nothing is run', async () => {
    const before = fake.requests.length;
    const jobs = await jobsSentBy(async () => {
      const { code, stdout } = await cli(['usage', '--date', '2026-03-10', '--estimate']);
      expect(code).toBe(0);
      expect(stdout.split('\n')).toHaveLength(4);
      expect(stdout).toMatch(/\ntotal: .* if it alerts \(at \$6\.25\/TiB\)\n$/);
    });
    expect(jobs.map((j) => [j.dryRun, j.drillDown])).toEqual([
      [true, false],
      [true, true],
    ]);
    expect(fake.requests.slice(before).filter((r) => r.route !== 'insert')).toHaveLength(0);
  });

  it('says the drill-down never runs when root cause is off, and dry-runs only the domain query', async () => {
    const off = writeBigQueryConfig(join(dir, 'no-root-cause.yaml'), { extra: ['rootCause: { top: 0 }'] });
    const jobs = await jobsSentBy(async () => {
      const result = await runInProcess(['gpu-cost', '--date', '2026-03-10', '--estimate', '--config', off], env);
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')[1]).toBe('sql/drilldown/gpu-cost.sql never runs: root cause is off (rootCause.top: 0) or no series of gpu-cost drills down');
    });
    expect(jobs.map((j) => j.drillDown)).toEqual([false]);
  });
});

function parseBytes(text: string): number {
  const match = /([\d.]+) (B|KiB|MiB|GiB|TiB)/.exec(text);
  if (match === null) throw new Error(`no byte count in: ${text}`);
  return Number(match[1]) * 1024 ** ['B', 'KiB', 'MiB', 'GiB', 'TiB'].indexOf(match[2] ?? 'B');
}
