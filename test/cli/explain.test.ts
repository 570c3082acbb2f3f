import { addDays, type IsoDate } from '../../src/dates/iso-date.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCliFixture, type CliFixture, type FixtureAnomaly } from '../helpers/cli-fixture.js';
import { runCliInProcess } from '../helpers/in-process-cli.js';
import { runCli } from '../helpers/run-cli.js';

let fixture: CliFixture;
let env: Record<string, string>;
let config: string;
let anomaly: FixtureAnomaly;

beforeAll(() => {
  fixture = generateCliFixture('monitor-explain-');
  ({ env, config } = fixture);
  anomaly = fixture.anomalies.find((a) => a.domain === 'usage' && a.series === 'free') ?? (fixture.anomalies[0] as FixtureAnomaly);
});

afterAll(() => fixture?.remove());

// The first test runs the built CLI (bin/monitor.js, a process of its own, as a user
// would); the others run main() in-process: they are about what explain says, not about
// the process.
describe('monitor explain', () => {
  it('shows everything behind an alert: baseline dates and values, μ, level, expected value, scale, both z, thresholds, rules, re-run command', () => {
    const result = runCli(['explain', 'usage', '--date', anomaly.start, '--series', anomaly.series, '--metric', anomaly.metric, '--config', config], env);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out.match(/^ {2}\d{4}-\d{2}-\d{2} \(\w{3}\) {2}[\d,]+$/gm)).toHaveLength(10);
    expect(out).toMatch(/^μ [\d,]+ {3}σ of the kept values [\d,.]+$/m);
    expect(out).toMatch(/^level {8}(not enough recent days|[+-][\d.]+%: the median deviation of \d{4}-\d{2}-\d{2} … \d{4}-\d{2}-\d{2} from their own baselines)/m);
    expect(out).toMatch(/^expected {5}[\d,]+ {3}\(μ moved by the recent level\)$/m);
    expect(out).toMatch(/^scale {8}[\d,.]+: pooled over \d+ recent days' prediction errors/m);
    expect(out).toMatch(/^z {12}[+-]\d+\.\d {3}vs μ [+-]\d+\.\d, vs expected [+-]\d+\.\d \(the weaker counts/m);
    expect(out).toMatch(/thresholds {3}NOTICE > 2, WARNING > 3, CRITICAL > 4\.5 → CRITICAL/);
    expect(out).toMatch(/rules {8}direction both; min change up \d+ %, down \d+ %/);
    expect(out).toMatch(/result {7}ALERT CRITICAL/);
    expect(out).toMatch(new RegExp(`re-run {7}monitor usage --date ${anomaly.start} --config `));
  });

  it('lists an earlier anomaly in the same-weekday baseline as left out, with its own z', async () => {
    const weekLater = addDays(anomaly.start as IsoDate, 7);
    const result = await runCliInProcess(['explain', 'usage', '--date', weekLater, '--series', anomaly.series, '--metric', anomaly.metric, '--config', config], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^ {2}${anomaly.start} \\(\\w{3}\\) {2}[\\d,]+ {2}left out: outlier: the day itself scored z [+-]\\d+\\.\\d \\(\\|z\\| > 3\\)$`, 'm'));
  });

  it('explains why a quiet series did not alert', async () => {
    const result = await runCliInProcess(['explain', 'usage', '--date', anomaly.start, '--series', 'heavy', '--metric', 'dau', '--config', config, '--format', 'json'], env);
    expect(result.code).toBe(0);
    const explanation = JSON.parse(result.stdout);
    expect(explanation).toMatchObject({ schemaVersion: 1, domain: 'usage', series: 'heavy', evaluation: { kind: 'scored', severity: null } });
    expect(explanation.evaluation.baseline.values).toHaveLength(10);
    // A quiet point is broken down too: what moved, even though nothing alerted.
    expect(explanation.rootCause).toMatchObject({ dimensions: ['tier'], methods: ['balanced_cost'], error: null });
    expect(Array.isArray(explanation.rootCause.contributors)).toBe(true);
  });

  it('says when history is too short to score', async () => {
    const result = await runCliInProcess(['explain', 'usage', '--date', '2025-11-24', '--series', 'free', '--metric', 'dau', '--config', config], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/result {7}warming up \(insufficient history\): 3 of 4 baseline values — not scored, no alert possible/);
    expect(result.stdout).toMatch(/excluded: no data that day/);
    expect(result.stdout).toMatch(/^contributors by tier, ranked by ThirdEye balanced cost/m);
  });

  it.each([
    [['explain', 'usage', '--series', 'nope', '--metric', 'dau'], /--series nope: no such usage series .*\(hint: one of: enterprise_contract/],
    [['explain', 'usage', '--series', 'free', '--metric', 'nope'], /--metric nope: not a usage metric \(hint: one of: dau, /],
    [['explain', 'sales', '--series', 'free', '--metric', 'dau'], /unknown domain sales/],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const result = await runCliInProcess([...args, '--date', '2026-03-10', '--config', config], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
