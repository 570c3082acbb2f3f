import { Document, isMap, isPair, isScalar } from 'yaml';
import type { MinChangeGate, Thresholds } from '../stats/types.js';
import type { CalibrationRow, DomainCalibration } from './calibrate-domain.js';
import type { Proposal } from './suggest.js';

export interface OverlayContext {
  /** The command line that made the file, for the header. */
  readonly commandLine: string;
  /** Where the data came from (the warehouse's description). */
  readonly source: string;
  readonly labels: string | null;
}

/**
 * The overlay as a YAML file for a person to review: a header saying what was measured
 * and how, and above each written key the measurement behind it. It loads with
 * loadConfig like any user config, merged over the shipped defaults.
 */
export function renderOverlayYaml(calibration: DomainCalibration, context: OverlayContext): string {
  const written = calibration.rows.filter((r) => r.written);
  const doc = new Document(written.length === 0 ? {} : calibration.overlay);
  doc.commentBefore = [
    ` ${context.commandLine}`,
    ` Range ${calibration.from} … ${calibration.to} (${calibration.days} days) on ${context.source}.`,
    ` Labels: ${context.labels ?? 'none: every day counts as clean'}.`,
    ` Budget: at most ${count(calibration.budget, 'alert')} per series × metric per 30 clean days (days no labelled event covers).`,
    written.length === 0
      ? ' Nothing to suggest: every series × metric is within budget, or out of reach (see the report).'
      : ` ${count(written.length, 'suggestion')}. Each is the smallest raise that meets the budget over this range, checked by replaying it;`,
    ...(written.length === 0
      ? []
      : [
          ' a raised notice moves warning and critical up by the same amount. Review, then merge into your',
          ' config: monitor reads this file only if you pass it (--config) or copy its keys.',
        ]),
  ].join('\n');
  for (const row of written) {
    const settings = doc.getIn([...calibration.placement.path(row.series, row.metric)], true);
    if (!isMap(settings)) continue;
    for (const pair of settings.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      pair.key.commentBefore = keyComment(row)
        .map((line) => ` ${line}`)
        .join('\n');
      if (isMap(pair.value)) pair.value.flow = true;
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/**
 * The measured reason for one key, e.g.
 * "5 clean alerts in 78 clean days (1.92/30d) at notice 2; 2 (0.77/30d) at notice 2.64 (replayed); loses no labelled event".
 */
export function keyComment(row: CalibrationRow): string[] {
  const threshold = row.threshold?.kind === 'proposal' ? row.threshold : null;
  const gate = row.gate?.kind === 'proposal' ? row.gate : null;
  const before = `${count(row.now.cleanAlerts, 'clean alert')} in ${row.cleanDays} clean days (${rate(row.now.per30)}/30d)`;
  const after = `${row.after.cleanAlerts} (${rate(row.after.per30)}/30d)`;
  const lines =
    row.chosen === 'threshold' && threshold !== null
      ? [`${before} at notice ${row.current.thresholds.notice}; ${after} at notice ${threshold.value.notice} (replayed); ${lossText(threshold)}`]
      : row.chosen === 'gate' && gate !== null
        ? [`${before} with ${gateText(row.current.minChange, gate.value, 'current')}; ${after} with ${gateText(row.current.minChange, gate.value, 'new')} (replayed); ${lossText(gate)}`]
        : [];
  const alternative = row.chosen === 'threshold' ? row.gate : row.threshold;
  const volatility = row.robustCv === null ? '' : `; daily robust CV ${(row.robustCv * 100).toFixed(1)} %`;
  return [...lines, `alternative: ${alternativeText(row, alternative)}${volatility}`];
}

function alternativeText(row: CalibrationRow, alternative: CalibrationRow['threshold'] | CalibrationRow['gate']): string {
  if (alternative === null) return 'none searched';
  if (alternative.kind === 'unreachable') return `none (${alternative.reason})`;
  const what = row.chosen === 'threshold' ? gateText(row.current.minChange, alternative.value as MinChangeGate, 'new') : `notice ${(alternative.value as Thresholds).notice}`;
  return `${what} → ${count(alternative.cleanAlerts, 'clean alert')}, ${lossText(alternative)}`;
}

/** "up gate 0.07", "no up gate", "up and down gates 0.58". */
export function gateText(current: MinChangeGate, raised: MinChangeGate, which: 'current' | 'new'): string {
  const sides = (['up', 'down'] as const).filter((s) => raised[s] !== undefined);
  const values = sides.map((s) => (which === 'new' ? raised[s] : current[s]));
  if (which === 'current' && values.every((v) => v === undefined)) return `no ${sides.join(' or ')} gate`;
  if (new Set(values).size === 1) return `${sides.join(' and ')} gate${sides.length > 1 ? 's' : ''} ${values[0] ?? 'none'}`;
  return sides.map((s, i) => `${s} gate ${values[i] ?? 'none'}`).join(', ');
}

export function lossText(proposal: Pick<Proposal<unknown>, 'eventsLost'>): string {
  const lost = proposal.eventsLost;
  if (lost.length === 0) return 'loses no labelled event';
  return `loses ${lost.length === 1 ? '' : `${lost.length} labelled events: `}${lost.join(', ')}`;
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function rate(per30: number | null): string {
  return per30 === null ? '–' : per30.toFixed(2);
}
