import type { SlackPayload } from '../../delivery/types.js';
import { contextBlock, SLACK_LIMITS } from './blocks.js';

export const POSSIBLE_REPEAT_NOTE =
  ":repeat: This may repeat a message posted earlier: the run that sent it was interrupted before Slack's answer was recorded.";

/**
 * A digest sent again after a post that may have reached Slack (the sending run died, or
 * Slack did not answer in time). Webhooks have no idempotency key, so the reader is told
 * instead: a note right under the header, seen before the alerts, and in the notification
 * text. A digest already at Slack's 50 blocks gets the note as a second element of its
 * last context block (the "Full report" line) rather than losing an alert to make room.
 */
export function markPossibleRepeat(payload: SlackPayload): SlackPayload {
  const text = `(possible repeat) ${payload.text}`;
  const blocks = [...payload.blocks];
  if (blocks.length < SLACK_LIMITS.blocksPerMessage) {
    const at = blocks[0]?.['type'] === 'header' ? 1 : 0;
    blocks.splice(at, 0, contextBlock(POSSIBLE_REPEAT_NOTE));
    return { text, blocks };
  }
  const last = blocks.map((block) => block['type']).lastIndexOf('context');
  const context = blocks[last];
  if (context !== undefined && Array.isArray(context['elements'])) {
    blocks[last] = { ...context, elements: [...(context['elements'] as unknown[]), { type: 'mrkdwn', text: POSSIBLE_REPEAT_NOTE }] };
  }
  return { text, blocks };
}
