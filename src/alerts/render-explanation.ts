import { weekdayName, type IsoDate } from '../dates/iso-date.js';
import type { MetricDefinition } from '../domains/types.js';
import type { DetectorSettings, Evaluation } from '../stats/types.js';
import { formatPct, formatValue, formatZ } from './format-number.js';
import { baselineSparkline } from './sparkline.js';

export interface Explanation {
  readonly domain: string;
  readonly date: IsoDate;
  readonly series: string;
  readonly seriesLabel: string;
  readonly metric: MetricDefinition;
  readonly settings: DetectorSettings;
  readonly evaluation: Evaluation;
  /** The command that re-runs the domain's report for this date. */
  readonly rerun: string;
}

/** Everything behind one number, for the on-call engineer an alert surprised. */
export function renderExplanation(e: Explanation): string {
  const fmt = (v: number): string => formatValue(v, e.metric.unit, e.metric.display);
  const s = e.settings;
  const lines = [`monitor explain ${e.domain} · ${e.seriesLabel} / ${e.metric.label} · ${e.date} (${weekdayName(e.date)})`];
  const ev = e.evaluation;
  if (ev.kind === 'data_missing') {
    lines.push(`No value for ${e.date}: no data for this series that day (the pipeline is late, or the date is outside the data).`);
  } else {
    lines.push(`value        ${fmt(ev.value)}`);
    lines.push(`baseline     the same weekday in the previous ${s.weeks} weeks (at least ${s.minPoints} values needed):`);
    ev.baseline.dates.forEach((date, i) => lines.push(`  ${date} (${weekdayName(date)})  ${fmt(ev.baseline.values[i] ?? Number.NaN)}`));
    for (const date of ev.baseline.missingDates) lines.push(`  ${date} (${weekdayName(date)})  excluded: no data that day`);
    const floor = `floor max(σ, ${s.sigmaFloor.relative} × |μ|, ${s.sigmaFloor.absolute})`;
    lines.push(`μ ${fmt(ev.baseline.mean)}   σ ${fmt(ev.baseline.sd)}   σ used ${fmt(ev.baseline.sdUsed)}${ev.baseline.sdFloored ? ` (the ${floor} applied)` : ` (${floor} did not bind)`}`);
    if (ev.baseline.values.length > 0) lines.push(`sparkline    ${baselineSparkline(ev.baseline.values, ev.value)}   (baseline, then ${e.date})`);
    if (ev.kind === 'insufficient_history') {
      lines.push(`result       insufficient history: ${ev.baseline.values.length} of ${ev.minPoints} baseline values — not scored, no alert possible`);
    } else {
      const t = s.thresholds;
      lines.push(`z            ${formatZ(ev.z)}   change ${formatPct(ev.pctChange)} (${ev.direction})`);
      lines.push(`thresholds   NOTICE > ${t.notice}, WARNING > ${t.warning}, CRITICAL > ${t.critical} → ${ev.rawSeverity ?? 'below NOTICE'}`);
      lines.push(`rules        direction ${s.direction}; min change up ${gate(s.minChange.up)}, down ${gate(s.minChange.down)}; weekdays only: ${s.weekdaysOnly ? 'yes' : 'no'}${s.dropToZero ? `; drop to zero → ${s.dropToZero.severity} (baseline μ ≥ ${s.dropToZero.minBaselineMean})` : ''}`);
      lines.push(`result       ${resultLine(ev)}`);
    }
  }
  lines.push(`re-run       ${e.rerun}`);
  return lines.join('\n') + '\n';
}

function gate(value: number | undefined): string {
  return value === undefined ? 'none' : `${Math.round(value * 100)} %`;
}

function resultLine(ev: Extract<Evaluation, { kind: 'scored' }>): string {
  if (ev.severity !== null) return `ALERT ${ev.severity}${ev.rule === 'drop_to_zero' ? ' (drop-to-zero rule)' : ''}`;
  switch (ev.suppressedBy) {
    case 'below_threshold':
    case null:
      return 'no alert: |z| is within the NOTICE threshold';
    case 'direction':
      return `no alert: would be ${ev.rawSeverity}, but this metric only alerts on the other direction`;
    case 'weekend':
      return `no alert: would be ${ev.rawSeverity}, but this series is weekday-only`;
    case 'min_change':
      return `no alert: would be ${ev.rawSeverity}, but the change is under the minimum-change gate`;
  }
}
