import { beforeAll, describe, expect, it } from 'vitest';
import { useDeliveryFixture } from '../helpers/delivery-fixture.js';
import { DELIVERY_DOMAIN } from '../helpers/fixture-template.js';
import type { FakeSlack } from '../helpers/fake-slack/index.js';
import { runCliInProcess } from '../helpers/in-process-cli.js';
import { runCliAsync, spawnCli, type CliResult } from '../helpers/run-cli.js';

/**
 * "Nothing lost, nothing doubled" across crashes: the CLI is killed (SIGKILL) at each step
 * of delivering a digest, then run again against the same state and fake Slack. Every
 * digest must arrive; a crash may add at most one extra copy, and only a copy that says
 * it may repeat; the re-run's log must say what really happened. A run that is killed is
 * the built CLI in a process of its own (bin/monitor.js); the runs after it, and the runs
 * nothing kills, are main() in this process, as the next cron run would run the program.
 */
const REPEAT_MARKER = 'This may repeat a message posted earlier';
const DOMAIN = DELIVERY_DOMAIN;
const delivery = useDeliveryFixture('monitor-crash-', 'slack:\n  delivery: { timeoutMs: 2000, attempts: 3, minDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 }\n');
let slack: FakeSlack;
let config: string;
let date: string;

beforeAll(() => {
  ({ slack, date } = delivery());
  config = delivery().fixture.config;
});

/** A fresh state directory per test, one webhook. */
const freshEnv = (): Record<string, string> => delivery().freshEnv();

const args = (): string[] => [DOMAIN, '--date', date, '--config', config];
const run = (env: Record<string, string>): Promise<CliResult> => runCliInProcess(args(), env);
/** The built CLI in a process of its own, killed (SIGKILL) by itself at the failpoint. */
const crashAt = (point: string, env: Record<string, string>): Promise<CliResult> => runCliAsync(args(), { ...env, MONITOR_FAILPOINT: point });
const posts = () => slack.received.map((r) => ({ outcome: r.outcome, marked: JSON.stringify(r.body).includes(REPEAT_MARKER) }));
const accepted = () => posts().filter((p) => p.outcome === 'ok');

/** Killed by SIGKILL: no exit code, and nothing after the crash point ran. */
function expectKilled(result: CliResult): void {
  expect(result.code).toBeNull();
  expect(result.stderr).not.toMatch(/slack: \d+ sent/);
}

describe('a run killed while delivering, then run again', () => {
  it('(a) after the claim, before the POST: the next run sends at once, unmarked, and says why', async () => {
    const env = freshEnv();
    expectKilled(await crashAt('after-claim', env));
    expect(slack.received).toHaveLength(0);
    const again = await run(env);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`slack \\S+: an earlier run was interrupted while sending ${DOMAIN} ${date} \\(.*\\); sending now`));
    expect(again.stderr).toMatch(/slack: 1 sent, 0 already sent earlier, 0 kept in the outbox/);
    expect(posts()).toEqual([{ outcome: 'ok', marked: false }]);
  });

  it('(b) during the POST (Slack has the request, no answer yet): one more copy, marked as a possible repeat', async () => {
    const env = freshEnv();
    slack.respond([{ hang: true }]);
    const running = spawnCli(args(), env);
    await slack.nextRequest();
    running.child.kill('SIGKILL');
    expectKilled(await running.done);
    const again = await run(env);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`slack \\S+: an earlier run was interrupted while sending ${DOMAIN} ${date} after its post may have reached Slack .*possible repeat`));
    expect(posts()).toEqual([
      { outcome: 'hang', marked: false },
      { outcome: 'ok', marked: true },
    ]);
  });

  it('(c) after Slack accepted, before the run recorded it: at most one extra copy, marked, then nothing more', async () => {
    const env = freshEnv();
    expectKilled(await crashAt('before-record', env));
    expect(accepted()).toHaveLength(1);
    const again = await run(env);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`an earlier run was interrupted while sending ${DOMAIN} ${date} after its post may have reached Slack .*possible repeat`));
    expect(again.stderr).toMatch(/slack: 1 sent, 0 already sent earlier, 0 kept in the outbox/);
    const third = await run(env);
    expect(third.code).toBe(0);
    expect(third.stderr).toMatch(/slack: 0 sent, 1 already sent earlier, 0 kept in the outbox/);
    expect(posts()).toEqual([
      { outcome: 'ok', marked: false },
      { outcome: 'ok', marked: true },
    ]);
  });

  it('a crash before the POST, then one after it: still at most one extra copy', async () => {
    const env = freshEnv();
    expectKilled(await crashAt('after-claim', env));
    expectKilled(await crashAt('before-record', env));
    expect((await run(env)).code).toBe(0);
    expect((await run(env)).code).toBe(0);
    expect(posts()).toEqual([
      { outcome: 'ok', marked: false },
      { outcome: 'ok', marked: true },
    ]);
  });
});

describe('a Slack that does not answer', () => {
  it('is posted to once per run, not once per try: the timed-out post may have arrived, so the next run sends one marked copy', async () => {
    const env = freshEnv();
    slack.respond([{ hang: true }, { hang: true }, { hang: true }, { hang: true }]);
    const first = await run(env);
    expect(first.code).toBe(4);
    expect(first.stderr).toMatch(/no answer within 2000 ms \(timeout\); the post may have reached Slack, not retried/);
    expect(slack.received).toHaveLength(1);
    slack.respond([]);
    const second = await run(env);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`slack \\S+: the last post of ${DOMAIN} ${date} may have reached Slack .*possible repeat`));
    expect(posts()).toEqual([
      { outcome: 'hang', marked: false },
      { outcome: 'ok', marked: true },
    ]);
  });
});

describe('a webhook URL that can never work', () => {
  it.each([
    ['an ftp:// URL', 'ftp://127.0.0.1/services/T0/B0/x', /uses ftp:, not https:/],
    ['plain http to a host that is not loopback', 'http://hooks.slack.com/services/T0/B0/x', /plain http is allowed only to a loopback host/],
  ])('%s fails at once with a hint, posts nothing, and keeps the digest for a run with a good URL', async (_name, url, message) => {
    const env = freshEnv();
    const bad = await run({ ...env, SLACK_WEBHOOK_URL: url });
    expect(bad.code).toBe(4);
    expect(bad.stderr).toMatch(message);
    expect(bad.stderr).toMatch(/hint: /);
    expect(bad.stderr).not.toMatch(/try 1 of|retrying/);
    expect(bad.stderr).not.toContain('/services/T0/B0/x');
    expect(slack.received).toHaveLength(0);
    const good = await run(env);
    expect(good.code).toBe(0);
    expect(posts()).toEqual([{ outcome: 'ok', marked: false }]);
  });
});
