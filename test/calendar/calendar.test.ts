import { describe, expect, it } from 'vitest';
import { buildEventCalendar } from '../../src/calendar/calendar.js';
import { eventOccursOn } from '../../src/calendar/events.js';
import { holidaySource } from '../../src/calendar/holidays.js';
import { knownEventLookup } from '../../src/calendar/known-events.js';
import { CalendarSchema, type CalendarConfig } from '../../src/config/schema.js';
import { dateRange, isoDate } from '../../src/dates/iso-date.js';

const d = isoDate;
/** The calendar the config would give, validated by the real schema. */
function calendar(spec: unknown) {
  return buildEventCalendar(CalendarSchema.parse(spec));
}
/** The days of a range the calendar marks, with their names. */
function marked(cal: ReturnType<typeof calendar>, from: string, to: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const day of dateRange(d(from), d(to))) {
    const name = cal(day);
    if (name !== undefined) out[day] = name;
  }
  return out;
}

describe('holidays from date-holidays', () => {
  const us = calendar({ holidays: [{ country: 'US' }] });

  it('gives US public holidays on their local dates', () => {
    expect(us(d('2025-07-04'))).toBe('Independence Day');
    expect(us(d('2025-11-27'))).toBe('Thanksgiving Day');
    expect(us(d('2025-12-25'))).toBe('Christmas Day');
    expect(us(d('2025-07-05'))).toBeUndefined();
    expect(us(d('2025-11-28'))).toBeUndefined();
  });

  it('counts only public holidays unless told', () => {
    // Valentine's Day is an observance in date-holidays' US data.
    expect(us(d('2025-02-14'))).toBeUndefined();
    expect(calendar({ holidays: [{ country: 'US', types: ['observance'] }] })(d('2025-02-14'))).toBe("Valentine's Day");
  });

  it('adds a region’s own holidays to the country’s', () => {
    const ny = calendar({ holidays: [{ country: 'US', region: 'NY' }] });
    expect(ny(d('2025-02-12'))).toBe("Lincoln's Birthday");
    expect(us(d('2025-02-12'))).toBeUndefined();
    expect(ny(d('2025-07-04'))).toBe('Independence Day');
  });

  it('marks every day of a holiday that lasts several', () => {
    // date-holidays: Eid al-Fitr 2025 in Saudi Arabia starts at sunset before 2025-03-30 and lasts 4 days.
    const sa = calendar({ holidays: [{ country: 'SA', language: 'en' }] });
    expect(Object.keys(marked(sa, '2025-03-28', '2025-04-04'))).toEqual(['2025-03-30', '2025-03-31', '2025-04-01', '2025-04-02']);
    expect(sa(d('2025-03-31'))).toBe('End of Ramadan (Eid al-Fitr)');
  });

  it('keeps the days of a holiday that runs into the next year', () => {
    // date-holidays: Hanukkah 2024 (a school holiday in Israel) from sunset on 2024-12-25, 8 days.
    const il = calendar({ holidays: [{ country: 'IL', types: ['school'], language: 'en' }] });
    expect(Object.keys(marked(il, '2025-01-01', '2025-01-05'))).toEqual(['2025-01-01', '2025-01-02']);
    expect(Object.keys(marked(il, '2024-12-20', '2024-12-31'))).toEqual(dateRange(d('2024-12-26'), d('2024-12-31')));
    // Asked about a year on its own, a source still lists the spill-over under the year it began.
    expect(holidaySource({ country: 'IL', types: ['school'], language: 'en' }).holidaysOf(2024).get(d('2025-01-02'))).toEqual(['Hanukkah']);
  });

  it('gives the same days whatever the process time zone', () => {
    const before = process.env['TZ'];
    try {
      for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC']) {
        process.env['TZ'] = tz;
        const fresh = calendar({ holidays: [{ country: 'US' }, { country: 'SA', language: 'en' }] });
        expect(fresh(d('2025-07-04')), tz).toBe('Independence Day');
        expect(fresh(d('2025-07-03')), tz).toBeUndefined();
        expect(Object.keys(marked(fresh, '2025-03-28', '2025-04-04')), tz).toEqual(['2025-03-30', '2025-03-31', '2025-04-01', '2025-04-02']);
      }
    } finally {
      if (before === undefined) delete process.env['TZ'];
      else process.env['TZ'] = before;
    }
  });
});

describe('the team’s own events', () => {
  it('marks one day, a range, and a window before and after', () => {
    const cal = calendar({
      events: [
        { name: 'Spring sale', date: '2026-03-10' },
        { name: 'Migration', from: '2026-02-01', to: '2026-02-03' },
        { name: 'Launch v5', date: '2026-04-15', before: 1, after: 3 },
      ],
    });
    expect(marked(cal, '2026-03-08', '2026-03-12')).toEqual({ '2026-03-10': 'Spring sale' });
    expect(Object.keys(marked(cal, '2026-01-30', '2026-02-05'))).toEqual(['2026-02-01', '2026-02-02', '2026-02-03']);
    expect(Object.keys(marked(cal, '2026-04-10', '2026-04-22'))).toEqual(['2026-04-14', '2026-04-15', '2026-04-16', '2026-04-17', '2026-04-18']);
  });

  it('widens a range by its window too', () => {
    const cal = calendar({ events: [{ name: 'Black week', from: '2025-11-24', to: '2025-11-30', after: 1 }] });
    expect(cal(d('2025-11-23'))).toBeUndefined();
    expect(cal(d('2025-12-01'))).toBe('Black week');
    expect(cal(d('2025-12-02'))).toBeUndefined();
  });

  it('counts monthly days from the end with a negative day', () => {
    const cal = calendar({ events: [{ name: 'Month-end close', monthly: { day: -1 } }] });
    expect(cal(d('2026-02-28'))).toBe('Month-end close');
    expect(cal(d('2026-02-27'))).toBeUndefined();
    expect(cal(d('2024-02-29'))).toBe('Month-end close');
    expect(cal(d('2024-02-28'))).toBeUndefined();
    expect(cal(d('2026-01-31'))).toBe('Month-end close');
    expect(cal(d('2026-04-30'))).toBe('Month-end close');
    const second = calendar({ events: [{ name: 'Payroll', monthly: { day: -2 } }] });
    expect(second(d('2026-02-27'))).toBe('Payroll');
  });

  it('skips months without the day asked for', () => {
    const cal = calendar({ events: [{ name: 'Day 31', monthly: { day: 31 } }] });
    expect(cal(d('2026-01-31'))).toBe('Day 31');
    expect(marked(cal, '2026-02-01', '2026-03-30')).toEqual({});
  });

  it('repeats weekly rules on their ISO weekday, within from/to bounds', () => {
    const cal = calendar({ events: [{ name: 'Batch', weekly: { weekday: 1 }, from: '2026-01-05', to: '2026-01-31' }] });
    expect(Object.keys(marked(cal, '2025-12-20', '2026-02-15'))).toEqual(['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']);
    // A window around a recurring occurrence: the two days before every first of the month.
    const closing = calendar({ events: [{ name: 'Close', monthly: { day: 1 }, before: 2 }] });
    expect(Object.keys(marked(closing, '2026-02-25', '2026-03-03'))).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('checks an occurrence without the calendar around it', () => {
    expect(eventOccursOn({ name: 'x', date: '2026-03-10', after: 2 }, d('2026-03-12'))).toBe(true);
    expect(eventOccursOn({ name: 'x', date: '2026-03-10', after: 2 }, d('2026-03-09'))).toBe(false);
  });
});

describe('several events on one day', () => {
  it('joins their names with " / ", holidays first, each name once', () => {
    const spec: CalendarConfig = {
      holidays: [{ country: 'US' }, { country: 'US', region: 'NY' }],
      events: [
        { name: 'Summer sale', from: '2025-07-01', to: '2025-07-06' },
        { name: 'Fireworks traffic', date: '2025-07-04' },
      ],
    };
    const cal = buildEventCalendar(CalendarSchema.parse(spec));
    expect(cal(d('2025-07-04'))).toBe('Independence Day / Summer sale / Fireworks traffic');
    expect(cal(d('2025-07-03'))).toBe('Summer sale');
  });
});

describe('knownEventLookup', () => {
  const config = { calendar: CalendarSchema.parse({ holidays: [{ country: 'US' }] }) };

  it('sets hold from the policy, and gives nothing for off, no calendar or an empty one', () => {
    expect(knownEventLookup(config, 'annotate')?.(d('2025-11-27'))).toEqual({ name: 'Thanksgiving Day', hold: false });
    expect(knownEventLookup(config, 'hold')?.(d('2025-11-27'))).toEqual({ name: 'Thanksgiving Day', hold: true });
    expect(knownEventLookup(config, 'hold')?.(d('2025-11-26'))).toBeUndefined();
    expect(knownEventLookup(config, 'off')).toBeUndefined();
    expect(knownEventLookup({ calendar: undefined }, 'hold')).toBeUndefined();
    expect(knownEventLookup({ calendar: {} }, 'hold')).toBeUndefined();
  });

  it('is deterministic and cached: the same answer object for the same date', () => {
    const lookup = knownEventLookup(config, 'annotate');
    expect(lookup).toBe(knownEventLookup(config, 'annotate'));
    expect(lookup?.(d('2025-07-04'))).toBe(lookup?.(d('2025-07-04')));
  });
});
