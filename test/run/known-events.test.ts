import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { dateRange, isoDate, isoWeekday } from '../../src/dates/iso-date.js';
import { buildDomainSeries } from '../../src/domains/daily-series.js';
import { DOMAIN_NAMES } from '../../src/domains/registry.js';
import { scoreRange } from '../../src/run/run-domain.js';
import { scanConfig, scanDomain } from '../../src/scan/scan-domain.js';

/**
 * The calendar end to end through a domain run: the config's events reach the detector
 * (resolveDetectorSettings), and the event day's alert is annotated or held. Fails without
 * either piece.
 */
const domain = scanDomain('count', 'value');
const loaded = loadConfig({ knownDomains: DOMAIN_NAMES }).config;
const holiday = isoDate('2026-03-05'); // a Thursday
const rows = dateRange(isoDate('2025-10-01'), isoDate('2026-03-31')).map((dt, i) => ({
  dt,
  series: 'a',
  // A weekly cycle with a small deterministic wobble; the holiday at half the traffic.
  value: dt === holiday ? 500 : Math.round(1000 * (isoWeekday(dt) >= 6 ? 0.6 : 1) * (1 + 0.02 * Math.sin(i * 1.7))),
}));
const data = buildDomainSeries(domain, rows);

function configWith(policy: 'annotate' | 'hold' | undefined) {
  const withCalendar = ConfigSchema.parse({
    ...loaded,
    calendar: { events: [{ name: 'Company holiday', date: holiday }] },
    scan: policy === undefined ? {} : { defaults: { knownEvents: policy } },
  });
  return scanConfig(withCalendar, undefined);
}

describe('known events through a domain run', () => {
  it('annotates the event day’s alert by default (leaving it out of later baselines: test/stats/detector-method.test.ts)', () => {
    const [onDay] = scoreRange({ domain, config: configWith(undefined), from: holiday, to: holiday }, data);
    expect(onDay?.alerts).toEqual([expect.objectContaining({ series: 'a', severity: 'CRITICAL', knownEvent: { name: 'Company holiday' } })]);
  });

  it('holds the alert back with knownEvents: hold, and says so in the report', () => {
    const [report] = scoreRange({ domain, config: configWith('hold'), from: holiday, to: holiday }, data);
    expect(report?.alerts).toEqual([]);
    expect(report?.suppressed).toEqual([expect.objectContaining({ series: 'a', reason: 'known_event', knownEvent: { name: 'Company holiday' } })]);
  });

  it('without a calendar the same day is a plain alert', () => {
    const [report] = scoreRange({ domain, config: scanConfig(loaded, undefined), from: holiday, to: holiday }, data);
    expect(report?.alerts).toEqual([expect.objectContaining({ severity: 'CRITICAL' })]);
    expect(report?.alerts[0]).not.toHaveProperty('knownEvent');
  });
});
