/**
 * The report's stylesheet, inlined into the page. Severity is never colour alone: each
 * carries its word and its shape (▲ ■ ◆). Tables scroll sideways in a narrow window,
 * charts scale to it (SVG viewBox), and print hides the filters and keeps each chart on
 * one page.
 */
export const REPORT_STYLE = `
:root { --critical: #b3261e; --warning: #9a5b00; --notice: #1f5fae; --ink: #1d1d1f; --muted: #5f6368; --line: #d9dce1; --bg: #ffffff; --panel: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header, main { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
header { padding-top: 16px; }
h1 { font-size: 1.4rem; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1rem; margin: 0 0 8px; overflow-wrap: anywhere; }
.meta { color: var(--muted); margin: 0; overflow-wrap: anywhere; }
.tiles { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 12px; }
.tile { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; min-width: 120px; display: flex; flex-direction: column; }
.tile-value { font-size: 1.4rem; font-weight: 600; }
.tile-label { color: var(--muted); font-size: 0.85rem; }
.tile-sev-critical .tile-value, .sev-critical { color: var(--critical); }
.tile-sev-warning .tile-value, .sev-warning { color: var(--warning); }
.tile-sev-notice .tile-value, .sev-notice { color: var(--notice); }
.sev { font-weight: 600; white-space: nowrap; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: var(--panel); white-space: nowrap; }
button.sort { all: unset; cursor: pointer; font-weight: 600; }
button.sort:focus-visible, .chip:focus-visible { outline: 2px solid var(--notice); outline-offset: 2px; }
th[aria-sort="ascending"] button.sort::after { content: " ▴"; }
th[aria-sort="descending"] button.sort::after { content: " ▾"; }
.filters { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-bottom: 8px; }
.filter-label { color: var(--muted); font-size: 0.85rem; margin-left: 6px; }
.chip { border: 1px solid var(--line); background: var(--bg); border-radius: 999px; padding: 3px 10px; font: inherit; font-size: 0.85rem; cursor: pointer; }
.chip[aria-pressed="true"] { background: var(--ink); color: var(--bg); border-color: var(--ink); }
.chip[aria-pressed="false"] { text-decoration: line-through; color: var(--muted); }
.shown { color: var(--muted); font-size: 0.85rem; margin-left: auto; }
.legend { color: var(--muted); font-size: 0.85rem; }
.key { display: inline-block; width: 18px; height: 0; vertical-align: middle; border-top: 2px solid var(--ink); }
.key-expected { border-top: 2px dashed var(--muted); }
article.series { border: 1px solid var(--line); border-radius: 6px; padding: 12px; margin: 12px 0; break-inside: avoid; }
.series-body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; }
@media (max-width: 800px) { .series-body { grid-template-columns: minmax(0, 1fr); } }
figure { margin: 0; }
figcaption, .events, .none { color: var(--muted); font-size: 0.85rem; }
svg.chart { width: 100%; height: auto; display: block; }
/* A phone keeps the chart readable: it scrolls sideways inside its figure, the page does not. */
@media (max-width: 600px) { figure { overflow-x: auto; } svg.chart { min-width: 560px; } }
svg .lookback { fill: #f5f6f8; }
svg .labelled-event { fill: #d9b8ff; fill-opacity: 0.35; stroke: #7b3fc4; stroke-dasharray: 3 2; }
svg .band { stroke: none; }
svg .band-critical { fill: #e4e8ee; }
svg .band-warning { fill: #cfd6e0; }
svg .band-notice { fill: #b7c2d2; }
svg .expected { fill: none; stroke: #4a5160; stroke-width: 1.2; stroke-dasharray: 4 3; }
svg .actual { fill: none; stroke: var(--ink); stroke-width: 1.4; }
svg .point { fill: var(--ink); }
svg .flag { stroke: #ffffff; stroke-width: 1; }
svg .flag-critical { fill: var(--critical); }
svg .flag-warning { fill: var(--warning); }
svg .flag-notice { fill: var(--notice); }
svg .known-event line, svg .level-shift line { stroke-dasharray: 2 3; stroke-width: 1; }
svg .known-event line { stroke: #7b3fc4; }
svg .level-shift line { stroke: #00796b; }
svg .known-event text, svg .level-shift text { font-size: 10px; fill: var(--muted); }
svg .axis text, svg .unit { font-size: 10px; fill: var(--muted); }
svg .grid { stroke: var(--line); stroke-width: 0.6; }
small.note { color: var(--muted); }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
.late { color: var(--critical); }
@media print {
  .filters, button.sort::after { display: none; }
  body { font-size: 11pt; }
  header, main { max-width: none; }
  article.series { page-break-inside: avoid; }
  tr[hidden] { display: table-row; }
}
`;
