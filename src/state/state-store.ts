import { createHash, randomUUID } from 'node:crypto';
import type { Silence, SilenceMatch } from '../alerts/silence-match.js';
import { isoDate, type IsoDate } from '../dates/iso-date.js';
import type { QueryParam, QueryParams, Row } from '../warehouse/types.js';
import { localProcesses, type ProcessTable } from './owner-process.js';
import type { StateExecutor } from './state-executor.js';
import * as MISSING from './data-missing-sql.js';
import * as SQL from './state-sql.js';

export interface DigestKey {
  readonly domain: string;
  readonly date: IsoDate;
  readonly route: string;
}

export interface OutboxItem extends DigestKey {
  readonly id: string;
  readonly webhookEnv: string;
  readonly payload: string;
  readonly attempts: number;
  /** An earlier post of this row may have reached Slack: send it marked as a possible repeat. */
  readonly maybePosted: boolean;
  /** Set when this run took the row over from a run that was interrupted while sending it. */
  readonly interrupted?: Interruption;
}

/** Why a row left 'sending' by another run was taken over. */
export type Interruption = { readonly reason: 'owner-gone'; readonly pid: number } | { readonly reason: 'lease-expired' };

/** Who holds the claim on a digest this run could not claim. */
export type ClaimHolder =
  | { readonly status: 'sent' }
  | { readonly status: 'pending' }
  | { readonly status: 'sending'; readonly onThisHost: boolean; readonly pid: number | undefined };

export interface AlertRecord {
  readonly domain: string;
  readonly series: string;
  readonly metric: string;
  readonly direction: string;
  readonly date: IsoDate;
  readonly severity: string;
  readonly route: string;
  /** sent | pending | silenced | inhibited | below_min_severity | printed */
  readonly status: string;
}

/** A run that died mid-send leaves its outbox row leased; after this, another run takes it over. */
const LEASE_MS = 15 * 60 * 1000;

/** Stable identity of one alert: the same alert re-run on the same date has the same fingerprint. */
export function fingerprint(a: Pick<AlertRecord, 'domain' | 'series' | 'metric' | 'direction' | 'date'>): string {
  return createHash('sha256').update([a.domain, a.series, a.metric, a.direction, a.date].join('\u0000')).digest('hex').slice(0, 32);
}

const text = (value: string | null): QueryParam => ({ type: 'STRING', value: value ?? '' });
const day = (value: IsoDate): QueryParam => ({ type: 'DATE', value });

/**
 * Delivery state: which digests were claimed (never post twice), the outbox (never lose
 * one), the alert log and silences. The same statements run on a local DuckDB file or a
 * BigQuery dataset (StateExecutor).
 */
export class StateStore {
  private readonly runId = randomUUID();

  private constructor(
    private readonly executor: StateExecutor,
    private readonly now: () => Date,
    private readonly processes: ProcessTable,
  ) {}

  static async open(executor: StateExecutor, now: () => Date, processes: ProcessTable = localProcesses): Promise<StateStore> {
    if (!(await schemaIsCurrent(executor))) {
      for (const statement of SQL.CREATE_STATE_TABLES) await executor.run('create tables', statement, {});
      await executor.run('create tables', MISSING.CREATE_DATA_MISSING_TABLE, {});
      for (const statement of SQL.MIGRATE_STATE_TABLES) await executor.run('migrate tables', statement, {});
    }
    return new StateStore(executor, now, processes);
  }

  get description(): string {
    return this.executor.description;
  }

  /**
   * Queues a digest (leased to this run), then claims it. Queue first: a run that dies
   * between the two leaves a queued digest that a later run sends (after claiming it),
   * rather than a claim with nothing to send. Undefined when an earlier run already
   * claimed the digest (it was sent, or sits in the outbox), unless `resend`.
   */
  async claim(key: DigestKey, webhookEnv: string, payload: string, resend: boolean): Promise<OutboxItem | undefined> {
    const id = randomUUID();
    await this.executor.run('enqueue', SQL.ENQUEUE, {
      id: text(id),
      ...this.keyParams(key),
      webhook_env: text(webhookEnv),
      payload: text(payload),
      owner: text(this.runId),
      ...this.ownerParams(),
      now: this.stamp(),
    });
    if (resend) await this.executor.run('reclaim digest', SQL.RECLAIM_DIGEST, { ...this.keyParams(key), claim_id: text(id), now: this.stamp() });
    if (!(await this.ownsClaim(key, id))) {
      await this.executor.run('drop duplicate', SQL.DELETE_OUTBOX, { id: text(id) });
      return undefined;
    }
    return { id, ...key, webhookEnv, payload, attempts: 0, maybePosted: false };
  }

  /** After claim() returned undefined: where the digest stands, so the run can say what really happened. */
  async claimHolder(key: DigestKey): Promise<ClaimHolder> {
    const [claim] = await this.executor.run('claim owner', SQL.CLAIM_OWNER, this.keyParams(key));
    const [row] = claim === undefined ? [] : await this.executor.run('outbox owner', SQL.OUTBOX_OWNER, { id: text(String(claim['claim_id'])) });
    // A claim without its row predates the outbox (or the row was removed by hand): it was sent.
    if (row === undefined || row['status'] === 'sent') return { status: 'sent' };
    if (row['status'] === 'pending') return { status: 'pending' };
    return { status: 'sending', onThisHost: row['owner_host'] === this.processes.self.host, pid: optionalNumber(row['owner_pid']) };
  }

  /** Claims the digest for outbox row `id` unless another row holds it: MERGE then read back. */
  private async ownsClaim(key: DigestKey, id: string): Promise<boolean> {
    await this.executor.run('claim digest', SQL.CLAIM_DIGEST, { ...this.keyParams(key), claim_id: text(id), now: this.stamp() });
    const [owner] = await this.executor.run('claim owner', SQL.CLAIM_OWNER, this.keyParams(key));
    return owner?.['claim_id'] === id;
  }

  /**
   * Digests an earlier run could not send, or was interrupted while sending, leased to
   * this run (another run will not send them too). A row another run holds is taken over
   * when that run is gone: at once when it ran on this host and its process no longer
   * exists, else when its lease expires (we cannot see processes on other hosts).
   */
  async takePendingOutbox(): Promise<OutboxItem[]> {
    const staleBefore = new Date(this.now().getTime() - LEASE_MS).toISOString();
    const rows = await this.executor.run('pending outbox', SQL.PENDING_OUTBOX, { stale_before: text(staleBefore), owner_host: text(this.processes.self.host) });
    const taken: OutboxItem[] = [];
    for (const row of rows) {
      const interrupted = row['status'] === 'sending' ? this.interruption(row, staleBefore) : undefined;
      if (row['status'] === 'sending' && interrupted === undefined) continue; // its run is alive: leave it
      const id = String(row['id']);
      await this.executor.run('lease outbox', SQL.LEASE_OUTBOX, {
        id: text(id),
        owner: text(this.runId),
        ...this.ownerParams(),
        now: this.stamp(),
        seen_status: text(String(row['status'])),
        seen_owner: text(String(row['owner'])),
      });
      const [lease] = await this.executor.run('outbox owner', SQL.OUTBOX_OWNER, { id: text(id) });
      if (lease?.['owner'] !== this.runId || lease['status'] !== 'sending') continue;
      const item: OutboxItem = { ...outboxItem(row), ...(interrupted === undefined ? {} : { interrupted }) };
      if (await this.ownsClaim(item, item.id)) taken.push(item);
      else await this.executor.run('supersede', SQL.SUPERSEDE_OUTBOX, { id: text(id) });
    }
    return taken;
  }

  /** Why a row 'sending' for another run may be taken over, or undefined while that run may still be sending it. */
  private interruption(row: Row, staleBefore: string): Interruption | undefined {
    if (String(row['leased_at']) < staleBefore) return { reason: 'lease-expired' };
    // Same host (the query selected only those besides stale ones): ask the OS.
    const pid = optionalNumber(row['owner_pid']);
    if (row['owner'] === this.runId || pid === undefined || pid === this.processes.self.pid) return undefined;
    return this.processes.isAlive(pid) ? undefined : { reason: 'owner-gone', pid };
  }

  /** Called just before the POST: from now on a crash may leave a message in Slack that the state does not know of. */
  async markPostStarted(id: string): Promise<void> {
    await this.executor.run('mark post started', SQL.MARK_POST_STARTED, { id: text(id) });
  }

  async markSent(id: string): Promise<void> {
    await this.executor.run('mark sent', SQL.MARK_SENT, { id: text(id), now: this.stamp() });
  }

  /** `maybePosted`: this or an earlier post may have reached Slack, so the next send says it may repeat. */
  async markFailed(id: string, error: string, maybePosted = false): Promise<void> {
    await this.executor.run('mark failed', SQL.MARK_FAILED, { id: text(id), error: text(error), maybe_posted: { type: 'BOOL', value: maybePosted } });
  }

  /** Upsert by fingerprint: a re-run of a date replaces that date's records. */
  async recordAlerts(records: readonly AlertRecord[]): Promise<void> {
    for (const r of records) {
      const fp = text(fingerprint(r));
      await this.executor.run('alert log delete', SQL.DELETE_ALERT_LOG, { fingerprint: fp });
      await this.executor.run('alert log insert', SQL.INSERT_ALERT_LOG, {
        fingerprint: fp,
        domain: text(r.domain),
        series: text(r.series),
        metric: text(r.metric),
        direction: text(r.direction),
        date: day(r.date),
        severity: text(r.severity),
        route: text(r.route),
        status: text(r.status),
        now: this.stamp(),
      });
    }
  }

  async alertLog(domain: string, date: IsoDate): Promise<AlertRecord[]> {
    const rows = await this.executor.run('alert log', SQL.ALERT_LOG, { domain: text(domain), date: day(date) });
    return rows.map((r) => ({
      domain: String(r['domain']),
      series: String(r['series']),
      metric: String(r['metric']),
      direction: String(r['direction']),
      date: isoDate(String(r['date'])),
      severity: String(r['severity']),
      route: String(r['route']),
      status: String(r['status']),
    }));
  }

  async addSilence(silence: Omit<Silence, 'id'>): Promise<Silence> {
    const id = randomUUID().slice(0, 8);
    await this.executor.run('add silence', SQL.ADD_SILENCE, {
      id: text(id),
      match_json: text(JSON.stringify(silence.match)),
      until: day(silence.until),
      reason: text(silence.reason),
      now: this.stamp(),
    });
    return { id, ...silence };
  }

  async silences(): Promise<Silence[]> {
    const rows = await this.executor.run('silences', SQL.SILENCES, {});
    return rows.map((r) => ({
      id: String(r['id']),
      match: JSON.parse(String(r['match_json'])) as SilenceMatch,
      until: isoDate(String(r['until'])),
      reason: String(r['reason']),
    }));
  }

  async removeSilence(id: string): Promise<boolean> {
    const before = (await this.silences()).length;
    await this.executor.run('remove silence', SQL.REMOVE_SILENCE, { id: text(id) });
    return (await this.silences()).length < before;
  }

  /** A date found with no rows at all: kept open until a later run sees its data. */
  async recordDataMissing(domain: string, date: IsoDate): Promise<void> {
    await this.executor.run('record data missing', MISSING.RECORD_DATA_MISSING, { domain: text(domain), date: day(date), now: this.stamp() });
  }

  /** The domain's dates still waiting for their data, oldest first, with when a run first found them empty. */
  async openDataMissing(domain: string): Promise<{ date: IsoDate; noticedAt: string }[]> {
    const rows = await this.executor.run('open data missing', MISSING.OPEN_DATA_MISSING, { domain: text(domain) });
    return rows.map((r) => ({ date: isoDate(String(r['date'])), noticedAt: String(r['noticed_at']) }));
  }

  async closeDataMissing(domain: string, date: IsoDate, status: 'arrived' | 'expired'): Promise<void> {
    await this.executor.run('close data missing', MISSING.CLOSE_DATA_MISSING, { domain: text(domain), date: day(date), status: text(status), now: this.stamp() });
  }

  close(): Promise<void> {
    return this.executor.close();
  }

  private keyParams(key: DigestKey): QueryParams {
    return { domain: text(key.domain), date: day(key.date), route: text(key.route) };
  }

  private ownerParams(): QueryParams {
    return { owner_host: text(this.processes.self.host), owner_pid: { type: 'INT64', value: this.processes.self.pid } };
  }

  private stamp(): QueryParam {
    return text(this.now().toISOString());
  }
}

function outboxItem(row: Row): OutboxItem {
  return {
    id: String(row['id']),
    domain: String(row['domain']),
    date: isoDate(String(row['date'])),
    route: String(row['route']),
    webhookEnv: String(row['webhook_env']),
    payload: String(row['payload']),
    attempts: Number(row['attempts']),
    maybePosted: row['maybe_posted'] === true,
  };
}

function optionalNumber(value: Row[string] | undefined): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

/**
 * Whether the state tables are already as this version creates them (SQL.SCHEMA_IS_CURRENT).
 * Any failure means "not known to be": the idempotent statements then run, and a real
 * problem (no access, a damaged file) fails there with its own message.
 */
async function schemaIsCurrent(executor: StateExecutor): Promise<boolean> {
  try {
    await executor.run('check tables', SQL.SCHEMA_IS_CURRENT, {});
    return true;
  } catch {
    return false;
  }
}
