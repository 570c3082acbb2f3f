import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { isoDate } from '../../src/dates/iso-date.js';
import { DOMAIN_NAMES } from '../../src/domains/registry.js';
import { bigQueryStateExecutor } from '../../src/state/bigquery-state-executor.js';
import { openDuckDBStateExecutor } from '../../src/state/duckdb-state-executor.js';
import { StateStore } from '../../src/state/state-store.js';
import { openBigQueryWarehouse } from '../../src/warehouse/bigquery.js';
import { FakeBigQuery } from '../helpers/fake-bigquery/index.js';
import { writeBigQueryConfig } from '../helpers/bigquery-config.js';

let dir: string;
let fake: FakeBigQuery;
let clock = Date.parse('2026-03-10T06:00:00Z');
const now = () => new Date(clock);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-state-'));
  // An empty DuckDB file behind the fake BigQuery: the state tables are created through it.
  const instance = await DuckDBInstance.create(join(dir, 'bq.duckdb'));
  instance.closeSync();
  fake = await FakeBigQuery.start({ duckdbPath: join(dir, 'bq.duckdb'), writable: true, pendingPolls: 0 });
});

afterAll(async () => {
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
const engines = {
  'a local DuckDB file': async () => StateStore.open(await openDuckDBStateExecutor(join(dir, `state-${++seq}.duckdb`), { lockTimeoutMs: 1000, log: () => {} }), now),
  'a BigQuery dataset (through the real client)': async () => {
    const path = writeBigQueryConfig(join(dir, `bq-${++seq}.yaml`), { extra: ['state:', `  dataset: test-project.state_${seq}`] });
    const { config } = loadConfig({ path, knownDomains: DOMAIN_NAMES });
    const warehouse = openBigQueryWarehouse({ config: config.bigquery!, tables: config.tables, env: { BIGQUERY_EMULATOR_HOST: fake.url }, log: () => {} });
    return StateStore.open(bigQueryStateExecutor(warehouse, config.state.dataset!), now);
  },
};
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
