import { formatPct, formatValue, formatZ } from '../alerts/format-number.js';
import { weekdayName } from '../dates/iso-date.js';
import { labelScoreTable, missedEvents } from '../labels/render-label-scores.js';
import { escapeMarkdownText, inlineCode, renderMarkdownTable } from '../markdown/markdown-table.js';
import { deliveryText, labelsLine, summaryLine, summaryTable, type BacktestContext, type BacktestResult } from './render-backtest.js';

/**
 * A backtest (or scan) as a Markdown document: per domain the alerts day by day in one
 * table (what the daily runs would have shown, and what they would have sent), the
 * per-series summary, the label scores when labels were given, and the re-run command.
 */
export function renderBacktestMarkdown(results: readonly BacktestResult[], context: BacktestContext & { readonly rerun: string }): string {
  const first = results[0]?.summary;
  const lines = [`# monitor ${context.command} · ${first?.from ?? ''} … ${first?.to ?? ''} (${first?.days ?? 0} days)`, '', `Source: ${escapeMarkdownText(context.source)}`, ''];
  for (const result of results) lines.push(...domainSection(result));
  lines.push(`Re-run: ${inlineCode(context.rerun)}`);
  return lines.join('\n') + '\n';
}

function domainSection({ backtest, summary, labels }: BacktestResult): string[] {
  const lines = [`## ${backtest.domain.name} · ${escapeMarkdownText(backtest.domain.title)}`, ''];
  lines.push(summaryLine(summary), '');
  const days = dayRows({ backtest, summary, labels });
  if (days.length > 0) {
    lines.push('### Day by day', '', renderMarkdownTable(['Date', 'Finding', 'Series · metric', 'Value', 'μ', 'z', 'Change', 'Sent, or the problem'], days, { rightAligned: (c) => c >= 3 && c <= 6 }));
  }
  const [header = [], ...body] = summaryTable(summary);
  lines.push('### Per series', '', renderMarkdownTable(header, body, { rightAligned: (c) => c > 0 }));
  if (labels !== null) {
    const [labelHeader = [], ...labelBody] = labelScoreTable(labels.rows);
    lines.push('### Labels', '', escapeMarkdownText(labelsLine(labels)), '', renderMarkdownTable(labelHeader, labelBody, { rightAligned: (c) => c > 0 }));
    const missed = missedEvents(labels.rows);
    if (missed.length > 0) lines.push(`Missed by what is sent: ${escapeMarkdownText(missed.join('; '))}`, '');
  }
  return lines;
}

/** One row per alert, data-quality finding and day whose data had not arrived. */
function dayRows({ backtest }: BacktestResult): string[][] {
  const rows: string[][] = [];
  for (const backtestDay of backtest.days) {
    const { report } = backtestDay;
    const day = `${report.date} ${weekdayName(report.date).slice(0, 3)}`;
    if (report.status === 'data_missing') {
      if (report.dataMissing === 'late') rows.push([day, 'DATA NOT ARRIVED', '', '', '', '', '', '']);
      continue;
    }
    for (const f of report.dataQuality) rows.push([day, 'DATA QUALITY', `${f.seriesLabel} · ${f.metricLabel}`, '', '', '', '', f.problems.join('; ')]);
    for (const a of report.alerts) {
      const delivery = deliveryText(backtestDay, a);
      rows.push([
        day,
        a.severity,
        `${a.seriesLabel} · ${a.metricLabel}`,
        formatValue(a.value, a.unit, a.display),
        formatValue(a.mean, null, a.display),
        formatZ(a.z),
        formatPct(a.pctChange),
        delivery === 'new' ? 'sent' : delivery,
      ]);
    }
  }
  return rows;
}
