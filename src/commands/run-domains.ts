import { emptyReport, type DomainReport } from '../alerts/alert.js';
import { applyLifecycle, LIFECYCLE_HISTORY_DAYS, withResolvedLines } from '../alerts/lifecycle.js';
import { renderJsonReport } from '../alerts/render-json.js';
import { renderMarkdownReports } from '../alerts/render-markdown.js';
import { rerunCommand } from '../alerts/rerun-command.js';
import { renderTextReports } from '../alerts/render-text.js';
import { EXIT } from '../cli/exit-codes.js';
import type { CliIO } from '../cli/io.js';
import { resolveTargetDate } from '../cli/target-date.js';
import { TOOL_VERSION } from '../cli/version.js';
import { loadConfig } from '../config/load.js';
import type { Config, FindingsConfig } from '../config/schema.js';
import { addDays, type IsoDate } from '../dates/iso-date.js';
import { todayIn } from '../dates/time-zone.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import type { DomainDefinition } from '../domains/types.js';
import { ExitError, MonitorError, UsageError } from '../errors.js';
import type { DomainSeries } from '../domains/daily-series.js';
import { attachContributors } from '../rootcause/attach-contributors.js';
import { buildDomainQuery, fetchDomainSeries, scoreRange, type RunDomainOptions } from '../run/run-domain.js';
import { unmatchedSeriesWarnings } from '../config/unmatched-series.js';
import { reachesSeverity } from '../alerts/report-severity.js';
import type { Severity } from '../stats/types.js';
import { openWarehouse } from '../warehouse/open-warehouse.js';
import type { Warehouse } from '../warehouse/types.js';
// Delivery (Slack) and the state store are imported where they are used: a --dry-run loads neither.
import type { ReportWithHistory, SilencedAlert } from '../notify/deliver-reports.js';
import { estimateRun } from './estimate.js';
import { notFinalNote } from '../run/not-final-note.js';
import type { DomainOptions } from './options.js';

export interface RunDomainsMode {
  /**
   * `run --all` keeps going when one domain fails and reports the failure in the combined
   * report; a single-domain command lets the error end the run with nothing on stdout.
   */
  readonly isolateFailures: boolean;
}

/** The shared body of `monitor <domain>` and `monitor run --all`. Throws ExitError for non-zero exits. */
export async function runDomains(domains: readonly DomainDefinition[], options: DomainOptions, io: CliIO, mode: RunDomainsMode): Promise<void> {
  if (options.dryRun) io.err('dry run: nothing is delivered and no state is recorded\n');
  const { config } = loadConfig({ path: options.config ?? io.env['MONITOR_CONFIG'], knownDomains: DOMAIN_NAMES });
  if (options.estimate && config.warehouse !== 'bigquery') {
    throw new UsageError('--estimate needs warehouse: bigquery (the embedded warehouse does not bill by bytes)', 'set warehouse: bigquery in the config');
  }
  const now = io.now();
  const today = todayIn(config.timezone, now);
  // Every date is resolved before anything runs: a bad --date fails the whole run at once.
  const dates = domains.map((domain) => resolveTargetDate(options.date, { timeZone: config.timezone, now, lagDays: domain.lagDays }));
  const warehouse = await openWarehouse({ config, env: io.env, yesterday: addDays(today, -1), log: (line) => io.err(`${line}\n`) });
  // Dates an earlier run found without data, re-checked now (README "Data quality"): read
  // from the state while the first domain's query runs, and awaited where a domain needs
  // them (scoreDomain). WHY: read first, the state's open and five reads came before any
  // query (~60 ms on the local file, five round trips with state in BigQuery).
  const late = options.dryRun || options.estimate ? Promise.resolve(NO_LATE_DATES) : lateDates(domains, dates, config, io);
  // Never an unhandled rejection while the queries run: the failure surfaces where it is awaited.
  late.catch(() => undefined);
  try {
    if (options.estimate) {
      // The very request scoreDomain sends (the same scoredRange and buildDomainQuery); the
      // drill-down as attachContributors builds it.
      const targets = domains.map((domain, i) => {
        const date = dates[i] as IsoDate;
        return { domain, date, request: buildDomainQuery(scoredRange(domain, config, date)) };
      });
      io.out(await estimateRun(warehouse, config, targets, TOOL_VERSION));
      return;
    }
    const scored: ReportWithHistory[] = [];
    for (const [i, domain] of domains.entries()) {
      const date = dates[i] as IsoDate;
      const lagNote = notFinalNote(domain, date, today);
      if (lagNote !== undefined) io.err(`warning: ${lagNote}\n`);
      const { report, history, arrived } = await scoreDomain(domain, config, warehouse, date, late, mode, io);
      scored.push(...arrived, { report: lagNote === undefined ? report : { ...report, notes: [...report.notes, lagNote] }, history });
    }
    // Read and closed before delivery opens the state again; a failed read ends the run
    // here even when every domain failed before it needed the read.
    await late;
    // The HTML report first, so the digests can link to it; it can fail without losing an alert.
    const published = options.reportDir === undefined ? undefined : await publishReport(options.reportDir, domains, dates, mode, config, warehouse, io);
    // Deliver before printing: an alert must reach Slack (or the outbox) even when stdout
    // is a full disk or a closed pipe (README "Exit codes", 5).
    const delivery = options.dryRun ? undefined : await deliver(scored, config, options, io, published?.url);
    const reports = markSilenced(
      scored.map((s) => withResolved(s, config)),
      delivery?.silenced ?? [],
    );
    io.out(renderReports(reports, options, warehouse.description));
    throwForExitCode(reports, options.failOn, config.findings, delivery?.failed === true, published?.failed === true);
  } finally {
    // The state read has ended, its store closed, before the run returns, whatever happened.
    await late.catch(() => undefined);
    await warehouse.close();
  }
}

function renderReports(reports: readonly DomainReport[], options: DomainOptions, warehouse: string): string {
  switch (options.format) {
    case 'json':
      return renderJsonReport(reports, { warehouse, version: TOOL_VERSION });
    case 'markdown':
      return renderMarkdownReports(reports, { warehouse, configPath: options.config });
    case 'text':
      return renderTextReports(reports, { warehouse });
  }
}

async function scoreDomain(
  domain: DomainDefinition,
  config: Config,
  warehouse: Warehouse,
  date: IsoDate,
  lateRead: Promise<ReadonlyMap<string, readonly LateDate[]>>,
  mode: RunDomainsMode,
  io: CliIO,
): Promise<ReportWithHistory & { arrived: ReportWithHistory[] }> {
  const isolated = (error: unknown): ReportWithHistory & { arrived: ReportWithHistory[] } => {
    if (!mode.isolateFailures || !(error instanceof MonitorError)) throw error;
    io.err(`monitor: error: ${domain.name}: ${error.message}${error.hint === undefined ? '' : ` (hint: ${error.hint})`}\n`);
    return { report: failedReport(domain, date, error), history: [], arrived: [] };
  };
  const range = { ...scoredRange(domain, config, date), warehouse };
  let data: DomainSeries;
  try {
    data = await fetchDomainSeries(range);
  } catch (error) {
    return isolated(error);
  }
  // Outside the domain's isolation: a state that cannot be read ends the whole run, as
  // it did when it was read before any query.
  const late = (await lateRead).get(domain.name) ?? [];
  try {
    // Config keys for series only the data can confirm (orgs, endpoints): checked now.
    for (const warning of unmatchedSeriesWarnings(domain.name, config, data.series.keys(), date)) io.err(`${warning}\n`);
    const reports = scoreRange(range, data);
    const scored = reports.at(-1);
    if (scored === undefined) throw new Error('runDomain returned no report for the target date');
    // A late date whose data is here now is scored and delivered as its own report; one
    // still empty stays open for the next run.
    const arrivedReports = late.flatMap(({ date: lateDate, noticedAt }) => {
      const index = reports.findIndex((r) => r.date === lateDate && r.status === 'ok');
      const report = reports[index];
      return report === undefined ? [] : [{ report: { ...report, arrivedLate: { missingAt: noticedAt } }, history: reports.slice(0, index) }];
    });
    // Only the target date's (and late dates') alerts are shown and sent; the history only feeds the lifecycle.
    const withContributors = await attachContributors([...arrivedReports.map((a) => a.report), scored], { domain, config, warehouse, toolVersion: TOOL_VERSION });
    const arrived = arrivedReports.map((a, k) => ({ report: withContributors[k] ?? a.report, history: a.history }));
    return { report: withContributors.at(-1) ?? scored, history: reports.slice(0, -1), arrived };
  } catch (error) {
    return isolated(error);
  }
}

/** What a run scores for `date`: the lifecycle history, then the target (one query). */
function scoredRange(domain: DomainDefinition, config: Config, date: IsoDate): Omit<RunDomainOptions, 'warehouse'> {
  return { domain, config, from: addDays(date, -LIFECYCLE_HISTORY_DAYS), to: date, toolVersion: TOOL_VERSION };
}

interface LateDate {
  readonly date: IsoDate;
  readonly noticedAt: string;
}

/** A dry run or an estimate reads no state. */
const NO_LATE_DATES: ReadonlyMap<string, readonly LateDate[]> = new Map();

/**
 * Each domain's open "data not arrived" dates within the history this run scores anyway
 * (the 14 days before its date: no extra query). Older ones can no longer be re-checked
 * by a daily run and are closed as expired. The state is opened only for this read, so a
 * long warehouse query does not hold the state lock.
 */
async function lateDates(domains: readonly DomainDefinition[], dates: readonly IsoDate[], config: Config, io: CliIO): Promise<Map<string, LateDate[]>> {
  const { openStateStore } = await import('../state/open-state-store.js');
  const store = await openStateStore({ config, env: io.env, log: (line) => io.err(`${line}\n`), now: () => io.now() });
  const late = new Map<string, LateDate[]>();
  try {
    for (const [i, domain] of domains.entries()) {
      const date = dates[i] as IsoDate;
      const open = await store.openDataMissing(domain.name);
      for (const old of open.filter((o) => o.date < addDays(date, -LIFECYCLE_HISTORY_DAYS))) await store.closeDataMissing(domain.name, old.date, 'expired');
      late.set(domain.name, open.filter((o) => o.date >= addDays(date, -LIFECYCLE_HISTORY_DAYS) && o.date < date));
    }
  } finally {
    await store.close();
  }
  return late;
}

/** The series back to normal today, as the Slack digest lists them: the text and JSON reports show them too. */
function withResolved({ report, history }: ReportWithHistory, config: Config): DomainReport {
  const { resolved } = applyLifecycle(report, history, config.slack);
  return withResolvedLines(report, resolved);
}

/** Silenced alerts stay in the report (text and JSON say so), never in Slack. */
function markSilenced(reports: readonly DomainReport[], silenced: readonly SilencedAlert[]): DomainReport[] {
  if (silenced.length === 0) return [...reports];
  return reports.map((report) => ({
    ...report,
    alerts: report.alerts.map((alert) => {
      const hit = silenced.find((s) => s.alert.domain === alert.domain && s.alert.date === alert.date && s.alert.series === alert.series && s.alert.metric === alert.metric);
      return hit === undefined ? alert : { ...alert, silenced: { id: hit.silence.id, until: hit.silence.until, reason: hit.silence.reason } };
    }),
  }));
}

/**
 * `--report-dir`: the run's HTML report (src/report/publish-run-report.ts, loaded only
 * then). Any failure is one line on stderr and exit 5 at the end; the run goes on and
 * delivers its alerts without the link.
 */
async function publishReport(
  dir: string,
  domains: readonly DomainDefinition[],
  dates: readonly IsoDate[],
  mode: RunDomainsMode,
  config: Config,
  warehouse: Warehouse,
  io: CliIO,
): Promise<{ url: string | undefined; failed: boolean }> {
  try {
    const { publishRunReport } = await import('../report/publish-run-report.js');
    const ranges = domains.map((domain, i) => ({ domain, from: dates[i] as IsoDate, to: dates[i] as IsoDate }));
    const label = mode.isolateFailures ? 'all' : (domains[0]?.name ?? 'report');
    const { path, url } = await publishRunReport({ ranges, config, warehouse, dir, label, toolVersion: TOOL_VERSION, now: io.now() });
    io.err(`report written to ${path}\n`);
    return { url, failed: false };
  } catch (error) {
    const reason = error instanceof MonitorError ? `${error.message}${error.hint ? ` (hint: ${error.hint})` : ''}` : `internal error: ${String(error).split('\n')[0]}`;
    io.err(`monitor: error: the HTML report was not written: ${reason}; alerts are delivered without its link\n`);
    return { url: undefined, failed: true };
  }
}

/** Slack delivery, before the report is printed. */
async function deliver(
  scored: readonly ReportWithHistory[],
  config: Config,
  options: DomainOptions,
  io: CliIO,
  reportUrl: string | undefined,
): Promise<{ failed: boolean; silenced: readonly SilencedAlert[] }> {
  const log = (line: string): void => io.err(`${line}\n`);
  const [{ openStateStore }, { deliverReports }] = await Promise.all([import('../state/open-state-store.js'), import('../notify/deliver-reports.js')]);
  const store = await openStateStore({ config, env: io.env, log, now: () => io.now() });
  try {
    const summary = await deliverReports(scored, {
      slack: config.slack,
      env: io.env,
      store,
      resend: options.resend,
      log,
      reproduce: (domain, date) => rerunCommand(domain, date, options.config),
      findings: config.findings,
      reportUrl,
    });
    // Routes only appear here when they had alerts or resolved lines to send.
    if (summary.unconfigured.length > 0) {
      log(`slack: no webhook configured for ${summary.unconfigured.join(', ')} (set ${config.slack.defaultWebhookEnv}); alerts were printed only`);
    }
    if (summary.sent + summary.alreadySent + summary.failed > 0) {
      log(`slack: ${summary.sent} sent, ${summary.alreadySent} already sent earlier, ${summary.failed} kept in the outbox`);
    }
    return { failed: summary.failed > 0, silenced: summary.silenced };
  } finally {
    await store.close();
  }
}

function failedReport(domain: DomainDefinition, date: IsoDate, error: MonitorError): DomainReport {
  return {
    ...emptyReport({ domain: domain.name, title: domain.title, date, status: 'failed' }),
    error: { category: error.category, message: error.message, hint: error.hint ?? null },
  };
}

/**
 * The worst outcome wins: a failed domain (3), then undelivered alerts (4), then an HTML
 * report that could not be written (5), then alerts or findings at or above --fail-on (1).
 */
function throwForExitCode(reports: readonly DomainReport[], failOn: DomainOptions['failOn'], findings: FindingsConfig, deliveryFailed: boolean, reportFailed: boolean): void {
  const failed = reports.find((r) => r.status === 'failed');
  if (failed !== undefined) throw new ExitError(failed.error?.category === 'warehouse' ? EXIT.warehouse : EXIT.usage);
  if (deliveryFailed) throw new ExitError(EXIT.delivery);
  if (reportFailed) throw new ExitError(EXIT.output);
  if (failOn === undefined) return;
  if (reachesSeverity(reports, findings, failOn.toUpperCase() as Severity)) throw new ExitError(EXIT.alerts);
}
