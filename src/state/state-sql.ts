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
     status STRING, attempts INT64, last_error STRING, owner STRING, leased_at STRING, created_at STRING, sent_at STRING,
     owner_host STRING, owner_pid INT64, maybe_posted BOOL)`,
  `CREATE TABLE IF NOT EXISTS \`monitor_alert_log\` (fingerprint STRING, domain STRING, series STRING, metric STRING, direction STRING,
     date DATE, severity STRING, route STRING, status STRING, recorded_at STRING)`,
  'CREATE TABLE IF NOT EXISTS `monitor_silences` (id STRING, match_json STRING, until DATE, reason STRING, created_at STRING)',
];

/**
 * Columns added after the first release. Each statement adds one column (DuckDB takes one
 * ALTER action per statement; BigQuery accepts the same text), and IF NOT EXISTS makes
 * them no-ops on tables created with the column, so they run on every open like the
 * CREATE TABLE IF NOT EXISTS above. Rows from before have NULLs: no owner process known
 * (only the lease can free them) and maybe_posted NULL, read as false.
 */
export const MIGRATE_STATE_TABLES: readonly string[] = [
  'ALTER TABLE `monitor_outbox` ADD COLUMN IF NOT EXISTS owner_host STRING',
  'ALTER TABLE `monitor_outbox` ADD COLUMN IF NOT EXISTS owner_pid INT64',
  'ALTER TABLE `monitor_outbox` ADD COLUMN IF NOT EXISTS maybe_posted BOOL',
];

/**
 * Reads no rows, and fails unless every state table exists with the columns the newest
 * migration added: when it succeeds, the CREATE and ALTER statements above would all be
 * no-ops. WHY: with state in BigQuery each of those eight statements is a job of its own
 * (about a second each, one after another, twice per run); this is one.
 */
export const SCHEMA_IS_CURRENT = `SELECT COUNT(*) AS n FROM (
  SELECT domain FROM \`monitor_digest_claims\` WHERE FALSE
  UNION ALL SELECT owner_host FROM \`monitor_outbox\` WHERE FALSE AND owner_pid IS NULL AND maybe_posted IS NULL
  UNION ALL SELECT domain FROM \`monitor_alert_log\` WHERE FALSE
  UNION ALL SELECT id FROM \`monitor_silences\` WHERE FALSE
  UNION ALL SELECT domain FROM \`monitor_data_missing\` WHERE FALSE)`;

/** Insert the claim unless one exists: MERGE is atomic, so of two racing runs exactly one claim is stored. */
export const CLAIM_DIGEST = `MERGE INTO \`monitor_digest_claims\` AS t
USING (SELECT @domain AS domain, @date AS date, @route AS route, @claim_id AS claim_id, @now AS claimed_at) AS s
ON t.domain = s.domain AND t.date = s.date AND t.route = s.route
WHEN NOT MATCHED THEN INSERT (domain, date, route, claim_id, claimed_at) VALUES (s.domain, s.date, s.route, s.claim_id, s.claimed_at)`;

/** --resend: take the existing claim over. */
export const RECLAIM_DIGEST =
  'UPDATE `monitor_digest_claims` SET claim_id = @claim_id, claimed_at = @now WHERE domain = @domain AND date = @date AND route = @route';

export const CLAIM_OWNER = 'SELECT claim_id FROM `monitor_digest_claims` WHERE domain = @domain AND date = @date AND route = @route';

/** The row starts leased to this run, its process recorded so a re-run on this host can tell it died. */
export const ENQUEUE = `INSERT INTO \`monitor_outbox\` (id, domain, date, route, webhook_env, payload, status, attempts, last_error, owner, leased_at, created_at, sent_at,
  owner_host, owner_pid, maybe_posted)
VALUES (@id, @domain, @date, @route, @webhook_env, @payload, 'sending', 0, NULL, @owner, @now, @now, NULL, @owner_host, @owner_pid, FALSE)`;

/**
 * Candidates for this run: digests waiting to be sent, rows whose sender's lease expired,
 * and rows held by a process on this host (the caller checks whether it still lives).
 */
export const PENDING_OUTBOX = `SELECT id, domain, CAST(date AS STRING) AS date, route, webhook_env, payload, attempts,
  status, COALESCE(owner, '') AS owner, owner_pid, leased_at, COALESCE(maybe_posted, FALSE) AS maybe_posted
FROM \`monitor_outbox\`
WHERE status = 'pending' OR (status = 'sending' AND (leased_at < @stale_before OR owner_host = @owner_host))
ORDER BY created_at, id`;

/**
 * Take an outbox row for this run, only if it is still as this run saw it (same status,
 * same owner): of two runs that both decided to take it over, one wins. A row left
 * 'sending' by a run that died is taken over, so a crash delays a digest instead of
 * losing it.
 */
export const LEASE_OUTBOX = `UPDATE \`monitor_outbox\` SET status = 'sending', owner = @owner, owner_host = @owner_host, owner_pid = @owner_pid, leased_at = @now
WHERE id = @id AND status = @seen_status AND COALESCE(owner, '') = @seen_owner`;

export const OUTBOX_OWNER = 'SELECT owner, status, owner_host, owner_pid FROM `monitor_outbox` WHERE id = @id';

/**
 * Set just before the POST: from here until an answer is recorded, a crash may leave a
 * message in Slack that the state does not know about, so a re-send must say it may repeat.
 */
export const MARK_POST_STARTED = 'UPDATE `monitor_outbox` SET maybe_posted = TRUE WHERE id = @id';

export const MARK_SENT = "UPDATE `monitor_outbox` SET status = 'sent', attempts = attempts + 1, sent_at = @now, last_error = NULL WHERE id = @id";

/** Back to the outbox; maybe_posted stays true when this or an earlier post may have reached Slack. */
export const MARK_FAILED = `UPDATE \`monitor_outbox\` SET status = 'pending', attempts = attempts + 1, last_error = @error, owner = NULL, maybe_posted = @maybe_posted
WHERE id = @id`;

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
