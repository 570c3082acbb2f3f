import type { Severity, Thresholds } from './types.js';

/**
 * 2 / 3 / 4.5 from the spec. Under a normal model |z| > 2 happens on ~4.6 % of days (about
 * one NOTICE per metric per three weeks, noise a person can skim), |z| > 3 on 0.27 %, and
 * 4.5 is far enough out that real business series, whose tails are heavier than normal,
 * still reach it only on genuine incidents (Thanksgiving, the blizzard: docs/detection-method.md).
 */
export const DEFAULT_THRESHOLDS: Thresholds = { notice: 2, warning: 3, critical: 4.5 };

/**
 * Strict ">" at every boundary: |z| exactly 2 is not a NOTICE. A boundary value is the
 * least surprising place to stay quiet, and it makes "|z| ≤ threshold" the quiet zone.
 */
export function severityOf(absZ: number, t: Thresholds): Severity | null {
  if (!(absZ >= 0)) throw new RangeError(`severityOf expects |z| ≥ 0, got ${absZ}`);
  if (absZ > t.critical) return 'CRITICAL';
  if (absZ > t.warning) return 'WARNING';
  if (absZ > t.notice) return 'NOTICE';
  return null;
}

/** 0 for no alert, then 1/2/3: lets callers sort and compare severities. */
export function severityRank(severity: Severity | null): number {
  switch (severity) {
    case null:
      return 0;
    case 'NOTICE':
      return 1;
    case 'WARNING':
      return 2;
    case 'CRITICAL':
      return 3;
  }
}

export function assertValidThresholds(t: Thresholds): void {
  const ok =
    Number.isFinite(t.notice) && Number.isFinite(t.warning) && Number.isFinite(t.critical) &&
    t.notice >= 0 && t.notice < t.warning && t.warning < t.critical;
  if (!ok) {
    throw new RangeError(
      `thresholds must be finite and strictly increasing (0 ≤ notice < warning < critical), ` +
        `got notice ${t.notice}, warning ${t.warning}, critical ${t.critical}`,
    );
  }
}
