import { Command } from 'commander';
import { renderJsonReport } from '../alerts/render-json.js';
import { renderTextReport } from '../alerts/render-text.js';
import { EXIT } from '../cli/exit-codes.js';
import type { CliIO } from '../cli/io.js';
import { resolveTargetDate } from '../cli/target-date.js';
import { TOOL_VERSION } from '../cli/version.js';
import { loadConfig } from '../config/load.js';
import { addDays, todayIn } from '../dates/iso-date.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import type { DomainDefinition } from '../domains/types.js';
import { ExitError, UsageError } from '../errors.js';
import { buildDomainQuery, runDomain } from '../run/run-domain.js';
import type { QueryRequest, Warehouse } from '../warehouse/types.js';
import { severityRank } from '../stats/severity.js';
import type { Severity } from '../stats/types.js';
import { openWarehouse } from '../warehouse/open-warehouse.js';
import { DomainOptionsSchema, parseOptions } from './options.js';

/** `monitor <domain>`: one domain, one date, one report. */
export function domainCommand(domain: DomainDefinition, io: CliIO): Command {
  return new Command(domain.name)
    .description(`${domain.title}: score yesterday's series against same-weekday baselines`)
    .option('--date <date>', `yesterday | today | YYYY-MM-DD (default: today − ${domain.lagDays} in the configured time zone)`)
    .option('--config <file>', 'YAML config merged over the shipped defaults (default: $MONITOR_CONFIG)')
    .option('--format <format>', 'text | json', 'text')
    .option('--dry-run', 'score and print, but deliver nothing and record no state')
    .option('--estimate', 'BigQuery dry run: print the bytes the query would scan and its cost, run nothing')
    .option('--fail-on <severity>', 'exit 1 when an alert at or above notice | warning | critical fires')
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(DomainOptionsSchema, raw);
      // Delivery and alert state arrive with Slack; until then every run only prints.
      if (options.dryRun) io.err('dry run: nothing is delivered and no state is recorded\n');
      const { config } = loadConfig({ path: options.config ?? io.env['MONITOR_CONFIG'], knownDomains: DOMAIN_NAMES });
      const now = io.now();
      if (options.estimate && config.warehouse !== 'bigquery') {
        throw new UsageError('--estimate needs warehouse: bigquery (the embedded warehouse does not bill by bytes)', 'set warehouse: bigquery in the config');
      }
      const date = resolveTargetDate(options.date, { timeZone: config.timezone, now, lagDays: domain.lagDays });
      const warehouse = await openWarehouse({
        config,
        env: io.env,
        yesterday: addDays(todayIn(config.timezone, now), -1),
        log: (line) => io.err(`${line}\n`),
      });
      try {
        if (options.estimate) {
          io.out(await estimateDomain(warehouse, buildDomainQuery({ domain, config, from: date, to: date, toolVersion: TOOL_VERSION })));
          return;
        }
        const [report] = await runDomain({ domain, config, warehouse, from: date, to: date, toolVersion: TOOL_VERSION });
        if (report === undefined) throw new Error('runDomain returned no report for a single date');
        io.out(
          options.format === 'json'
            ? renderJsonReport([report], { warehouse: warehouse.description, version: TOOL_VERSION })
            : renderTextReport(report, { warehouse: warehouse.description }),
        );
        if (options.failOn !== undefined && report.alerts.some((a) => atLeast(a.severity, options.failOn as string))) {
          throw new ExitError(EXIT.alerts);
        }
      } finally {
        await warehouse.close();
      }
    });
}

function atLeast(severity: Severity, level: string): boolean {
  return severityRank(severity) >= severityRank(level.toUpperCase() as Severity);
}

async function estimateDomain(warehouse: Warehouse, request: QueryRequest): Promise<string> {
  if (warehouse.estimate === undefined) {
    throw new UsageError(`--estimate needs warehouse: bigquery (${warehouse.description} does not bill by bytes)`, 'set warehouse: bigquery in the config');
  }
  const estimate = await warehouse.estimate(request);
  const tib = estimate.bytes / 1024 ** 4;
  const cost = tib * estimate.pricePerTiB;
  const capped = estimate.bytes > estimate.maximumBytesBilled ? ' — OVER the maximumBytesBilled cap: the real run would fail' : '';
  return `sql/${request.name} would scan ${formatBytes(estimate.bytes)}, about $${cost.toFixed(4)} at $${estimate.pricePerTiB}/TiB (cap ${formatBytes(estimate.maximumBytesBilled)})${capped}\n`;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 2)} ${units[unit]}`;
}
