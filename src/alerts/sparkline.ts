import sparkly from 'sparkly';

/**
 * The baseline values, a gap, then the target value, on one shared scale: the eye sees
 * at once whether today left the range of the same weekdays before it.
 */
export function baselineSparkline(baseline: readonly number[], value: number): string {
  const all = [...baseline, value];
  const minimum = Math.min(...all);
  const maximum = Math.max(...all);
  if (minimum === maximum) return sparkly([...baseline, '', value], { minimum: minimum - 1, maximum: maximum + 1 });
  return sparkly([...baseline, '', value], { minimum, maximum });
}
