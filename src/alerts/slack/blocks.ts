import type { ContextBlock, HeaderBlock, SectionBlock } from '@slack/types';
import { truncateText } from './mrkdwn.js';

/**
 * Block Kit limits (docs.slack.dev/reference/block-kit): 50 blocks per message, 3000
 * characters in a section's text or a context element, 150 in a header.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  contextElementText: 3000,
} as const;

/**
 * Slack also rejects messages whose blocks hold too much text in all (`msg_blocks_too_long`),
 * a limit it does not document: reports put it near 12,000 characters and saw rejections
 * from ~11,300 (slackapi/bolt-js#2509, #2867). 10,000 keeps a margin.
 */
export const DEFAULT_MAX_TEXT_CHARS = 10_000;

// Our own object types (not @slack/types' interfaces) so they fit SlackPayload's
// Record<string, unknown>; `satisfies` below keeps them valid Block Kit.
export type MrkdwnText = { type: 'mrkdwn'; text: string };
export type DigestHeaderBlock = { type: 'header'; text: { type: 'plain_text'; text: string; emoji: true } };
export type DigestSectionBlock = { type: 'section'; text: MrkdwnText };
export type DigestContextBlock = { type: 'context'; elements: MrkdwnText[] };
export type DigestBlock = DigestHeaderBlock | DigestSectionBlock | DigestContextBlock;

export function headerBlock(text: string): DigestHeaderBlock {
  const block: DigestHeaderBlock = {
    type: 'header',
    text: { type: 'plain_text', text: truncateText(text, SLACK_LIMITS.headerText), emoji: true },
  };
  return block satisfies HeaderBlock;
}

/** `mrkdwn` must already be escaped; it is cut to the section limit. */
export function sectionBlock(mrkdwn: string): DigestSectionBlock {
  const block: DigestSectionBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: truncateText(mrkdwn, SLACK_LIMITS.sectionText) },
  };
  return block satisfies SectionBlock;
}

export function contextBlock(mrkdwn: string): DigestContextBlock {
  const block: DigestContextBlock = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: truncateText(mrkdwn, SLACK_LIMITS.contextElementText) }],
  };
  return block satisfies ContextBlock;
}

/** All the text a block carries: what Slack's undocumented total-length limit counts. */
export function blockTextLength(block: DigestBlock): number {
  switch (block.type) {
    case 'header':
    case 'section':
      return block.text.text.length;
    case 'context':
      return block.elements.reduce((sum, element) => sum + element.text.length, 0);
  }
}
