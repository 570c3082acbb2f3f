import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../src/demo/generate.js';
import { FakeBigQuery } from '../helpers/fake-bigquery/index.js';
import { FakeSlack } from '../helpers/fake-slack/index.js';
import { copyFixtureWarehouse, DELIVERY_DOMAIN, deliveryAnomalyDate } from '../helpers/fixture-template.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { writeBigQueryConfig } from '../helpers/bigquery-config.js';

let dir: string;
let bigquery: FakeBigQuery;
let slack: FakeSlack;
let summary: DemoSummary;
let configPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-bq-state-'));
  // The shared fixture (seed 42, 150 days to 2026-03-31), copied: the fake BigQuery writes the state tables into it.
  summary = copyFixtureWarehouse(join(dir, 'warehouse.duckdb'));
  bigquery = await FakeBigQuery.start({ duckdbPath: join(dir, 'warehouse.duckdb'), writable: true });
  slack = await FakeSlack.start();
  configPath = writeBigQueryConfig(join(dir, 'bq.yaml'), {
    extra: [
      'state:',
      '  dataset: test-project.monitor_state',
      'slack:',
      '  delivery: { timeoutMs: 2000, attempts: 2, minDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 1000 }',
    ],
  });
});

afterAll(async () => {
  await slack?.stop();
  await bigquery?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// gpu-cost's studio anomaly, run through the fake BigQuery: deliveryAnomalyDate says why.
const DOMAIN = DELIVERY_DOMAIN;

describe('delivery state in a BigQuery dataset', () => {
  it('posts a date once across runs, with no local state file', async () => {
    const env = { BIGQUERY_EMULATOR_HOST: bigquery.url, SLACK_WEBHOOK_URL: slack.url(), MONITOR_HOME: join(dir, 'home') };
    const run = [DOMAIN, '--date', deliveryAnomalyDate(summary.anomalies), '--config', configPath];
    const first = await runCliAsync(run, env);
    expect(first.stderr).toMatch(/slack: 1 sent/);
    expect(first.code).toBe(0);
    const firstRequests = bigquery.requests.length;
    const second = await runCliAsync(run, env);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/1 already sent earlier/);
    expect(slack.received.filter((r) => r.outcome === 'ok')).toHaveLength(1);
    const stateJobs = bigquery.requests.filter((r) => r.route === 'insert' && JSON.stringify(r.body).includes('monitor_state.monitor_'));
    expect(stateJobs.length).toBeGreaterThan(0);
    // The tables exist after the first run: later opens check them in one job instead of
    // re-running the eight CREATE/ALTER statements, each a job of its own (StateStore.open).
    const schemaJobs = (jobs: typeof bigquery.requests) => jobs.filter((r) => r.route === 'insert' && /(CREATE|ALTER) TABLE/.test(JSON.stringify(r.body)));
    expect(schemaJobs(bigquery.requests.slice(0, firstRequests)).length).toBeGreaterThan(0);
    expect(schemaJobs(bigquery.requests.slice(firstRequests))).toEqual([]);
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(dir, 'home', 'state.duckdb'))).toBe(false);
  });

  it('a run killed after claiming a digest: the next run on this host sends it at once, with no local state file', async () => {
    const date = new Date(Date.parse(`${deliveryAnomalyDate(summary.anomalies)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const env = { BIGQUERY_EMULATOR_HOST: bigquery.url, SLACK_WEBHOOK_URL: slack.url('/services/T0/B0/crash'), MONITOR_HOME: join(dir, 'home') };
    const crashed = await runCliAsync([DOMAIN, '--date', date, '--config', configPath], { ...env, MONITOR_FAILPOINT: 'after-claim' });
    expect(crashed.code).toBeNull();
    const again = await runCliAsync([DOMAIN, '--date', date, '--config', configPath], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`an earlier run was interrupted while sending ${DOMAIN} ${date} \\(its process \\d+ on this host is gone\\); sending now`));
    expect(again.stderr).toMatch(/slack: 1 sent, 0 already sent earlier/);
    expect(slack.received.filter((r) => r.path.endsWith('/crash')).map((r) => r.outcome)).toEqual(['ok']);
  });
});
