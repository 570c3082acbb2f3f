/**
 * Slack's mrkdwn reserves only `&`, `<` and `>` (they start entities, links and mentions);
 * everything else is shown as typed. Data (series names, notes, units, commands) goes
 * through here; mention handles such as `<!subteam^S0123>` must not.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An inline code span around already-escaped text. */
export function codeSpan(escaped: string): string {
  return `\`${escaped}\``;
}

// A cut may land inside an entity produced by escapeMrkdwn; a half `&am` would show as text.
const PARTIAL_ENTITY_AT_END = /&(?:a|am|amp|l|lt|g|gt)?$/;

/**
 * At most `limit` UTF-16 units, ending in `…` when cut. Slack does not say how it counts;
 * UTF-16 units are never fewer than code points, so this errs on the safe side.
 */
export function truncateText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let cut = text.slice(0, Math.max(0, limit - 1)).replace(PARTIAL_ENTITY_AT_END, '');
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Joins whole items while they fit in `limit`; the items that do not fit are replaced by
 * `overflow(hidden)` (e.g. "…and 3 more") rather than cut in the middle of one.
 */
export function joinWithin(
  items: readonly string[],
  separator: string,
  limit: number,
  overflow: (hidden: number) => string,
): string {
  const all = items.join(separator);
  if (all.length <= limit) return all;
  let used = 0;
  let kept = 0;
  for (const item of items) {
    const next = used + (kept > 0 ? separator.length : 0) + item.length;
    const tail = overflow(items.length - kept - 1);
    if (next + separator.length + tail.length > limit) break;
    used = next;
    kept += 1;
  }
  const tail = overflow(items.length - kept);
  return truncateText(kept === 0 ? tail : `${items.slice(0, kept).join(separator)}${separator}${tail}`, limit);
}
