import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/**
 * The real thing, on a sandbox project: runs only when MONITOR_LIVE_BIGQUERY_CONFIG names
 * a config with `warehouse: bigquery` and Application Default Credentials are available
 * (GOOGLE_APPLICATION_CREDENTIALS or `gcloud auth application-default login`).
 *   MONITOR_LIVE_BIGQUERY_CONFIG=./my-sandbox.yaml npx vitest run test/bigquery/live.test.ts
 */
const config = process.env['MONITOR_LIVE_BIGQUERY_CONFIG'];
const forward = (names: string[]): Record<string, string> =>
  Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name] as string]] : [])));
const env = forward(['GOOGLE_APPLICATION_CREDENTIALS', 'CLOUDSDK_CONFIG', 'GOOGLE_CLOUD_PROJECT', 'HOME']);

describe.skipIf(config === undefined)('live BigQuery (MONITOR_LIVE_BIGQUERY_CONFIG)', () => {
  it('estimates the usage query with a dry run', () => {
    const result = runCli(['usage', '--config', config as string, '--estimate'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/sql\/usage\.sql would scan [\d.]+ \w+, about \$[\d.]+/);
  });

  it('runs the usage monitor for yesterday', () => {
    const result = runCli(['usage', '--config', config as string, '--format', 'json'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).reports[0].domain).toBe('usage');
  });
});
