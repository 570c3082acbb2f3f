import { markPossibleRepeat } from '../alerts/slack/possible-repeat.js';
import { DeliveryError } from '../delivery/delivery-error.js';
import { failpoint } from '../delivery/failpoints.js';
import type { DeliveryOptions, SlackPayload } from '../delivery/types.js';
import type { OutboxItem, StateStore } from '../state/state-store.js';

export interface SendContext {
  readonly store: StateStore;
  readonly delivery: Omit<DeliveryOptions, 'log'>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: (line: string) => void;
}

/**
 * Posts one claimed outbox row and records the outcome; true when Slack took it. The row
 * is marked "maybe posted" before the POST, so a run that dies after this point leaves a
 * row the next run re-sends with a note that it may repeat; a failure in which nothing
 * reached Slack clears the mark again (unless an earlier post may have arrived).
 */
export async function sendOutboxItem(url: string, item: OutboxItem, context: SendContext): Promise<boolean> {
  const { store, log } = context;
  // Loaded only when something is posted: @slack/webhook and p-retry cost start-up time
  // that a run with nothing to send (or no webhook) need not pay.
  const { sendToSlack } = await import('../delivery/send-to-slack.js');
  await store.markPostStarted(item.id);
  const payload = JSON.parse(item.payload) as SlackPayload;
  try {
    await sendToSlack(url, item.maybePosted ? markPossibleRepeat(payload) : payload, { ...context.delivery, log: (line) => log(`slack ${item.route}: ${line}`) });
    failpoint('before-record', context.env);
    await store.markSent(item.id);
    return true;
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    await store.markFailed(item.id, error.message, item.maybePosted || error.maybeDelivered);
    log(`slack ${item.route}: ${error.message} — kept in the outbox for the next run (hint: ${error.hint ?? 'run again later'})`);
    return false;
  }
}

/** What the run says before sending a row it took from the outbox: why it is being sent (again). */
export function outboxLine(item: OutboxItem): string {
  const what = `${item.domain} ${item.date}`;
  const again = 'sending it once more, marked as a possible repeat';
  if (item.interrupted !== undefined) {
    const why = item.interrupted.reason === 'owner-gone' ? `its process ${item.interrupted.pid} on this host is gone` : 'its 15-minute lease expired';
    return item.maybePosted
      ? `slack ${item.route}: an earlier run was interrupted while sending ${what} after its post may have reached Slack (${why}); ${again}`
      : `slack ${item.route}: an earlier run was interrupted while sending ${what} (${why}); sending now`;
  }
  if (item.maybePosted) return `slack ${item.route}: the last post of ${what} may have reached Slack (no answer was recorded); ${again}`;
  return `slack ${item.route}: ${what} was kept in the outbox by an earlier run; sending it now`;
}
