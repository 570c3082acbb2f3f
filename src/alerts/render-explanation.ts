import { weekdayName, type IsoDate } from '../dates/iso-date.js';
import type { MetricDefinition } from '../domains/types.js';
import { OUTLIER_Z } from '../stats/detector-method.js';
import type { DetectorSettings, Evaluation } from '../stats/types.js';
import type { AlertContributor } from './alert.js';
import { contributorText } from './contributor-text.js';
import { levelChangeText } from './resolved-text.js';
import { formatPct, formatValue, formatZ } from './format-number.js';
import { baselineSparkline } from './sparkline.js';

export interface ExplainedRootCause {
  /** The dimensions this series drills into; [] when it has none. */
  readonly dimensions: readonly string[];
  /** How the members were ranked; [] when nothing was (no drill-down, or no data for the date). */
  readonly methods: readonly AlertContributor['method'][];
  readonly contributors: readonly AlertContributor[];
  /** The drill-down query's failure, when it failed. */
  readonly error: string | null;
}

export interface Explanation {
  readonly domain: string;
  readonly date: IsoDate;
  readonly series: string;
  readonly seriesLabel: string;
  readonly metric: MetricDefinition;
  readonly settings: DetectorSettings;
  readonly evaluation: Evaluation;
  readonly rootCause: ExplainedRootCause;
  /** Days (the target, baseline days) whose value was not used because its data cannot be trusted. */
  readonly dataQuality: readonly { readonly date: IsoDate; readonly problems: readonly string[] }[];
  /** The command that re-runs the domain's report for this date. */
  readonly rerun: string;
}

/**
 * One piece of an explanation, in reading order. The text and the Markdown renderers lay
 * out the same pieces: a labelled fact, a free sentence, an indented detail, a baseline day.
 */
export type ExplanationEntry =
  | { readonly kind: 'fact'; readonly label: string; readonly text: string }
  | { readonly kind: 'sentence'; readonly text: string }
  | { readonly kind: 'detail'; readonly text: string }
  | { readonly kind: 'day'; readonly date: IsoDate; readonly value: string | null; readonly note: string | null };

/** Everything behind one number, for the on-call engineer an alert surprised. */
export function renderExplanation(e: Explanation): string {
  const lines = [explanationTitle(e)];
  for (const entry of explanationEntries(e)) {
    switch (entry.kind) {
      case 'fact':
        lines.push(`${entry.label.padEnd(12)} ${entry.text}`);
        break;
      case 'sentence':
        lines.push(entry.text);
        break;
      case 'detail':
        lines.push(`  ${entry.text}`);
        break;
      case 'day':
        lines.push(`  ${entry.date} (${weekdayName(entry.date)})  ${[entry.value, entry.note].filter((part) => part !== null).join('  ')}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function explanationTitle(e: Explanation): string {
  return `monitor explain ${e.domain} · ${e.seriesLabel} / ${e.metric.label} · ${e.date} (${weekdayName(e.date)})`;
}

/** The explanation's pieces, in the order both renderers show them. */
export function explanationEntries(e: Explanation): ExplanationEntry[] {
  const fmt = (v: number): string => formatValue(v, e.metric.unit, e.metric.display);
  const s = e.settings;
  const entries: ExplanationEntry[] = [];
  const fact = (label: string, text: string): void => void entries.push({ kind: 'fact', label, text });
  const ev = e.evaluation;
  const problemsOn = (date: IsoDate): readonly string[] | undefined => e.dataQuality.find((q) => q.date === date)?.problems;
  const targetProblems = problemsOn(e.date);
  if (ev.kind === 'data_missing' && targetProblems !== undefined) {
    entries.push({ kind: 'sentence', text: `Not scored on ${e.date}: the data behind this value cannot be trusted (README "Data quality"):` });
    for (const problem of targetProblems) entries.push({ kind: 'detail', text: problem });
  } else if (ev.kind === 'data_missing') {
    entries.push({ kind: 'sentence', text: `No value for ${e.date}: no data for this series that day (the pipeline is late, or the date is outside the data).` });
  } else {
    fact('value', fmt(ev.value));
    fact('baseline', `the same weekday in the previous ${s.weeks} weeks (at least ${s.minPoints} values needed):`);
    ev.baseline.dates.forEach((date, i) => entries.push({ kind: 'day', date, value: fmt(ev.baseline.values[i] ?? Number.NaN), note: null }));
    for (const date of ev.baseline.missingDates) {
      const problems = problemsOn(date);
      entries.push({ kind: 'day', date, value: null, note: `excluded: ${problems === undefined ? 'no data that day' : `data quality: ${problems.join('; ')}`}` });
    }
    for (const day of ev.baseline.excluded) {
      const why = day.reason === 'known_event' ? `known event: ${day.event ?? ''}` : `outlier: the day itself scored z ${formatZ(day.z ?? 0)} (|z| > ${OUTLIER_Z})`;
      entries.push({ kind: 'day', date: day.date, value: fmt(day.value), note: `left out: ${why}` });
    }
    if (ev.knownEvent !== undefined) fact('known event', `${ev.knownEvent.name}${ev.knownEvent.hold ? ' (alerts held back on this day)' : ' (annotated)'}`);
    const floor = `floor max(scale, ${s.sigmaFloor.relative} × |μ|, ${s.sigmaFloor.absolute})`;
    entries.push({ kind: 'sentence', text: `μ ${fmt(ev.baseline.mean)}   σ of the kept values ${fmt(ev.baseline.sd)}` });
    if (ev.baseline.values.length > 0) fact('sparkline', `${baselineSparkline(ev.baseline.values, ev.value)}   (baseline, then ${e.date})`);
    if (ev.kind === 'insufficient_history') {
      fact('result', `warming up (insufficient history): ${ev.baseline.values.length} of ${ev.minPoints} baseline values — not scored, no alert possible`);
    } else {
      const t = s.thresholds;
      // The level and its spread are fractions of μ in relative mode, metric units otherwise.
      const levelText = (v: number): string => (ev.level?.mode === 'relative' ? formatPct(v) : fmt(v));
      fact(
        'level',
        ev.level === null
          ? `not enough recent days to estimate (expected = μ)`
          : `${levelText(ev.level.change)}: the median deviation of ${ev.level.dates[0]} … ${ev.level.dates.at(-1)} from their own baselines (${ev.level.mode === 'relative' ? 'relative to μ' : 'in the metric’s units: this metric is near 0 or as wide as its mean'})`,
      );
      fact('expected', `${fmt(ev.expected)}   (μ moved by the recent level)`);
      const scaleText =
        ev.scale.source === 'pooled'
          ? `pooled over ${ev.scale.days} recent days' prediction errors${ev.scale.relative === null ? '' : ` (${formatPct(ev.scale.relative)} of |μ|)`}`
          : 'the σ of the kept same-weekday values (too little history to pool)';
      fact('scale', `${fmt(ev.baseline.sdUsed)}: ${scaleText}${ev.baseline.sdFloored ? `; the ${floor} applied` : ''}`);
      if (ev.sdLevel > ev.baseline.sdUsed) fact('', `vs expected: ${fmt(ev.sdLevel)}, the scale plus the level's own uncertainty (its days disagree by ${levelText(ev.level?.spread ?? 0)})`);
      fact('z', `${formatZ(ev.z)}   vs μ ${formatZ(ev.zBaseline)}, vs expected ${formatZ(ev.zLevel)} (the weaker counts; 0 when they disagree in sign)   change ${formatPct(ev.pctChange)} (${ev.direction})`);
      if (ev.levelShift !== undefined) fact('level shift', `since ${ev.levelShift.since} (${levelChangeText(ev.levelShift)}): unusual against μ, now the expected level, so not an alert`);
      fact('thresholds', `NOTICE > ${t.notice}, WARNING > ${t.warning}, CRITICAL > ${t.critical} → ${ev.rawSeverity ?? 'below NOTICE'}`);
      fact('rules', `direction ${s.direction}; min change up ${gate(s.minChange.up)}, down ${gate(s.minChange.down)}; weekdays only: ${s.weekdaysOnly ? 'yes' : 'no'}${s.dropToZero ? `; drop to zero → ${s.dropToZero.severity} (baseline μ ≥ ${s.dropToZero.minBaselineMean})` : ''}`);
      fact('result', resultLine(ev));
    }
  }
  entries.push(...rootCauseEntries(e));
  fact('re-run', e.rerun);
  return entries;
}

const METHOD_TEXT: Record<AlertContributor['method'], string> = {
  balanced_cost: 'ThirdEye balanced cost: |share of the move| + |change in share of the total|',
  change: 'share of the move alone (members moving against it left out)',
  volume_weighted: "each member's own change × its share of the requests",
};

function rootCauseEntries(e: Explanation): ExplanationEntry[] {
  const rc = e.rootCause;
  const contributors = (text: string): ExplanationEntry => ({ kind: 'fact', label: 'contributors', text });
  if (rc.dimensions.length === 0) return [contributors(`none: ${e.seriesLabel} has no finer drill-down dimension`)];
  if (rc.methods.length === 0) return [contributors(`none: no data to break down for ${e.date}`)];
  const header = contributors(`by ${rc.dimensions.join(', ')}, ranked by ${rc.methods.map((m) => METHOD_TEXT[m]).join('; ')}:`);
  if (rc.error !== null) return [header, { kind: 'detail', text: `unavailable: ${rc.error}` }];
  if (rc.contributors.length === 0) return [header, { kind: 'detail', text: 'none: no member moved enough to explain anything' }];
  const display = { unit: e.metric.unit ?? null, display: e.metric.display ?? null };
  return [header, ...rc.contributors.map((c, i): ExplanationEntry => ({ kind: 'detail', text: `${i + 1}. ${contributorText(c, display)}   [${costText(c)}]` }))];
}

/** The ranking score and the share shift behind it (of the traffic, for percentiles). */
function costText(c: AlertContributor): string {
  const shifted = c.method === 'volume_weighted' ? 'traffic share' : 'share of total';
  return `cost ${c.cost.toFixed(3)}, ${shifted} ${signedPoints(c.contributionChange)}`;
}

/** A shift of a share, in percentage points. */
function signedPoints(shift: number): string {
  const points = shift * 100;
  return `${points >= 0 ? '+' : ''}${points.toFixed(1)} pts`;
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
    case 'known_event':
      return `no alert: would be ${ev.rawSeverity}, but the day is a known event whose alerts are held back`;
  }
}
