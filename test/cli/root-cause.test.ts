import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.js';
import type { JsonReport } from '../../src/alerts/render-json.js';
import { generateCliFixture, type CliFixture, type FixtureAnomaly } from '../helpers/cli-fixture.js';
import { runCliInProcess as runCli, type CliRun } from '../helpers/in-process-cli.js';

/**
 * Root cause through the CLI (main() in-process: nothing here is about the process) on
 * the fixture warehouse (seed 42, 150 days to 2026-03-31): the generator records, for each
 * injected anomaly, the member that caused it; the drill-down must rank that member first.
 */
let fixture: CliFixture;
let env: Record<string, string>;
let config: string;
let anomalies: readonly FixtureAnomaly[];

beforeAll(() => {
  fixture = generateCliFixture('monitor-rootcause-');
  ({ env, config, anomalies } = fixture);
});

afterAll(() => fixture?.remove());

/**
 * A dry run's report per domain and date, run once: several tests read the same day's
 * alerts (a dry run records nothing, so the runs are the same whichever test asks first).
 */
const reports = new Map<string, Promise<CliRun>>();

async function alertsOn(domain: string, date: string): Promise<Alert[]> {
  const key = `${domain} ${date}`;
  let run = reports.get(key);
  if (run === undefined) reports.set(key, (run = runCli([domain, '--date', date, '--config', config, '--format', 'json', '--dry-run'], env)));
  const result = await run;
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as JsonReport).reports.flatMap((r) => r.alerts);
}

const anomaly = (id: string): FixtureAnomaly => fixture.anomaly(id);

async function alertFor(a: FixtureAnomaly, series = a.series, metric = a.metric): Promise<Alert> {
  const alert = (await alertsOn(a.domain, a.start)).find((x) => x.series === series && x.metric === metric);
  if (alert === undefined) throw new Error(`no ${a.domain} ${series}/${metric} alert on ${a.start}`);
  return alert;
}

describe('the injected cause ranks first', () => {
  it('one org goes silent: Enterprise Contract DAU → that org, marked gone', async () => {
    const a = anomaly('usage-enterprise-contract-dau-drop');
    const [first] = (await alertFor(a)).contributors;
    expect(first).toMatchObject({ dimension: 'org', member: a.rootCause?.member, current: 0, status: 'vanished', method: 'balanced_cost' });
  });

  it('one tier’s image generations triple: Paying image generations → pro, explaining most of the move', async () => {
    const a = anomaly('usage-paying-image-spike');
    const alert = await alertFor(a);
    expect(alert.contributors[0]).toMatchObject({ dimension: 'tier', member: 'pro' });
    expect(alert.contributors[0]?.share).toBeGreaterThan(0.9);
    // Members add up: the contributors' baselines and currents sum to the alert's μ and value.
    const sum = (pick: (c: Alert['contributors'][number]) => number): number => alert.contributors.reduce((s, c) => s + pick(c), 0);
    expect(sum((c) => c.current)).toBeCloseTo(alert.value, 6);
    expect(sum((c) => c.baseline)).toBeCloseTo(alert.mean, 6);
  });

  it('one studio process burns idle GPU: Studio idle cost → video-render', async () => {
    const a = anomaly('gpu-studio-idle-spike');
    expect((await alertFor(a)).contributors[0]).toMatchObject({ dimension: 'process', member: 'video-render' });
  });

  it('one endpoint’s latency regresses: the API’s p95 → that endpoint (ranked by own change × traffic)', async () => {
    const a = anomaly('api-video-p95-latency');
    const result = await runCli(['explain', a.domain, '--date', a.start, '--series', 'total', '--metric', a.metric, '--config', config, '--format', 'json'], env);
    expect(result.code, result.stderr).toBe(0);
    const { rootCause } = JSON.parse(result.stdout) as { rootCause: { methods: string[]; contributors: Alert['contributors'] } };
    expect(rootCause.methods).toEqual(['volume_weighted']);
    expect(rootCause.contributors[0]).toMatchObject({ dimension: 'endpoint', member: a.rootCause?.member });
  });

  it('an org alert names the users who stopped, ranked by their part of the move', async () => {
    const a = anomaly('enterprise-largest-org-silent');
    const alert = await alertFor(a);
    expect(alert.contributors).toHaveLength(5);
    for (const c of alert.contributors) expect(c).toMatchObject({ dimension: 'user', current: 0, status: 'vanished', method: 'change' });
    // The most regular users first: a baseline of 1 is a user active on every baseline day.
    const baselines = alert.contributors.map((c) => c.baseline);
    expect(baselines).toEqual([...baselines].sort((x, y) => y - x));
  });

  it('every injected anomaly with a known cause: the alert names it first, or its series already is the cause', async () => {
    const checked = anomalies.filter((a) => a.rootCause !== null);
    expect(checked.length).toBeGreaterThanOrEqual(8);
    for (const a of checked) {
      const alert = await alertFor(a);
      if (a.series === a.rootCause?.member) continue;
      expect({ id: a.id, first: alert.contributors[0] }).toMatchObject({ id: a.id, first: { dimension: a.rootCause?.dimension, member: a.rootCause?.member } });
    }
  });
});

describe('contributors in every output', () => {
  it('the text report lists them under the alert', async () => {
    const a = anomaly('usage-paying-image-spike');
    const result = await runCli(['usage', '--date', a.start, '--config', config, '--dry-run'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/CRITICAL {2}Paying · Image generations.*\n.*→ .*\n {12}↳ tier pro: [\d,]+ → [\d,]+ \(\+[\d,]+, \d+% of the move\)/);
  });

  it('explain shows the ranked contributors and how they were ranked', async () => {
    const a = anomaly('gpu-studio-idle-spike');
    const result = await runCli(['explain', a.domain, '--date', a.start, '--series', a.series, '--metric', a.metric, '--config', config], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^contributors by process, ranked by ThirdEye balanced cost/m);
    expect(result.stdout).toMatch(/^ {2}1\. process video-render: [\d,.]+ → [\d,.]+ USD \(\+[\d,.]+, \d+% of the move\) {3}\[cost \d\.\d{3}, share of total \+\d+\.\d pts\]$/m);
  });

  it('explain says when a series has no finer cut', async () => {
    const a = anomaly('revenue-standard-cancellations-spike');
    const result = await runCli(['explain', a.domain, '--date', a.start, '--series', a.series, '--metric', a.metric, '--config', config], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^contributors none: .* has no finer drill-down dimension$/m);
  });
});
