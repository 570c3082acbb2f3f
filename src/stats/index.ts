export * from './types.js';
export { DEFAULT_DETECTOR, assertValidDetectorSettings } from './detector-settings.js';
export { evaluateDay, evaluateRange } from './evaluate.js';
export { MAX_METRIC_MAGNITUDE, assertUsableValue } from './metric-value.js';
export { passesMinChange } from './min-change-gate.js';
export { sameWeekdayBaseline } from './same-weekday-baseline.js';
export { DEFAULT_THRESHOLDS, severityOf, severityRank } from './severity.js';
export { DEFAULT_SIGMA_FLOOR, flooredSigma } from './sigma-floor.js';
export { relativeChange, zScore } from './z-score.js';
