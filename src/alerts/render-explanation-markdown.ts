import { weekdayName } from '../dates/iso-date.js';
import { escapeMarkdownBlock, escapeMarkdownText, inlineCode, renderMarkdownTable } from '../markdown/markdown-table.js';
import { explanationEntries, explanationTitle, type Explanation, type ExplanationEntry } from './render-explanation.js';

/**
 * `explain --format markdown`: the same pieces as the text explanation, laid out for an
 * issue or a pull request. Each run of labelled facts becomes a two-column table, the
 * baseline's days a table of their own (used, or why they were left out), indented
 * details a list, and the re-run command inline code at the end.
 */
export function renderExplanationMarkdown(e: Explanation): string {
  const lines = [`# ${escapeMarkdownText(explanationTitle(e))}`, ''];
  const entries = explanationEntries(e).filter((entry) => !(entry.kind === 'fact' && entry.label === 're-run'));
  for (const run of runsOfOneKind(entries)) lines.push(...renderRun(run));
  lines.push(`Re-run: ${inlineCode(e.rerun)}`);
  return lines.join('\n') + '\n';
}

/** Consecutive entries of the same kind, grouped: each group is one table, list or paragraph. */
function runsOfOneKind(entries: readonly ExplanationEntry[]): ExplanationEntry[][] {
  const runs: ExplanationEntry[][] = [];
  for (const entry of entries) {
    const last = runs.at(-1);
    if (last !== undefined && last[0]?.kind === entry.kind) last.push(entry);
    else runs.push([entry]);
  }
  return runs;
}

function renderRun(run: readonly ExplanationEntry[]): string[] {
  const facts: string[][] = [];
  const days: string[][] = [];
  const lines: string[] = [];
  for (const entry of run) {
    switch (entry.kind) {
      case 'fact':
        facts.push([entry.label, escapeMarkdownText(entry.text)]);
        break;
      case 'sentence':
        lines.push(escapeMarkdownBlock(entry.text), '');
        break;
      case 'detail':
        lines.push(`- ${escapeMarkdownBlock(entry.text)}`);
        break;
      case 'day':
        days.push([entry.date, weekdayName(entry.date), entry.value ?? '–', entry.note === null ? 'yes' : escapeMarkdownText(entry.note)]);
    }
  }
  if (facts.length > 0) return [renderMarkdownTable(['What', 'Value, and why'], facts)];
  if (days.length > 0) return [renderMarkdownTable(['Date', 'Weekday', 'Value', 'In the baseline'], days, { rightAligned: (c) => c === 2 })];
  return run[0]?.kind === 'detail' ? [...lines, ''] : lines;
}
