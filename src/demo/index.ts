/** The demo warehouse generator: the embedded data `monitor` runs on without a config. */
export { generateDemoWarehouse, plannedAnomalies, readDemoSummary } from './generate.js';
export type { DemoDomain, DemoOptions, DemoSummary, InjectedAnomaly } from './generate.js';
export { DEMO_HEAVY_MIN_TOKENS_28D, DEMO_MIN_DAYS, DEMO_GENERATOR_VERSION } from './constants.js';
export { DemoError, type DemoErrorCode } from './errors.js';
