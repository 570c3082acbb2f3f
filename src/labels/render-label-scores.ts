import type { LabelScoreRow } from './score-labels.js';

const LEVEL_NAMES = { sent: 'sent', NOTICE: '≥NOTICE', WARNING: '≥WARNING', CRITICAL: 'CRITICAL' } as const;

const ratio = (x: number | null, digits = 2): string => (x === null ? '–' : x.toFixed(digits));

/**
 * The label table: one row per level a user may page on. The same figures as
 * `npm run bench:detect` prints for the default detector (a test holds them equal).
 */
export function renderLabelScores(rows: readonly LabelScoreRow[], indent = '  '): string[] {
  const header = ['level', 'found', 'flags', 'false', 'false/100d', 'precision', 'recall', 'F1', 'delay d'];
  const body = rows.map(({ level, score }) => [
    LEVEL_NAMES[level],
    `${score.eventsFound}/${score.events}`,
    String(score.flags),
    String(score.falseAlerts),
    ratio(score.falseAlertsPer100Days),
    ratio(score.precision),
    ratio(score.recall),
    ratio(score.f1),
    ratio(score.meanDelayDays, 1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => indent + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const missed = rows[0]?.score.perEvent.filter((e) => e.firstFlag === null).map((e) => e.name) ?? [];
  return [
    line(header),
    ...body.map(line),
    ...(missed.length === 0 ? [] : [`${indent}missed by what is sent: ${missed.join('; ')}`]),
  ];
}
