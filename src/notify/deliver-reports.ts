import type { Alert, DomainReport } from '../alerts/alert.js';
import type { Digest, DigestAlert } from '../alerts/digest.js';
import { applyLifecycle } from '../alerts/lifecycle.js';
import { routeAlerts, routesForDomain, type Route } from '../alerts/routing.js';
import { activeSilenceFor, type Silence } from '../alerts/silence-match.js';
import { renderSlackDigest } from '../alerts/slack/render-digest.js';
import type { FindingsConfig, SlackConfig } from '../config/schema.js';
import { failpoint } from '../delivery/failpoints.js';
import type { AlertRecord, DigestKey, StateStore } from '../state/state-store.js';
import { outboxLine, sendOutboxItem, type SendContext } from './send-outbox-item.js';

export interface DeliverOptions {
  readonly slack: SlackConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly store: StateStore;
  readonly resend: boolean;
  readonly log: (line: string) => void;
  /** The command that reproduces a domain's report for a date. */
  readonly reproduce: (domain: string, date: string) => string;
  /** How findings that are not alerts are graded (their Slack routing uses the data-quality level). */
  readonly findings: FindingsConfig;
  /** The run's published HTML report, linked from every digest (`--report-dir` with `report.baseUrl`). */
  readonly reportUrl?: string | undefined;
}

export interface DeliverySummary {
  readonly sent: number;
  readonly alreadySent: number;
  readonly failed: number;
  /** Routes that had something to say but no webhook: printed only. */
  readonly unconfigured: readonly string[];
  /** Alerts held back by a silence: shown as silenced in the report, never sent. */
  readonly silenced: readonly SilencedAlert[];
}

export interface SilencedAlert {
  readonly alert: Alert;
  readonly silence: Silence;
}

/** A run's reports with the earlier days each was compared against (for the lifecycle). */
export interface ReportWithHistory {
  readonly report: DomainReport;
  readonly history: readonly DomainReport[];
}

/**
 * Outbox first (what an earlier run could not send, or was interrupted while sending,
 * goes out before anything new), then one digest per route per domain: lifecycle,
 * silences, routing, claim, send. A digest is queued in the outbox and claimed before it
 * is sent, so a crash or a Slack outage leaves it in the outbox rather than losing it. A
 * re-run posts it again only when an earlier post may have reached Slack unrecorded, and
 * then once, marked as a possible repeat.
 */
export async function deliverReports(items: readonly ReportWithHistory[], options: DeliverOptions): Promise<DeliverySummary> {
  let sent = 0;
  let failed = 0;
  let alreadySent = 0;
  const unconfigured = new Set<string>();
  const context: SendContext = { store: options.store, delivery: options.slack.delivery, env: options.env, log: options.log };
  // Digests this run took from the outbox: their claim is this run's, whatever became of them.
  const fromOutbox = new Set<string>();

  for (const item of await options.store.takePendingOutbox()) {
    fromOutbox.add(digestId(item));
    const url = webhookUrl(item.webhookEnv, options) ?? webhookUrl(options.slack.defaultWebhookEnv, options);
    if (url === undefined) {
      // Release the lease: the digest waits for a run that has its webhook again.
      await options.store.markFailed(item.id, `no webhook in $${item.webhookEnv}`, item.maybePosted);
      failed += 1;
      continue;
    }
    options.log(outboxLine(item));
    if (await sendOutboxItem(url, item, context)) sent += 1;
    else failed += 1;
  }

  const silences = await options.store.silences();
  const silenced: SilencedAlert[] = [];
  const fallback: Route = { name: 'default', match: {}, webhookEnv: options.slack.defaultWebhookEnv, criticalMentions: options.slack.criticalMentions };
  const findingSeverity = options.findings.dataQuality === 'off' ? 'NOTICE' : options.findings.dataQuality;
  /** Claim, then send one digest; the claim key is (domain, date, claimKey). */
  const sendDigest = async (digest: Digest, route: Route, claimKey: string): Promise<'sent' | 'failed' | 'already' | 'unconfigured'> => {
    const env = webhookUrl(route.webhookEnv, options) === undefined ? options.slack.defaultWebhookEnv : route.webhookEnv;
    const url = webhookUrl(env, options);
    if (url === undefined) {
      unconfigured.add(route.name);
      return 'unconfigured';
    }
    const payload = JSON.stringify(renderSlackDigest(digest, { maxBlocks: options.slack.maxBlocks }));
    const key: DigestKey = { domain: digest.domain, date: digest.date, route: claimKey };
    const claimed = await options.store.claim(key, env, payload, options.resend);
    if (claimed === undefined) {
      if (!fromOutbox.has(digestId(key)) && (await isSent(key, options))) alreadySent += 1;
      return 'already';
    }
    failpoint('after-claim', options.env);
    const ok = await sendOutboxItem(url, claimed, context);
    if (ok) sent += 1;
    else failed += 1;
    return ok ? 'sent' : 'failed';
  };

  for (const { report, history } of items) {
    const base = {
      domain: report.domain,
      domainTitle: report.title,
      date: report.date,
      reproduce: options.reproduce(report.domain, report.date),
      ...(options.reportUrl === undefined ? {} : { reportUrl: options.reportUrl }),
    };
    if (report.status === 'data_missing' && report.dataMissing === 'late') {
      // Remembered so the next run re-checks the date, and said to every team of the domain.
      await options.store.recordDataMissing(report.domain, report.date);
      for (const route of routesForDomain(report.domain, options.slack.routes, fallback)) {
        const digest: Digest = { ...base, route: route.name, alerts: [], resolved: [], criticalMentions: [], dataNotArrived: report.notes.join('; ') };
        // Its own claim key: when the data arrives, the date's real digest must still go out.
        await sendDigest(digest, route, `${route.name}${DATA_MISSING_CLAIM_SUFFIX}`);
      }
      continue;
    }
    if (report.status !== 'ok') continue;
    const lifecycle = applyLifecycle(report, history, options.slack);
    const records: AlertRecord[] = [
      ...lifecycle.inhibited.map((a) => record(a, 'inhibited', '-')),
      ...lifecycle.belowMinimum.map((a) => record(a, 'below_min_severity', '-')),
    ];
    const audible: DigestAlert[] = [];
    for (const digestAlert of lifecycle.alerts) {
      const silence = activeSilenceFor(digestAlert.alert, silences);
      if (silence !== undefined) {
        records.push(record(digestAlert.alert, 'silenced', '-'));
        silenced.push({ alert: digestAlert.alert, silence });
      } else audible.push(digestAlert);
    }
    const routedFindings = { items: report.dataQuality, severity: findingSeverity } as const;
    const routedAll = routeAlerts(audible, lifecycle.resolved, options.slack.routes, fallback, routedFindings);
    if (report.arrivedLate !== undefined) {
      // Whoever was told "data not arrived" hears how the date turned out, even when quiet.
      for (const route of routesForDomain(report.domain, options.slack.routes, fallback)) {
        if (!routedAll.some((r) => r.route.name === route.name)) routedAll.push({ route, alerts: [], resolved: [], findings: [] });
      }
    }
    for (const routed of routedAll) {
      const digest: Digest = {
        ...base,
        route: routed.route.name,
        alerts: routed.alerts,
        resolved: routed.resolved,
        findings: routed.findings,
        ...(report.arrivedLate === undefined ? {} : { arrivedLate: report.arrivedLate }),
        criticalMentions: routed.route.criticalMentions ?? options.slack.criticalMentions,
      };
      const outcome = await sendDigest(digest, routed.route, routed.route.name);
      if (outcome === 'already') continue;
      const status = outcome === 'unconfigured' ? 'printed' : outcome === 'sent' ? 'sent' : 'pending';
      records.push(...routed.alerts.map((a) => record(a.alert, status, routed.route.name)));
    }
    await options.store.recordAlerts(records);
    if (report.arrivedLate !== undefined) await options.store.closeDataMissing(report.domain, report.date, 'arrived');
  }
  return { sent, alreadySent, failed, unconfigured: [...unconfigured], silenced };
}

/** Claim keys of "data not arrived" digests: a route name never contains ':'. */
export const DATA_MISSING_CLAIM_SUFFIX = ':data-missing';

function webhookUrl(envName: string, options: DeliverOptions): string | undefined {
  const value = options.env[envName];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function digestId(key: DigestKey): string {
  return `${key.domain}\u0000${key.date}\u0000${key.route}`;
}

/**
 * Another run holds the claim: "already sent" only when it was; a digest still in the
 * outbox or being sent by a live run is said to be so, and left to that run.
 */
async function isSent(key: DigestKey, options: DeliverOptions): Promise<boolean> {
  const holder = await options.store.claimHolder(key);
  const what = `${key.domain} ${key.date}`;
  switch (holder.status) {
    case 'sent':
      return true;
    case 'pending':
      options.log(`slack ${key.route}: ${what} is in the outbox (an earlier run could not send it); the next run sends it`);
      return false;
    case 'sending': {
      const where = holder.onThisHost ? `process ${holder.pid ?? '?'} on this host` : 'on another host';
      options.log(`slack ${key.route}: another run (${where}) is sending ${what}; left to it`);
      return false;
    }
  }
}

function record(alert: DigestAlert['alert'], status: string, route: string): AlertRecord {
  return { domain: alert.domain, series: alert.series, metric: alert.metric, direction: alert.direction, date: alert.date, severity: alert.severity, route, status };
}
