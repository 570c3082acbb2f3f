import { expect } from 'vitest';
import type { DomainReport } from '../../src/alerts/alert.js';
import { dateRange, type IsoDate } from '../../src/dates/iso-date.js';
import type { InjectedAnomaly } from '../../src/demo/generate.js';
import { severityRank } from '../../src/stats/severity.js';

/**
 * The ground-truth check every detection test makes: each injected anomaly is reported
 * on each of its days with its series, metric and direction, at least at its severity.
 */
export function expectAnomaliesReported(anomalies: readonly InjectedAnomaly[], reports: readonly DomainReport[]): void {
  for (const anomaly of anomalies) {
    for (const date of dateRange(anomaly.start, anomaly.end)) {
      const alert = reports.find((r) => r.date === date)?.alerts.find((a) => a.series === anomaly.series && a.metric === anomaly.metric);
      expect(alert, `${anomaly.id} on ${date}`).toBeDefined();
      expect(alert?.direction, anomaly.id).toBe(anomaly.direction);
      expect(severityRank(alert?.severity ?? 'NOTICE'), `${anomaly.id}: ${alert?.severity} < ${anomaly.expectedSeverity}`).toBeGreaterThanOrEqual(
        severityRank(anomaly.expectedSeverity),
      );
    }
  }
}

/**
 * The false-alarm check every detection test makes: on each series' clean days (as
 * `isClean` defines them for the domain), at most one alert per 30 days.
 */
export function expectQuietCleanDays(
  reports: readonly DomainReport[],
  seriesKeys: Iterable<string>,
  isClean: (series: string, date: IsoDate) => boolean,
): void {
  for (const series of seriesKeys) {
    const cleanReports = reports.filter((r) => isClean(series, r.date));
    const falseAlerts = cleanReports.flatMap((r) => r.alerts.filter((a) => a.series === series));
    const perThirtyDays = (falseAlerts.length / cleanReports.length) * 30;
    expect(perThirtyDays, `${series}: ${falseAlerts.map((a) => `${a.date} ${a.metric} z=${a.z.toFixed(1)}`).join('; ')}`).toBeLessThanOrEqual(1);
  }
}
