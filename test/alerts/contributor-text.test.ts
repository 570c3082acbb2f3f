import { describe, expect, it } from 'vitest';
import type { AlertContributor } from '../../src/alerts/alert.js';
import { contributorText } from '../../src/alerts/contributor-text.js';

const base: AlertContributor = {
  dimension: 'tier',
  member: 'pro',
  baseline: 2130,
  current: 6380,
  change: 4250,
  share: 0.91,
  contributionChange: 0.4,
  cost: 1.31,
  status: 'changed',
  method: 'balanced_cost',
};
const unit = { unit: null, display: null } as const;

describe('contributorText', () => {
  it('gives a member its share of the move', () => {
    expect(contributorText(base, unit)).toBe('tier pro: 2,130 → 6,380 (+4,250, 91% of the move)');
  });

  it('never prints "0% of the move": a member listed for its shifted share shows that shift', () => {
    const text = contributorText({ ...base, member: 'free', baseline: 9000, current: 9010, change: 10, share: 0.002, contributionChange: -0.12 }, unit);
    expect(text).not.toMatch(/0% of the move/);
    expect(text).toMatch(/\(\+10, its share of the total -12 pts\)$/);
  });
});
