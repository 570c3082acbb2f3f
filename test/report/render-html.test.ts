import { describe, expect, it } from 'vitest';
import { addDays, dateRange, isoDate } from '../../src/dates/iso-date.js';
import type { ChartPoint } from '../../src/report/chart-points.js';
import { renderHtmlReport } from '../../src/report/render-html.js';
import type { ReportModel } from '../../src/report/report-model.js';

// The HTML report's markup from a fixed model: what it says about failed domains, late
// data and bad values, and that data can never become markup (every value is escaped).

const HOSTILE = `<script>alert("x")</script> & 'quotes'`;
const END = isoDate('2026-03-31');

function points(): ChartPoint[] {
  return dateRange(addDays(END, -20), END).map((date, i) => ({
    date,
    value: i === 20 ? 250 : 100 + (i % 7),
    expected: 103,
    bands: { notice: [90, 116], warning: [84, 122], critical: [75, 131] },
    flagged: i === 20 ? 'CRITICAL' : null,
    knownEvent: i === 10 ? HOSTILE : null,
    levelShiftSince: null,
  }));
}

const model: ReportModel = {
  title: 'monitor report · all domains · 2026-03-31',
  from: END,
  to: END,
  generatedAt: '2026-04-01T06:00:00.000Z',
  toolVersion: '0.0.0',
  source: 'embedded DuckDB (test)',
  labels: null,
  domains: [
    { domain: 'usage', title: 'Usage', alerts: { CRITICAL: 1, WARNING: 0, NOTICE: 0 }, dataQuality: 1, notArrived: [], failed: null },
    { domain: 'revenue', title: 'Revenue', alerts: { CRITICAL: 0, WARNING: 0, NOTICE: 0 }, dataQuality: 0, notArrived: [END], failed: null },
    { domain: 'api-runtime', title: 'API runtime', alerts: { CRITICAL: 0, WARNING: 0, NOTICE: 0 }, dataQuality: 0, notArrived: [], failed: 'table api_requests not found' },
  ],
  alerts: [
    { domain: 'usage', date: END, seriesLabel: HOSTILE, metricLabel: 'DAU', severity: 'CRITICAL', z: 9.1, change: '+150%', lifecycle: 'new', note: null, chartId: 'chart-usage--x--dau' },
    { domain: 'usage', date: END, seriesLabel: 'Acme', metricLabel: 'DAU', severity: 'WARNING', z: -0.9, change: '-100%', lifecycle: 'day 2', note: 'DAU fell to zero after an active baseline: churn risk', chartId: 'chart-usage--x--dau' },
  ],
  charts: [
    {
      id: 'chart-usage--x--dau',
      domain: 'usage',
      seriesLabel: HOSTILE,
      metricLabel: 'DAU',
      unit: null,
      display: null,
      thresholds: { notice: 2, warning: 3, critical: 4.5 },
      points: points(),
      rangeStart: END,
      contributors: [{ dimension: 'org', member: HOSTILE, baseline: 10, current: 150, change: 140, share: 0.93, contributionChange: 0.5, cost: 1.4, status: 'changed', method: 'balanced_cost' }],
      events: [],
      flagsOutsideEvents: null,
    },
  ],
  dataQuality: [{ domain: 'usage', date: END, seriesLabel: 'Enterprise', metricLabel: 'Tokens', problems: ['3 usage_daily rows with tokens_consumed NULL'] }],
};

describe('the HTML report markup', () => {
  const html = renderHtmlReport(model);

  it('escapes every value: data cannot become markup', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    // One script element: the report's own.
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('says why a rule, not |z|, set the severity of an alert', () => {
    expect(html).toContain('<small class="note">DAU fell to zero after an active baseline: churn risk</small>');
  });

  it('says which domain failed, which data is late and which values were not scored', () => {
    expect(html).toContain('FAILED: table api_requests not found');
    expect(html).toContain('Data not arrived: revenue 2026-03-31');
    expect(html).toContain('<h2 id="dq-title">Data quality (not scored)</h2>');
    expect(html).toContain('3 usage_daily rows with tokens_consumed NULL');
  });

  it('forbids every fetch, and marks the flagged day by shape and word', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(html).toMatch(/<path class="flag flag-critical" d="M[^"]+" data-severity="CRITICAL">/);
    expect(html).toContain('▲ CRITICAL');
  });
});
