import { afterAll, describe, expect, it } from 'vitest';
import { isoDate } from '../../src/dates/iso-date.js';
import type { ProcessTable } from '../../src/state/owner-process.js';
import type { StateExecutor } from '../../src/state/state-executor.js';
import { StateStore } from '../../src/state/state-store.js';
import { startStateLocations, type StateLocations } from '../helpers/state-locations.js';

/**
 * Taking over a digest from a run that died while sending it: at once when that run was
 * a process on this host that no longer exists, after the lease otherwise; and whether a
 * post may already have reached Slack travels with the row. Processes are played by an
 * injected ProcessTable, so "a run that died" is exact and needs no real crash here
 * (test/notify/crash-recovery.test.ts does real ones).
 */
let clock = Date.parse('2026-03-10T06:00:00Z');
const now = () => new Date(clock);
const locations: StateLocations = await startStateLocations('monitor-takeover-');

afterAll(() => locations.stop());

const key = { domain: 'usage', date: isoDate('2026-03-10'), route: 'default' };
const PAYLOAD = '{"text":"x","blocks":[]}';

/** A run as process `pid` on `host`, seeing the processes in `dead` as gone. */
function processes(host: string, pid: number, dead: readonly number[] = []): ProcessTable {
  return { self: { host, pid }, isAlive: (p) => !dead.includes(p) };
}

describe.each(Object.entries(locations.engines))('outbox takeover in %s', (_name, location) => {
  /** Runs `work` as one run of the CLI would: open, work, close. */
  async function asRun<T>(open: () => Promise<StateExecutor>, table: ProcessTable, work: (store: StateStore) => Promise<T>): Promise<T> {
    const store = await StateStore.open(await open(), now, table);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  it('takes over at once a digest whose sender on this host is gone, before any post: unmarked', async () => {
    const open = location();
    await asRun(open, processes('h1', 101), (s) => s.claim(key, 'SLACK_WEBHOOK_URL', PAYLOAD, false)); // then "dies"
    const taken = await asRun(open, processes('h1', 202, [101]), async (s) => {
      const items = await s.takePendingOutbox();
      expect(await s.takePendingOutbox()).toEqual([]); // leased to this run now
      return items;
    });
    expect(taken.map((t) => [t.route, t.payload, t.maybePosted, t.interrupted])).toEqual([['default', PAYLOAD, false, { reason: 'owner-gone', pid: 101 }]]);
  });

  it('leaves a digest to a sender on this host that is alive, and to one on another host until its lease expires', async () => {
    const open = location();
    await asRun(open, processes('h1', 101), (s) => s.claim(key, 'SLACK_WEBHOOK_URL', PAYLOAD, false));
    expect(await asRun(open, processes('h1', 202), (s) => s.takePendingOutbox())).toEqual([]);
    const holder = await asRun(open, processes('h1', 202), async (s) => {
      expect(await s.claim(key, 'SLACK_WEBHOOK_URL', PAYLOAD, false)).toBeUndefined();
      return s.claimHolder(key);
    });
    expect(holder).toEqual({ status: 'sending', onThisHost: true, pid: 101 });
    // On another host pid 101 means nothing: only the lease can free the digest.
    expect(await asRun(open, processes('h2', 303, [101]), (s) => s.takePendingOutbox())).toEqual([]);
    clock += 16 * 60 * 1000;
    const taken = await asRun(open, processes('h2', 303), (s) => s.takePendingOutbox());
    expect(taken.map((t) => t.interrupted)).toEqual([{ reason: 'lease-expired' }]);
  });

  it('remembers that a post may have reached Slack, across a takeover and a later failure that sent nothing', async () => {
    const open = location();
    await asRun(open, processes('h1', 101), async (s) => {
      const claimed = await s.claim(key, 'SLACK_WEBHOOK_URL', PAYLOAD, false);
      await s.markPostStarted(claimed!.id); // then "dies" during the POST
    });
    const [taken] = await asRun(open, processes('h1', 202, [101]), async (s) => {
      const items = await s.takePendingOutbox();
      await s.markFailed(items[0]!.id, 'HTTP 500', items[0]!.maybePosted);
      return items;
    });
    expect(taken).toMatchObject({ maybePosted: true, interrupted: { reason: 'owner-gone', pid: 101 } });
    const [pending] = await asRun(open, processes('h1', 303), async (s) => {
      const items = await s.takePendingOutbox();
      await s.markFailed(items[0]!.id, 'ECONNREFUSED', false);
      return items;
    });
    expect(pending).toMatchObject({ maybePosted: true, attempts: 1 });
    expect(pending?.interrupted).toBeUndefined();
    const [cleared] = await asRun(open, processes('h1', 404), async (s) => {
      const items = await s.takePendingOutbox();
      await s.markSent(items[0]!.id);
      expect(await s.claimHolder(key)).toEqual({ status: 'sent' });
      return items;
    });
    expect(cleared).toMatchObject({ maybePosted: false, attempts: 2 });
  });

  it('migrates an outbox table from before owner processes were recorded, keeping its rows', async () => {
    const open = location();
    const old = await open();
    await old.run('old table', `CREATE TABLE IF NOT EXISTS \`monitor_outbox\` (id STRING, domain STRING, date DATE, route STRING, webhook_env STRING, payload STRING,
     status STRING, attempts INT64, last_error STRING, owner STRING, leased_at STRING, created_at STRING, sent_at STRING)`, {});
    await old.run('old row', "INSERT INTO `monitor_outbox` VALUES ('old-1', 'usage', DATE '2026-03-09', 'default', 'SLACK_WEBHOOK_URL', '{}', 'pending', 1, 'HTTP 500', NULL, '2026-03-09T06:00:00Z', '2026-03-09T06:00:00Z', NULL)", {});
    await old.close();
    const taken = await asRun(open, processes('h1', 101), (s) => s.takePendingOutbox());
    expect(taken.map((t) => [t.id, t.maybePosted, t.interrupted])).toEqual([['old-1', false, undefined]]);
    // Opening again is a no-op for the migration.
    expect(await asRun(open, processes('h1', 202), (s) => s.takePendingOutbox())).toEqual([]);
  });
});
