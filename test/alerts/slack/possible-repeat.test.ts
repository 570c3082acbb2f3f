import { describe, expect, it } from 'vitest';
import { contextBlock, headerBlock, sectionBlock } from '../../../src/alerts/slack/blocks.js';
import { markPossibleRepeat, POSSIBLE_REPEAT_NOTE } from '../../../src/alerts/slack/possible-repeat.js';

const header = headerBlock('Usage · 2026-11-24 (Tuesday)');
const footer = contextBlock('Full report: `monitor usage --date 2026-11-24`');

describe('markPossibleRepeat', () => {
  it('puts the note right under the header and in the notification text', () => {
    const marked = markPossibleRepeat({ text: 'usage 2026-11-24: 1 CRITICAL', blocks: [header, sectionBlock('alert'), footer] });
    expect(marked.text).toBe('(possible repeat) usage 2026-11-24: 1 CRITICAL');
    expect(marked.blocks).toEqual([header, contextBlock(POSSIBLE_REPEAT_NOTE), sectionBlock('alert'), footer]);
  });

  it("keeps a digest at Slack's 50 blocks whole: the note joins its last context block", () => {
    const sections = Array.from({ length: 48 }, (_, i) => sectionBlock(`alert ${i}`));
    const marked = markPossibleRepeat({ text: 't', blocks: [header, ...sections, footer] });
    expect(marked.blocks).toHaveLength(50);
    expect(marked.blocks.slice(0, 49)).toEqual([header, ...sections]);
    expect(marked.blocks[49]).toEqual({ type: 'context', elements: [...footer.elements, { type: 'mrkdwn', text: POSSIBLE_REPEAT_NOTE }] });
  });
});
