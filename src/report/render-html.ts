import { contributorChangeText } from '../alerts/contributor-text.js';
import { formatZ } from '../alerts/format-number.js';
import { SEVERITY_ORDER } from '../alerts/slack/severity-groups.js';
import { weekdayName } from '../dates/iso-date.js';
import type { Severity } from '../stats/types.js';
import { escapeHtml } from './escape-html.js';
import { REPORT_SCRIPT } from './report-script.js';
import { REPORT_STYLE } from './report-style.js';
import { renderSeriesChart } from './render-svg-chart.js';
import type { AlertRow, DomainRow, ReportModel, SeriesChart } from './report-model.js';

/** The severity's shape in the charts, repeated in text wherever colour marks it. */
const SHAPE: Record<Severity, string> = { CRITICAL: '▲', WARNING: '■', NOTICE: '◆' };

/**
 * The report as one self-contained HTML file: its style, script and charts are inside it,
 * so it opens with no network access, from a disk or behind any static host. Nothing in
 * it is fetched; every value written into it is HTML-escaped.
 */
export function renderHtmlReport(model: ReportModel): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No request may leave the file: a policy that forbids every fetch, inline code allowed.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(model.title)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeHtml(model.title)}</h1><p class="meta">${escapeHtml(metaLine(model))}</p></header>`,
    '<main>',
    summarySection(model),
    alertsSection(model),
    chartsSection(model),
    dataQualitySection(model),
    '</main>',
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

function metaLine(model: ReportModel): string {
  const range = model.from === model.to ? `${model.from} (${weekdayName(model.from)})` : `${model.from} … ${model.to}`;
  const labels = model.labels === null ? '' : ` · labels: ${model.labels}`;
  return `${range} · ${model.source} · generated ${model.generatedAt} by monitor ${model.toolVersion}${labels}`;
}

function summarySection(model: ReportModel): string {
  const total = (s: Severity): number => model.domains.reduce((n, d) => n + d.alerts[s], 0);
  const late = model.domains.flatMap((d) => d.notArrived.map((date) => `${d.domain} ${date}`));
  const failed = model.domains.filter((d) => d.failed !== null).map((d) => d.domain);
  const tiles = [
    ...SEVERITY_ORDER.map((s) => tile(`sev-${s.toLowerCase()}`, `${SHAPE[s]} ${s}`, String(total(s)))),
    tile('dq', 'Data-quality findings', String(model.dataQuality.length)),
    tile('late', 'Late data (days)', String(late.length)),
    ...(failed.length === 0 ? [] : [tile('failed', 'Failed domains', failed.join(', '))]),
  ];
  const rows = model.domains.map((d) => domainRow(d)).join('');
  return (
    `<section id="summary" aria-labelledby="summary-title"><h2 id="summary-title">Summary</h2>` +
    `<div class="tiles">${tiles.join('')}</div>` +
    `<div class="table-wrap"><table class="domains"><thead><tr><th scope="col">Domain</th><th scope="col">Status</th>${SEVERITY_ORDER.map((s) => `<th scope="col" class="num">${s}</th>`).join('')}<th scope="col" class="num">Data quality</th><th scope="col">Late data</th></tr></thead><tbody>${rows}</tbody></table></div>` +
    (late.length === 0 ? '' : `<p class="late">Data not arrived: ${escapeHtml(late.join(', '))}</p>`) +
    `</section>`
  );
}

function tile(kind: string, label: string, value: string): string {
  return `<div class="tile tile-${kind}"><span class="tile-value">${escapeHtml(value)}</span><span class="tile-label">${escapeHtml(label)}</span></div>`;
}

function domainRow(d: DomainRow): string {
  const alerts = SEVERITY_ORDER.reduce((n, s) => n + d.alerts[s], 0);
  const status = d.failed !== null ? `FAILED: ${d.failed}` : alerts === 0 ? 'quiet' : `${alerts} alert${alerts === 1 ? '' : 's'}`;
  const cells = [
    `<th scope="row">${escapeHtml(d.domain)}</th>`,
    `<td>${escapeHtml(status)}</td>`,
    ...SEVERITY_ORDER.map((s) => `<td class="num">${d.alerts[s]}</td>`),
    `<td class="num">${d.dataQuality}</td>`,
    `<td>${escapeHtml(d.notArrived.join(', ') || '–')}</td>`,
  ];
  return `<tr>${cells.join('')}</tr>`;
}

const COLUMNS: readonly { readonly key: string; readonly label: string; readonly numeric: boolean }[] = [
  { key: 'date', label: 'Date', numeric: false },
  { key: 'domain', label: 'Domain', numeric: false },
  { key: 'series', label: 'Series · metric', numeric: false },
  { key: 'severity', label: 'Severity', numeric: true },
  { key: 'z', label: 'z', numeric: true },
  { key: 'change', label: 'Change', numeric: true },
  { key: 'lifecycle', label: 'Lifecycle', numeric: false },
];

function alertsSection(model: ReportModel): string {
  if (model.alerts.length === 0) return `<section id="alerts"><h2>Alerts</h2><p>No alerts in this range.</p></section>`;
  const domains = [...new Set(model.alerts.map((a) => a.domain))];
  const chip = (group: string, value: string, label: string): string =>
    `<button type="button" class="chip" data-filter="${group}" data-value="${escapeHtml(value)}" aria-pressed="true">${escapeHtml(label)}</button>`;
  const filters =
    `<div class="filters" role="group" aria-label="Filter alerts">` +
    `<span class="filter-label">Severity</span>${SEVERITY_ORDER.map((s) => chip('severity', s, `${SHAPE[s]} ${s}`)).join('')}` +
    `<span class="filter-label">Domain</span>${domains.map((d) => chip('domain', d, d)).join('')}` +
    `<span class="shown" aria-live="polite"></span></div>`;
  const head = COLUMNS.map((c) => `<th scope="col" aria-sort="none"${c.numeric ? ' class="num"' : ''}><button type="button" class="sort" data-key="${c.key}" data-numeric="${c.numeric}">${escapeHtml(c.label)}</button></th>`).join('');
  const rows = model.alerts.map(alertRow).join('');
  return (
    `<section id="alerts" aria-labelledby="alerts-title"><h2 id="alerts-title">Alerts</h2>${filters}` +
    `<div class="table-wrap"><table class="alerts"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div></section>`
  );
}

function alertRow(a: AlertRow): string {
  const rank = SEVERITY_ORDER.length - SEVERITY_ORDER.indexOf(a.severity);
  const cells = [
    `<td data-value="${a.date}">${a.date}</td>`,
    `<td data-value="${escapeHtml(a.domain)}">${escapeHtml(a.domain)}</td>`,
    `<td data-value="${escapeHtml(`${a.seriesLabel} · ${a.metricLabel}`)}"><a href="#${a.chartId}">${escapeHtml(`${a.seriesLabel} · ${a.metricLabel}`)}</a>${a.note === null ? '' : `<br><small class="note">${escapeHtml(a.note)}</small>`}</td>`,
    `<td data-value="${rank}" class="sev sev-${a.severity.toLowerCase()}">${SHAPE[a.severity]} ${a.severity}</td>`,
    `<td data-value="${Math.abs(a.z)}" class="num">${formatZ(a.z)}</td>`,
    `<td data-value="${escapeHtml(a.change)}" class="num">${escapeHtml(a.change)}</td>`,
    `<td data-value="${escapeHtml(a.lifecycle)}">${escapeHtml(a.lifecycle)}</td>`,
  ];
  return `<tr data-severity="${a.severity}" data-domain="${escapeHtml(a.domain)}">${cells.join('')}</tr>`;
}

function chartsSection(model: ReportModel): string {
  if (model.charts.length === 0) return '';
  const legend =
    `<p class="legend"><span class="key key-actual"></span> value · <span class="key key-expected"></span> expected · ` +
    `bands, darkest to lightest: a value outside earns NOTICE, WARNING, CRITICAL · flagged days: ▲ CRITICAL, ■ WARNING, ◆ NOTICE · ` +
    `dashed lines: known events and level shifts · grey: the baseline lookback before the range${model.labels === null ? '' : ' · hatched: labelled events'}</p>`;
  return `<section id="charts" aria-labelledby="charts-title"><h2 id="charts-title">Alerting series</h2>${legend}${model.charts.map(chartArticle).join('')}</section>`;
}

function chartArticle(chart: SeriesChart): string {
  const flagged = chart.points.filter((p) => p.flagged !== null && p.date >= chart.rangeStart);
  const worst = SEVERITY_ORDER.find((s) => flagged.some((p) => p.flagged === s)) ?? null;
  const days = flagged.map((p) => `${p.date} ${SHAPE[p.flagged as Severity]} ${p.flagged}`).join(', ');
  const display = { unit: chart.unit, display: chart.display };
  const contributors =
    chart.contributors.length === 0
      ? '<p class="none">No contributors: the series did not alert, has no finer dimension, or nothing explains the move.</p>'
      : `<table class="contributors"><caption>Contributors (latest alert)</caption><thead><tr><th scope="col">Member</th><th scope="col">Baseline → day</th></tr></thead><tbody>${chart.contributors
          .map((c) => `<tr><td>${escapeHtml(`${c.dimension} ${c.member}`)}</td><td>${escapeHtml(contributorChangeText(c, display))}</td></tr>`)
          .join('')}</tbody></table>`;
  const heading = worst === null ? `<span class="sev">no alert</span>` : `<span class="sev sev-${worst.toLowerCase()}">${SHAPE[worst]} ${worst}</span>`;
  return (
    `<article class="series" id="${chart.id}" data-domain="${escapeHtml(chart.domain)}" data-severity="${worst ?? ''}">` +
    `<h3>${heading} ${escapeHtml(`${chart.domain} · ${chart.seriesLabel} · ${chart.metricLabel}`)}</h3>` +
    `<div class="series-body"><figure>${renderSeriesChart(chart)}<figcaption>Flagged: ${escapeHtml(days || 'none in the range')}</figcaption>${labelOutcome(chart)}</figure>` +
    `<aside>${contributors}</aside></div></article>`
  );
}

/** With labels: each event found or MISSED, and the flags no event covers. */
function labelOutcome(chart: SeriesChart): string {
  if (chart.flagsOutsideEvents === null) return '';
  const events = chart.events.map((e) => `${e.found ? 'found' : 'MISSED'}: ${e.name} (${e.from} … ${e.to})`);
  return `<p class="events">Labelled events: ${escapeHtml(events.join('; ') || 'none on this series')} · flags outside them: ${chart.flagsOutsideEvents}</p>`;
}

function dataQualitySection(model: ReportModel): string {
  if (model.dataQuality.length === 0) return '';
  const rows = model.dataQuality
    .map((f) => `<tr><td>${f.date}</td><td>${escapeHtml(f.domain)}</td><td>${escapeHtml(`${f.seriesLabel} · ${f.metricLabel}`)}</td><td>${escapeHtml(f.problems.join('; '))}</td></tr>`)
    .join('');
  return (
    `<section id="data-quality" aria-labelledby="dq-title"><h2 id="dq-title">Data quality (not scored)</h2>` +
    `<div class="table-wrap"><table><thead><tr><th scope="col">Date</th><th scope="col">Domain</th><th scope="col">Series · metric</th><th scope="col">Problem</th></tr></thead><tbody>${rows}</tbody></table></div></section>`
  );
}
