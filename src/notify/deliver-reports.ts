import type { DomainReport } from '../alerts/alert.js';
import type { Digest, DigestAlert } from '../alerts/digest.js';
import { applyLifecycle } from '../alerts/lifecycle.js';
import { routeAlerts, type Route } from '../alerts/routing.js';
import { activeSilenceFor } from '../alerts/silence-match.js';
import { renderSlackDigest } from '../alerts/slack/render-digest.js';
import type { SlackConfig } from '../config/schema.js';
import { DeliveryError } from '../delivery/delivery-error.js';
import { sendToSlack } from '../delivery/send-to-slack.js';
import type { AlertRecord, StateStore } from '../state/state-store.js';

export interface DeliverOptions {
  readonly slack: SlackConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly store: StateStore;
  readonly resend: boolean;
  readonly log: (line: string) => void;
  /** The command that reproduces a domain's report for a date. */
  readonly reproduce: (domain: string, date: string) => string;
}

export interface DeliverySummary {
  readonly sent: number;
  readonly alreadySent: number;
  readonly failed: number;
  /** Routes that had something to say but no webhook: printed only. */
  readonly unconfigured: readonly string[];
}

/** A run's reports with the earlier days each was compared against (for the lifecycle). */
export interface ReportWithHistory {
  readonly report: DomainReport;
  readonly history: readonly DomainReport[];
}

/**
 * Outbox first (what an earlier run could not send goes out before anything new), then
 * one digest per route per domain: lifecycle, silences, routing, claim, send. A digest
 * is queued in the outbox and claimed before it is sent, so a crash or a Slack
 * outage leaves it in the outbox rather than losing it, and a re-run never posts it twice.
 */
export async function deliverReports(items: readonly ReportWithHistory[], options: DeliverOptions): Promise<DeliverySummary> {
  let sent = 0;
  let failed = 0;
  let alreadySent = 0;
  const unconfigured = new Set<string>();
  const delivery = { ...options.slack.delivery, log: options.log };

  for (const item of await options.store.takePendingOutbox()) {
    const url = webhookUrl(item.webhookEnv, options) ?? webhookUrl(options.slack.defaultWebhookEnv, options);
    if (url === undefined) {
      // Release the lease: the digest waits for a run that has its webhook again.
      await options.store.markFailed(item.id, `no webhook in $${item.webhookEnv}`);
      failed += 1;
      continue;
    }
    if (await trySend(url, item.id, item.payload, item.route, options.store, delivery)) sent += 1;
    else failed += 1;
  }

  const silences = await options.store.silences();
  const fallback: Route = { name: 'default', match: {}, webhookEnv: options.slack.defaultWebhookEnv, criticalMentions: options.slack.criticalMentions };
  for (const { report, history } of items) {
    if (report.status !== 'ok') continue;
    const lifecycle = applyLifecycle(report, history, { escalateAfterDays: options.slack.escalateAfterDays });
    const records: AlertRecord[] = lifecycle.inhibited.map((a) => record(a, 'inhibited', '-'));
    const audible: DigestAlert[] = [];
    for (const digestAlert of lifecycle.alerts) {
      if (activeSilenceFor(digestAlert.alert, silences) !== undefined) records.push(record(digestAlert.alert, 'silenced', '-'));
      else audible.push(digestAlert);
    }
    for (const routed of routeAlerts(audible, lifecycle.resolved, options.slack.routes, fallback)) {
      const digest: Digest = {
        route: routed.route.name,
        domain: report.domain,
        domainTitle: report.title,
        date: report.date,
        alerts: routed.alerts,
        resolved: routed.resolved,
        criticalMentions: routed.route.criticalMentions ?? options.slack.criticalMentions,
        reproduce: options.reproduce(report.domain, report.date),
      };
      const env = webhookUrl(routed.route.webhookEnv, options) === undefined ? options.slack.defaultWebhookEnv : routed.route.webhookEnv;
      const url = webhookUrl(env, options);
      if (url === undefined) {
        unconfigured.add(routed.route.name);
        records.push(...routed.alerts.map((a) => record(a.alert, 'printed', routed.route.name)));
        continue;
      }
      const payload = JSON.stringify(renderSlackDigest(digest, { maxBlocks: options.slack.maxBlocks }));
      const claimed = await options.store.claim({ domain: report.domain, date: report.date, route: routed.route.name }, env, payload, options.resend);
      if (claimed === undefined) {
        alreadySent += 1;
        continue;
      }
      const ok = await trySend(url, claimed.id, payload, routed.route.name, options.store, delivery);
      if (ok) sent += 1;
      else failed += 1;
      records.push(...routed.alerts.map((a) => record(a.alert, ok ? 'sent' : 'pending', routed.route.name)));
    }
    await options.store.recordAlerts(records);
  }
  return { sent, alreadySent, failed, unconfigured: [...unconfigured] };
}

function webhookUrl(envName: string, options: DeliverOptions): string | undefined {
  const value = options.env[envName];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

async function trySend(
  url: string,
  id: string,
  payload: string,
  route: string,
  store: StateStore,
  delivery: Parameters<typeof sendToSlack>[2],
): Promise<boolean> {
  try {
    await sendToSlack(url, JSON.parse(payload), { ...delivery, log: (line) => delivery.log(`slack ${route}: ${line}`) });
    await store.markSent(id);
    return true;
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    await store.markFailed(id, error.message);
    delivery.log(`slack ${route}: ${error.message} — kept in the outbox for the next run`);
    return false;
  }
}

function record(alert: DigestAlert['alert'], status: string, route: string): AlertRecord {
  return { domain: alert.domain, series: alert.series, metric: alert.metric, direction: alert.direction, date: alert.date, severity: alert.severity, route, status };
}
