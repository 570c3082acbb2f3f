/**
 * NYC taxi evaluation of the detector: the numbers behind docs/detection-method.md.
 * Run: npx tsx bench/nyc-taxi-evaluation.ts   (Markdown on stdout)
 * Data: $MONITOR_BENCHMARKS_DIR/nyc-taxi, default test/fixtures/benchmarks/nyc-taxi (a verbatim copy of ../shared/benchmarks).
 */
import { weekdayName, type IsoDate } from '../src/dates/iso-date.js';
import { DEFAULT_DETECTOR } from '../src/stats/detector-settings.js';
import { evaluateDay } from '../src/stats/evaluate.js';
import type { DetectorSettings, MinChangeGate } from '../src/stats/types.js';
import { KEY_DAYS, loadNycTaxi, scoreBenchmark, type KeyDay, type NycTaxiBenchmark } from './nyc-taxi-benchmark.js';

const WEEKS = [2, 4, 6, 8, 10, 12];
const RELATIVE_FLOORS = [0, 0.01, 0.02, 0.05];
const GATES: readonly { label: string; gate: MinChangeGate }[] = [
  { label: 'none', gate: {} },
  { label: '10 %', gate: { up: 0.1, down: 0.1 } },
  { label: '20 %', gate: { up: 0.2, down: 0.2 } },
];

function settingsFor(weeks: number, relative: number, gate: MinChangeGate): DetectorSettings {
  return {
    ...DEFAULT_DETECTOR,
    weeks,
    // weeks 2 holds at most two values: the spec's 14-day variant scores on both.
    minPoints: Math.min(DEFAULT_DETECTOR.minPoints, weeks),
    sigmaFloor: { ...DEFAULT_DETECTOR.sigmaFloor, relative },
    minChange: gate,
  };
}

const fmtZ = (z: number): string => (z >= 0 ? '+' : '−') + Math.abs(z).toFixed(1);
const fmtKey = (k: KeyDay): string => (k.z === null ? 'n/a' : `${fmtZ(k.z)} ${k.severity ?? '–'}`);
const fmtPct = (p: number | null): string => (p === null ? 'n/a' : `${p >= 0 ? '+' : '−'}${Math.abs(p * 100).toFixed(1)} %`);
const isDefault = (s: DetectorSettings): boolean =>
  s.weeks === DEFAULT_DETECTOR.weeks &&
  s.minPoints === DEFAULT_DETECTOR.minPoints &&
  s.sigmaFloor.relative === DEFAULT_DETECTOR.sigmaFloor.relative &&
  s.minChange.up === undefined;

function gridTable(bench: NycTaxiBenchmark, rows: readonly { settings: DetectorSettings; gate: string }[]): string[] {
  const out = [
    '| weeks | min pts | σ floor rel. | gate | scored days | events /5 | findable /3 | FA holiday | FA other | alerts /30 d | σ floored | Thanksgiving | Christmas | blizzard |',
    '|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|',
  ];
  for (const { settings, gate } of rows) {
    const s = scoreBenchmark(bench, settings);
    const mark = isDefault(settings) ? ' **(default)**' : '';
    out.push(
      `| ${settings.weeks}${mark} | ${settings.minPoints} | ${settings.sigmaFloor.relative} | ${gate} | ${s.scoredDays} | ${s.eventsDetected.length} | ` +
        `${s.findableDetected} | ${s.falseAlertsHoliday} | ${s.falseAlertsOther} | ${s.alertsPer30Days.toFixed(2)} | ` +
        `${((100 * s.flooredDays) / Math.max(1, s.scoredDays)).toFixed(0)} % | ` +
        `${fmtKey(s.keyDays.thanksgiving)} | ${fmtKey(s.keyDays.christmas)} | ${fmtKey(s.keyDays.blizzard)} |`,
    );
  }
  return out;
}

/** Smaller figures docs/detection-method.md quotes, so that every number in it comes from here. */
function quotedChecks(bench: NycTaxiBenchmark): string[] {
  const out = ['## Other figures quoted in docs/detection-method.md', ''];
  const unfloored = scoreBenchmark(bench, settingsFor(10, 0, {}));
  const cv = unfloored.evaluations
    .flatMap((e) => (e.kind === 'scored' ? [e.baseline.sd / Math.abs(e.baseline.mean)] : []))
    .sort((a, b) => a - b);
  const pct = (q: number): string => `${(100 * (cv[Math.floor(q * (cv.length - 1))] ?? Number.NaN)).toFixed(1)} %`;
  out.push(`- 10-week baselines, sample σ / |μ|: 10th percentile ${pct(0.1)}, median ${pct(0.5)}, 90th percentile ${pct(0.9)}.`);

  const sameDays = WEEKS.every((weeks) => {
    const floor05 = scoreBenchmark(bench, settingsFor(weeks, 0.05, {})).flags.map((f) => f.date).join();
    const gate10 = scoreBenchmark(bench, settingsFor(weeks, 0.02, GATES[1]!.gate)).flags.map((f) => f.date).join();
    return floor05 === gate10;
  });
  out.push(`- σ floor 0.05 (no gate) flags the same days as σ floor 0.02 with a 10 % gate, at every weeks value: ${sameDays ? 'yes' : 'no'}.`);

  const zOf = (values: ReadonlyMap<IsoDate, number>, date: string, settings: DetectorSettings): string => {
    const e = evaluateDay(values, date as IsoDate, settings);
    return e.kind === 'scored' ? `${fmtZ(e.z).slice(0, 1)}${Math.abs(e.z).toFixed(2)} (${e.severity ?? 'no alert'})` : e.kind;
  };
  for (const date of ['2014-11-27', '2014-12-25', '2014-12-26', '2014-12-08', '2015-01-27']) {
    out.push(`- Default z on ${date}: ${zOf(bench.values, date, DEFAULT_DETECTOR)}.`);
  }
  out.push(
    `- 2014-07-29 (4-value baseline): z ${zOf(bench.values, '2014-07-29', settingsFor(10, 0, {}))} with σ floor 0, ` +
      `${zOf(bench.values, '2014-07-29', DEFAULT_DETECTOR)} with 0.02.`,
  );
  const withoutRoshHashanah = new Map(bench.values);
  withoutRoshHashanah.delete('2014-09-25' as IsoDate);
  out.push(`- Thanksgiving with 2014-09-25 removed from the series: z ${zOf(withoutRoshHashanah, '2014-11-27', DEFAULT_DETECTOR)}.`);
  return out;
}

function main(): void {
  const bench = loadNycTaxi();
  const lines: string[] = [];
  lines.push(`# NYC taxi: detector evaluation (${bench.dates.length} days, ${bench.dates[0]} … ${bench.dates.at(-1)})`, '');
  lines.push(
    'A flag is a scored day with a final severity. Events: NAB windows (a flag anywhere in the window detects it); ' +
      '"findable" = Thanksgiving, Christmas, blizzard. FA = flag outside every window, split into known unlabelled ' +
      'holidays (2014-09-01, 2014-11-30, 2014-12-28, 2015-01-19) and other. "σ floored": share of scored days on ' +
      'which the floor replaced the sample σ. Key days: z and severity on ' +
      `${KEY_DAYS.thanksgiving}, ${KEY_DAYS.christmas}, ${KEY_DAYS.blizzard}. weeks 2 uses minPoints 2, the others 4.`,
    '',
  );

  lines.push('## Baseline length (σ floor 0.02, no gate)', '');
  lines.push(...gridTable(bench, WEEKS.map((weeks) => ({ settings: settingsFor(weeks, 0.02, {}), gate: 'none' }))), '');

  lines.push('## σ floor, relative part (no gate)', '');
  lines.push(
    ...gridTable(
      bench,
      [4, 10].flatMap((weeks) => RELATIVE_FLOORS.map((rel) => ({ settings: settingsFor(weeks, rel, {}), gate: 'none' }))),
    ),
    '',
  );

  lines.push('## Minimum-change gate (symmetric, σ floor 0.02)', '');
  lines.push(
    ...gridTable(
      bench,
      [2, 4, 10].flatMap((weeks) => GATES.map(({ label, gate }) => ({ settings: settingsFor(weeks, 0.02, gate), gate: label }))),
    ),
    '',
  );

  lines.push('## Insufficient-history guard (weeks 10, σ floor 0.02, no gate)', '');
  lines.push(
    ...gridTable(
      bench,
      [2, 3, 4, 6].map((minPoints) => ({ settings: { ...settingsFor(10, 0.02, {}), minPoints }, gate: 'none' })),
    ),
    '',
  );

  lines.push('## Full grid', '');
  lines.push(
    ...gridTable(
      bench,
      WEEKS.flatMap((weeks) =>
        RELATIVE_FLOORS.flatMap((rel) => GATES.map(({ label, gate }) => ({ settings: settingsFor(weeks, rel, gate), gate: label }))),
      ),
    ),
    '',
  );

  lines.push('## Every flag of the default detector', '');
  lines.push('| date | day | value | μ | change | z | severity | σ floored | classification |', '|---|---|---:|---:|---:|---:|---|---|---|');
  const byDate = new Map(scoreBenchmark(bench, DEFAULT_DETECTOR).evaluations.map((e) => [e.date, e]));
  for (const flag of scoreBenchmark(bench, DEFAULT_DETECTOR).flags) {
    const e = byDate.get(flag.date);
    if (e?.kind !== 'scored') continue;
    const cls = typeof flag.classification === 'string' ? flag.classification : `event: ${flag.classification.event}`;
    lines.push(
      `| ${flag.date} | ${weekdayName(flag.date)} | ${flag.value} | ${Math.round(flag.mean)} | ${fmtPct(e.pctChange)} | ` +
        `${fmtZ(flag.z)} | ${flag.severity} | ${e.baseline.sdFloored ? 'yes' : 'no'} | ${cls} |`,
    );
  }
  lines.push('');

  lines.push('## Christmas masked by Thanksgiving (default detector)', '');
  lines.push('| baseline of 2014-12-25 | μ | σ | z | severity |', '|---|---:|---:|---:|---|');
  const withoutThanksgiving = new Map(bench.values);
  withoutThanksgiving.delete(KEY_DAYS.thanksgiving);
  for (const [label, values] of [
    ['as recorded (Thanksgiving in it)', bench.values],
    ['Thanksgiving removed (skipped as missing)', withoutThanksgiving],
  ] as const) {
    const e = evaluateDay(values, KEY_DAYS.christmas, DEFAULT_DETECTOR);
    if (e.kind !== 'scored') throw new Error(`2014-12-25 not scored: ${e.kind}`);
    lines.push(`| ${label} | ${Math.round(e.baseline.mean)} | ${Math.round(e.baseline.sdUsed)} | ${fmtZ(e.z)} | ${e.severity ?? '–'} |`);
  }
  lines.push('');

  lines.push('## Blizzard days (default detector)', '');
  lines.push('| date | day | value | μ | change | z | severity |', '|---|---|---:|---:|---:|---:|---|');
  for (const date of ['2015-01-26', '2015-01-27', '2015-01-28'] as IsoDate[]) {
    const e = byDate.get(date);
    if (e?.kind !== 'scored') continue;
    lines.push(
      `| ${date} | ${weekdayName(date)} | ${e.value} | ${Math.round(e.baseline.mean)} | ${fmtPct(e.pctChange)} | ${fmtZ(e.z)} | ${e.severity ?? '–'} |`,
    );
  }
  lines.push('', ...quotedChecks(bench));
  process.stdout.write(lines.join('\n') + '\n');
}

main();
