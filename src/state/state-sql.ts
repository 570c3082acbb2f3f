/**
 * The delivery-state statements, in BigQuery Standard SQL like every query of the
 * project, run on DuckDB (a local file) or BigQuery (a configured dataset) through the
 * dialect layer. Backticks name the state tables; timestamps are ISO text from the
 * injected clock, so both engines store the same thing.
 */
export const STATE_TABLES = ['monitor_digest_claims', 'monitor_outbox', 'monitor_alert_log', 'monitor_silences', 'monitor_data_missing'] as const;
export type StateTable = (typeof STATE_TABLES)[number];

export const CREATE_STATE_TABLES: readonly string[] = [
  'CREATE TABLE IF NOT EXISTS `monitor_digest_claims` (domain STRING, date DATE, route STRING, claim_id STRING, claimed_at STRING)',
  `CREATE TABLE IF NOT EXISTS \`monitor_outbox\` (id STRING, domain STRING, date DATE, route STRING, webhook_env STRING, payload STRING,
     status STRING, attempts INT64, last_error STRING, owner STRING, leased_at STRING, created_at STRING, sent_at STRING)`,
  `CREATE TABLE IF NOT EXISTS \`monitor_alert_log\` (fingerprint STRING, domain STRING, series STRING, metric STRING, direction STRING,
     date DATE, severity STRING, route STRING, status STRING, recorded_at STRING)`,
  'CREATE TABLE IF NOT EXISTS `monitor_silences` (id STRING, match_json STRING, until DATE, reason STRING, created_at STRING)',
];

/** Insert the claim unless one exists: MERGE is atomic, so of two racing runs exactly one claim is stored. */
export const CLAIM_DIGEST = `MERGE INTO \`monitor_digest_claims\` AS t
USING (SELECT @domain AS domain, @date AS date, @route AS route, @claim_id AS claim_id, @now AS claimed_at) AS s
ON t.domain = s.domain AND t.date = s.date AND t.route = s.route
WHEN NOT MATCHED THEN INSERT (domain, date, route, claim_id, claimed_at) VALUES (s.domain, s.date, s.route, s.claim_id, s.claimed_at)`;

/** --resend: take the existing claim over. */
export const RECLAIM_DIGEST =
  'UPDATE `monitor_digest_claims` SET claim_id = @claim_id, claimed_at = @now WHERE domain = @domain AND date = @date AND route = @route';

export const CLAIM_OWNER = 'SELECT claim_id FROM `monitor_digest_claims` WHERE domain = @domain AND date = @date AND route = @route';

export const ENQUEUE = `INSERT INTO \`monitor_outbox\` (id, domain, date, route, webhook_env, payload, status, attempts, last_error, owner, leased_at, created_at, sent_at)
VALUES (@id, @domain, @date, @route, @webhook_env, @payload, 'sending', 0, NULL, @owner, @now, @now, NULL)`;

export const PENDING_OUTBOX = `SELECT id, domain, CAST(date AS STRING) AS date, route, webhook_env, payload, attempts FROM \`monitor_outbox\`
WHERE status = 'pending' OR (status = 'sending' AND leased_at < @stale_before)
ORDER BY created_at, id`;

/**
 * Take an outbox row for this run. A row left 'sending' by a run that died is taken over
 * once its lease is stale, so a crash delays a digest instead of losing it.
 */
export const LEASE_OUTBOX = `UPDATE \`monitor_outbox\` SET status = 'sending', owner = @owner, leased_at = @now
WHERE id = @id AND (status = 'pending' OR (status = 'sending' AND leased_at < @stale_before))`;

export const OUTBOX_OWNER = 'SELECT owner, status FROM `monitor_outbox` WHERE id = @id';

export const MARK_SENT = "UPDATE `monitor_outbox` SET status = 'sent', attempts = attempts + 1, sent_at = @now, last_error = NULL WHERE id = @id";

export const MARK_FAILED = "UPDATE `monitor_outbox` SET status = 'pending', attempts = attempts + 1, last_error = @error, owner = NULL WHERE id = @id";

export const DELETE_ALERT_LOG = 'DELETE FROM `monitor_alert_log` WHERE fingerprint = @fingerprint';

export const INSERT_ALERT_LOG = `INSERT INTO \`monitor_alert_log\` (fingerprint, domain, series, metric, direction, date, severity, route, status, recorded_at)
VALUES (@fingerprint, @domain, @series, @metric, @direction, @date, @severity, @route, @status, @now)`;

export const ALERT_LOG = `SELECT domain, series, metric, direction, CAST(date AS STRING) AS date, severity, route, status FROM \`monitor_alert_log\`
WHERE domain = @domain AND date = @date ORDER BY series, metric`;

export const ADD_SILENCE = 'INSERT INTO `monitor_silences` (id, match_json, until, reason, created_at) VALUES (@id, @match_json, @until, @reason, @now)';

export const SILENCES = 'SELECT id, match_json, CAST(until AS STRING) AS until, reason FROM `monitor_silences` ORDER BY until, id';

export const REMOVE_SILENCE = 'DELETE FROM `monitor_silences` WHERE id = @id';

export const DELETE_OUTBOX = 'DELETE FROM `monitor_outbox` WHERE id = @id';

/** An outbox row whose digest another run claimed (and sent) in the meantime. */
export const SUPERSEDE_OUTBOX = "UPDATE `monitor_outbox` SET status = 'superseded' WHERE id = @id";
