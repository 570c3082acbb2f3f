import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack, closedPort } from '../helpers/fake-slack/index.js';
import { copyFixtureWarehouse, DELIVERY_DOMAIN, deliveryAnomalyDate } from '../helpers/fixture-template.js';
import { runCliInProcess } from '../helpers/in-process-cli.js';
import { runCliAsync } from '../helpers/run-cli.js';


// The runs are main() in-process (the real @slack/webhook client, the real state file,
// this process's fake Slack), as the program runs them. Two tests use the built CLI in
// processes of their own: two runs at the same time, and the webhook URL that must not
// appear anywhere a process can print it.

let dir: string;
let slack: FakeSlack;
let fixtureConfig: string;
let home = 0;

/** A fresh state directory per test: delivery state must not leak between tests. */
function env(extra: Record<string, string> = {}): Record<string, string> {
  home += 1;
  return { MONITOR_HOME: join(dir, `home-${home}`), ...extra };
}

let anomalies: { start: string; domain: string; series: string; metric: string }[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-slack-'));
  // The generator's ground truth: what `monitor demo anomalies --format json` prints for this file.
  anomalies = copyFixtureWarehouse(join(dir, 'fixture.duckdb')).anomalies;
  fixtureConfig = join(dir, 'fixture.yaml');
  writeFileSync(fixtureConfig, `embedded:\n  path: ${join(dir, 'fixture.duckdb')}\nslack:\n  delivery: { timeoutMs: 2000, attempts: 3, minDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 }\n`);
  slack = await FakeSlack.start();
});

beforeEach(() => slack.reset());

afterAll(async () => {
  await slack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const usageAnomaly = () => anomalies.find((a) => a.domain === 'usage' && a.series === 'free') ?? anomalies[0]!;
/** The tests of delivery itself run gpu-cost's studio anomaly (deliveryAnomalyDate says why). */
const deliveryRun = (): string[] => [DELIVERY_DOMAIN, '--date', deliveryAnomalyDate(anomalies), '--config', fixtureConfig];
const delivered = () => slack.received.filter((r) => r.outcome === 'ok');

describe('Slack delivery through the real @slack/webhook client', () => {
  it('posts one digest, and re-running the date does not post again (--resend does)', async () => {
    const e = env({ SLACK_WEBHOOK_URL: slack.url() });
    const date = usageAnomaly().start;
    const first = await runCliInProcess(['usage', '--date', date, '--config', fixtureConfig], e);
    expect(first.code, first.stderr).toBe(0);
    expect(delivered()).toHaveLength(1);
    expect((delivered()[0]?.body as { blocks: { type: string }[] }).blocks[0]?.type).toBe('header');
    expect(JSON.stringify(delivered()[0]?.body)).toContain(`monitor usage --date ${date}`);
    // The free-tier login outage, broken down by tier: root cause travels with the alert.
    expect(JSON.stringify(delivered()[0]?.body)).toMatch(/Top contributors:\\n• tier free: [\d,]+ → [\d,]+ \(-[\d,]+, \d+% of the move\)/);
    const again = await runCliInProcess(['usage', '--date', date, '--config', fixtureConfig], e);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/1 already sent earlier/);
    expect(delivered()).toHaveLength(1);
    const resend = await runCliInProcess(['usage', '--date', date, '--config', fixtureConfig, '--resend'], e);
    expect(resend.code).toBe(0);
    expect(delivered()).toHaveLength(2);
  });

  it('keeps an undelivered digest in the outbox, exits 4, and sends it first on the next run — exactly once', async () => {
    const e = env({ SLACK_WEBHOOK_URL: slack.url() });
    slack.respond([{ status: 500 }, { status: 500 }, { status: 500 }]);
    const failing = await runCliInProcess(deliveryRun(), e);
    expect(failing.code).toBe(4);
    expect(failing.stderr).toMatch(/kept in the outbox/);
    expect(delivered()).toHaveLength(0);
    const next = await runCliInProcess(deliveryRun(), e);
    expect(next.code).toBe(0);
    expect(delivered()).toHaveLength(1);
    const third = await runCliInProcess(deliveryRun(), e);
    expect(third.code).toBe(0);
    expect(delivered()).toHaveLength(1);
  });

  it('two runs at the same time post one message', async () => {
    const e = env({ SLACK_WEBHOOK_URL: slack.url() });
    const [a, b] = await Promise.all([
      runCliAsync(deliveryRun(), e),
      runCliAsync(deliveryRun(), e),
    ]);
    expect([a.code, b.code], `${a.stderr}${b.stderr}`).toEqual([0, 0]);
    expect(delivered()).toHaveLength(1);
  });

  it('routes gpu-cost studio alerts to the Studio team webhook', async () => {
    const e = env({ SLACK_WEBHOOK_URL: slack.url('/services/T0/B0/default'), SLACK_WEBHOOK_STUDIO_TEAM: slack.url('/services/T0/B0/studio') });
    const result = await runCliInProcess(deliveryRun(), e);
    expect(result.code).toBe(0);
    expect(delivered().map((r) => r.path)).toContain('/services/T0/B0/studio');
    expect(delivered().filter((r) => r.path.endsWith('/default'))).toHaveLength(0);
  });

  it('never prints the webhook URL, even when delivery fails', async () => {
    const secret = slack.url('/services/T0SECRET/B0SECRET/xyzSECRET');
    const e = env({ SLACK_WEBHOOK_URL: secret });
    slack.respond([{ status: 404, body: 'no_service' }]);
    const result = await runCliAsync([...deliveryRun(), '--format', 'json'], e);
    expect(result.code).toBe(4);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/SECRET/);
  });

  it('with no webhook configured, prints the alerts and says so', async () => {
    const result = await runCliInProcess(['usage', '--date', usageAnomaly().start, '--config', fixtureConfig], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/CRITICAL/);
    expect(result.stderr).toMatch(/no webhook configured for default \(set SLACK_WEBHOOK_URL\); alerts were printed only/);
  });

  it('a silence records matching alerts but does not send them', async () => {
    const e = env({ SLACK_WEBHOOK_URL: slack.url() });
    const anomaly = usageAnomaly();
    // Within silences.maxDays (90) of the real today, and after every fixture date.
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const added = await runCliInProcess(['silence', 'add', '--match', `domain=usage,series=${anomaly.series}`, '--until', until, '--reason', 'known migration', '--config', fixtureConfig], e);
    expect(added.code).toBe(0);
    const listed = await runCliInProcess(['silence', 'list', '--config', fixtureConfig], e);
    expect(listed.stdout).toMatch(new RegExp(`domain=usage,series=${anomaly.series}.*until ${until}.*known migration`));
    await runCliInProcess(['usage', '--date', anomaly.start, '--config', fixtureConfig], e);
    const bodies = delivered().map((r) => JSON.stringify(r.body));
    expect(bodies.every((b) => !b.includes(`${anomaly.series === 'free' ? 'Free' : anomaly.series} ·`))).toBe(true);
    const id = /silence (\w+) added/.exec(added.stdout)?.[1] ?? '';
    const removed = await runCliInProcess(['silence', 'remove', id, '--config', fixtureConfig], e);
    expect(removed.code).toBe(0);
  });

  // Every fault during the first run: each digest is delivered exactly once across this
  // run and the next, and Slack sees at most two POSTs (a try that may have arrived is
  // not retried in the run; the next run's copy says it may repeat).
  it.each([
    ['429 with Retry-After: 1 (waited, delivered in this run)', [{ status: 429, retryAfterSeconds: 1 }], 0, 2],
    ['two 500s then success (retried in this run)', [{ status: 500 }, { status: 500 }], 0, 3],
    ['a hanging server (one timeout, not retried; next run delivers)', [{ hang: true }, { hang: true }, { hang: true }], 4, 2],
    ['a dropped connection (not retried; next run delivers)', [{ destroy: true }, { destroy: true }, { destroy: true }], 4, 2],
  ] as const)('%s', async (_name, script, firstExit, posts) => {
    const e = env({ SLACK_WEBHOOK_URL: slack.url() });
    slack.respond([...script]);
    const first = await runCliInProcess(deliveryRun(), e);
    expect(first.code).toBe(firstExit);
    slack.respond([]);
    const second = await runCliInProcess(deliveryRun(), e);
    expect(second.code).toBe(0);
    expect(delivered()).toHaveLength(1);
    expect(slack.received).toHaveLength(posts);
  });

  it('connection refused: exit 4, and the next run with Slack reachable delivers once', async () => {
    const e = env({ SLACK_WEBHOOK_URL: `http://127.0.0.1:${await closedPort()}/services/T0/B0/x` });
    const refused = await runCliInProcess(deliveryRun(), e);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/ECONNREFUSED/);
    const next = await runCliInProcess(deliveryRun(), { ...e, SLACK_WEBHOOK_URL: slack.url() });
    expect(next.code).toBe(0);
    expect(delivered()).toHaveLength(1);
  });

  it('follows an alert over consecutive days: new, then resolved', async () => {
    const e = env({ SLACK_WEBHOOK_URL: slack.url() });
    const anomaly = usageAnomaly();
    const nextDay = new Date(Date.parse(`${anomaly.start}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await runCliInProcess(['usage', '--date', anomaly.start, '--config', fixtureConfig], e);
    await runCliInProcess(['usage', '--date', nextDay, '--config', fixtureConfig], e);
    const [day1, day2] = delivered().map((r) => JSON.stringify(r.body));
    expect(day1).toMatch(/· new/);
    expect(day2).toMatch(new RegExp(`back to normal \\(alerting since ${anomaly.start}\\)`));
  });
});

