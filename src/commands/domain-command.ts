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
import { ExitError } from '../errors.js';
import { runDomain } from '../run/run-domain.js';
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
    .option('--fail-on <severity>', 'exit 1 when an alert at or above notice | warning | critical fires')
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(DomainOptionsSchema, raw);
      // Delivery and alert state arrive with Slack; until then every run only prints.
      if (options.dryRun) io.err('dry run: nothing is delivered and no state is recorded\n');
      const { config } = loadConfig({ path: options.config ?? io.env['MONITOR_CONFIG'], knownDomains: DOMAIN_NAMES });
      const now = io.now();
      const date = resolveTargetDate(options.date, { timeZone: config.timezone, now, lagDays: domain.lagDays });
      const warehouse = await openWarehouse({
        config,
        env: io.env,
        yesterday: addDays(todayIn(config.timezone, now), -1),
        log: (line) => io.err(`${line}\n`),
      });
      try {
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
