import { describe, expect, it } from 'vitest';
import type { Alert, DomainReport } from '../../src/alerts/alert.js';
import { renderJsonReport } from '../../src/alerts/render-json.js';
import { renderTextReport, renderTextReports, suppressionText } from '../../src/alerts/render-text.js';
import { renderSlackDigest } from '../../src/alerts/slack/render-digest.js';
import { DATE, makeAlert, makeDigest, makeReport, newAlert } from '../alerts/slack/digest-factory.js';

const plain = makeAlert({ series: 'free', seriesLabel: 'Free', metric: 'dau', metricLabel: 'DAU', level: 1000, value: 1500 });
const onHoliday: Alert = { ...makeAlert({ series: 'paying', seriesLabel: 'Paying', metric: 'dau', metricLabel: 'DAU', level: 1000, value: 600 }), knownEvent: { name: 'Independence Day / Summer sale' } };

function report(overrides: Partial<DomainReport> = {}): DomainReport {
  return makeReport({ alerts: [onHoliday, plain], checked: 8, ...overrides });
}
const context = { warehouse: 'embedded DuckDB (test)' };

describe('an alert on a known event day', () => {
  it('text: the alert line ends with the event, other alerts are unchanged', () => {
    const text = renderTextReport(report(), context);
    const lines = text.split('\n');
    const paying = lines.find((l) => l.includes('Paying · DAU'));
    const free = lines.find((l) => l.includes('Free · DAU'));
    expect(paying).toMatch(/ · known event: Independence Day \/ Summer sale$/);
    expect(free).not.toContain('known event');
    expect(renderTextReports([report(), report({ domain: 'revenue' })], context)).toContain(' · known event: Independence Day / Summer sale');
  });

  it('JSON: the field is serialized as is, and absent on other alerts', () => {
    const json = JSON.parse(renderJsonReport([report()], { ...context, version: '0.0.0' })) as { schemaVersion: number; reports: { alerts: Record<string, unknown>[] }[] };
    expect(json.schemaVersion).toBe(1);
    const [holiday, other] = json.reports[0]?.alerts ?? [];
    expect(holiday?.['knownEvent']).toEqual({ name: 'Independence Day / Summer sale' });
    expect(other).not.toHaveProperty('knownEvent');
  });

  it('Slack: a "Known event" line in the alert’s own section, escaped like all data', () => {
    const tricky: Alert = { ...onHoliday, knownEvent: { name: 'Launch <v5> & co' } };
    const payload = renderSlackDigest(makeDigest({ alerts: [newAlert(tricky), newAlert(plain)] }));
    const sections = payload.blocks.map((b) => (b['text'] as { text: string } | undefined)?.text ?? '');
    const paying = sections.find((t) => t.includes('*Paying · DAU*'));
    const free = sections.find((t) => t.includes('*Free · DAU*'));
    expect(paying?.split('\n')[1]).toBe('📅 Known event: Launch &lt;v5&gt; &amp; co');
    expect(free).not.toContain('Known event');
  });
});

describe('alerts held back on a known event day', () => {
  it('text: listed as held back with a readable reason and the event', () => {
    const text = renderTextReport(
      report({
        alerts: [plain],
        suppressed: [
          { series: 'paying', metric: 'dau', z: -4.2, pctChange: -0.4, reason: 'known_event', knownEvent: { name: 'Thanksgiving Day' } },
          { series: 'heavy', metric: 'tokens', z: 3.1, pctChange: 0.3, reason: 'known_event' },
          { series: 'enterprise_pilot', metric: 'dau', z: -5, pctChange: -0.8, reason: 'weekend' },
        ],
      }),
      context,
    );
    expect(text).toContain('Held back (known event, not sent): paying/dau z -4.2 -40.0% (held: known event: Thanksgiving Day), heavy/tokens z +3.1 +30.0% (held: known event)\n');
    expect(text).not.toContain('enterprise_pilot');
  });

  it('names every suppression reason for people', () => {
    expect(suppressionText('known_event')).toBe('held: known event');
    expect(suppressionText('weekend')).toBe('weekday-only series');
  });

  it('text: nothing about held alerts on a day without any', () => {
    expect(renderTextReport(report(), context)).not.toContain('Held back');
  });
});
