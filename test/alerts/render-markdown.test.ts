import { describe, expect, it } from 'vitest';
import { markdownHeadings as headings, markdownTables as tables } from '../helpers/markdown-tables.js';
import type { DomainReport } from '../../src/alerts/alert.js';
import { renderMarkdownReports } from '../../src/alerts/render-markdown.js';
import { escapeMarkdownBlock, escapeMarkdownText, inlineCode, renderMarkdownTable } from '../../src/markdown/markdown-table.js';
import { isoDate } from '../../src/dates/iso-date.js';
import { DATE, makeAlert, makeContributor, makeReport } from './slack/digest-factory.js';

// Issue 14: --format markdown. The document is snapshot-tested (a change to it is seen in
// review), and parsed back with a real Markdown parser (marked, GitHub-flavoured): the
// tables must come out as tables with the expected header and cells, whatever the data
// holds (pipes, underscores, angle brackets).

const critical = makeAlert({
  series: 'free',
  seriesLabel: 'Free',
  metric: 'image_generations',
  metricLabel: 'Image generations',
  level: 1000,
  value: 2600,
  contributors: [makeContributor('tier', 'free', 900, 2450, 0.97), makeContributor('org', 'Pipe | Co <b>', 100, 150, 0.03)],
});
const warning = { ...makeAlert({ series: 'pro', seriesLabel: 'Pro', metric: 'dau', metricLabel: 'DAU', level: 1000, value: 1130, severity: 'WARNING' }), knownEvent: { name: 'Spring_sale' } };

function report(overrides: Partial<DomainReport> = {}): DomainReport {
  return makeReport({
    title: 'Product usage',
    alerts: [critical, warning],
    checked: 24,
    insufficientHistory: [{ series: 'teams', metric: 'dau', points: 2, needed: 4 }],
    dataQuality: [
      { domain: 'usage', date: DATE, series: 'enterprise', seriesLabel: 'Enterprise', group: null, metric: 'tokens', metricLabel: 'Tokens', problems: ['3 usage_daily rows with tokens_consumed NULL'] },
    ],
    resolved: [{ series: 'api', seriesLabel: 'API', metric: 'dau', metricLabel: 'DAU', since: isoDate('2026-03-08') }],
    ...overrides,
  });
}
const context = { warehouse: 'embedded DuckDB (test)' };

/** Every table of a document, as header cells and rows of cell texts. */

describe('one domain as Markdown', () => {
  const markdown = renderMarkdownReports([report()], { ...context, configPath: '/etc/monitor.yaml' });

  it('matches the reviewed snapshot', async () => {
    await expect(markdown).toMatchFileSnapshot('__snapshots__/domain-report.md');
  });

  it('parses into the data-quality, alert and contributor tables', () => {
    const [quality, alerts, contributors, second] = tables(markdown);
    expect(quality?.header).toEqual(['Problem', 'Series', 'Metrics']);
    expect(quality?.rows).toEqual([['3 usage_daily rows with tokens_consumed NULL', 'Enterprise', 'Tokens']]);
    expect(alerts?.header).toEqual(['Severity', 'Series · metric', 'Value', 'Expected', 'μ', 'σ', 'z', 'Change', 'Baseline, then the day']);
    expect(alerts?.rows.map((row) => row.slice(0, 2))).toEqual([
      ['CRITICAL', 'Free · Image generations'],
      ['WARNING (known event)', 'Pro · DAU'],
    ]);
    expect(alerts?.rows[0]?.[6]).toMatch(/^\+\d+\.\d$/);
    // A pipe in a member's name stays inside its cell.
    expect(contributors?.header).toEqual(['#', 'Dimension', 'Member', 'Baseline → day (change, part of the move)']);
    expect(contributors?.rows.map((row) => row.slice(0, 3))).toEqual([
      ['1', 'tier', 'free'],
      ['2', 'org', 'Pipe | Co <b>'],
    ]);
    expect(second).toBeUndefined();
  });

  it('names the sections and ends with the command that re-runs it', () => {
    expect(headings(markdown)).toEqual([
      '# monitor usage · Product usage · 2026-03-10 (Tue)',
      '### Data quality (not scored)',
      '### Alerts',
      '#### CRITICAL · Free · Image generations',
      '#### WARNING · Pro · DAU',
      '### Not alerting',
    ]);
    expect(markdown.trimEnd().split('\n').at(-1)).toBe('Re-run: `monitor usage --date 2026-03-10 --config /etc/monitor.yaml`');
  });
});

describe('run --all as Markdown', () => {
  const reports = [
    report(),
    report({ domain: 'revenue', title: 'Revenue', alerts: [], dataQuality: [], resolved: [], insufficientHistory: [] }),
    report({ domain: 'gpu-cost', title: 'GPU cost', status: 'data_missing', dataMissing: 'late', alerts: [], dataQuality: [], notes: ['no gpu_cost rows for 2026-03-10'] }),
    report({ domain: 'api-runtime', title: 'API runtime', status: 'failed', alerts: [], dataQuality: [], error: { category: 'warehouse', message: 'table api_requests not found', hint: 'check tables.api_requests' } }),
  ];
  const markdown = renderMarkdownReports(reports, context);

  it('matches the reviewed snapshot', async () => {
    await expect(markdown).toMatchFileSnapshot('__snapshots__/run-all-report.md');
  });

  it('opens with one summary row per domain, severity counts as numbers', () => {
    const [summary] = tables(markdown);
    expect(summary?.header).toEqual(['Domain', 'Status', 'CRITICAL', 'WARNING', 'NOTICE', 'Data quality']);
    expect(summary?.rows).toEqual([
      ['usage', '2 alerts', '1', '1', '0', '1'],
      ['revenue', 'quiet', '0', '0', '0', '0'],
      ['gpu-cost', 'DATA NOT ARRIVED', '0', '0', '0', '0'],
      ['api-runtime', 'FAILED', '0', '0', '0', '0'],
    ]);
  });

  it('gives every domain its section and re-run command, and the whole run one', () => {
    expect(headings(markdown).filter((h) => h.startsWith('## '))).toHaveLength(4);
    expect(markdown).toContain('Re-run: `monitor gpu-cost --date 2026-03-10`');
    expect(markdown.trimEnd().split('\n').at(-1)).toBe('Re-run all: `monitor run --all --date 2026-03-10`');
  });
});

describe('the Markdown helpers', () => {
  it('keep a cell one cell and data plain text, whatever it holds', () => {
    const table = renderMarkdownTable(['a', 'b'], [[escapeMarkdownText('x | y\nz'), escapeMarkdownText('*not bold* [no](link) <i>')]]);
    expect(tables(table)).toEqual([{ header: ['a', 'b'], rows: [['x | y<br>z', '*not bold* [no](link) <i>']] }]);
  });

  it('do not let a paragraph start a list, and fence code that holds a backtick', () => {
    expect(escapeMarkdownBlock('1. first')).toBe('1\\. first');
    expect(escapeMarkdownBlock('- item')).toBe('\\- item');
    expect(inlineCode('echo `date`')).toBe('`` echo `date` ``');
  });
});
