import { WarehouseError } from '../errors.js';
import { SOURCE_TABLES_DOC } from './source-tables-doc.js';

/** The shape of the client's ApiError that we rely on. */
interface ApiErrorLike {
  code?: number | string;
  message?: string;
  errors?: { reason?: string; message?: string }[];
}

/** Reasons BigQuery documents as worth retrying (with backoff). */
const TRANSIENT_REASONS = new Set(['backendError', 'rateLimitExceeded', 'internalError', 'jobRateLimitExceeded']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET']);

export function reasonOf(error: unknown): string | undefined {
  return (error as ApiErrorLike)?.errors?.[0]?.reason;
}

/** 5xx, 429 and the transient reasons are retried; everything else fails at once. */
export function isTransient(error: unknown): boolean {
  const e = error as ApiErrorLike & { cause?: { code?: string } };
  const code = typeof e?.code === 'number' ? e.code : Number(e?.code);
  if (code === 429 || (code >= 500 && code < 600)) return true;
  const reason = reasonOf(error);
  if (reason !== undefined && TRANSIENT_REASONS.has(reason)) return true;
  const networkCode = typeof e?.code === 'string' ? e.code : e?.cause?.code;
  return networkCode !== undefined && NETWORK_CODES.has(networkCode);
}

/** Secrets must never reach output: strip bearer tokens and key material from messages. */
export function redact(text: string): string {
  return text
    .replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/g, 'Bearer [redacted]')
    .replace(/(access_token|private_key|client_secret|refresh_token)(["'=:\s]+)[^\s"',&]+/gi, '$1$2[redacted]');
}

/** One line naming what failed and how to fix it, for every BigQuery failure. */
export function toWarehouseError(error: unknown, what: string): WarehouseError {
  if (error instanceof WarehouseError) return error;
  const e = error as ApiErrorLike;
  const reason = reasonOf(error);
  const message = redact(String(e?.errors?.[0]?.message ?? e?.message ?? error).split('\n')[0] ?? '');
  const code = Number(e?.code);
  if (reason === 'notFound' || code === 404) {
    return new WarehouseError(`${what}: ${message}`, 'check the table mapping under tables: in the config (project.dataset.table) and bigquery.location');
  }
  if (reason === 'accessDenied' || code === 403) {
    return new WarehouseError(
      `${what}: access denied: ${message}`,
      'the credentials need roles/bigquery.jobUser on the project and roles/bigquery.dataViewer on the datasets',
    );
  }
  if (code === 401 || /credential|authenticat|invalid_grant/i.test(message)) {
    return new WarehouseError(
      `${what}: authentication failed: ${message}`,
      'run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file',
    );
  }
  if (reason === 'invalidQuery') return new WarehouseError(`${what}: invalid query: ${message}`, `check that the configured tables have the columns listed in ${SOURCE_TABLES_DOC}; if they do, this is a bug in the SQL file: report it`);
  if (reason === 'bytesBilledLimitExceeded') {
    return new WarehouseError(`${what}: ${message}`, 'raise bigquery.maximumBytesBilled in the config after checking the cost with --estimate');
  }
  return new WarehouseError(`${what}: BigQuery failed: ${message}${reason ? ` (${reason})` : ''}`, 'try again later; transient errors were already retried');
}
