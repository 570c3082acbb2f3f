import type { ErrorCategory } from '../errors.js';

/** Documented in the README; scripts and cron wrappers depend on these numbers. */
export const EXIT = {
  ok: 0,
  /** The run worked and found alerts at or above --fail-on. */
  alerts: 1,
  /** Bad flags, dates, domain names or config. */
  usage: 2,
  /** The warehouse failed: unreachable, permission, invalid query, bad data. */
  warehouse: 3,
  /** Alerts could not be delivered (kept for the next run). */
  delivery: 4,
  /** The report could not be written (stdout on a full disk or a closed pipe, or the --report-dir HTML); delivery still happened. */
  output: 5,
  /** A bug: an error that is not one of ours. */
  internal: 70,
} as const;

export function exitCodeFor(category: ErrorCategory): number {
  switch (category) {
    case 'input':
    case 'config':
      return EXIT.usage;
    case 'warehouse':
      return EXIT.warehouse;
    case 'delivery':
      return EXIT.delivery;
  }
}
