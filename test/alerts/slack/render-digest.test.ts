import { describe, expect, it } from 'vitest';
import type { Digest, DigestAlert } from '../../../src/alerts/digest.js';
import { DEFAULT_MAX_TEXT_CHARS, SLACK_LIMITS } from '../../../src/alerts/slack/blocks.js';
import { renderSlackDigest } from '../../../src/alerts/slack/render-digest.js';
import type { SlackPayload } from '../../../src/delivery/types.js';
import { isoDate } from '../../../src/dates/iso-date.js';
import { makeAlert, makeContributor, makeDigest, manyAlerts, newAlert, resolvedLine } from './digest-factory.js';

type Block = SlackPayload['blocks'][number];

/** The text a block shows, whatever its type. */
function blockText(block: Block): string {
  const text = block['text'] as { text: string } | undefined;
  if (text !== undefined) return text.text;
  const elements = (block['elements'] ?? []) as { text: string }[];
  return elements.map((e) => e.text).join('\n');
}

function texts(payload: SlackPayload): string[] {
  return payload.blocks.map(blockText);
}

/** The per-alert sections: they start with a severity emoji and a bold series name. */
function alertSections(payload: SlackPayload): string[] {
  return texts(payload).filter((t) => /^(🔴|🟠|🔵) \*(?!(CRITICAL|WARNING|NOTICE) · )/u.test(t));
}

function expectWithinSlackLimits(payload: SlackPayload): void {
  expect(payload.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  let total = 0;
  for (const block of payload.blocks) {
    const text = blockText(block);
    const limit = block['type'] === 'header' ? SLACK_LIMITS.headerText : SLACK_LIMITS.sectionText;
    expect(text.length, `${String(block['type'])} block: ${text.slice(0, 60)}`).toBeLessThanOrEqual(limit);
    expect(text.length).toBeGreaterThan(0);
    total += text.length;
  }
  expect(total).toBeLessThanOrEqual(DEFAULT_MAX_TEXT_CHARS);
}

const freeImages = makeAlert({
  series: 'free',
  seriesLabel: 'Free',
  metric: 'image_generations',
  metricLabel: 'Image generations',
  level: 7250,
  value: 19633,
  contributors: [makeContributor('tier', 'pro', 3100, 10900, 0.63), makeContributor('tier', 'lite', 0, 3800, 0.23), makeContributor('tier', 'free', 900, 700, -0.02)],
});
const acmeRequests = makeAlert({
  series: 'org-42',
  seriesLabel: 'Acme & Co',
  group: 'contract',
  metric: 'requests',
  metricLabel: 'API requests',
  unit: 'req',
  level: 5200,
  value: 0,
  severity: 'CRITICAL',
  note: 'Dropped to zero (churn risk)',
});
const proDau = makeAlert({ series: 'pro', seriesLabel: 'Pro', metric: 'dau', metricLabel: 'DAU', level: 20000, value: 17500 });
const teamConversion = makeAlert({
  series: 'team',
  seriesLabel: 'Team',
  metric: 'conversion',
  metricLabel: 'Conversion rate',
  display: 'percent',
  level: 0.05,
  value: 0.056,
  // A configured floor of 0.25 points binds over the sample σ (≈ 0.19 points).
  sigmaFloorAbsolute: 0.0025,
});

/** Deliberately least severe first: the renderer, not the caller, orders by severity. */
const representative: Digest = makeDigest({
  alerts: [
    newAlert(teamConversion),
    { alert: proDau, lifecycle: { kind: 'ongoing', day: 2 }, escalatedFrom: null },
    newAlert(freeImages),
    { alert: acmeRequests, lifecycle: { kind: 'ongoing', day: 3 }, escalatedFrom: 'WARNING' },
  ],
  resolved: [resolvedLine('Free', 'DAU', isoDate('2026-03-08'))],
});

describe('renderSlackDigest: the representative digest', () => {
  const payload = renderSlackDigest(representative);

  it('renders the exact payload', () => {
    expect(payload).toMatchSnapshot();
  });

  it('the fixture covers each severity as intended (z earned, not forced)', () => {
    expect([freeImages.severity, proDau.severity, teamConversion.severity]).toEqual(['CRITICAL', 'WARNING', 'NOTICE']);
  });

  it('opens with a plain-text header: domain title and date', () => {
    expect(payload.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Usage · 2026-03-10 (Tue)', emoji: true } });
  });

  it('shows CRITICAL, then WARNING, then NOTICE, each under a header with its count', () => {
    const all = texts(payload);
    const critical = all.indexOf('🔴 *CRITICAL · 2 alerts*');
    const warning = all.indexOf('🟠 *WARNING · 1 alert*');
    const notice = all.indexOf('🔵 *NOTICE · 1 alert*');
    expect(critical).toBeGreaterThan(0);
    expect(warning).toBeGreaterThan(critical);
    expect(notice).toBeGreaterThan(warning);
    expect(alertSections(payload).map((t) => t.split('\n')[0])).toEqual([
      '🔴 *Free · Image generations* · CRITICAL · new',
      '🔴 *Acme &amp; Co · API requests* (contract) · CRITICAL · ongoing, day 3 · escalated from WARNING',
      '🟠 *Pro · DAU* · WARNING · ongoing, day 2',
      '🔵 *Team · Conversion rate* · NOTICE · new',
    ]);
  });

  it('gives each alert its numbers, sparkline, note, action and contributors', () => {
    const [free, acme] = alertSections(payload);
    expect(free).toContain('*19,633* vs μ 7,250 · σ 282 · z +43.9 · +171%  `▁▁▁▁▁▁▁▁▁▁ █`');
    expect(alertSections(payload)[3]).toContain('*5.6 %* vs μ 5 % · σ 0.25 % (floor) · z +2.4 · +12.0%');
    expect(free).toContain('→ Investigate now: look for launches and campaigns.');
    expect(free).toContain(
      'Top contributors:\n• tier pro: 3,100 → 10,900 (+7,800, 63% of the move)\n• tier lite: 0 → 3,800 (+3,800, new, 23% of the move)\n• tier free: 900 → 700 (-200, -2% of the move)',
    );
    expect(acme).toContain('*0 req* vs μ 5,200');
    expect(acme).toContain('→ Dropped to zero (churn risk). Investigate now: look for incidents and churn.');
    expect(acme).not.toContain('Top contributors');
  });

  it('mentions the on-call handles verbatim, right under the header', () => {
    expect(payload.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '🚨 <!subteam^S0123> 2 CRITICAL alerts in Usage' } });
  });

  it('lists resolved series one per line', () => {
    expect(texts(payload)).toContain('*Resolved · 1*\n✅ Free · DAU back to normal (alerting since 2026-03-08)');
  });

  it('ends with a context block holding the reproduce command in a code span', () => {
    const last = payload.blocks.at(-1);
    expect(last?.['type']).toBe('context');
    expect(blockText(last ?? {})).toContain('`monitor usage --date 2026-03-10`');
  });

  it('has a one-line notification text with the counts', () => {
    expect(payload.text).toBe('usage 2026-03-10: 2 CRITICAL, 1 WARNING, 1 NOTICE, 1 resolved');
  });

  it('stays within every Slack limit', () => {
    expectWithinSlackLimits(payload);
  });
});

describe('renderSlackDigest: mentions', () => {
  const warningOnly = [newAlert(proDau), newAlert(teamConversion)];

  it('are absent when no alert is CRITICAL', () => {
    const payload = renderSlackDigest(makeDigest({ alerts: warningOnly, criticalMentions: ['<!subteam^S0123>', '<@U999>'] }));
    expect(texts(payload).join('\n')).not.toMatch(/subteam|<@U999>|🚨/);
  });

  it('are absent when nobody is configured, even with a CRITICAL', () => {
    const payload = renderSlackDigest(makeDigest({ alerts: [newAlert(freeImages)], criticalMentions: [] }));
    expect(texts(payload).join('\n')).not.toContain('🚨');
  });

  it('list every handle, unescaped, when a CRITICAL exists', () => {
    const payload = renderSlackDigest(
      makeDigest({ alerts: [...warningOnly, newAlert(freeImages)], criticalMentions: ['<!subteam^S0123>', '<@U999>'] }),
    );
    expect(blockText(payload.blocks[1] ?? {})).toBe('🚨 <!subteam^S0123> <@U999> 1 CRITICAL alert in Usage');
  });
});

describe('renderSlackDigest: more alerts than fit', () => {
  // 200 alerts cycling NOTICE, WARNING, CRITICAL, WARNING, NOTICE: 40 CRITICAL, 80 WARNING, 80 NOTICE.
  const digest = makeDigest({ alerts: manyAlerts(200) });
  const payload = renderSlackDigest(digest);

  it('keeps to 50 blocks and to the text budget', () => {
    expect(payload.blocks).toHaveLength(50);
    expectWithinSlackLimits(payload);
  });

  it('keeps the most severe: all 40 CRITICAL, then the first WARNINGs in input order', () => {
    // 50 = header + mentions + CRITICAL header + 40 + WARNING header + 4 + "more" line + context.
    const shown = alertSections(payload);
    expect(shown).toHaveLength(44);
    expect(shown.filter((t) => t.includes('· CRITICAL ·'))).toHaveLength(40);
    const warnings = shown.filter((t) => t.includes('· WARNING ·')).map((t) => /Org \d+/.exec(t)?.[0]);
    expect(warnings).toEqual(['Org 001', 'Org 003', 'Org 006', 'Org 008']);
    expect(texts(payload)).toContain('🟠 *WARNING · 80 alerts* (4 shown)');
    expect(texts(payload).some((t) => t.startsWith('🔵'))).toBe(false);
  });

  it('says how many are hidden, by severity, and how to see them', () => {
    expect(texts(payload)).toContain(
      '…and 156 more alerts not shown (76 WARNING, 80 NOTICE); run `monitor usage --date 2026-03-10` for the full report',
    );
    expect(payload.text).toBe('usage 2026-03-10: 40 CRITICAL, 80 WARNING, 80 NOTICE');
  });

  it('honours a smaller maxBlocks', () => {
    const small = renderSlackDigest(digest, { maxBlocks: 8 });
    expect(small.blocks).toHaveLength(8);
    expect(alertSections(small)).toHaveLength(3);
    expect(texts(small)).toContain(
      '…and 197 more alerts not shown (37 CRITICAL, 80 WARNING, 80 NOTICE); run `monitor usage --date 2026-03-10` for the full report',
    );
  });

  it('drops alerts when their text, not their count, would exceed the budget', () => {
    const wordy: DigestAlert[] = Array.from({ length: 40 }, (_, i) =>
      newAlert(
        makeAlert({
          series: `Org ${i}`,
          metric: 'DAU',
          level: 1000,
          value: 2000,
          note: 'A long explanation of why this series matters '.repeat(4),
          contributors: Array.from({ length: 5 }, (_, j) => makeContributor('workspace', `Workspace ${j}`, 100, 300, 0.2)),
        }),
      ),
    );
    const result = renderSlackDigest(makeDigest({ alerts: wordy }));
    expectWithinSlackLimits(result);
    const shown = alertSections(result).length;
    expect(shown).toBeLessThan(40);
    expect(texts(result)).toContain(
      `…and ${40 - shown} more alerts not shown (${40 - shown} CRITICAL); run \`monitor usage --date 2026-03-10\` for the full report`,
    );
  });

  it('refuses a budget that cannot hold even the frame', () => {
    expect(() => renderSlackDigest(digest, { maxBlocks: 3 })).toThrow(RangeError);
    expect(() => renderSlackDigest(digest, { maxBlocks: 0 })).toThrow(/positive integer/);
  });
});

describe('renderSlackDigest: escaping and truncation', () => {
  const hostile = makeAlert({
    series: 'evil',
    seriesLabel: '<script>alert("x")</script> & <!channel>',
    metric: 'dau',
    metricLabel: 'DAU <b>',
    level: 1000,
    value: 2000,
    note: 'See <https://evil.example|here>',
    contributors: [makeContributor('org', '<@U1> & friends', 2, 5, 1)],
  });
  const payload = renderSlackDigest(
    makeDigest({
      alerts: [newAlert(hostile)],
      resolved: [resolvedLine('<img src=x> & co', 'DAU', isoDate('2026-03-08'))],
      reproduce: 'monitor usage --date 2026-03-10 --config a&b.yaml > out.txt',
    }),
  );
  const all = texts(payload).join('\n');

  it('escapes &, < and > in data so nothing becomes a tag, link or mention', () => {
    const [section] = alertSections(payload);
    expect(section).toContain('*&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;!channel&gt; · DAU &lt;b&gt;*');
    expect(section).toContain('→ See &lt;https://evil.example|here&gt;. ');
    expect(section).toContain('• org &lt;@U1&gt; &amp; friends: 2 → 5 (+3, 100% of the move)');
    expect(all).toContain('✅ &lt;img src=x&gt; &amp; co · DAU back to normal');
    expect(all).toContain('`monitor usage --date 2026-03-10 --config a&amp;b.yaml &gt; out.txt`');
    // Only the configured mention handle keeps raw angle brackets.
    expect(all.match(/<[^>]*>/g)).toEqual(['<!subteam^S0123>']);
  });

  it('cuts an over-long section or header with an ellipsis, keeping the date in the header', () => {
    const long = makeAlert({ series: 'long', seriesLabel: 'x&'.repeat(3000), metric: 'dau', level: 1000, value: 2000 });
    const result = renderSlackDigest(makeDigest({ domainTitle: 'T'.repeat(400), alerts: [newAlert(long)] }));
    expectWithinSlackLimits(result);
    const header = blockText(result.blocks[0] ?? {});
    expect(header).toHaveLength(SLACK_LIMITS.headerText);
    expect(header.endsWith('T… · 2026-03-10 (Tue)')).toBe(true);
    const [section = ''] = alertSections(result);
    expect(section.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(section.endsWith('…')).toBe(true);
    expect(section).not.toMatch(/&a?m?p?…$/);
  });

  it('keeps a huge resolved list within one section, counting the rest', () => {
    const resolved = Array.from({ length: 300 }, (_, i) => resolvedLine(`Org ${i}`, 'DAU', isoDate('2026-03-01')));
    const result = renderSlackDigest(makeDigest({ resolved }));
    expectWithinSlackLimits(result);
    const section = texts(result).find((t) => t.startsWith('*Resolved · 300*')) ?? '';
    const shownLines = section.split('\n').filter((l) => l.startsWith('✅')).length;
    expect(section.endsWith(`…and ${300 - shownLines} more resolved`)).toBe(true);
  });
});

describe('renderSlackDigest: quiet digests', () => {
  it('renders a resolved-only digest without alerts or mentions', () => {
    const payload = renderSlackDigest(
      makeDigest({ resolved: [resolvedLine('Free', 'DAU', isoDate('2026-03-08')), resolvedLine('Pro', 'Revenue', isoDate('2026-03-09'))] }),
    );
    expect(payload.text).toBe('usage 2026-03-10: no alerts, 2 resolved');
    expect(payload.blocks.map((b) => b['type'])).toEqual(['header', 'section', 'section', 'context']);
    expect(texts(payload)).toEqual([
      'Usage · 2026-03-10 (Tue)',
      'No alerts on 2026-03-10.',
      '*Resolved · 2*\n✅ Free · DAU back to normal (alerting since 2026-03-08)\n✅ Pro · Revenue back to normal (alerting since 2026-03-09)',
      'Full report: `monitor usage --date 2026-03-10`',
    ]);
  });

  it('renders an empty digest', () => {
    const payload = renderSlackDigest(makeDigest());
    expect(payload.text).toBe('usage 2026-03-10: no alerts');
    expect(payload.blocks).toHaveLength(3);
  });
});
