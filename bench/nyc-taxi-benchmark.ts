import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { isoDate, type IsoDate } from '../src/dates/iso-date.js';
import { evaluateRange } from '../src/stats/evaluate.js';
import type { DetectorSettings, Evaluation, Severity } from '../src/stats/types.js';

/**
 * Loading and scoring of the NYC taxi benchmark (NAB nyc_taxi, summed per day), shared by
 * bench/nyc-taxi-evaluation.ts (the tables in docs/detection-method.md) and by
 * test/stats/nyc-taxi.test.ts (what the default detector must keep achieving).
 */

/** README: the marathon and New Year's change the shape within a day, not the daily total. */
export const FINDABLE_POINT_DATES: readonly IsoDate[] = ['2014-11-27', '2014-12-25', '2015-01-27'].map(isoDate);
/** README: real holiday dips NAB did not label; a flag there is a false alert only by the labels. */
export const KNOWN_UNLABELLED_HOLIDAYS: readonly IsoDate[] = ['2014-09-01', '2014-11-30', '2014-12-28', '2015-01-19'].map(isoDate);
export const KEY_DAYS = {
  thanksgiving: isoDate('2014-11-27'),
  christmas: isoDate('2014-12-25'),
  blizzard: isoDate('2015-01-27'),
} as const;

export interface LabelledEvent {
  readonly cause: string;
  readonly pointDates: readonly IsoDate[];
  readonly windowDates: readonly IsoDate[];
}

export interface NycTaxiBenchmark {
  readonly values: ReadonlyMap<IsoDate, number>;
  readonly dates: readonly IsoDate[];
  readonly events: readonly LabelledEvent[];
}

const isoDateText = z.string().transform((text, ctx) => {
  try {
    return isoDate(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: `not a date: ${text}` });
    return z.NEVER;
  }
});
const labelsSchema = z.object({
  events: z.array(z.object({ cause: z.string(), point_dates: z.array(isoDateText), window_dates: z.array(isoDateText) })),
});
const csvRowSchema = z.object({ date: isoDateText, value: z.string().regex(/^\d+$/).transform(Number) });

/**
 * `MONITOR_BENCHMARKS_DIR`, else the copy in test/fixtures/benchmarks (taken verbatim from
 * ../shared/benchmarks, NAB's MIT licence beside it) so a clone is self-contained.
 */
export function benchmarksDir(): string {
  const fromEnv = process.env['MONITOR_BENCHMARKS_DIR'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  return path.resolve(repoRoot, 'test', 'fixtures', 'benchmarks');
}

export function loadNycTaxi(dir: string = path.join(benchmarksDir(), 'nyc-taxi')): NycTaxiBenchmark {
  const csvPath = path.join(dir, 'nyc_taxi_daily.csv');
  const labelsPath = path.join(dir, 'labels.json');
  for (const file of [csvPath, labelsPath]) {
    if (!existsSync(file)) {
      throw new Error(
        `NYC taxi benchmark file not found: ${file}. ` +
          'Restore test/fixtures/benchmarks or set MONITOR_BENCHMARKS_DIR to a copy of ../shared/benchmarks.',
      );
    }
  }
  const rows: unknown[] = parse(readFileSync(csvPath, 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
  const values = new Map<IsoDate, number>();
  for (const row of rows) {
    const { date, value } = csvRowSchema.parse(row);
    if (values.has(date)) throw new Error(`${csvPath}: date ${date} appears twice`);
    values.set(date, value);
  }
  const labels = labelsSchema.parse(JSON.parse(readFileSync(labelsPath, 'utf8')));
  return {
    values,
    dates: [...values.keys()].sort(),
    events: labels.events.map((e) => ({ cause: e.cause, pointDates: e.point_dates, windowDates: e.window_dates })),
  };
}

export interface Flag {
  readonly date: IsoDate;
  readonly value: number;
  readonly mean: number;
  readonly z: number;
  readonly severity: Severity;
  /** The event whose window holds the flag, else whether the date is a known unlabelled holiday. */
  readonly classification: { readonly event: string } | 'unlabelled_holiday' | 'other';
}

export interface KeyDay {
  readonly z: number | null;
  readonly severity: Severity | null;
}

export interface BenchmarkScore {
  readonly scoredDays: number;
  readonly flags: readonly Flag[];
  readonly eventsDetected: readonly string[];
  readonly findableDetected: number;
  readonly falseAlertsHoliday: number;
  readonly falseAlertsOther: number;
  readonly alertsPer30Days: number;
  /** Scored days on which the σ floor replaced the sample σ. */
  readonly flooredDays: number;
  readonly keyDays: Readonly<Record<keyof typeof KEY_DAYS, KeyDay>>;
  readonly evaluations: readonly Evaluation[];
}

/** A flag is a scored day whose final severity is not null; NAB's rule: a flag in a window detects it. */
export function scoreBenchmark(bench: NycTaxiBenchmark, settings: DetectorSettings): BenchmarkScore {
  const evaluations = evaluateRange(bench.values, bench.dates, settings);
  const scored = evaluations.filter((e) => e.kind === 'scored');
  const flags: Flag[] = [];
  for (const e of scored) {
    if (e.severity === null) continue;
    const event = bench.events.find((ev) => ev.windowDates.includes(e.date));
    const classification =
      event !== undefined ? { event: event.cause } : KNOWN_UNLABELLED_HOLIDAYS.includes(e.date) ? 'unlabelled_holiday' : 'other';
    flags.push({ date: e.date, value: e.value, mean: e.baseline.mean, z: e.z, severity: e.severity, classification });
  }
  const detected = bench.events.filter((ev) => flags.some((f) => ev.windowDates.includes(f.date)));
  const keyDay = (date: IsoDate): KeyDay => {
    const e = scored.find((s) => s.date === date);
    return e === undefined ? { z: null, severity: null } : { z: e.z, severity: e.severity };
  };
  return {
    scoredDays: scored.length,
    flags,
    eventsDetected: detected.map((ev) => ev.cause),
    findableDetected: detected.filter((ev) => ev.pointDates.some((d) => FINDABLE_POINT_DATES.includes(d))).length,
    falseAlertsHoliday: flags.filter((f) => f.classification === 'unlabelled_holiday').length,
    falseAlertsOther: flags.filter((f) => f.classification === 'other').length,
    alertsPer30Days: scored.length === 0 ? 0 : (flags.length / scored.length) * 30,
    flooredDays: scored.filter((e) => e.baseline.sdFloored).length,
    keyDays: {
      thanksgiving: keyDay(KEY_DAYS.thanksgiving),
      christmas: keyDay(KEY_DAYS.christmas),
      blizzard: keyDay(KEY_DAYS.blizzard),
    },
    evaluations,
  };
}
