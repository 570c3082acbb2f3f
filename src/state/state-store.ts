import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Silence } from '../alerts/silence-match.js';
import type { IsoDate } from '../dates/iso-date.js';
import { WarehouseError } from '../errors.js';
import { firstLine } from '../warehouse/duckdb.js';
import { normalizeDuckDBRow } from '../warehouse/normalize-duckdb.js';
import { STATE_SCHEMA } from './state-schema.js';

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
}

export interface AlertRecord {
  readonly domain: string;
  readonly series: string;
  readonly metric: string;
  readonly direction: string;
  readonly date: IsoDate;
  readonly severity: string;
  readonly route: string;
  /** sent | silenced | inhibited | printed */
  readonly status: string;
}

/** Stable identity of one alert: the same alert re-run on the same date has the same fingerprint. */
export function fingerprint(a: Pick<AlertRecord, 'domain' | 'series' | 'metric' | 'direction' | 'date'>): string {
  return createHash('sha256').update([a.domain, a.series, a.metric, a.direction, a.date].join('\u0000')).digest('hex').slice(0, 32);
}

/**
 * Delivery state in a local DuckDB file: which digests were claimed (never post twice),
 * the outbox (never lose one), the alert log and silences. DuckDB lets one process open
 * a file for writing at a time, so holding the store open is also the lock that keeps
 * two simultaneous runs from both posting; the second waits (bounded) and then sees the
 * first one's claims.
 */
export class StateStore {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(path: string, options: { lockTimeoutMs: number; log: (line: string) => void }): Promise<StateStore> {
    mkdirSync(dirname(path), { recursive: true });
    const deadline = Date.now() + options.lockTimeoutMs;
    let waited = false;
    for (;;) {
      try {
        const instance = await DuckDBInstance.create(path);
        const connection = await instance.connect();
        for (const statement of STATE_SCHEMA) await connection.run(statement);
        return new StateStore(instance, connection);
      } catch (error) {
        const locked = /lock/i.test(firstLine(error));
        if (!locked || Date.now() >= deadline) {
          throw new WarehouseError(
            `cannot open the state file ${path}: ${firstLine(error)}`,
            locked ? 'another monitor run holds it; raise state.lockTimeoutMs or wait for it to finish' : 'set state.path or MONITOR_HOME to a writable place',
          );
        }
        if (!waited) options.log(`state file ${path} is in use by another monitor run; waiting…`);
        waited = true;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  /**
   * Claims a digest for sending. False when it was already claimed by an earlier run (it
   * was sent, or sits in the outbox), unless `resend` forces a new claim.
   */
  async claim(key: DigestKey, webhookEnv: string, payload: string, resend: boolean): Promise<OutboxItem | undefined> {
    const existing = await this.rows('SELECT 1 FROM digest_claims WHERE domain = $domain AND date = $date AND route = $route', { ...key });
    if (existing.length > 0 && !resend) return undefined;
    const id = randomUUID();
    await this.connection.run('BEGIN TRANSACTION');
    try {
      await this.connection.run(
        'INSERT INTO digest_claims (domain, date, route, claimed_at) VALUES ($domain, CAST($date AS DATE), $route, now()) ON CONFLICT DO UPDATE SET claimed_at = now()',
        { ...key },
      );
      await this.connection.run(
        "INSERT INTO outbox (id, domain, date, route, webhook_env, payload, status, attempts, created_at) VALUES ($id, $domain, CAST($date AS DATE), $route, $env, $payload, 'pending', 0, now())",
        { id, ...key, env: webhookEnv, payload },
      );
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
    return { id, ...key, webhookEnv, payload, attempts: 0 };
  }

  async pendingOutbox(): Promise<OutboxItem[]> {
    const rows = await this.rows("SELECT id, domain, CAST(date AS VARCHAR) AS date, route, webhook_env, payload, attempts FROM outbox WHERE status = 'pending' ORDER BY created_at, id", {});
    return rows.map((r) => ({
      id: String(r['id']),
      domain: String(r['domain']),
      date: String(r['date']) as IsoDate,
      route: String(r['route']),
      webhookEnv: String(r['webhook_env']),
      payload: String(r['payload']),
      attempts: Number(r['attempts']),
    }));
  }

  async markSent(id: string): Promise<void> {
    await this.connection.run("UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE id = $id", { id });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.connection.run('UPDATE outbox SET attempts = attempts + 1, last_error = $error WHERE id = $id', { id, error });
  }

  async recordAlerts(records: readonly AlertRecord[]): Promise<void> {
    for (const r of records) {
      await this.connection.run(
        `INSERT INTO alert_log (fingerprint, domain, series, metric, direction, date, severity, route, status, recorded_at)
         VALUES ($fp, $domain, $series, $metric, $direction, CAST($date AS DATE), $severity, $route, $status, now())
         ON CONFLICT DO UPDATE SET severity = excluded.severity, route = excluded.route, status = excluded.status, recorded_at = now()`,
        { fp: fingerprint(r), domain: r.domain, series: r.series, metric: r.metric, direction: r.direction, date: r.date, severity: r.severity, route: r.route, status: r.status },
      );
    }
  }

  async alertLog(domain: string, date: IsoDate): Promise<AlertRecord[]> {
    const rows = await this.rows(
      'SELECT domain, series, metric, direction, CAST(date AS VARCHAR) AS date, severity, route, status FROM alert_log WHERE domain = $domain AND date = CAST($date AS DATE) ORDER BY series, metric',
      { domain, date },
    );
    return rows.map((r) => ({
      domain: String(r['domain']),
      series: String(r['series']),
      metric: String(r['metric']),
      direction: String(r['direction']),
      date: String(r['date']) as IsoDate,
      severity: String(r['severity']),
      route: String(r['route']),
      status: String(r['status']),
    }));
  }

  async addSilence(silence: Omit<Silence, 'id'>): Promise<Silence> {
    const id = randomUUID().slice(0, 8);
    await this.connection.run('INSERT INTO silences (id, match, until, reason, created_at) VALUES ($id, $match, CAST($until AS DATE), $reason, now())', {
      id,
      match: JSON.stringify(silence.match),
      until: silence.until,
      reason: silence.reason,
    });
    return { id, ...silence };
  }

  async silences(): Promise<Silence[]> {
    const rows = await this.rows('SELECT id, match, CAST(until AS VARCHAR) AS until, reason FROM silences ORDER BY until, id', {});
    return rows.map((r) => ({ id: String(r['id']), match: JSON.parse(String(r['match'])) as Silence['match'], until: String(r['until']) as IsoDate, reason: String(r['reason']) }));
  }

  async removeSilence(id: string): Promise<boolean> {
    const before = (await this.silences()).length;
    await this.connection.run('DELETE FROM silences WHERE id = $id', { id });
    return (await this.silences()).length < before;
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async rows(sql: string, params: Readonly<Record<string, string>>): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjects().map((row) => normalizeDuckDBRow(row));
  }
}
