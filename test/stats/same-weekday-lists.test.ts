import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SameWeekdayLists } from '../../src/stats/same-weekday-lists.js';

/**
 * The forward pass reads each day's same-weekday baseline as a slice of these lists; the
 * report reads it by walking every seventh day (DayModel.gatherSameWeekdays). Both must see
 * the same days, values and outliers, or a report would show other days than μ came from.
 */
describe('same-weekday lists', () => {
  it('a slice is exactly the usable same-weekday days in [oldest, index), with their outliers', () => {
    const day = fc.record({ usable: fc.boolean(), outlier: fc.boolean(), value: fc.double({ noNaN: true }) });
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 12 }), (days, weeks) => {
        const lists = new SameWeekdayLists(days.length);
        days.forEach(({ usable, outlier, value }, index) => {
          const count = lists.select(index, index - 7 * weeks);
          const expected = [];
          for (let d = index - 7; d >= 0 && d >= index - 7 * weeks; d -= 7) if (days[d]!.usable) expected.unshift(d);
          const slice = Array.from({ length: count }, (_, k) => lists.days[lists.from + k]);
          expect(slice).toEqual(expected);
          expect(Array.from({ length: count }, (_, k) => lists.values[lists.from + k])).toEqual(expected.map((d) => days[d]!.value));
          const outliers = Array.from({ length: lists.outlierCount }, (_, k) => lists.days[lists.outlierAt(k)]);
          expect(outliers).toEqual(expected.filter((d) => days[d]!.outlier));
          if (usable) lists.append(index, value, outlier);
        });
      }),
    );
  });
});
