/** The delivery-state tables; created on first use, idempotently. */
export const STATE_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS digest_claims (
     domain VARCHAR NOT NULL, date DATE NOT NULL, route VARCHAR NOT NULL, claimed_at TIMESTAMP NOT NULL,
     PRIMARY KEY (domain, date, route))`,
  `CREATE TABLE IF NOT EXISTS outbox (
     id VARCHAR PRIMARY KEY, domain VARCHAR NOT NULL, date DATE NOT NULL, route VARCHAR NOT NULL,
     webhook_env VARCHAR NOT NULL, payload VARCHAR NOT NULL, status VARCHAR NOT NULL,
     attempts INTEGER NOT NULL, last_error VARCHAR, created_at TIMESTAMP NOT NULL, sent_at TIMESTAMP)`,
  `CREATE TABLE IF NOT EXISTS alert_log (
     fingerprint VARCHAR PRIMARY KEY, domain VARCHAR NOT NULL, series VARCHAR NOT NULL, metric VARCHAR NOT NULL,
     direction VARCHAR NOT NULL, date DATE NOT NULL, severity VARCHAR NOT NULL, route VARCHAR NOT NULL,
     status VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS silences (
     id VARCHAR PRIMARY KEY, match VARCHAR NOT NULL, until DATE NOT NULL, reason VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)`,
];
