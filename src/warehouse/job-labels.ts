/**
 * BigQuery job labels: keys and values of lowercase letters, digits, `_` and `-`, at
 * most 63 characters, keys starting with a letter. Labels make a job findable in the
 * billing export (which domain, which date, which tool version spent the bytes).
 */
export function jobLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    const cleanKey = sanitize(key).replace(/^[^a-z]+/, '');
    if (cleanKey !== '') out[cleanKey] = sanitize(value);
  }
  return out;
}

function sanitize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_-]/g, '_').slice(0, 63);
}
