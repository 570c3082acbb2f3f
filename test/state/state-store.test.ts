import { afterAll, describe, expect, it } from 'vitest';
import { isoDate } from '../../src/dates/iso-date.js';
import { StateStore } from '../../src/state/state-store.js';
import { startStateLocations } from '../helpers/state-locations.js';

let clock = Date.parse('2026-03-10T06:00:00Z');
const now = () => new Date(clock);
const locations = await startStateLocations('monitor-state-');

afterAll(() => locations.stop());

/** Each test gets a fresh state location in each engine. */
const engines = Object.fromEntries(
  Object.entries(locations.engines).map(([name, location]) => [name, async () => StateStore.open(await location()(), now)]),
);
const key = { domain: 'usage', date: isoDate('2026-03-10'), route: 'default' };

describe.each(Object.entries(engines))('delivery state in %s', (_name, open) => {
  it('claims a digest once; --resend claims it again', async () => {
    const store = await open();
    try {
      const first = await store.claim(key, 'SLACK_WEBHOOK_URL', '{"text":"a"}', false);
      expect(first?.id).toBeDefined();
      expect(await store.claim(key, 'SLACK_WEBHOOK_URL', '{"text":"a"}', false)).toBeUndefined();
      expect(await store.claim({ ...key, route: 'other' }, 'SLACK_WEBHOOK_URL', '{}', false)).toBeDefined();
      expect(await store.claim(key, 'SLACK_WEBHOOK_URL', '{"text":"b"}', true)).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('keeps a failed digest in the outbox until it is sent, leased to one run at a time', async () => {
    const store = await open();
    try {
      const claimed = await store.claim(key, 'SLACK_WEBHOOK_URL', '{"text":"x"}', false);
      expect(await store.takePendingOutbox()).toEqual([]); // leased to this run while it sends
      await store.markFailed(claimed!.id, 'HTTP 500');
      const pending = await store.takePendingOutbox();
      expect(pending.map((p) => [p.id, p.payload, p.attempts, p.date])).toEqual([[claimed!.id, '{"text":"x"}', 1, '2026-03-10']]);
      expect(await store.takePendingOutbox()).toEqual([]); // taken: no second run sends it too
      await store.markSent(claimed!.id);
      clock += 60 * 60 * 1000;
      expect(await store.takePendingOutbox()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('lets another run take over a digest left "sending" by a run that died, once its lease is stale', async () => {
    const store = await open();
    try {
      await store.claim({ ...key, route: 'crashed' }, 'SLACK_WEBHOOK_URL', '{}', false); // never marked sent or failed
      expect(await store.takePendingOutbox()).toEqual([]);
      clock += 16 * 60 * 1000;
      expect((await store.takePendingOutbox()).map((p) => p.route)).toEqual(['crashed']);
    } finally {
      await store.close();
    }
  });

  it('records alerts by fingerprint (a re-run replaces) and keeps silences', async () => {
    const store = await open();
    try {
      const alert = { domain: 'usage', series: 'free', metric: 'dau', direction: 'down', date: isoDate('2026-03-10'), severity: 'WARNING', route: 'default', status: 'pending' };
      await store.recordAlerts([alert]);
      await store.recordAlerts([{ ...alert, severity: 'CRITICAL', status: 'sent' }]);
      expect(await store.alertLog('usage', isoDate('2026-03-10'))).toEqual([{ ...alert, severity: 'CRITICAL', status: 'sent' }]);
      const silence = await store.addSilence({ match: { domain: 'usage', series: 'free' }, until: isoDate('2026-04-01'), reason: 'migration' });
      expect(await store.silences()).toEqual([silence]);
      expect(await store.removeSilence(silence.id)).toBe(true);
      expect(await store.removeSilence(silence.id)).toBe(false);
    } finally {
      await store.close();
    }
  });
});
