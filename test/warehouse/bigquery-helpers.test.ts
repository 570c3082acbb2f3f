import { BigQuery } from '@google-cloud/bigquery';
import { describe, expect, it } from 'vitest';
import { isTransient, redact, toWarehouseError } from '../../src/warehouse/bigquery-errors.js';
import { toBigQueryParams } from '../../src/warehouse/bigquery-params.js';
import { jobLabels } from '../../src/warehouse/job-labels.js';
import { isoDate } from '../../src/dates/iso-date.js';

const apiError = (code: number, reason: string, message = 'boom') => Object.assign(new Error(message), { code, errors: [{ reason, message }] });

describe('job labels', () => {
  it('keeps BigQuery label rules: lowercase, [a-z0-9_-], ≤ 63 chars, keys start with a letter', () => {
    expect(jobLabels({ domain: 'usage', date: '2026-03-01', tool: 'monitor-0.1.0', '9Team': 'Data Eng' })).toEqual({
      domain: 'usage',
      date: '2026-03-01',
      tool: 'monitor-0_1_0',
      team: 'data_eng',
    });
    expect(jobLabels({ k: 'x'.repeat(80) })['k']).toHaveLength(63);
  });
});

describe('query parameters', () => {
  it('are always sent with explicit types', () => {
    expect(
      toBigQueryParams({
        d: { type: 'DATE', value: isoDate('2026-03-01') },
        n: { type: 'INT64', value: 5 },
        s: { type: 'ARRAY<STRING>', value: ['a'] },
        ds: { type: 'ARRAY<DATE>', value: [isoDate('2026-03-01'), isoDate('2026-03-08')] },
      }),
    ).toEqual({
      params: { d: BigQuery.date('2026-03-01'), n: 5, s: ['a'], ds: [BigQuery.date('2026-03-01'), BigQuery.date('2026-03-08')] },
      types: { d: 'DATE', n: 'INT64', s: ['STRING'], ds: ['DATE'] },
    });
  });
});

describe('BigQuery error classification', () => {
  it.each([
    [apiError(503, 'backendError'), true],
    [apiError(500, 'internalError'), true],
    [apiError(429, 'rateLimitExceeded'), true],
    [apiError(403, 'rateLimitExceeded'), true],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true],
    [apiError(400, 'invalidQuery'), false],
    [apiError(404, 'notFound'), false],
    [apiError(403, 'accessDenied'), false],
    [apiError(401, 'unauthorized'), false],
  ])('%s is transient: %s', (error, transient) => {
    expect(isTransient(error)).toBe(transient);
  });

  it('names the table on notFound and the roles on accessDenied, in one line', () => {
    const notFound = toWarehouseError(apiError(404, 'notFound', 'Not found: Table p:d.usage_daily was not found in location US'), 'sql/usage.sql on BigQuery');
    expect(notFound.message).toBe('sql/usage.sql on BigQuery: Not found: Table p:d.usage_daily was not found in location US');
    const denied = toWarehouseError(apiError(403, 'accessDenied', 'User does not have bigquery.jobs.create permission'), 'q');
    expect(denied.message).toMatch(/access denied: User does not have bigquery.jobs.create/);
    expect(denied.hint).toMatch(/roles\/bigquery.jobUser/);
  });

  it('points an invalid query at the README section listing the source tables', () => {
    const invalid = toWarehouseError(apiError(400, 'invalidQuery', 'Unrecognized name: dau'), 'sql/usage.sql on BigQuery');
    expect(invalid.hint).toMatch(/README\.md#the-five-domains/);
    expect(invalid.hint).not.toMatch(/DOMAINS\.md/);
  });

  it('never lets a token or key into a message', () => {
    expect(redact('failed with Authorization: Bearer ya29.a0AfH6SMBx-secret')).toBe('failed with Authorization: Bearer [redacted]');
    expect(redact('{"private_key": "-----BEGIN', )).not.toMatch(/BEGIN/);
    expect(toWarehouseError(new Error('invalid_grant access_token=abc.def'), 'q').message).not.toMatch(/abc\.def/);
  });
});
