import { BigQuery } from '@google-cloud/bigquery';
import type { QueryParams } from './types.js';

type BigQueryParamType = 'DATE' | 'INT64' | 'FLOAT64' | 'STRING' | 'BOOL' | ['STRING'] | ['DATE'];

/**
 * QueryParams → the client's `params` + `types`. Types are always explicit: the client
 * would otherwise guess (a DATE sent as text becomes STRING and breaks partition pruning).
 * DATE values must also be BigQueryDate objects: given a plain string with type DATE,
 * the client sends the parameter without a value, i.e. NULL (seen against the test server).
 */
export function toBigQueryParams(params: QueryParams): { params: Record<string, unknown>; types: Record<string, BigQueryParamType> } {
  const values: Record<string, unknown> = {};
  const types: Record<string, BigQueryParamType> = {};
  for (const [name, param] of Object.entries(params)) {
    switch (param.type) {
      case 'ARRAY<STRING>':
        values[name] = [...param.value];
        types[name] = ['STRING'];
        break;
      case 'ARRAY<DATE>':
        values[name] = param.value.map((date) => BigQuery.date(date));
        types[name] = ['DATE'];
        break;
      case 'DATE':
        values[name] = BigQuery.date(param.value);
        types[name] = param.type;
        break;
      default:
        values[name] = param.value;
        types[name] = param.type;
    }
  }
  return { params: values, types };
}
