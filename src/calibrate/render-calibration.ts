import { fixedOrDash, textTable } from '../alerts/text-table.js';
import type { MinChangeGate } from '../stats/types.js';
import type { CalibrationRow, DomainCalibration } from './calibrate-domain.js';
import type { Alternative } from './suggest.js';
import { count } from './overlay-yaml.js';

export interface CalibrationContext {
  readonly source: string;
  readonly labels: string | null;
  /** The overlay file written, if any. */
  readonly written: string | null;
}

/** One object: the calibration as computed, plus where it came from and went. */
export function renderCalibrationJson(calibration: DomainCalibration, context: CalibrationContext & { readonly version: string }): string {
  const { placement: _placement, ...figures } = calibration;
  return `${JSON.stringify({ command: 'calibrate', version: context.version, source: context.source, labels: context.labels, written: context.written, ...figures }, null, 2)}\n`;
}

const HEADER = ['series', 'metric', 'robust CV', 'scored', 'alerts /30d', 'clean alerts', 'clean /30d', 'threshold → clean', 'gate → clean', 'chosen', 'after clean /30d', 'events lost'];
/** Right-aligned columns of HEADER. */
const NUMERIC = new Set([2, 3, 4, 5, 6, 10]);

/** A table per series × metric, then what the overlay does to the domain as a whole. */
export function renderCalibrationText(calibration: DomainCalibration, context: CalibrationContext): string {
  const c = calibration;
  const lines = [
    `calibrate ${c.domain}: ${c.from} … ${c.to} (${c.days} days) on ${context.source}`,
    `budget: at most ${count(c.budget, 'alert')} per series × metric per 30 clean days; labels: ${context.labels ?? 'none (every day counts as clean)'}`,
    '"!": over budget now. Suggestions only raise: the smallest notice (warning and critical move up with it) or gate that meets the budget.',
    '',
    ...textTable([HEADER, ...c.rows.map(cells)], { rightAligned: (column) => NUMERIC.has(column) }),
    '',
    `over budget: ${c.overBudgetBefore} of ${c.rows.length} series × metrics now; ${c.overBudgetAfter} with the suggestions (replayed)`,
    `labelled events: ${c.events} in range, ${c.eventsFoundNow.length} found now; lost with every suggestion applied: ${c.eventsLostByOverlay.length === 0 ? 'none' : c.eventsLostByOverlay.join(', ')}`,
    ...unreachable(c.rows),
    context.written === null
      ? c.rows.some((r) => r.written)
        ? 'pass --write FILE to save the suggestions as a config overlay to review'
        : 'nothing to write'
      : c.rows.some((r) => r.written)
        ? `wrote ${count(c.rows.filter((r) => r.written).length, 'suggestion')} to ${context.written}: review it, then merge it into your config`
        : `wrote ${context.written} with nothing to merge: no series × metric needs and can take a suggestion`,
  ];
  return `${lines.join('\n')}\n`;
}

function cells(row: CalibrationRow): string[] {
  const chosen = row.chosen === null ? '–' : row.written ? row.chosen : `${row.chosen} (missed)`;
  const lost = row.chosen === null ? null : (row.chosen === 'threshold' ? row.threshold : row.gate);
  return [
    row.series,
    row.metric,
    row.robustCv === null ? '–' : `${(row.robustCv * 100).toFixed(1)} %`,
    String(row.scoredDays),
    fixedOrDash(row.now.alertsPer30),
    `${row.now.cleanAlerts}${row.now.cleanAlerts > row.allowed ? ' !' : ''}`,
    fixedOrDash(row.now.per30),
    alternative(row.threshold, (t) => `notice ${t.notice}`),
    alternative(row.gate, (g) => gateLabel(g)),
    chosen,
    fixedOrDash(row.after.per30),
    lost?.kind === 'proposal' && lost.eventsLost.length > 0 ? lost.eventsLost.join(', ') : '–',
  ];
}

function alternative<T>(value: Alternative<T> | null, label: (v: T) => string): string {
  if (value === null) return '–';
  if (value.kind === 'unreachable') return 'none';
  return `${label(value.value)} → ${value.cleanAlerts}`;
}

/** "up 0.07", "up/down 0.58". */
export function gateLabel(gate: MinChangeGate): string {
  const sides = (['up', 'down'] as const).filter((s) => gate[s] !== undefined);
  const values = [...new Set(sides.map((s) => gate[s]))];
  return values.length === 1 ? `${sides.join('/')} ${values[0]}` : sides.map((s) => `${s} ${gate[s]}`).join(', ');
}

function unreachable(rows: readonly CalibrationRow[]): string[] {
  const reasons = rows.flatMap((r) => {
    if (r.now.cleanAlerts <= r.allowed || r.written) return [];
    const why = [r.threshold, r.gate].map((a) => (a?.kind === 'unreachable' ? a.reason : null)).filter((w): w is string => w !== null);
    return [`  ${r.series} × ${r.metric}: ${why.length === 0 ? 'the replay missed the budget' : [...new Set(why)].join('; ')}`];
  });
  return reasons.length === 0 ? [] : ['over budget with no suggestion:', ...reasons];
}
