import { BigQuery, type BigQueryOptions } from '@google-cloud/bigquery';
import { PassThroughClient } from 'google-auth-library';
import type { FakeBigQuery } from './server.js';

export const TEST_PROJECT = 'test-project';

/**
 * The real client pointed at the fake, as the monitor builds it: PassThroughClient sends
 * no token (there is no metadata server or key file here) and autoRetry is off so an
 * injected fault reaches the caller instead of being retried away.
 */
export function fakeBigQueryClient(fake: FakeBigQuery, options: BigQueryOptions = {}): BigQuery {
  return new BigQuery({ projectId: TEST_PROJECT, apiEndpoint: fake.url, authClient: new PassThroughClient(), autoRetry: false, ...options });
}
