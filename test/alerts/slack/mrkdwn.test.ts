import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, joinWithin, truncateText } from '../../../src/alerts/slack/mrkdwn.js';

describe('escapeMrkdwn', () => {
  it('escapes only &, < and >', () => {
    expect(escapeMrkdwn('a & b <c> *d* _e_ "f"')).toBe('a &amp; b &lt;c&gt; *d* _e_ "f"');
  });
});

describe('truncateText', () => {
  it('leaves short text alone', () => {
    expect(truncateText('abc', 3)).toBe('abc');
  });

  it('cuts to the limit with an ellipsis', () => {
    expect(truncateText('abcdef', 4)).toBe('abc…');
  });

  it('never leaves half an entity or half a surrogate pair', () => {
    expect(truncateText('ab&amp;cd', 6)).toBe('ab…');
    expect(truncateText('ab&lt;cd', 5)).toBe('ab…');
    expect(truncateText('a😀bc', 3)).toBe('a…');
  });
});

describe('joinWithin', () => {
  const more = (n: number): string => `+${n}`;

  it('joins everything that fits', () => {
    expect(joinWithin(['a', 'b'], ' ', 3, more)).toBe('a b');
  });

  it('replaces whole items that do not fit by a count', () => {
    expect(joinWithin(['aa', 'bb', 'cc', 'dd'], ' ', 9, more)).toBe('aa bb +2');
    expect(joinWithin(['aaaa', 'b'], ' ', 4, more)).toBe('+2');
  });
});
