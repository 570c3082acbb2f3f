/**
 * A plain-text table for terminals and logs: each column as wide as its widest cell, two
 * spaces between columns, numbers right-aligned so their digits line up. Shared by the
 * backtest summary, the label scores and the calibration report.
 */
export function textTable(rows: readonly (readonly string[])[], options: { readonly indent?: string; readonly rightAligned: (column: number) => boolean }): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const indent = options.indent ?? '';
  return rows.map((r) => indent + r.map((cell, i) => (options.rightAligned(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

/** A rate or ratio with fixed decimals; '–' where it is undefined (nothing to divide by). */
export function fixedOrDash(value: number | null, digits = 2): string {
  return value === null ? '–' : value.toFixed(digits);
}
