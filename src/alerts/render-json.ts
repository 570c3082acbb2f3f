import { REPORT_SCHEMA_VERSION, type DomainReport } from './alert.js';

/**
 * The machine report. Stable: fields are only added; a removal or change of meaning
 * bumps schemaVersion. Documented in the README ("JSON output").
 */
export interface JsonReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'monitor'; readonly version: string };
  readonly warehouse: string;
  readonly reports: readonly DomainReport[];
}

export function renderJsonReport(reports: readonly DomainReport[], context: { warehouse: string; version: string }): string {
  const body: JsonReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'monitor', version: context.version },
    warehouse: context.warehouse,
    reports,
  };
  return JSON.stringify(body, null, 2) + '\n';
}
