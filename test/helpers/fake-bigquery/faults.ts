import { BigQueryApiError } from './api-error.js';
import type { Fault, FaultRoute } from './types.js';

/** What the server does instead of answering normally. */
export type FaultAction = { kind: 'error'; error: BigQueryApiError } | { kind: 'drop' };

interface PendingFault {
  readonly route: FaultRoute;
  readonly action: FaultAction;
  remaining: number;
}

/**
 * Injected faults, consumed first-in first-out per route. `hang` is not consumed: once
 * injected, jobs never complete (until cancelled), like a query stuck in BigQuery.
 */
export class FaultBook {
  private pending: PendingFault[] = [];
  private hanging = false;

  inject(fault: Fault): void {
    if ('hang' in fault) {
      this.hanging = true;
      return;
    }
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`fault.times must be a positive whole number, got ${times}`);
    const action: FaultAction =
      'dropConnection' in fault
        ? { kind: 'drop' }
        : { kind: 'error', error: new BigQueryApiError(fault.status, fault.reason, fault.message ?? defaultMessage(fault.status, fault.reason)) };
    this.pending.push({ route: fault.route, action, remaining: times });
  }

  /** The fault for this request, if any, using up one of its `times`. */
  take(route: FaultRoute | 'unknown'): FaultAction | undefined {
    const fault = this.pending.find((candidate) => candidate.route === route);
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.pending = this.pending.filter((candidate) => candidate !== fault);
    return fault.action;
  }

  get hang(): boolean {
    return this.hanging;
  }
}

function defaultMessage(status: number, reason: string): string {
  if (reason === 'backendError') return 'Error encountered during execution. Retrying may solve the problem.';
  if (reason === 'rateLimitExceeded') return 'Exceeded rate limits: too many api requests per user per method for this user_method.';
  return `Injected fault: ${status} ${reason}`;
}
