import { addDays, daysBetween, isoDate, isoWeekday, type IsoDate } from '../dates/iso-date.js';
import { Rng } from './rng.js';

/**
 * A labelled synthetic benchmark of hard cases for a daily detector (same-weekday
 * baseline + z-score): level shifts, trends, public holidays, repeated incidents, a series
 * launched mid-range, multi-day events, and clean series that must stay quiet. Pure and
 * deterministic: the same options give the same rows, on every machine (seeded pure-rand
 * streams, one per series, never Math.random).
 *
 * Written to test/fixtures/benchmarks/hard-cases by bench/hard-cases/write.ts and scored
 * by `monitor scan --csv hard_cases_daily.csv --labels labels.json`.
 */

export interface HardCaseOptions {
  readonly seed: number;
  readonly end: IsoDate;
  /** Days in the range, `end` included; at least HARD_CASES_MIN_DAYS. */
  readonly days: number;
}

export interface HardCaseRow {
  readonly date: IsoDate;
  readonly series: string;
  readonly value: number;
}

/** One labelled event, in the shape of a labels.json event (`monitor scan --labels`). */
export interface HardCaseEvent {
  readonly cause: string;
  readonly series: string;
  readonly point_dates: readonly IsoDate[];
  readonly window_dates: readonly IsoDate[];
}

/** One injected multiplicative effect: the series' noiseless value is multiplied by `factor` on `dates`. */
export interface HardCaseEffect {
  readonly cause: string;
  /** Days the factor applies to; a permanent level shift lists its first day only (`permanent`). */
  readonly dates: readonly IsoDate[];
  readonly factor: number;
  /** A level shift: the factor applies from dates[0] to the end of the range. */
  readonly permanent: boolean;
  /** The event falls in the first 10 weeks, before a 10-week same-weekday baseline is full (still labelled). */
  readonly inWarmUp: boolean;
}

/** How one series was made: the generator's parameters and what it injected. */
export interface HardCaseInfo {
  readonly series: string;
  readonly description: string;
  readonly expectation: string;
  /** Weekday (Tuesday–Thursday) level at the start of the range, before trend and season. */
  readonly level: number;
  /** Ratio of Saturday and Sunday to a midweek day. */
  readonly weekend: readonly [saturday: number, sunday: number];
  /** Log-scale sigma of the multiplicative day noise, or 'poisson' for Poisson counts. */
  readonly noise: number | 'poisson';
  /** Linear growth per 365 days, as a fraction of the starting level. */
  readonly trendPerYear: number;
  /** Amplitude of the smooth annual sine, as a fraction of the level. */
  readonly seasonalAmplitude: number;
  readonly firstDate: IsoDate;
  readonly lastDate: IsoDate;
  readonly effects: readonly HardCaseEffect[];
}

export interface HardCases {
  readonly rows: readonly HardCaseRow[];
  readonly events: readonly HardCaseEvent[];
  readonly cases: readonly HardCaseInfo[];
}

/** The placements below need 52 weeks: the latest (launch spike) sits ~43 weeks in. */
export const HARD_CASES_MIN_DAYS = 364;
/**
 * The first 10 weeks: a 10-week same-weekday baseline is not full yet (with the default
 * minPoints 4, days 1–28 are not scored and days 29–70 are scored on 4–9 values).
 */
export const HARD_CASES_WARM_UP_DAYS = 70;

/** The options of the committed fixture (test/fixtures/benchmarks/hard-cases). */
export const HARD_CASES_FIXTURE: HardCaseOptions = { seed: 20261201, end: isoDate('2026-03-31'), days: 364 };

export interface HardCaseSeries {
  readonly series: string;
  readonly description: string;
  /** What a good daily detector should do on it. */
  readonly expectation: string;
}

/** Every series of the benchmark, in output order, with a one-line description each (for docs). */
export const HARD_CASE_SERIES: readonly HardCaseSeries[] = [
  {
    series: 'clean_noisy',
    description: 'no events; a small series (~650/day) with 6 % day-to-day noise.',
    expectation: 'no alert: wide noise is normal here, not an anomaly.',
  },
  {
    series: 'clean_small_counts',
    description: 'no events; Poisson counts around 40 per weekday (~25 at weekends).',
    expectation: 'no alert: Poisson scatter of small counts (±15 %) is normal.',
  },
  {
    series: 'clean_smooth',
    description: 'no events; a large (~200,000/day), smooth series with 2 % noise and mild seasonality.',
    expectation: 'no alert.',
  },
  {
    series: 'holidays',
    description: "US public holidays drop 35–55 % (New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving, Christmas Day); the Friday after Thanksgiving drops 25 %.",
    expectation: 'flag every holiday (one in the first 10 weeks only if its partial baseline allows); no alert on the same weekday of the following weeks, when the holiday sits in the baseline (Christmas is in the baseline of New Year).',
  },
  {
    series: 'launched_mid_range',
    description: 'no rows before a launch ~30 weeks into the range (the series did not exist), then a normal series with one +60 % single-day spike 12 weeks after launch.',
    expectation: 'no alert before the launch or on it (missing days are not zeros), then flag the spike.',
  },
  {
    series: 'level_shift_down',
    description: 'a permanent −25 % level shift (a price change) 20+ weeks into the range.',
    expectation: 'flag it at most on its first 3 days, then adapt: every later flag is a false alert.',
  },
  {
    series: 'level_shift_up',
    description: 'a permanent +30 % level shift on another date.',
    expectation: 'as level_shift_down: at most 3 days of alerts, then quiet.',
  },
  {
    series: 'multi_day_surge',
    description: 'a +45 % surge lasting 5 consecutive days, then 8 weeks later a −30 % dip lasting 3 days.',
    expectation: 'flag both; the window ends the day after each event, so alerts that keep firing on the days after count as false.',
  },
  {
    series: 'repeat_incident_4w',
    description: 'a −35 % single-day incident on a weekday, repeated at the same size on the same weekday 4 weeks later.',
    expectation: 'flag both: the first incident sits in the repeat’s same-weekday baseline and must not mask it.',
  },
  {
    series: 'repeat_incident_7w',
    description: 'as repeat_incident_4w, with the repeat 7 weeks later.',
    expectation: 'flag both, as repeat_incident_4w.',
  },
  {
    series: 'slow_trend',
    description: 'no events; +60 % per year linear growth.',
    expectation: 'no alert: steady growth is not an anomaly (a baseline that lags the trend alerts here).',
  },
  {
    series: 'trend_with_incident',
    description: '+40 % per year linear growth and one −40 % single-day incident late in the range.',
    expectation: 'flag the incident, and nothing else despite the trend.',
  },
];

interface Shape {
  readonly level: number;
  readonly weekend: readonly [number, number];
  /** Monday above and Friday below midweek by this fraction. */
  readonly tilt: number;
  readonly noise: number | 'poisson';
  readonly trendPerYear: number;
  readonly seasonalAmplitude: number;
  /** Day of the year on which the annual sine peaks. */
  readonly seasonalPeakDay: number;
}

const SHAPES: Readonly<Record<string, Shape>> = {
  clean_noisy: { level: 650, weekend: [0.95, 0.9], tilt: 0.02, noise: 0.06, trendPerYear: 0, seasonalAmplitude: 0.03, seasonalPeakDay: 300 },
  clean_small_counts: { level: 40, weekend: [0.7, 0.6], tilt: 0, noise: 'poisson', trendPerYear: 0, seasonalAmplitude: 0, seasonalPeakDay: 0 },
  clean_smooth: { level: 200_000, weekend: [0.75, 0.7], tilt: 0.03, noise: 0.02, trendPerYear: 0, seasonalAmplitude: 0.04, seasonalPeakDay: 200 },
  holidays: { level: 120_000, weekend: [0.72, 0.66], tilt: 0.02, noise: 0.025, trendPerYear: 0, seasonalAmplitude: 0.05, seasonalPeakDay: 330 },
  launched_mid_range: { level: 1_800, weekend: [1.1, 1.3], tilt: 0.03, noise: 0.05, trendPerYear: 0, seasonalAmplitude: 0, seasonalPeakDay: 0 },
  level_shift_down: { level: 42_000, weekend: [0.62, 0.58], tilt: 0.04, noise: 0.035, trendPerYear: 0, seasonalAmplitude: 0.02, seasonalPeakDay: 120 },
  level_shift_up: { level: 8_500, weekend: [1.18, 1.25], tilt: 0.01, noise: 0.04, trendPerYear: 0, seasonalAmplitude: 0.03, seasonalPeakDay: 30 },
  multi_day_surge: { level: 65_000, weekend: [0.85, 0.78], tilt: 0.02, noise: 0.035, trendPerYear: 0, seasonalAmplitude: 0.05, seasonalPeakDay: 250 },
  repeat_incident_4w: { level: 26_000, weekend: [0.9, 0.85], tilt: 0.02, noise: 0.03, trendPerYear: 0, seasonalAmplitude: 0.03, seasonalPeakDay: 90 },
  repeat_incident_7w: { level: 2_400, weekend: [0.6, 0.6], tilt: 0.05, noise: 0.05, trendPerYear: 0, seasonalAmplitude: 0, seasonalPeakDay: 0 },
  slow_trend: { level: 15_000, weekend: [0.8, 0.75], tilt: 0.02, noise: 0.03, trendPerYear: 0.6, seasonalAmplitude: 0.03, seasonalPeakDay: 160 },
  trend_with_incident: { level: 3_200, weekend: [0.7, 0.65], tilt: 0.03, noise: 0.045, trendPerYear: 0.4, seasonalAmplitude: 0, seasonalPeakDay: 0 },
};

const MONDAY = 1;
const FRIDAY = 5;
const THURSDAY = 4;
const WEEK = 7;

/** Weekday factor by ISO weekday (index 1 = Monday … 7 = Sunday). */
function weekdayFactors(shape: Shape): readonly number[] {
  const [saturday, sunday] = shape.weekend;
  return [0, 1 + shape.tilt, 1, 1, 1, 1 - shape.tilt, saturday, sunday];
}

/** A smooth annual sine on the calendar day of the year, so seasonality follows the calendar, not the range. */
function seasonalFactor(shape: Shape, date: IsoDate): number {
  if (shape.seasonalAmplitude === 0) return 1;
  const dayOfYear = daysBetween(isoDate(`${date.slice(0, 4)}-01-01`), date);
  return 1 + shape.seasonalAmplitude * Math.cos((2 * Math.PI * (dayOfYear - shape.seasonalPeakDay)) / 365.25);
}

function nextDays(first: IsoDate, count: number): IsoDate[] {
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

/** The first `weekday` (ISO) on or after `date`. */
function onOrAfter(date: IsoDate, weekday: number): IsoDate {
  return addDays(date, (weekday - isoWeekday(date) + WEEK) % WEEK);
}

/** A Monday–Friday day index in [low, high] (both weekday-adjusted forward). */
function weekdayIndex(rng: Rng, start: IsoDate, low: number, high: number): number {
  const index = rng.int(low, high);
  const weekday = isoWeekday(addDays(start, index));
  return weekday <= FRIDAY ? index : index + (WEEK - weekday + MONDAY);
}

export interface UsHoliday {
  readonly name: string;
  readonly date: IsoDate;
}

/**
 * The US public holidays of the benchmark in one year, on their actual dates (not the
 * observed weekday when a fixed date falls on a weekend).
 */
export function usHolidays(year: number): UsHoliday[] {
  const y = String(year).padStart(4, '0');
  const day = (month: number, dom: number): IsoDate => isoDate(`${y}-${String(month).padStart(2, '0')}-${String(dom).padStart(2, '0')}`);
  return [
    { name: "New Year's Day", date: day(1, 1) },
    // The last Monday of May is the first Monday on or after May 25.
    { name: 'Memorial Day', date: onOrAfter(day(5, 25), MONDAY) },
    { name: 'Independence Day', date: day(7, 4) },
    { name: 'Labor Day', date: onOrAfter(day(9, 1), MONDAY) },
    // The fourth Thursday of November is the first Thursday on or after November 22.
    { name: 'Thanksgiving', date: onOrAfter(day(11, 22), THURSDAY) },
    { name: 'Christmas Day', date: day(12, 25) },
  ];
}

interface Plan {
  /** Index of the first emitted day (0 = range start). */
  readonly firstIndex: number;
  readonly effects: readonly HardCaseEffect[];
  readonly events: readonly HardCaseEvent[];
}

const pct = (factor: number): string => {
  const change = Math.round((factor - 1) * 100);
  return `${change > 0 ? '+' : '−'}${Math.abs(change)} %`;
};

/** Where the events of each series go. Placements are drawn from the series' own plan stream. */
function planSeries(series: string, options: HardCaseOptions, start: IsoDate): Plan {
  const rng = new Rng(options.seed, `hard-cases/plan/${series}`);
  const at = (index: number): IsoDate => addDays(start, index);
  const lastIndex = options.days - 1;
  const effects: HardCaseEffect[] = [];
  const events: HardCaseEvent[] = [];
  /** One effect on `days` days, labelled with `window` (default: the days and the next day). */
  const inject = (cause: string, days: readonly IsoDate[], factor: number, label?: { point?: readonly IsoDate[]; window?: readonly IsoDate[]; labelCause?: string }): void => {
    const first = days[0];
    if (first === undefined) throw new RangeError(`empty effect ${cause}`);
    const inWarmUp = daysBetween(start, first) < HARD_CASES_WARM_UP_DAYS;
    effects.push({ cause, dates: days, factor, permanent: false, inWarmUp });
    if (label === undefined) return;
    const window = label.window ?? [...days, addDays(days[days.length - 1] ?? first, 1)];
    events.push({ cause: label.labelCause ?? cause, series, point_dates: label.point ?? days, window_dates: window });
  };
  const singleDay = (cause: string, date: IsoDate, factor: number, labelCause?: string): void =>
    inject(cause, [date], factor, labelCause === undefined ? {} : { labelCause });

  switch (series) {
    case 'level_shift_down':
    case 'level_shift_up': {
      const up = series === 'level_shift_up';
      const factor = up ? 1.3 : 0.75;
      // Down: weeks 20–25; up: weeks 28–33 (never the same date).
      const index = up ? rng.int(28 * WEEK, 34 * WEEK - 1) : rng.int(20 * WEEK, 26 * WEEK - 1);
      const day = at(index);
      const cause = `level shift ${pct(factor)} (${up ? 'new pricing' : 'price change'}), permanent`;
      effects.push({ cause, dates: [day], factor, permanent: true, inWarmUp: false });
      events.push({ cause, series, point_dates: [day], window_dates: nextDays(day, 3) });
      return { firstIndex: 0, effects, events };
    }
    case 'trend_with_incident': {
      // Late in the range: 3–8 weeks before the end, on a weekday.
      const index = weekdayIndex(rng, start, lastIndex - 8 * WEEK, lastIndex - 3 * WEEK);
      singleDay(`incident ${pct(0.6)}`, at(index), 0.6);
      return { firstIndex: 0, effects, events };
    }
    case 'holidays': {
      const end = at(lastIndex);
      for (let year = Number(start.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) {
        for (const holiday of usHolidays(year)) {
          if (holiday.date < start || holiday.date > end) continue;
          const factor = Math.round(100 * (1 - rng.uniform(0.35, 0.55))) / 100;
          const inWarmUp = daysBetween(start, holiday.date) < HARD_CASES_WARM_UP_DAYS;
          const labelCause = `${holiday.name} ${holiday.date} (${pct(factor)})${inWarmUp ? ', in the first 10 weeks (partial baseline)' : ''}`;
          if (holiday.name === 'Thanksgiving') {
            const friday = addDays(holiday.date, 1);
            inject(`${holiday.name} ${pct(factor)}`, [holiday.date], factor);
            if (friday <= end) inject(`day after Thanksgiving ${pct(0.75)}`, [friday], 0.75);
            events.push({
              cause: `Thanksgiving ${holiday.date} (${pct(factor)}) and the Friday after (${pct(0.75)})${inWarmUp ? ', in the first 10 weeks (partial baseline)' : ''}`,
              series,
              point_dates: [holiday.date, friday].filter((d) => d <= end),
              window_dates: nextDays(holiday.date, 3).filter((d) => d <= end),
            });
          } else {
            inject(`${holiday.name} ${pct(factor)}`, [holiday.date], factor, {
              labelCause,
              window: nextDays(holiday.date, 2).filter((d) => d <= end),
            });
          }
        }
      }
      return { firstIndex: 0, effects, events };
    }
    case 'repeat_incident_4w':
    case 'repeat_incident_7w': {
      const gapWeeks = series === 'repeat_incident_4w' ? 4 : 7;
      // ≥ 14 weeks in, leaving room for the repeat well before the end.
      const index = weekdayIndex(rng, start, 14 * WEEK, 22 * WEEK);
      const first = at(index);
      const repeat = addDays(first, gapWeeks * WEEK);
      singleDay(`incident ${pct(0.65)}`, first, 0.65, 'incident');
      singleDay(`repeat ${pct(0.65)}, ${gapWeeks} weeks later`, repeat, 0.65, 'repeat');
      return { firstIndex: 0, effects, events };
    }
    case 'launched_mid_range': {
      const launchIndex = 30 * WEEK + rng.int(-3, 3);
      singleDay(`launch spike ${pct(1.6)}, 12 weeks after launch`, at(launchIndex + 12 * WEEK), 1.6);
      return { firstIndex: launchIndex, effects, events };
    }
    case 'multi_day_surge': {
      const surgeIndex = rng.int(16 * WEEK, 24 * WEEK);
      const surge = nextDays(at(surgeIndex), 5);
      const dip = nextDays(at(surgeIndex + 8 * WEEK), 3);
      inject(`surge ${pct(1.45)} for 5 days`, surge, 1.45, {});
      inject(`dip ${pct(0.7)} for 3 days, 8 weeks later`, dip, 0.7, {});
      return { firstIndex: 0, effects, events };
    }
    default:
      return { firstIndex: 0, effects, events };
  }
}

function validate(options: HardCaseOptions): void {
  if (!Number.isInteger(options.seed)) throw new RangeError(`hard-cases seed must be an integer, got ${String(options.seed)}`);
  if (!Number.isInteger(options.days) || options.days < HARD_CASES_MIN_DAYS) {
    throw new RangeError(`hard-cases days must be an integer ≥ ${HARD_CASES_MIN_DAYS} (the events are placed up to ~43 weeks in), got ${String(options.days)}`);
  }
  isoDate(options.end);
}

/**
 * The benchmark: rows sorted by series then date, the labelled events (labels.json
 * shape), and per series how it was made. Every effect multiplies the series' noiseless
 * value for its day(s); the noise (or Poisson draw) is applied last, then the value is
 * rounded to an integer.
 */
export function generateHardCases(options: HardCaseOptions): HardCases {
  validate(options);
  const start = addDays(options.end, -(options.days - 1));
  const rows: HardCaseRow[] = [];
  const events: HardCaseEvent[] = [];
  const cases: HardCaseInfo[] = [];
  for (const { series, description, expectation } of HARD_CASE_SERIES) {
    const shape = SHAPES[series];
    if (shape === undefined) throw new Error(`no shape for hard case ${series}`);
    const plan = planSeries(series, options, start);
    const factorByDate = new Map<IsoDate, number>();
    let shift: { from: IsoDate; factor: number } | null = null;
    for (const effect of plan.effects) {
      if (effect.permanent) {
        const from = effect.dates[0];
        if (from !== undefined) shift = { from, factor: effect.factor };
        continue;
      }
      for (const date of effect.dates) factorByDate.set(date, (factorByDate.get(date) ?? 1) * effect.factor);
    }
    const weekday = weekdayFactors(shape);
    // Noise draws come from their own stream, one per calendar day whether or not the day
    // is emitted, so moving an event never changes the noise of another day.
    const rng = new Rng(options.seed, `hard-cases/noise/${series}`);
    for (let index = 0; index < options.days; index++) {
      const date = addDays(start, index);
      const trend = 1 + (shape.trendPerYear * index) / 365;
      const effect = (factorByDate.get(date) ?? 1) * (shift !== null && date >= shift.from ? shift.factor : 1);
      const noiseless = shape.level * (weekday[isoWeekday(date)] ?? 1) * trend * seasonalFactor(shape, date) * effect;
      const value = shape.noise === 'poisson' ? rng.poisson(noiseless) : Math.round(noiseless * rng.wobble(shape.noise));
      if (index >= plan.firstIndex) rows.push({ date, series, value });
    }
    events.push(...plan.events);
    cases.push({
      series,
      description,
      expectation,
      level: shape.level,
      weekend: shape.weekend,
      noise: shape.noise,
      trendPerYear: shape.trendPerYear,
      seasonalAmplitude: shape.seasonalAmplitude,
      firstDate: addDays(start, plan.firstIndex),
      lastDate: options.end,
      effects: plan.effects,
    });
  }
  return { rows, events, cases };
}

// ---------------------------------------------------------------------------------------
// The fixture files, as text: bench/hard-cases/write.ts writes them and the test checks
// the committed copies against a fresh generation, so the fixture cannot drift.

export const HARD_CASES_CSV = 'hard_cases_daily.csv';
export const HARD_CASES_LABELS = 'labels.json';
export const HARD_CASES_README = 'README.md';
export const HARD_CASES_DIR = 'test/fixtures/benchmarks/hard-cases';

export function hardCasesSource(options: HardCaseOptions): string {
  return `generateHardCases (src/demo/hard-cases.ts), seed ${options.seed}, end ${options.end}, ${options.days} days; regenerate with npx tsx bench/hard-cases/write.ts`;
}

/** `date,series,value`, sorted by series then date. */
export function hardCasesCsv(cases: HardCases): string {
  const sorted = [...cases.rows].sort((a, b) => (a.series < b.series ? -1 : a.series > b.series ? 1 : a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return `date,series,value\n${sorted.map((r) => `${r.date},${r.series},${r.value}`).join('\n')}\n`;
}

export function hardCasesLabels(cases: HardCases, options: HardCaseOptions): string {
  const events = cases.events.map((e) => ({ cause: e.cause, series: e.series, point_dates: e.point_dates, window_dates: e.window_dates }));
  return `${JSON.stringify({ source: hardCasesSource(options), events }, null, 2)}\n`;
}

export function hardCasesReadme(cases: HardCases, options: HardCaseOptions): string {
  const start = addDays(options.end, -(options.days - 1));
  const lines: string[] = [
    '# Hard cases — a labelled synthetic benchmark for a daily detector',
    '',
    `\`${HARD_CASES_CSV}\` (\`date,series,value\`, sorted by series then date): ${cases.cases.length} synthetic daily`,
    `series, ${start} to ${options.end} (${options.days} days), made by \`generateHardCases\` in`,
    `\`src/demo/hard-cases.ts\` with seed ${options.seed}. Each series is a daily count with a weekly cycle`,
    '(weekend 0.58–1.3 of a weekday), its own level (40 to 200,000 a day), multiplicative noise of',
    '2–6 % (one series is Poisson counts) and, on some, a mild annual sine or a linear trend. Every',
    "injected effect multiplies the series' noiseless value for its day(s); values are integers.",
    '',
    `\`${HARD_CASES_LABELS}\`: one event per injected anomaly, keyed by \`series\`. A flag on that series`,
    'inside the event\'s `window_dates` finds it; any flag outside every window is a false alert. The',
    'first 10 weeks are the warm-up of a 10-week same-weekday baseline: with the default minPoints 4,',
    'days 1–28 are not scored and days 29–70 are scored against a partial baseline. Events there are',
    'labelled all the same (marked "first 10 weeks" / "warm-up").',
    '',
    'Score a detector with:',
    '',
    '```sh',
    `npx monitor scan --csv ${HARD_CASES_DIR}/${HARD_CASES_CSV} --labels ${HARD_CASES_DIR}/${HARD_CASES_LABELS}`,
    '```',
    '',
    '## Series',
    '',
    '| series | what it is | a good detector |',
    '| --- | --- | --- |',
    ...cases.cases.map((c) => `| \`${c.series}\` | ${c.description} | ${c.expectation} |`),
    '',
    '## Injected events',
    '',
    '| series | effect | days | labelled window |',
    '| --- | --- | --- | --- |',
  ];
  for (const info of cases.cases) {
    if (info.firstDate > start) {
      lines.push(`| \`${info.series}\` | launch: no rows before this day | ${info.firstDate} | (none) |`);
    }
    const seriesEvents = cases.events.filter((e) => e.series === info.series);
    for (const effect of info.effects) {
      const first = effect.dates[0];
      if (first === undefined) continue;
      const event = seriesEvents.find((e) => e.window_dates.includes(first));
      const window = event === undefined ? '(none)' : `${event.window_dates[0]} … ${event.window_dates[event.window_dates.length - 1]}`;
      const days = effect.permanent ? `${first} onwards` : effect.dates.length === 1 ? first : `${first} … ${effect.dates[effect.dates.length - 1]}`;
      lines.push(`| \`${info.series}\` | ${effect.cause}${effect.inWarmUp ? ' (warm-up)' : ''} | ${days} | ${window} |`);
    }
  }
  lines.push(
    '',
    '## Regenerate',
    '',
    '```sh',
    'npx tsx bench/hard-cases/write.ts            # writes this folder',
    'npx tsx bench/hard-cases/write.ts --out DIR  # or another one',
    '```',
    '',
    '`test/demo/hard-cases.test.ts` fails when these files differ from a fresh generation: change the',
    'generator, then regenerate and commit the three files together.',
    '',
  );
  return lines.join('\n');
}
