import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_CONFIG_PATH, loadConfig } from '../../src/config/load.js';
import { resolveDetectorSettings, resolveKnownEventPolicy } from '../../src/config/resolve-detector.js';
import { isoDate } from '../../src/dates/iso-date.js';
import { DOMAIN_NAMES } from '../../src/domains/registry.js';
import { ConfigError } from '../../src/errors.js';
import { SCAN_DOMAIN, scanConfig } from '../../src/scan/scan-domain.js';

const dir = mkdtempSync(join(tmpdir(), 'monitor-calendar-config-'));
let files = 0;
function load(text: string) {
  const path = join(dir, `config-${(files += 1)}.yaml`);
  writeFileSync(path, text);
  return loadConfig({ path, knownDomains: DOMAIN_NAMES });
}

const JULY_4 = isoDate('2025-07-04');

describe('calendar: in the config', () => {
  it('accepts holidays, days, ranges, windows and recurring rules', () => {
    const { config } = load(`
calendar:
  holidays:
    - { country: US, region: NY }
    - { country: de, types: [public, bank], language: en }
  events:
    - { name: Spring sale, date: 2026-03-10 }
    - { name: Migration, from: 2026-02-01, to: 2026-02-03 }
    - { name: Launch v5, date: 2026-04-15, before: 1, after: 3 }
    - { name: Month-end close, monthly: { day: -1 } }
    - { name: Weekly batch, weekly: { weekday: 1 }, from: 2026-01-05 }
`);
    // Unquoted YAML dates stay text (YAML 1.2): nothing turns them into Date objects.
    expect(config.calendar?.events?.[0]).toEqual({ name: 'Spring sale', date: '2026-03-10' });
    expect(config.calendar?.holidays).toHaveLength(2);
  });

  it('has no calendar by default, so the detector settings carry no lookup', () => {
    const { config } = loadConfig({ knownDomains: DOMAIN_NAMES });
    expect(config.calendar).toBeUndefined();
    expect(resolveDetectorSettings(config, 'usage', 'free', 'dau')).not.toHaveProperty('knownEvents');
  });

  it('the commented example in config/monitor.yaml is a valid config', () => {
    const shipped = readFileSync(SHIPPED_CONFIG_PATH, 'utf8');
    const start = shipped.indexOf('# calendar:');
    expect(start).toBeGreaterThan(0);
    const example = shipped
      .slice(start)
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .map((line) => line.replace(/^# ?/, ''))
      .join('\n');
    const { config } = load(example);
    expect(config.calendar?.events?.length).toBeGreaterThan(3);
    expect(resolveKnownEventPolicy(config, 'revenue', 'total', 'revenue')).toBe('hold');
  });

  it.each([
    ['a date that does not exist', 'events: [{ name: x, date: 2026-02-30 }]', /calendar\.events\.0\.date: must be a calendar date YYYY-MM-DD.*got "2026-02-30"/],
    ['a date in another format', 'events: [{ name: x, date: 10/03/2026 }]', /calendar\.events\.0\.date: must be a calendar date YYYY-MM-DD/],
    ['a range that ends before it starts', 'events: [{ name: x, from: 2026-02-03, to: 2026-02-01 }]', /calendar\.events\.0\.to: is before from \(2026-02-03\); swap from and to \(got "2026-02-01"\)/],
    ['a range without its end', 'events: [{ name: x, from: 2026-02-03 }]', /calendar\.events\.0\.to: a range needs both from and to; add to, or use date: for a single day/],
    ['an event with no day at all', 'events: [{ name: x }]', /calendar\.events\.0: an event needs date, from and to, monthly or weekly/],
    ['a day and a rule at once', 'events: [{ name: x, date: 2026-02-03, monthly: { day: 1 } }]', /calendar\.events\.0\.date: give either date or a recurring rule/],
    ['a day and a range at once', 'events: [{ name: x, date: 2026-02-03, from: 2026-02-01, to: 2026-02-04 }]', /calendar\.events\.0\.from: give either date \(one day\) or from and to/],
    ['day 0 of the month', 'events: [{ name: x, monthly: { day: 0 } }]', /calendar\.events\.0\.monthly\.day: day 0 does not exist/],
    ['weekday 8', 'events: [{ name: x, weekly: { weekday: 8 } }]', /calendar\.events\.0\.weekly\.weekday: /],
    ['a negative window', 'events: [{ name: x, date: 2026-02-03, before: -1 }]', /calendar\.events\.0\.before: /],
    ['an unknown event key', 'events: [{ name: x, date: 2026-02-03, hold: true }]', /calendar\.events\.0: .*hold/],
    ['an unknown country', 'holidays: [{ country: XZ }]', /calendar\.holidays\.0\.country: date-holidays has no country "XZ"; use a two-letter ISO 3166-1 code such as US, GB, FR or DE \(got "XZ"\)/],
    ['a misspelt country', 'holidays: [{ country: USA }]', /calendar\.holidays\.0\.country: date-holidays has no country "USA" \(did you mean "US", United States of America\?\)/],
    ['an unknown region', 'holidays: [{ country: US, region: NYC }]', /calendar\.holidays\.0\.region: date-holidays has no region "NYC" in US \(did you mean "NY", New York\?\); US regions: AL, AK/],
    ['a country by its name', 'holidays: [{ country: Germany }]', /calendar\.holidays\.0\.country: date-holidays has no country "Germany" \(did you mean "DE", Germany\?\)/],
    ['a region in a country without any', 'holidays: [{ country: SG, region: X }]', /calendar\.holidays\.0\.region: .*SG has no regions in date-holidays: remove region/],
    ['an unknown holiday type', 'holidays: [{ country: US, types: [national] }]', /calendar\.holidays\.0\.types\.0: /],
  ])('refuses %s with one line naming the key', (_name, calendar, message) => {
    const text = `calendar:\n  ${calendar}\n`;
    let error: unknown;
    try {
      load(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).message).not.toContain('\n');
    expect((error as ConfigError).hint).toBeTruthy();
  });

  it('refuses an unknown knownEvents policy where it is set', () => {
    expect(() => load('domains:\n  usage:\n    series:\n      free: { knownEvents: skip }\n')).toThrow(
      /domains\.usage\.series\.free\.knownEvents: .*"annotate".*"hold".*"off"/,
    );
  });
});

describe('knownEvents policy', () => {
  const calendar = 'calendar:\n  holidays: [{ country: US }]\n';

  it('annotates by default and holds where a series says so, most specific last', () => {
    const { config } = load(`${calendar}domains:\n  usage:\n    knownEvents: annotate\n    series:\n      paying: { knownEvents: hold }\n`);
    const free = resolveDetectorSettings(config, 'usage', 'free', 'dau');
    const paying = resolveDetectorSettings(config, 'usage', 'paying', 'dau');
    expect(free.knownEvents?.(JULY_4)).toEqual({ name: 'Independence Day', hold: false });
    expect(paying.knownEvents?.(JULY_4)).toEqual({ name: 'Independence Day', hold: true });
    expect(paying.knownEvents?.(isoDate('2025-07-08'))).toBeUndefined();
    // Other keys resolve as before.
    expect(paying).toMatchObject({ weeks: 10, minPoints: 4, minChange: { down: 0.2 } });
    // A domain with no setting of its own gets the default.
    expect(resolveKnownEventPolicy(config, 'revenue', 'total', 'revenue')).toBe('annotate');
  });

  it('follows defaults < domain < domain metric < series < series metric', () => {
    const { config } = load(`${calendar}defaults: { knownEvents: hold }
domains:
  usage:
    knownEvents: annotate
    metrics: { tokens: { knownEvents: hold } }
    series:
      paying:
        knownEvents: off
        metrics: { dau: { knownEvents: hold } }
`);
    const policy = (domain: string, series: string, metric: string) => resolveKnownEventPolicy(config, domain, series, metric);
    expect(policy('revenue', 'total', 'revenue')).toBe('hold');
    expect(policy('usage', 'free', 'dau')).toBe('annotate');
    expect(policy('usage', 'free', 'tokens')).toBe('hold');
    expect(policy('usage', 'paying', 'tokens')).toBe('off');
    expect(policy('usage', 'paying', 'dau')).toBe('hold');
    expect(resolveDetectorSettings(config, 'usage', 'paying', 'tokens')).not.toHaveProperty('knownEvents');
    expect(resolveDetectorSettings(config, 'usage', 'paying', 'dau').knownEvents?.(JULY_4)?.hold).toBe(true);
  });

  it('shares one calendar between every series × metric of a config', () => {
    const { config } = load(calendar);
    const a = resolveDetectorSettings(config, 'usage', 'free', 'dau').knownEvents;
    const b = resolveDetectorSettings(config, 'revenue', 'total', 'revenue').knownEvents;
    expect(a).toBeDefined();
    expect(a).toBe(b);
  });

  it('is a scan setting too: scan.defaults and scan.series', () => {
    const { config } = load(`${calendar}scan:\n  defaults: { knownEvents: hold }\n  series:\n    signups: { knownEvents: annotate }\n`);
    const scan = scanConfig(config, undefined);
    expect(resolveDetectorSettings(scan, SCAN_DOMAIN, 'orders', 'value').knownEvents?.(JULY_4)?.hold).toBe(true);
    expect(resolveDetectorSettings(scan, SCAN_DOMAIN, 'signups', 'value').knownEvents?.(JULY_4)?.hold).toBe(false);
  });
});
