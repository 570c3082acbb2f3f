import { DuckDBInstance } from '@duckdb/node-api';
import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../src/dates/iso-date.js';
import { findDomain } from '../../src/domains/registry.js';
import { buildDrillDownQuery } from '../../src/rootcause/drilldown-query.js';
import { buildDomainQuery } from '../../src/run/run-domain.js';
import { openDuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import type { Row, Warehouse } from '../../src/warehouse/types.js';
import { openGeneratedWarehouse, type GeneratedWarehouse } from '../helpers/generated-warehouse.js';

/**
 * sql/usage.sql and its drill-down count DAU as COUNT(*) over user-days, which is the
 * number of distinct users only while every user-day is one row. The one join that could
 * repeat a row is enterprise_orgs: keyed by org_id, but a double load repeats an org. Both
 * queries take one row per org, so a repeated org changes nothing (without that, its
 * members' DAU and tokens doubled).
 */
const usage = findDomain('usage')!;
// The SSO-outage day, the day before, and a Saturday: contract orgs are active on each.
const DATES = ['2026-02-19', '2026-02-20', '2026-02-21'] as IsoDate[];

let fixture: GeneratedWarehouse;
let repeated: Warehouse;

beforeAll(async () => {
  fixture = await openGeneratedWarehouse();
  const path = fixture.path.replace(/\.duckdb$/, '-orgs-twice.duckdb');
  copyFileSync(fixture.path, path);
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  // Every org loaded twice.
  await connection.run('INSERT INTO enterprise_orgs SELECT * FROM enterprise_orgs');
  const reader = await connection.runAndReadAll('SELECT count(*) AS n, count(DISTINCT org_id) AS orgs FROM enterprise_orgs');
  expect(Number(reader.getRowObjects()[0]?.['n'])).toBe(2 * Number(reader.getRowObjects()[0]?.['orgs']));
  connection.closeSync();
  instance.closeSync();
  repeated = await openDuckDBWarehouse(path, fixture.config.tables);
});

afterAll(async () => {
  await repeated?.close();
  await fixture?.close();
});

async function both(query: Parameters<Warehouse['query']>[0]): Promise<{ clean: Row[]; twice: Row[] }> {
  return { clean: await fixture.warehouse.query(query), twice: await repeated.query(query) };
}

describe('usage with every enterprise org loaded twice', () => {
  it('the main query returns exactly the rows it returns on the clean warehouse', async () => {
    const query = buildDomainQuery({ domain: usage, config: fixture.config, from: DATES[0]!, to: DATES.at(-1)!, toolVersion: 'test' });
    const { clean, twice } = await both(query);
    expect(clean.filter((r) => String(r['segment']).startsWith('enterprise_')).length).toBeGreaterThanOrEqual(6);
    expect(twice).toEqual(clean);
  });

  it('the drill-down returns exactly the members it returns on the clean warehouse', async () => {
    const query = buildDrillDownQuery({ domain: usage, config: fixture.config, series: ['enterprise_contract', 'enterprise_pilot'], dates: DATES, toolVersion: 'test' });
    const { clean, twice } = await both(query);
    expect(clean.length).toBeGreaterThan(6);
    expect(twice).toEqual(clean);
  });
});
