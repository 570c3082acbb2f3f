import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isoDate, isoWeekday, type IsoDate } from '../../src/dates/iso-date.js';
import {
  HARD_CASE_SERIES,
  HARD_CASES_CSV,
  HARD_CASES_DIR,
  HARD_CASES_FIXTURE,
  HARD_CASES_LABELS,
  HARD_CASES_README,
  generateHardCases,
  hardCasesCsv,
  hardCasesLabels,
  hardCasesReadme,
  usHolidays,
  type HardCaseInfo,
  type HardCaseRow,
} from '../../src/demo/hard-cases.js';
import { readLabelsFile } from '../../src/labels/read-labels.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtureDir = path.join(repoRoot, HARD_CASES_DIR);
const options = HARD_CASES_FIXTURE;
const generated = generateHardCases(options);
const start = addDays(options.end, -(options.days - 1));

function seriesValues(series: string): Map<IsoDate, number> {
  return new Map(generated.rows.filter((r) => r.series === series).map((r) => [r.date, r.value]));
}

function info(series: string): HardCaseInfo {
  const found = generated.cases.find((c) => c.series === series);
  if (found === undefined) throw new Error(`no case ${series}`);
  return found;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Mean of `days` consecutive values starting at `from` (every day must exist). */
function meanOver(values: ReadonlyMap<IsoDate, number>, from: IsoDate, days: number): number {
  return mean(
    Array.from({ length: days }, (_, i) => {
      const value = values.get(addDays(from, i));
      if (value === undefined) throw new Error(`no value on ${addDays(from, i)}`);
      return value;
    }),
  );
}

describe('hard-cases benchmark generator', () => {
  it('is deterministic: the same options give identical rows, events and cases', () => {
    expect(generateHardCases(options)).toEqual(generated);
    const other = generateHardCases({ ...options, seed: options.seed + 1 });
    expect(other.rows.map((r) => r.value)).not.toEqual(generated.rows.map((r) => r.value));
  });

  it('matches the committed fixture byte for byte (regenerate with npx tsx bench/hard-cases/write.ts)', () => {
    expect(readFileSync(path.join(fixtureDir, HARD_CASES_CSV), 'utf8')).toBe(hardCasesCsv(generated));
    expect(readFileSync(path.join(fixtureDir, HARD_CASES_LABELS), 'utf8')).toBe(hardCasesLabels(generated, options));
    expect(readFileSync(path.join(fixtureDir, HARD_CASES_README), 'utf8')).toBe(hardCasesReadme(generated, options));
  });

  it('writes a labels file that monitor scan --labels reads, one event per labelled effect', () => {
    const events = readLabelsFile(path.join(fixtureDir, HARD_CASES_LABELS));
    expect(events).toHaveLength(generated.events.length);
    for (const event of events) expect(event.series).toHaveLength(1);
    const causes = generated.events.filter((e) => e.series.startsWith('repeat_incident_')).map((e) => e.cause);
    expect(causes).toEqual(['incident', 'repeat', 'incident', 'repeat']);
  });

  it('has every series of HARD_CASE_SERIES, rows sorted by series then date, integer non-negative values', () => {
    expect([...new Set(generated.rows.map((r) => r.series))]).toEqual(HARD_CASE_SERIES.map((s) => s.series));
    const key = (r: HardCaseRow): string => `${r.series}\u0000${r.date}`;
    const keys = generated.rows.map(key);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of generated.rows) {
      expect(Number.isInteger(row.value), `${row.series} ${row.date}`).toBe(true);
      expect(row.value, `${row.series} ${row.date}`).toBeGreaterThanOrEqual(0);
    }
    for (const c of generated.cases) {
      const rows = generated.rows.filter((r) => r.series === c.series);
      expect(rows[0]?.date).toBe(c.firstDate);
      expect(rows.at(-1)?.date).toBe(options.end);
      expect(rows).toHaveLength(daysBetween(c.firstDate, options.end) + 1);
    }
  });

  it("labels only dates that exist in the event's series", () => {
    for (const event of generated.events) {
      const values = seriesValues(event.series);
      expect(values.size, event.series).toBeGreaterThan(0);
      for (const date of [...event.window_dates, ...event.point_dates]) expect(values.has(date), `${event.series} ${event.cause} ${date}`).toBe(true);
      for (const date of event.point_dates) expect(event.window_dates).toContain(date);
    }
  });

  it('emits no row of launched_mid_range before its launch, about 30 weeks in', () => {
    const launch = info('launched_mid_range').firstDate;
    expect(daysBetween(start, launch)).toBeGreaterThanOrEqual(30 * 7 - 3);
    expect(daysBetween(start, launch)).toBeLessThanOrEqual(30 * 7 + 3);
    expect(generated.rows.filter((r) => r.series === 'launched_mid_range' && r.date < launch)).toEqual([]);
    const [spike] = generated.events.filter((e) => e.series === 'launched_mid_range');
    expect(spike?.point_dates).toEqual([addDays(launch, 84)]);
  });

  it('keeps each level shift: the 4 weeks after differ from the 4 weeks before by ≥ 20 %', () => {
    for (const [series, factor] of [
      ['level_shift_down', 0.75],
      ['level_shift_up', 1.3],
    ] as const) {
      const [effect] = info(series).effects;
      expect(effect?.permanent).toBe(true);
      expect(effect?.factor).toBe(factor);
      const shift = effect?.dates[0] ?? isoDate('1970-01-01');
      expect(daysBetween(start, shift)).toBeGreaterThanOrEqual(20 * 7);
      const values = seriesValues(series);
      const ratio = meanOver(values, shift, 28) / meanOver(values, addDays(shift, -28), 28);
      if (factor < 1) expect(ratio, series).toBeLessThanOrEqual(0.8);
      else expect(ratio, series).toBeGreaterThanOrEqual(1.2);
      // And it persists to the end of the range.
      const late = meanOver(values, addDays(options.end, -27), 28) / meanOver(values, addDays(shift, -28), 28);
      if (factor < 1) expect(late, series).toBeLessThanOrEqual(0.85);
      else expect(late, series).toBeGreaterThanOrEqual(1.15);
    }
  });

  it('repeats each incident at the same relative size, on the same weekday, 4 and 7 weeks later', () => {
    for (const [series, weeks] of [
      ['repeat_incident_4w', 4],
      ['repeat_incident_7w', 7],
    ] as const) {
      const [first, repeat] = info(series).effects;
      if (first === undefined || repeat === undefined) throw new Error(`${series}: two effects expected`);
      expect(repeat.factor).toBe(first.factor);
      expect(first.factor).toBeCloseTo(0.65);
      const firstDay = first.dates[0] ?? isoDate('1970-01-01');
      const repeatDay = repeat.dates[0] ?? isoDate('1970-01-01');
      expect(daysBetween(firstDay, repeatDay)).toBe(weeks * 7);
      expect(isoWeekday(firstDay)).toBeLessThanOrEqual(5);
      expect(daysBetween(start, firstDay)).toBeGreaterThanOrEqual(14 * 7);
      // Observed size against the same weekday ±1 and ±2 weeks (none of them an incident).
      const values = seriesValues(series);
      const observed = (day: IsoDate): number => {
        const neighbours = [-14, -7, 7, 14].map((offset) => values.get(addDays(day, offset)) ?? Number.NaN);
        return (values.get(day) ?? Number.NaN) / mean(neighbours);
      };
      const a = observed(firstDay);
      const b = observed(repeatDay);
      expect(Math.abs(a - 0.65), `${series} incident ${a}`).toBeLessThan(0.08);
      expect(Math.abs(b - 0.65), `${series} repeat ${b}`).toBeLessThan(0.08);
      expect(Math.abs(a - b), series).toBeLessThan(0.1);
    }
  });

  it('puts the US holidays on their dates', () => {
    const byName = (year: number): Record<string, string> => Object.fromEntries(usHolidays(year).map((h) => [h.name, h.date]));
    expect(byName(2025)).toEqual({
      "New Year's Day": '2025-01-01',
      'Memorial Day': '2025-05-26',
      'Independence Day': '2025-07-04',
      'Labor Day': '2025-09-01',
      Thanksgiving: '2025-11-27',
      'Christmas Day': '2025-12-25',
    });
    expect(byName(2026)['Memorial Day']).toBe('2026-05-25');
    expect(byName(2026)['Labor Day']).toBe('2026-09-07');
    expect(byName(2026).Thanksgiving).toBe('2026-11-26');
    const holidayEvents = generated.events.filter((e) => e.series === 'holidays');
    expect(holidayEvents.map((e) => e.point_dates[0])).toEqual(['2025-05-26', '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25', '2026-01-01']);
    const thanksgiving = holidayEvents.find((e) => e.cause.startsWith('Thanksgiving'));
    expect(thanksgiving?.window_dates).toEqual(['2025-11-27', '2025-11-28', '2025-11-29']);
  });

  it('rejects a range too short for the placements', () => {
    expect(() => generateHardCases({ ...options, days: 200 })).toThrow(RangeError);
  });
});
