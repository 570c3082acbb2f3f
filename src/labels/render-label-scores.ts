import { fixedOrDash, textTable } from '../alerts/text-table.js';
import type { LabelScoreRow } from './score-labels.js';

const LEVEL_NAMES = { sent: 'sent', NOTICE: '≥NOTICE', WARNING: '≥WARNING', CRITICAL: 'CRITICAL' } as const;

/**
 * The label table: one row per level a user may page on. The same figures as
 * `npm run bench:detect` prints for the default detector (a test holds them equal).
 */
export function renderLabelScores(rows: readonly LabelScoreRow[], indent = '  '): string[] {
  const missed = missedEvents(rows);
  return [
    ...textTable(labelScoreTable(rows), { indent, rightAligned: (column) => column > 0 }),
    ...(missed.length === 0 ? [] : [`${indent}missed by what is sent: ${missed.join('; ')}`]),
  ];
}

/** The events nothing sent flagged, by name. */
export function missedEvents(rows: readonly LabelScoreRow[]): string[] {
  return rows[0]?.score.perEvent.filter((e) => e.firstFlag === null).map((e) => e.name) ?? [];
}

/** The label scores, header first (text and Markdown show the same table). */
export function labelScoreTable(rows: readonly LabelScoreRow[]): string[][] {
  const header = ['level', 'found', 'flags', 'false', 'false/100d', 'precision', 'recall', 'F1', 'delay d'];
  const body = rows.map(({ level, score }) => [
    LEVEL_NAMES[level],
    `${score.eventsFound}/${score.events}`,
    String(score.flags),
    String(score.falseAlerts),
    fixedOrDash(score.falseAlertsPer100Days),
    fixedOrDash(score.precision),
    fixedOrDash(score.recall),
    fixedOrDash(score.f1),
    fixedOrDash(score.meanDelayDays, 1),
  ]);
  return [header, ...body];
}
