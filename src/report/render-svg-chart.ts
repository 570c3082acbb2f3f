import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import { formatValue } from '../alerts/format-number.js';
import { daysBetween, weekdayName } from '../dates/iso-date.js';
import type { Severity } from '../stats/types.js';
import type { Band, ChartPoint } from './chart-points.js';
import { escapeHtml } from './escape-html.js';
import type { SeriesChart } from './report-model.js';

/** The drawing's own units; the SVG scales to its container (viewBox), phone or print. */
const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 22, right: 26, bottom: 28, left: 64 };

/**
 * Severity by shape as well as colour, so the chart reads in grey print and for colour-blind
 * readers: CRITICAL a triangle, WARNING a square, NOTICE a diamond (the legend says so).
 */
const MARKERS: Record<Severity, (x: number, y: number) => string> = {
  CRITICAL: (x, y) => `M${x},${y - 7}L${x + 7},${y + 5}L${x - 7},${y + 5}Z`,
  WARNING: (x, y) => `M${x - 5},${y - 5}h10v10h-10Z`,
  NOTICE: (x, y) => `M${x},${y - 6}L${x + 6},${y}L${x},${y + 6}L${x - 6},${y}Z`,
};

/**
 * One series' history as an SVG: the NOTICE, WARNING and CRITICAL bands of each day (the
 * values it could take without reaching that severity, chart-points.ts), the expected
 * value, the actual values as a line with a dot per day, flagged days marked by severity,
 * known events and the start of a level shift as labelled vertical lines, labelled event
 * windows (with --labels) shaded, and the report's range set apart from the lookback.
 * Drawn here, by the tool, with d3-scale (nice ticks) and d3-shape (paths with gaps).
 */
export function renderSeriesChart(chart: SeriesChart): string {
  const points = chart.points;
  const x = scaleLinear()
    .domain([0, Math.max(1, points.length - 1)])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const extent = valueExtent(points);
  const y = scaleLinear().domain(extent).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]).clamp(true);
  const at = (index: number): number => round(x(index));
  const fmt = (v: number): string => formatValue(v, chart.unit, chart.display);
  const parts: string[] = [];

  const rangeIndex = Math.max(0, points.findIndex((p) => p.date >= chart.rangeStart));
  parts.push(`<rect class="lookback" x="${MARGIN.left}" y="${MARGIN.top}" width="${round(Math.max(0, x(rangeIndex) - MARGIN.left))}" height="${HEIGHT - MARGIN.top - MARGIN.bottom}"><title>baseline lookback, before ${chart.rangeStart}</title></rect>`);
  for (const event of chart.events) parts.push(eventWindow(event, points, at));
  for (const level of ['critical', 'warning', 'notice'] as const) {
    const band = area<ChartPoint>()
      .defined((p) => p.bands !== null)
      .x((_, i) => at(i))
      .y0((p) => round(y((p.bands?.[level] as Band)[0])))
      .y1((p) => round(y((p.bands?.[level] as Band)[1])));
    parts.push(`<path class="band band-${level}" d="${band(points as ChartPoint[]) ?? ''}"><title>${level.toUpperCase()} band: |z| ≤ ${chart.thresholds[level]}</title></path>`);
  }
  const expected = line<ChartPoint>()
    .defined((p) => p.expected !== null)
    .x((_, i) => at(i))
    .y((p) => round(y(p.expected as number)));
  parts.push(`<path class="expected" d="${expected(points as ChartPoint[]) ?? ''}"/>`);
  const actual = line<ChartPoint>()
    .defined((p) => p.value !== null)
    .x((_, i) => at(i))
    .y((p) => round(y(p.value as number)));
  parts.push(`<path class="actual" d="${actual(points as ChartPoint[]) ?? ''}"/>`);
  points.forEach((p, i) => {
    if (p.value === null) return;
    const label = `${p.date} (${weekdayName(p.date)}): ${fmt(p.value)}${p.expected === null ? '' : `, expected ${fmt(p.expected)}`}${p.flagged === null ? '' : ` — ${p.flagged}`}`;
    parts.push(`<circle class="point" cx="${at(i)}" cy="${round(y(p.value))}" r="2.5" data-date="${p.date}"><title>${escapeHtml(label)}</title></circle>`);
    if (p.flagged !== null) {
      parts.push(`<path class="flag flag-${p.flagged.toLowerCase()}" d="${MARKERS[p.flagged](at(i), round(y(p.value)))}" data-severity="${p.flagged}"><title>${escapeHtml(label)}</title></path>`);
    }
  });
  // A level shift is named on the days after it began: its line goes on the day it began.
  const shiftStarts = new Set(points.flatMap((p) => (p.levelShiftSince === null ? [] : [p.levelShiftSince])));
  points.forEach((p, i) => {
    if (p.knownEvent !== null) parts.push(marker('known-event', at(i), `known event: ${p.knownEvent}`, p.knownEvent));
    if (shiftStarts.has(p.date)) parts.push(marker('level-shift', at(i), `level shift since ${p.date}`, 'level shift'));
  });
  // Compact ticks (50M, 1.2k, 35%) fit the axis at any width; the unit is said once, above it.
  const tick = y.tickFormat(5, chart.display === 'percent' ? '~%' : '~s');
  parts.push(axes(points, y, at, tick));
  if (chart.unit !== null) parts.push(`<text class="unit" x="${MARGIN.left - 6}" y="${MARGIN.top - 8}" text-anchor="end">${escapeHtml(chart.unit)}</text>`);
  const title = `${chart.seriesLabel} · ${chart.metricLabel}: ${points[0]?.date ?? ''} to ${points.at(-1)?.date ?? ''}`;
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(title)}" preserveAspectRatio="xMidYMid meet">${parts.join('')}</svg>`;
}

/** The lowest and highest of the values, the expected values and the WARNING bands (CRITICAL bands can dwarf the data). */
function valueExtent(points: readonly ChartPoint[]): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    for (const v of [p.value, p.expected, p.bands?.warning[0], p.bands?.warning[1]]) {
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  if (!Number.isFinite(low)) return [0, 1];
  if (low === high) return [low - 1, high + 1];
  return [low, high];
}

function eventWindow(event: SeriesChart['events'][number], points: readonly ChartPoint[], at: (i: number) => number): string {
  const first = points.findIndex((p) => p.date >= event.from);
  const last = points.findLastIndex((p) => p.date <= event.to);
  if (first < 0 || last < first) return '';
  const x0 = at(first) - 3;
  const width = at(last) - at(first) + 6;
  return `<rect class="labelled-event" x="${round(x0)}" y="${MARGIN.top}" width="${round(width)}" height="${HEIGHT - MARGIN.top - MARGIN.bottom}"><title>${escapeHtml(`labelled event: ${event.name} (${event.from} … ${event.to})`)}</title></rect>`;
}

function marker(kind: 'known-event' | 'level-shift', xPos: number, title: string, text: string): string {
  return (
    `<g class="${kind}"><line x1="${xPos}" x2="${xPos}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}"/>` +
    `<text x="${xPos + 3}" y="${MARGIN.top + 10}">${escapeHtml(text)}</text><title>${escapeHtml(title)}</title></g>`
  );
}

/** Five value ticks on the left; a date at most every two weeks underneath. */
function axes(points: readonly ChartPoint[], y: ReturnType<typeof scaleLinear<number, number>>, at: (i: number) => number, fmt: (v: number) => string): string {
  const parts: string[] = [`<g class="axis">`];
  for (const tick of y.ticks(5)) {
    const ty = round(y(tick));
    parts.push(`<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${ty}" y2="${ty}"/><text x="${MARGIN.left - 6}" y="${ty + 4}" text-anchor="end">${escapeHtml(fmt(tick))}</text>`);
  }
  const first = points[0]?.date;
  const every = Math.max(7, Math.ceil(points.length / 6 / 7) * 7);
  points.forEach((p, i) => {
    if (first === undefined || daysBetween(first, p.date) % every !== 0) return;
    parts.push(`<text x="${at(i)}" y="${HEIGHT - 8}" text-anchor="middle">${p.date.slice(5)}</text>`);
  });
  parts.push('</g>');
  return parts.join('');
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
