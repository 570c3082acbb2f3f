import { BIGINT, BOOLEAN, DATE, DOUBLE, VARCHAR, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { parseIsoDate, type IsoDate } from '../../../src/dates/iso-date.js';
import { bindParams } from '../../../src/warehouse/duckdb.js';
import type { QueryParam } from '../../../src/warehouse/types.js';
import { BigQueryApiError } from './api-error.js';

/** Named query parameters as received in a jobs.insert / jobs.query body. */
export interface ReceivedParams {
  /** Parameters that carry a value, in the repo's own types (so bindParams binds them). */
  readonly values: Readonly<Record<string, QueryParam>>;
  /**
   * Parameters sent without `parameterValue.value`: BigQuery reads them as NULL. The
   * client sends exactly this for a DATE given as a plain string (it reads `.value`
   * of a BigQueryDate), so the fake must not invent a value either.
   */
  readonly nulls: Readonly<Record<string, DuckDBType>>;
}

const SCALAR_DUCKDB_TYPES: Readonly<Record<string, DuckDBType>> = {
  DATE,
  INT64: BIGINT,
  FLOAT64: DOUBLE,
  STRING: VARCHAR,
  BOOL: BOOLEAN,
};

function invalid(message: string): BigQueryApiError {
  return new BigQueryApiError(400, 'invalid', message);
}

export function parseQueryParameters(raw: unknown, parameterMode: unknown): ReceivedParams {
  if (raw === undefined) return { values: {}, nulls: {} };
  if (!Array.isArray(raw)) throw invalid('queryParameters must be a list');
  if (typeof parameterMode === 'string' && parameterMode.toUpperCase() === 'POSITIONAL') {
    throw invalid('the fake BigQuery supports named parameters only (parameterMode NAMED)');
  }
  const values: Record<string, QueryParam> = {};
  const nulls: Record<string, DuckDBType> = {};
  for (const entry of raw as unknown[]) {
    const { name, type, arrayType, value, arrayValues } = readEntry(entry);
    if (type === 'ARRAY') {
      // proto3 JSON drops empty lists, so a missing arrayValues is an empty array, not NULL.
      const items = (arrayValues ?? []).map((item) => String(item));
      if (arrayType === 'STRING') values[name] = { type: 'ARRAY<STRING>', value: items };
      else if (arrayType === 'DATE') values[name] = { type: 'ARRAY<DATE>', value: items.map((item) => isoDateParam(name, item)) };
      else throw invalid(`parameter ${name}: the fake supports ARRAY<STRING> and ARRAY<DATE> only, got ARRAY<${arrayType}>`);
      continue;
    }
    const duckdbType = SCALAR_DUCKDB_TYPES[type];
    if (duckdbType === undefined) throw invalid(`parameter ${name}: unsupported type ${type}`);
    if (value === undefined || value === null) nulls[name] = duckdbType;
    else values[name] = scalarParam(name, type, value);
  }
  return { values, nulls };
}

interface ParameterEntry {
  name: string;
  type: string;
  arrayType?: string;
  value?: unknown;
  arrayValues?: unknown[];
}

function readEntry(entry: unknown): ParameterEntry {
  const record = (entry ?? {}) as {
    name?: unknown;
    parameterType?: { type?: unknown; arrayType?: { type?: unknown } };
    parameterValue?: { value?: unknown; arrayValues?: { value?: unknown }[] };
  };
  if (typeof record.name !== 'string' || record.name === '') throw invalid('a named query parameter has no name');
  const type = record.parameterType?.type;
  if (typeof type !== 'string') throw invalid(`parameter ${record.name}: parameterType.type is missing`);
  const arrayType = record.parameterType?.arrayType?.type;
  const arrayValues = record.parameterValue?.arrayValues?.map((item) => item.value);
  return {
    name: record.name,
    type: type.toUpperCase(),
    ...(typeof arrayType === 'string' ? { arrayType: arrayType.toUpperCase() } : {}),
    value: record.parameterValue?.value,
    ...(arrayValues === undefined ? {} : { arrayValues }),
  };
}

function isoDateParam(name: string, text: string): IsoDate {
  const date = parseIsoDate(text);
  if (date === undefined) throw invalid(`Invalid DATE value for parameter ${name}: ${text}`);
  return date;
}

/** JSON carries INT64 as a number or a decimal string (the client sends numbers). */
function scalarParam(name: string, type: string, value: unknown): QueryParam {
  const text = String(value);
  switch (type) {
    case 'DATE':
      return { type: 'DATE', value: isoDateParam(name, text) };
    case 'INT64': {
      const number = Number(text);
      if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(number)) throw invalid(`Invalid INT64 value for parameter ${name}: ${text}`);
      return { type: 'INT64', value: number };
    }
    case 'FLOAT64': {
      const number = Number(text);
      if (Number.isNaN(number) && text !== 'NaN') throw invalid(`Invalid FLOAT64 value for parameter ${name}: ${text}`);
      return { type: 'FLOAT64', value: number };
    }
    case 'BOOL':
      if (text !== 'true' && text !== 'false') throw invalid(`Invalid BOOL value for parameter ${name}: ${text}`);
      return { type: 'BOOL', value: text === 'true' };
    default:
      return { type: 'STRING', value: text };
  }
}

/**
 * DuckDB bindings for the parameters the SQL uses. BigQuery ignores bound parameters
 * the SQL never mentions; DuckDB rejects them, so only the used ones are bound.
 */
export function duckdbBindings(
  params: ReceivedParams,
  used: ReadonlySet<string>,
): { values: Record<string, DuckDBValue>; types: Record<string, DuckDBType> } {
  const chosen = Object.fromEntries(Object.entries(params.values).filter(([name]) => used.has(name)));
  const { values, types } = bindParams(chosen);
  for (const [name, type] of Object.entries(params.nulls)) {
    if (!used.has(name)) continue;
    values[name] = null;
    types[name] = type;
  }
  return { values, types };
}

/** Every bound parameter name, with or without a value. */
export function boundNames(params: ReceivedParams): string[] {
  return [...Object.keys(params.values), ...Object.keys(params.nulls)];
}

/** The DATE values bound, for the dry-run estimate's dt window. */
export function boundDates(params: ReceivedParams): IsoDate[] {
  return Object.values(params.values).flatMap((param) => (param.type === 'DATE' ? [param.value] : []));
}
