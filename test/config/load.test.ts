import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { resolveDetectorSettings } from '../../src/config/resolve-detector.js';
import { ConfigError } from '../../src/errors.js';
import { DOMAIN_NAMES } from '../../src/domains/registry.js';

const dir = mkdtempSync(join(tmpdir(), 'monitor-config-'));
function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const knownDomains = DOMAIN_NAMES;

describe('loadConfig', () => {
  it('loads the shipped defaults, which reproduce DOMAINS.md', () => {
    const { config } = loadConfig({ knownDomains });
    expect(config.warehouse).toBe('embedded');
    expect(config.timezone).toBe('UTC');
    expect(config.defaults.baseline).toEqual({ weeks: 10, minPoints: 4 });
    expect(config.defaults.thresholds).toEqual({ notice: 2, warning: 3, critical: 4.5 });
    expect(config.domains['usage']?.segments?.['heavy']?.['minTokens28d']).toBeGreaterThan(0);
    const gates = (series: string, metric: string) => resolveDetectorSettings(config, 'usage', series, metric).minChange.down;
    expect([gates('enterprise_contract', 'dau'), gates('enterprise_pilot', 'image_generations'), gates('enterprise_contract', 'tokens')]).toEqual([0.5, 0.6, 0.7]);
    expect([gates('heavy', 'dau'), gates('heavy', 'image_generations'), gates('heavy', 'tokens')]).toEqual([0.25, 0.3, 0.25]);
    expect([gates('paying', 'dau'), gates('paying', 'image_generations'), gates('paying', 'tokens')]).toEqual([0.2, 0.25, 0.2]);
    expect([gates('free', 'dau'), gates('free', 'image_generations'), gates('free', 'tokens')]).toEqual([0.25, 0.35, 0.2]);
    expect(resolveDetectorSettings(config, 'usage', 'enterprise_pilot', 'dau').weekdaysOnly).toBe(true);
    expect(resolveDetectorSettings(config, 'usage', 'free', 'dau').weekdaysOnly).toBe(false);
  });

  it('merges a user file over the defaults, most specific setting last', () => {
    const path = write('merge.yaml', 'timezone: Europe/Paris\ndomains:\n  usage:\n    baseline: { weeks: 2, minPoints: 2 }\n    series:\n      free:\n        metrics:\n          dau: { baseline: { weeks: 3 } }\n');
    const { config } = loadConfig({ path, knownDomains });
    expect(config.timezone).toBe('Europe/Paris');
    expect(resolveDetectorSettings(config, 'usage', 'free', 'dau')).toMatchObject({ weeks: 3, minPoints: 2, minChange: { down: 0.25 } });
    expect(resolveDetectorSettings(config, 'usage', 'paying', 'dau')).toMatchObject({ weeks: 2, minPoints: 2 });
  });

  it.each([
    ['missing file', null, /config .*missing\.yaml: file not found/],
    ['malformed YAML', 'tables: [unclosed\n', /malformed YAML \(line \d+\)/],
    // A key given twice would silently keep one of the two values.
    ['a repeated key', 'timezone: UTC\ndefaults:\n  weekdaysOnly: true\ntimezone: Europe/Paris\n', /malformed YAML \(line 4\): duplicated mapping key/],
    // YAML 1.2's core schema, as the shipped files are written: a bare date stays text
    // (the schema says what it must be) and `yes` is not a boolean.
    ['a YAML 1.1 boolean', 'defaults:\n  weekdaysOnly: yes\n', /defaults\.weekdaysOnly: .*got "yes"/],
    ['SQL in a table name', 'tables:\n  usage_daily: "x; DROP TABLE y"\n', /tables\.usage_daily: must be a plain table name.*got "x; DROP TABLE y"/],
    ['a bad threshold type', 'defaults:\n  thresholds: { notice: abc }\n', /defaults\.thresholds\.notice: .*got "abc"/],
    ['decreasing thresholds', 'defaults:\n  thresholds: { notice: 5, warning: 3, critical: 4.5 }\n', /thresholds must increase/],
    ['an unknown key', 'warehose: bigquery\n', /warehose/],
    ['an unknown time zone', 'timezone: Mars/Olympus\n', /timezone: must be an IANA time zone/],
    ['an unknown domain', 'domains:\n  usgae: {}\n', /domains\.usgae: unknown domain/],
    ['bigquery without its section', 'warehouse: bigquery\n', /bigquery: warehouse is bigquery/],
  ])('rejects %s with the exact path', (_name, text, message) => {
    const path = text === null ? join(dir, 'missing.yaml') : write(`${_name.replace(/\W/g, '_')}.yaml`, text);
    expect(() => loadConfig({ path, knownDomains })).toThrow(ConfigError);
    expect(() => loadConfig({ path, knownDomains })).toThrow(message);
  });

  it('rejects a lookback too short for the minimum number of points', () => {
    const path = write('short.yaml', 'domains:\n  usage:\n    baseline: { weeks: 2 }\n');
    const { config } = loadConfig({ path, knownDomains });
    expect(() => resolveDetectorSettings(config, 'usage', 'free', 'dau')).toThrow(/minPoints 4 exceeds baseline.weeks 2/);
  });

  it('rejects overrides that contradict each other once merged', () => {
    const path = write('contradict.yaml', 'domains:\n  usage:\n    series:\n      free:\n        thresholds: { warning: 10 }\n');
    const { config } = loadConfig({ path, knownDomains });
    expect(() => resolveDetectorSettings(config, 'usage', 'free', 'dau')).toThrow(/domains\.usage \(series free, metric dau\): thresholds must increase/);
  });
});

describe('config/monitor.schema.json', () => {
  it('is generated from the zod schema (run npm run schema after changing it)', async () => {
    const { readFileSync } = await import('node:fs');
    const { configJsonSchemaText } = await import('../../src/config/json-schema.js');
    expect(readFileSync(new URL('../../config/monitor.schema.json', import.meta.url), 'utf8')).toBe(configJsonSchemaText());
  });
});
