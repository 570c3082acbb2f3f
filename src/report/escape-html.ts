import escape from 'escape-html';

/** Text and attribute values into HTML (& < > " '): every value the report writes goes through here. */
export function escapeHtml(text: string): string {
  return escape(text);
}
