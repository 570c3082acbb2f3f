import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type MemberValues,
  rankByChange,
  rankByOwnChange,
  rankContributors,
  scoreContributors,
} from '../../src/rootcause/rank-contributors.js';

/** Members that move by a small, deterministic ±2 % around `base`: background noise. */
function wobblingMembers(names: readonly string[], base: number): MemberValues[] {
  return names.map((member, i) => ({ member, baseline: base, current: base * (1 + (i % 2 === 0 ? 0.02 : -0.02)) }));
}

const names = (result: readonly { member: string }[]) => result.map((c) => c.member);

describe('rankContributors', () => {
  it('ranks first the one member that drives the move', () => {
    const members = [...wobblingMembers(['free', 'team', 'enterprise'], 1000), { member: 'pro', baseline: 1000, current: 3000 }];
    const [first, ...rest] = rankContributors(members);
    expect(first?.member).toBe('pro');
    expect(first?.status).toBe('changed');
    expect(first?.change).toBe(2000);
    expect(first?.share).toBeCloseTo(2000 / 2020, 12); // the wobbles add +20 −20 +20
    expect(rest.every((c) => c.cost < (first?.cost ?? 0) / 4)).toBe(true);
  });

  it('ranks a vanished org first with status vanished', () => {
    const members = [{ member: 'acme', baseline: 400, current: 0 }, ...wobblingMembers(['b', 'c', 'd', 'e'], 150)];
    const [first] = rankContributors(members);
    expect(first).toMatchObject({ member: 'acme', status: 'vanished', change: -400 });
    expect(first?.contributionChange).toBeCloseTo(-400 / 1000, 9);
  });

  it('ranks an appeared member first with status appeared', () => {
    const members = [...wobblingMembers(['a', 'b', 'c', 'd'], 200), { member: 'newco', baseline: 0, current: 500 }];
    const [first] = rankContributors(members);
    expect(first).toMatchObject({ member: 'newco', status: 'appeared' });
    expect(first?.share).toBeCloseTo(1, 9);
  });

  it('ranks members that swapped share by |contributionChange| when the total did not move', () => {
    const result = rankContributors([
      { member: 'web', baseline: 600, current: 300 },
      { member: 'api', baseline: 300, current: 600 },
      { member: 'cli', baseline: 100, current: 100 },
    ]);
    // cli's share held still (cost 0): it explains nothing and is dropped.
    expect(names(result)).toEqual(['api', 'web']);
    for (const c of result) {
      expect(c.share).toBeNull();
      expect(c.cost).toBeCloseTo(0.3, 12);
      expect(c.cost).toBe(Math.abs(c.contributionChange));
    }
  });

  it('handles negative totals (net revenue after refunds) with shares over |B| and |C|', () => {
    const result = rankContributors([
      { member: 'eu', baseline: 100, current: 120 },
      { member: 'us', baseline: -300, current: -500 },
      { member: 'apac', baseline: 50, current: 50 },
    ]);
    // B = −150, C = −330: us explains 200 / 180 of the fall, eu pushed back 20 / 180.
    expect(names(result)).toEqual(['us', 'eu', 'apac']);
    const [us, eu] = result;
    expect(us?.share).toBeCloseTo(200 / 180, 12);
    expect(eu?.share).toBeCloseTo(-20 / 180, 12);
    expect(us?.contributionChange).toBeCloseTo(-500 / 330 - -300 / 150, 12);
    expect(result.every((c) => Number.isFinite(c.cost) && c.cost >= 0)).toBe(true);
  });

  it('drops members that are both under 3 % of the total and under 3 % of the move', () => {
    const result = rankContributors([
      { member: 'core', baseline: 9000, current: 9000 }, // big: kept although its value held
      { member: 'mover', baseline: 100, current: 1100 },
      { member: 'niche', baseline: 10, current: 60 }, // small, but 50 / 1052 ≈ 4.8 % of the move
      { member: 'tiny', baseline: 10, current: 12 }, // 0.1 % of the total, 0.2 % of the move
    ]);
    expect(names(result).sort()).toEqual(['core', 'mover', 'niche']);
    expect(names(rankContributors([{ member: 'tiny', baseline: 10, current: 12 }, { member: 'big', baseline: 1000, current: 2000 }], { minContribution: 0 }))).toEqual(['big', 'tiny']);
  });

  it('drops a big member with none of the move whose share of the total held (it would read "0% of the move")', () => {
    const result = rankContributors([
      { member: 'core', baseline: 90_000, current: 90_001 }, // 90 % of the total, 0.25 % of the move, share −0.4 pts
      { member: 'mover', baseline: 10_000, current: 10_400 },
    ]);
    expect(names(result)).toEqual(['mover']);
  });

  it('returns at most `top` contributors, 5 by default', () => {
    const members = Array.from({ length: 10 }, (_, i) => ({ member: `m${i}`, baseline: 100, current: 100 + 10 * (i + 1) }));
    expect(names(rankContributors(members, { top: 3 }))).toEqual(['m9', 'm8', 'm7']);
    expect(rankContributors(members)).toHaveLength(5);
    expect(rankContributors(members, { top: 0 })).toEqual([]);
  });

  it('breaks cost ties by member name whatever the input order', () => {
    const members = ['delta', 'alpha', 'charlie', 'bravo'].map((member) => ({ member, baseline: 100, current: 200 }));
    const expected = ['alpha', 'bravo', 'charlie', 'delta'];
    expect(names(rankContributors(members))).toEqual(expected);
    expect(names(rankContributors([...members].reverse()))).toEqual(expected);
  });

  it('rejects duplicate members, non-finite values and a bad top', () => {
    expect(() => rankContributors([{ member: 'a', baseline: 1, current: 2 }, { member: 'a', baseline: 1, current: 2 }])).toThrow(/twice/);
    expect(() => rankContributors([{ member: 'a', baseline: Number.NaN, current: 2 }])).toThrow(RangeError);
    expect(() => rankContributors([], { top: 1.5 })).toThrow(RangeError);
  });

  it('treats a net move within floating-point rounding as no move, so costs stay finite', () => {
    // Members that cancel exactly plus a subnormal: C − B = 5e-324 would make shares Infinity.
    const result = rankContributors([
      { member: 'up', baseline: 0.5, current: 1 },
      { member: 'down', baseline: -0.5, current: -1 },
      { member: 'dust', baseline: 0, current: Number.MIN_VALUE },
    ]);
    expect(result.every((c) => c.share === null && Number.isFinite(c.cost))).toBe(true);
  });

  const uniqueMembers = (value: fc.Arbitrary<number>) =>
    fc
      .array(fc.tuple(value, value), { maxLength: 20 })
      .map((pairs) => pairs.map(([baseline, current], i) => ({ member: `m${i}`, baseline, current })));

  it('property: costs are finite and non-negative for any finite inputs', () => {
    fc.assert(
      fc.property(uniqueMembers(fc.double({ noNaN: true, noDefaultInfinity: true })), (members) => {
        const costs = [...scoreContributors(members).map((s) => s.contributor), ...rankContributors(members)].map((c) => c.cost);
        expect(costs.every((cost) => Number.isFinite(cost) && cost >= 0)).toBe(true);
      }),
    );
  });

  it('property: shares over all members sum to 1 when the total moved', () => {
    fc.assert(
      fc.property(uniqueMembers(fc.integer({ min: -1000, max: 1000 })), (members) => {
        const move = members.reduce((acc, m) => acc + m.current - m.baseline, 0);
        const shares = scoreContributors(members).map((s) => s.contributor.share);
        if (move === 0) {
          expect(shares.every((s) => s === null)).toBe(true);
          return;
        }
        const total = shares.reduce<number>((acc, s) => acc + (s ?? Number.NaN), 0);
        expect(Math.abs(total - 1)).toBeLessThanOrEqual(1e-9);
      }),
    );
  });
});

describe('rankByChange', () => {
  // An org's DAU collapses from 105 to 38: 67 regulars stopped, 10 occasional users came.
  const users = [
    ...Array.from({ length: 67 }, (_, i) => ({ member: `stopped-${String(i).padStart(2, '0')}`, baseline: 1, current: 0 })),
    ...Array.from({ length: 38 }, (_, i) => ({ member: `stayed-${String(i).padStart(2, '0')}`, baseline: 1, current: 1 })),
    ...Array.from({ length: 10 }, (_, i) => ({ member: `occasional-${i}`, baseline: 0.2, current: 1 })),
  ];

  it('names the users who stopped, where balanced cost names those who kept coming', () => {
    expect(names(rankByChange(users)).every((n) => n.startsWith('stopped-'))).toBe(true);
    // The share-shift term of balanced cost favours members whose share of the small total jumped.
    expect(names(rankContributors(users, { minContribution: 0 })).every((n) => n.startsWith('occasional-'))).toBe(true);
  });

  it('leaves out members that moved against the total, keeps tiny members, and ranks by |change| when the total did not move', () => {
    const ranked = rankByChange(users, 200);
    expect(ranked.some((c) => c.member.startsWith('occasional') || c.member.startsWith('stayed'))).toBe(false);
    expect(ranked).toHaveLength(67);
    expect(ranked[0]).toMatchObject({ member: 'stopped-00', status: 'vanished' });
    const swapped = rankByChange([
      { member: 'a', baseline: 10, current: 4 },
      { member: 'b', baseline: 5, current: 11 },
      { member: 'c', baseline: 3, current: 3 },
    ]);
    expect(swapped.map((c) => [c.member, c.share, c.cost])).toEqual([
      ['a', null, 6],
      ['b', null, 6],
    ]);
  });
});

describe('rankByOwnChange', () => {
  it("ranks a busy endpoint's p95 regression above an idle endpoint's larger relative jump", () => {
    const result = rankByOwnChange([
      { member: '/admin', baseline: 100, current: 400, volumeBaseline: 100, volumeCurrent: 100 }, // ×4
      { member: '/checkout', baseline: 200, current: 260, volumeBaseline: 90_000, volumeCurrent: 90_000 }, // +30 %
      { member: '/search', baseline: 80, current: 80, volumeBaseline: 50_000, volumeCurrent: 50_000 },
    ]);
    // /search did not move: score 0, dropped.
    expect(names(result)).toEqual(['/checkout', '/admin']);
    const totalVolume = 140_100;
    const scores = [(90_000 / totalVolume) * 60, (100 / totalVolume) * 300];
    const shares = scores.map((s) => s / (scores[0]! + scores[1]!));
    expect(result.map((c) => c.share)).toEqual([expect.closeTo(shares[0]!, 12), expect.closeTo(shares[1]!, 12)]);
    // Volumes did not shift, so cost is the share of the weighted change alone.
    expect(result.map((c) => c.cost)).toEqual([expect.closeTo(shares[0]!, 12), expect.closeTo(shares[1]!, 12)]);
  });

  it('marks an endpoint with no baseline traffic as appeared and respects top', () => {
    const result = rankByOwnChange(
      [
        { member: '/new', baseline: 0, current: 900, volumeBaseline: 0, volumeCurrent: 5000 },
        { member: '/old', baseline: 100, current: 110, volumeBaseline: 5000, volumeCurrent: 5000 },
      ],
      1,
    );
    expect(result).toEqual([expect.objectContaining({ member: '/new', status: 'appeared', contributionChange: 0.5 })]);
  });
});
