import { dateRange, type IsoDate } from '../dates/iso-date.js';
import type { InjectedAnomaly } from '../demo/types.js';
import type { LabelEvent } from './label-events.js';

/**
 * The generator's ground truth as labels, one event per injected anomaly. An anomaly moves
 * more than its own series, by design of the generator (src/demo/anomaly-plan.ts), and a
 * flag on such a knock-on series the same day is a true report of that event, not a false
 * alert. So an event covers:
 *  - any metric of the anomaly's series (the studio idle spike also moves its cost per
 *    request and idle ratio);
 *  - the domain's `total` series, which sums every tier or endpoint (revenue, api-runtime);
 *  - the endpoint an API-wide incident sits on (its root-cause member);
 *  - on the SSO-outage day (the usage enterprise_contract anomaly), every contract org in
 *    the enterprise domain: they all dip with the largest one, whose silence is that
 *    day's enterprise event.
 */
export function demoLabels(anomalies: readonly InjectedAnomaly[]): LabelEvent[] {
  const outageDays = new Set<IsoDate>(
    anomalies.filter((a) => a.domain === 'usage' && a.series === 'enterprise_contract').flatMap((a) => dateRange(a.start, a.end)),
  );
  return anomalies.map((anomaly): LabelEvent => {
    const windowDates = dateRange(anomaly.start, anomaly.end);
    const wholeGroup = anomaly.domain === 'enterprise' && windowDates.some((d) => outageDays.has(d));
    return {
      name: anomaly.id,
      windowDates,
      pointDates: windowDates,
      domain: anomaly.domain,
      series: [anomaly.series, 'total', ...(anomaly.rootCause?.dimension === 'endpoint' ? [anomaly.rootCause.member] : [])],
      metric: null,
      group: wholeGroup ? 'contract' : null,
    };
  });
}
