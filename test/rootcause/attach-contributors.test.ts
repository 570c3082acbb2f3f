import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainReport } from '../../src/alerts/alert.js';
import { usageDomain } from '../../src/domains/usage.js';
import { WarehouseError } from '../../src/errors.js';
import { attachContributors } from '../../src/rootcause/attach-contributors.js';
import { runDomain } from '../../src/run/run-domain.js';
import type { QueryRequest, Warehouse } from '../../src/warehouse/types.js';
import { openGeneratedWarehouse, type GeneratedWarehouse } from '../helpers/generated-warehouse.js';

let fixture: GeneratedWarehouse;
let alerting: DomainReport[];

beforeAll(async () => {
  fixture = await openGeneratedWarehouse();
  // Every usage anomaly day, in one range (the backtest shape), scored once for the file.
  const days = fixture.anomaliesOf('usage').map((a) => a.start).sort();
  const reports = await runDomain({ domain: usageDomain, config: fixture.config, warehouse: fixture.warehouse, from: days[0]!, to: days.at(-1)!, toolVersion: 'test' });
  alerting = reports.filter((r) => r.alerts.length > 0);
});

afterAll(async () => {
  await fixture?.close();
});

/** The real DuckDB warehouse, recording each query; optionally failing the drill-down like a broken table would. */
function recording(failDrillDown: boolean): { warehouse: Warehouse; queries: QueryRequest[] } {
  const queries: QueryRequest[] = [];
  const warehouse: Warehouse = {
    engine: fixture.warehouse.engine,
    description: fixture.warehouse.description,
    query: async (request) => {
      queries.push(request);
      if (failDrillDown && request.name.startsWith('drilldown/')) {
        throw new WarehouseError('sql/drilldown/usage.sql failed on DuckDB: Binder Error: column "tier" not found');
      }
      return fixture.warehouse.query(request);
    },
    close: async () => {},
  };
  return { warehouse, queries };
}

/** The usage reports with alerts on the anomaly days: a copy of its own for each test. */
async function usageReports(): Promise<DomainReport[]> {
  return structuredClone(alerting);
}

describe('attachContributors', () => {
  it('fills the alerts of many dates with one drill-down query', async () => {
    const reports = await usageReports();
    expect(reports.length).toBeGreaterThanOrEqual(4);
    const { warehouse, queries } = recording(false);
    const withContributors = await attachContributors(reports, { domain: usageDomain, config: fixture.config, warehouse, toolVersion: 'test' });
    expect(queries.map((q) => q.name)).toEqual(['drilldown/usage.sql']);
    const alerts = withContributors.flatMap((r) => r.alerts);
    expect(alerts.length).toBe(reports.flatMap((r) => r.alerts).length);
    expect(alerts.every((a) => a.contributors.length > 0)).toBe(true);
  });

  it('keeps every alert when the drill-down fails, without contributors and with a note saying why', async () => {
    const reports = await usageReports();
    const { warehouse } = recording(true);
    const withContributors = await attachContributors(reports, { domain: usageDomain, config: fixture.config, warehouse, toolVersion: 'test' });
    expect(withContributors.map((r) => r.alerts.length)).toEqual(reports.map((r) => r.alerts.length));
    expect(withContributors.every((r) => r.alerts.every((a) => a.contributors.length === 0))).toBe(true);
    expect(withContributors.every((r) => r.notes.some((n) => /^root cause unavailable: sql\/drilldown\/usage\.sql failed/.test(n)))).toBe(true);
  });

  it('runs no query when root cause is turned off (rootCause.top: 0)', async () => {
    const reports = await usageReports();
    const { warehouse, queries } = recording(false);
    const config = { ...fixture.config, rootCause: { ...fixture.config.rootCause, top: 0 } };
    expect(await attachContributors(reports, { domain: usageDomain, config, warehouse, toolVersion: 'test' })).toEqual(reports);
    expect(queries).toEqual([]);
  });

  it('runs no query when nothing alerted', async () => {
    const { warehouse, queries } = recording(false);
    const quiet: DomainReport[] = (await usageReports()).map((r) => ({ ...r, alerts: [] }));
    expect(await attachContributors(quiet, { domain: usageDomain, config: fixture.config, warehouse, toolVersion: 'test' })).toEqual(quiet);
    expect(queries).toEqual([]);
  });
});
