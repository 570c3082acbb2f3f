import type { Alert } from '../alert.js';
import { contributorText } from '../contributor-text.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** The alert's contributors as mrkdwn bullets (member names come from data: escaped). */
export function contributorLines(alert: Pick<Alert, 'contributors' | 'unit' | 'display'>): string[] {
  return alert.contributors.map((c) => `• ${escapeMrkdwn(contributorText(c, alert))}`);
}
