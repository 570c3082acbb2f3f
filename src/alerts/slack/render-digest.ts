import { weekdayName } from '../../dates/iso-date.js';
import type { SlackPayload } from '../../delivery/types.js';
import type { Digest, DigestAlert, ResolvedLine } from '../digest.js';
import { dataQualityHeadline, groupDataQuality, listSome, problemText } from '../data-quality-summary.js';
import { resolvedText } from '../resolved-text.js';
import { alertSectionText } from './alert-section.js';
import {
  blockTextLength,
  contextBlock,
  DEFAULT_MAX_TEXT_CHARS,
  type DigestBlock,
  type DigestSectionBlock,
  headerBlock,
  SLACK_LIMITS,
  sectionBlock,
} from './blocks.js';
import { codeSpan, escapeMrkdwn, joinWithin, truncateText } from './mrkdwn.js';
import { bySeverity, countBySeverity, plural, SEVERITY_EMOJI, SEVERITY_ORDER, severityCounts } from './severity-groups.js';

export interface SlackDigestOptions {
  /** Blocks in the message; Slack accepts at most 50. */
  readonly maxBlocks?: number;
  /** Text characters across all blocks (see DEFAULT_MAX_TEXT_CHARS). */
  readonly maxTextChars?: number;
}

/**
 * One digest as a Slack message:
 *   header          "<domain title> · <date> (<weekday>)"
 *   section         critical mentions (only when the digest has a CRITICAL alert)
 *   per severity    a section "🔴 *CRITICAL · 2 alerts*", then one section per alert
 *   section         "…and N more alerts not shown (…)" when not all alerts fit
 *   section         "No alerts on <date>." when there is none
 *   section         "*Resolved · n*" with one line per resolved series
 *   context         the command that reproduces the full report, and a link to the
 *                   run's HTML report when one was published
 * When the alerts do not all fit the block or text budget, the most severe are kept.
 */
export function renderSlackDigest(digest: Digest, options: SlackDigestOptions = {}): SlackPayload {
  const maxBlocks = positiveInteger('maxBlocks', options.maxBlocks ?? SLACK_LIMITS.blocksPerMessage);
  const maxTextChars = positiveInteger('maxTextChars', options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS);

  const ordered = bySeverity(digest.alerts);
  const sections = ordered.map((a) => sectionBlock(alertSectionText(a)));
  const top = [headerBlock(headerText(digest)), ...mentionBlocks(digest), ...findingBlocks(digest)];
  const bottom = [...resolvedBlocks(digest.resolved), contextBlock(fullReportText(digest))];

  // Showing fewer alerts adds a "…and N more" line, so the fit is not monotonic near the
  // top: search down from "all of them" and take the first that fits.
  for (let shown = ordered.length; shown >= 0; shown -= 1) {
    const blocks: DigestBlock[] = [...top, ...alertBlocks(digest, ordered, sections, shown), ...bottom];
    const textLength = blocks.reduce((sum, block) => sum + blockTextLength(block), 0);
    if (blocks.length <= maxBlocks && textLength <= maxTextChars) return { text: fallbackText(digest), blocks };
  }
  throw new RangeError(
    `a Slack digest for ${digest.domain} ${digest.date} needs more than maxBlocks ${maxBlocks} / maxTextChars ${maxTextChars} even without alerts`,
  );
}

/** The notification text: `usage 2026-03-10: 2 CRITICAL, 1 WARNING, 1 resolved`. */
export function fallbackText(digest: Digest): string {
  if (digest.dataNotArrived !== undefined) return truncateText(escapeMrkdwn(`${digest.domain} ${digest.date}: data not arrived`), SLACK_LIMITS.sectionText);
  const parts = [digest.alerts.length === 0 ? 'no alerts' : severityCounts(digest.alerts)];
  const findings = digest.findings?.length ?? 0;
  if (findings > 0) parts.push(`${findings} not scored (data quality)`);
  if (digest.resolved.length > 0) parts.push(`${digest.resolved.length} resolved`);
  return truncateText(escapeMrkdwn(`${digest.domain} ${digest.date}: ${parts.join(', ')}`), SLACK_LIMITS.sectionText);
}

/** A long title is cut, never the date: the date is what tells two digests apart. */
function headerText(digest: Digest): string {
  const suffix = ` · ${digest.date} (${weekdayName(digest.date)})`;
  return `${truncateText(digest.domainTitle, SLACK_LIMITS.headerText - suffix.length)}${suffix}`;
}

/** Mentions page people: only for CRITICAL, and the handles go out verbatim (unescaped). */
function mentionBlocks(digest: Digest): DigestSectionBlock[] {
  const critical = countBySeverity(digest.alerts).CRITICAL;
  if (critical === 0 || digest.criticalMentions.length === 0) return [];
  const suffix = ` ${escapeMrkdwn(`${plural(critical, 'CRITICAL alert')} in ${digest.domainTitle}`)}`;
  const handles = joinWithin(digest.criticalMentions, ' ', SLACK_LIMITS.sectionText - suffix.length - 3, (n) => `(+${n})`);
  return [sectionBlock(`🚨 ${handles}${suffix}`)];
}

function alertBlocks(
  digest: Digest,
  ordered: readonly DigestAlert[],
  sections: readonly DigestSectionBlock[],
  shown: number,
): DigestSectionBlock[] {
  if (digest.dataNotArrived !== undefined) return [];
  if (ordered.length === 0) return [sectionBlock(`No alerts on ${digest.date}.`)];
  const blocks: DigestSectionBlock[] = [];
  const total = countBySeverity(ordered);
  const visible = countBySeverity(ordered.slice(0, shown));
  let index = 0;
  for (const severity of SEVERITY_ORDER) {
    if (visible[severity] > 0) {
      const partial = visible[severity] < total[severity] ? ` (${visible[severity]} shown)` : '';
      blocks.push(sectionBlock(`${SEVERITY_EMOJI[severity]} *${severity} · ${plural(total[severity], 'alert')}*${partial}`));
      blocks.push(...sections.slice(index, index + visible[severity]));
    }
    index += total[severity];
  }
  if (shown < ordered.length) {
    const hidden = ordered.slice(shown);
    blocks.push(
      sectionBlock(
        `…and ${plural(hidden.length, 'more alert')} not shown (${severityCounts(hidden)}); ` +
          `run ${codeSpan(escapeMrkdwn(digest.reproduce))} for the full report`,
      ),
    );
  }
  return blocks;
}

/**
 * Before the alerts: data that did not arrive, arrived late, or cannot be trusted. These
 * are what a reader must know before believing the numbers below them.
 */
function findingBlocks(digest: Digest): DigestSectionBlock[] {
  const blocks: DigestSectionBlock[] = [];
  if (digest.dataNotArrived !== undefined) {
    blocks.push(sectionBlock(truncateText(`📭 *Data not arrived* · ${escapeMrkdwn(digest.dataNotArrived)}`, SLACK_LIMITS.sectionText)));
  }
  if (digest.arrivedLate !== undefined) {
    blocks.push(sectionBlock(escapeMrkdwn(`🕓 Late data: no rows for ${digest.date} when a run looked at ${digest.arrivedLate.missingAt}; the data has arrived and is scored now.`)));
  }
  const findings = digest.findings ?? [];
  if (findings.length > 0) {
    const title = `⚠️ *Data quality · ${escapeMrkdwn(dataQualityHeadline(findings.length))}*`;
    const lines = groupDataQuality(findings).map((g) => escapeMrkdwn(`• ${problemText(g)} — ${listSome(g.series, 'series')}: ${listSome(g.metrics, 'metrics')}`));
    const body = joinWithin(lines, '\n', SLACK_LIMITS.sectionText - title.length - 1, (n) => `…and ${n} more problems`);
    blocks.push(sectionBlock(`${title}\n${body}`));
  }
  return blocks;
}

function resolvedBlocks(resolved: readonly ResolvedLine[]): DigestSectionBlock[] {
  if (resolved.length === 0) return [];
  const title = `*Resolved · ${resolved.length}*`;
  const lines = resolved.map((r) => escapeMrkdwn(resolvedText(r)));
  const body = joinWithin(lines, '\n', SLACK_LIMITS.sectionText - title.length - 1, (n) => `…and ${n} more resolved`);
  return [sectionBlock(`${title}\n${body}`)];
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** The command that reproduces the report, and the published HTML report's link when there is one. */
function fullReportText(digest: Digest): string {
  const command = `Full report: ${codeSpan(escapeMrkdwn(digest.reproduce))}`;
  return digest.reportUrl === undefined ? command : `${command} · <${escapeMrkdwn(digest.reportUrl)}|HTML report with charts>`;
}
