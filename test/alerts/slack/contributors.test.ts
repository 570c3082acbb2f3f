import { describe, expect, it } from 'vitest';
import { contributorLines } from '../../../src/alerts/slack/contributors.js';

const alert = { unit: null, display: null } as const;

describe('contributorLines', () => {
  it('shows at most five and counts the rest', () => {
    const contributors = Array.from({ length: 7 }, (_, i) => ({ member: `m${i}`, current: i }));
    const lines = contributorLines({ ...alert, contributors });
    expect(lines).toEqual(['• m0: 0', '• m1: 1', '• m2: 2', '• m3: 3', '• m4: 4', '• …and 2 more']);
  });

  it('shows only the fields present, and strings as given', () => {
    const lines = contributorLines({
      ...alert,
      contributors: [
        { member: 'a', change: -40, share: 0.5 },
        { baseline: 10, current: 2 },
        { member: 'b', baseline: 'n/a', current: 12.5 },
        { member: 'c', unrelated: true },
      ],
    });
    expect(lines).toEqual(['• a: (-40, 50% of the move)', '• 10 → 2', '• b: n/a → 12.5', '• c']);
  });

  it('formats values in the metric unit and percent display', () => {
    expect(contributorLines({ unit: 'USD', display: null, contributors: [{ member: 'x', baseline: 1000, current: 2500 }] })).toEqual([
      '• x: 1,000 → 2,500 USD',
    ]);
    expect(contributorLines({ unit: null, display: 'percent', contributors: [{ member: 'y', current: 0.125 }] })).toEqual(['• y: 12.5 %']);
  });

  it('skips what it cannot read instead of printing [object Object]', () => {
    expect(contributorLines({ ...alert, contributors: [null, [1, 2], {}, { member: '' }, 'plain', 7] })).toEqual(['• plain', '• 7']);
  });
});
