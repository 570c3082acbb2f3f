const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** Human numbers: thousands separators for large values, three significant digits for small ones. */
export function formatValue(value: number, unit?: string | null, display?: 'percent' | null): string {
  if (display === 'percent') return `${small.format(value * 100)} %`;
  const text = Math.abs(value) >= 100 ? integer.format(value) : small.format(value);
  return unit ? `${text} ${unit}` : text;
}

export function formatZ(z: number): string {
  return `${z >= 0 ? '+' : ''}${z.toFixed(1)}`;
}

export function formatPct(pct: number | null): string {
  if (pct === null) return 'new';
  const pctValue = pct * 100;
  return `${pctValue >= 0 ? '+' : ''}${Math.abs(pctValue) >= 100 ? pctValue.toFixed(0) : pctValue.toFixed(1)}%`;
}
