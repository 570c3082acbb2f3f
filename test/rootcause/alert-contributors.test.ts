import { describe, expect, it } from 'vitest';
import { addDays, isoDate, type IsoDate } from '../../src/dates/iso-date.js';
import type { DrillDownDefinition } from '../../src/domains/types.js';
import { contributorsForAlert, datesCompared, type ContributorTarget } from '../../src/rootcause/alert-contributors.js';
import type { DrillDownData } from '../../src/rootcause/drilldown-data.js';

const DATE = isoDate('2026-03-10');
const BASELINE = [4, 3, 2, 1].map((weeks) => addDays(DATE, -7 * weeks));
const OPTIONS = { top: 5, minContribution: 0.03 };

/** member → metric → [baseline values (one per BASELINE date; null = no row), current (null = no row)]. */
type Spec = Record<string, Record<string, [readonly (number | null)[], number | null]>>;

function dimension(spec: Spec): Map<string, Map<string, Map<IsoDate, number>>> {
  return new Map(
    Object.entries(spec).map(([member, metrics]) => [
      member,
      new Map(
        Object.entries(metrics).map(([metric, [baseline, current]]) => {
          const days = new Map<IsoDate, number>();
          baseline.forEach((v, i) => v !== null && days.set(BASELINE[i] as IsoDate, v));
          if (current !== null) days.set(DATE, current);
          return [metric, days];
        }),
      ),
    ]),
  );
}

function target(metric: string, mean: number, series = 'total'): ContributorTarget {
  return { series, metric, date: DATE, baseline: { dates: BASELINE, values: BASELINE.map(() => mean) }, mean };
}

const spec: DrillDownDefinition = {
  sqlFile: 'drilldown/test.sql',
  dimensions: (series) => (series === 'total' ? ['endpoint', 'model'] : []),
  combine: { requests: 'sum', p95: { weightedBy: 'requests' } },
};

describe('contributorsForAlert: additive metrics (balanced cost)', () => {
  const data: DrillDownData = new Map([
    [
      'total',
      new Map([
        [
          'endpoint',
          dimension({
            '/v1/images': { requests: [[100, 100, 100, 100], 400] },
            '/v1/video': { requests: [[100, 100, 100, 100], 100] },
            // No row on two baseline days: those days count as 0, not as missing.
            '/v1/chat': { requests: [[10, null, 10, null], 5] },
          }),
        ],
        [
          'model',
          dimension({
            'img-1': { requests: [[100, 100, 100, 100], 250] },
            'img-2': { requests: [[0, 0, 0, 0], 150] },
            'vid-1': { requests: [[105, 100, 105, 100], 105] },
          }),
        ],
      ]),
    ],
  ]);

  it('ranks the member that explains the move first, across dimensions, with baseline as the mean over the baseline dates', () => {
    const contributors = contributorsForAlert(target('requests', 205), spec, data, OPTIONS);
    expect(contributors[0]).toMatchObject({ dimension: 'endpoint', member: '/v1/images', baseline: 100, current: 400, change: 300, status: 'changed', method: 'balanced_cost' });
    expect(contributors[0]?.share).toBeCloseTo(1, 6);
    const chat = contributors.find((c) => c.member === '/v1/chat');
    // /v1/chat is under 3 % of the total and of the move: dropped in the endpoint dimension.
    expect(chat).toBeUndefined();
    // A new member is marked as such.
    expect(contributors.find((c) => c.member === 'img-2')).toMatchObject({ baseline: 0, current: 150, status: 'appeared' });
  });

  it('keeps at most `top`, and none for top 0', () => {
    expect(contributorsForAlert(target('requests', 205), spec, data, { ...OPTIONS, top: 2 })).toHaveLength(2);
    expect(contributorsForAlert(target('requests', 205), spec, data, { ...OPTIONS, top: 0 })).toEqual([]);
  });

  it('uses exactly the alert baseline dates: values on other days do not count', () => {
    const shorter = { ...target('requests', 205), baseline: { dates: BASELINE.slice(2), values: [205, 205] } };
    // Over all four dates `a` fell from 505 to 10 and would lead; over the two used, only b moved.
    const chatDim: DrillDownData = new Map([['total', new Map([['endpoint', dimension({ a: { requests: [[1000, 1000, 10, 10], 10] }, b: { requests: [[10, 10, 10, 10], 40] } })]])]]);
    const [first] = contributorsForAlert(shorter, spec, chatDim, OPTIONS);
    expect(first).toMatchObject({ member: 'b', baseline: 10, current: 40 });
  });

  it('returns nothing for a series without dimensions, a metric without a rule, or no drill-down rows', () => {
    expect(contributorsForAlert(target('requests', 1, 'free'), spec, data, OPTIONS)).toEqual([]);
    expect(contributorsForAlert(target('unknown_metric', 1), spec, data, OPTIONS)).toEqual([]);
    expect(contributorsForAlert(target('requests', 1), spec, new Map(), OPTIONS)).toEqual([]);
  });
});

describe('contributorsForAlert: percentiles (own change weighted by traffic)', () => {
  const data: DrillDownData = new Map([
    [
      'total',
      new Map([
        [
          'endpoint',
          dimension({
            // Busy endpoint, p95 up 50 %: the story.
            '/v1/images': { requests: [[900, 900, 900, 900], 900], p95: [[1000, 1000, 1000, 1000], 1500] },
            // Idle endpoint, p95 tripled: explains little of the service's p95.
            '/v1/rare': { requests: [[5, 5, 5, 5], 5], p95: [[1000, 1000, 1000, 1000], 3000] },
            // No traffic today: no value today, weight 0.
            '/v1/gone': { requests: [[50, 50, 50, 50], null], p95: [[9000, 9000, 9000, 9000], null] },
            // No baseline value: compared with the series' usual level (μ = 1000).
            '/v1/new': { requests: [[0, 0, 0, 0], 100], p95: [[null, null, null, null], 1400] },
          }),
        ],
      ]),
    ],
  ]);

  it('ranks by own change × current traffic share, compares new members with μ, drops members with no traffic today', () => {
    const contributors = contributorsForAlert(target('p95', 1000), spec, data, OPTIONS);
    expect(contributors.map((c) => c.member)).toEqual(['/v1/images', '/v1/new', '/v1/rare']);
    expect(contributors[0]).toMatchObject({ baseline: 1000, current: 1500, change: 500, method: 'volume_weighted' });
    expect(contributors[1]).toMatchObject({ baseline: 1000, current: 1400, status: 'appeared' });
  });
});

describe('contributorsForAlert: merging dimensions for percentiles', () => {
  it('ranks the dimension where the change concentrates first, not the one whose raw scores are largest', () => {
    // Every org's p95 rose (each sends some video traffic); only /v1/video's own p95 did.
    const data: DrillDownData = new Map([
      [
        'total',
        new Map([
          [
            'endpoint',
            dimension({
              '/v1/video': { requests: [[50, 50, 50, 50], 50], p95: [[30_000, 30_000, 30_000, 30_000], 80_000] },
              '/v1/images': { requests: [[950, 950, 950, 950], 950], p95: [[2_000, 2_000, 2_000, 2_000], 2_050] },
            }),
          ],
          [
            'model',
            dimension({
              a: { requests: [[500, 500, 500, 500], 500], p95: [[20_000, 20_000, 20_000, 20_000], 50_000] },
              b: { requests: [[500, 500, 500, 500], 500], p95: [[20_000, 20_000, 20_000, 20_000], 49_000] },
            }),
          ],
        ]),
      ],
    ]);
    const contributors = contributorsForAlert(target('p95', 20_000), spec, data, OPTIONS);
    expect(contributors[0]).toMatchObject({ dimension: 'endpoint', member: '/v1/video' });
    expect(contributors[0]?.share).toBeGreaterThan(0.9);
  });
});

describe('datesCompared', () => {
  it('is every target and baseline date once, sorted', () => {
    const a = target('requests', 1);
    const b = { ...a, date: addDays(DATE, 1), baseline: { dates: [addDays(DATE, -6), BASELINE[3] as IsoDate], values: [1, 1] } };
    expect(datesCompared([a, b])).toEqual([...BASELINE, addDays(DATE, -6), DATE, addDays(DATE, 1)].sort());
  });
});
