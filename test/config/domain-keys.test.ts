import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { DOMAIN_NAMES } from '../../src/domains/registry.js';
import { ConfigError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'monitor-domain-keys-'));
function load(yaml: string) {
  const path = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, yaml);
  return () => loadConfig({ path, knownDomains: DOMAIN_NAMES });
}

// A metric or series name is a record key to zod: a typo would load and never apply.
describe('metric and series keys under domains.<d>', () => {
  it('refuses a misspelled metric and suggests the real one', () => {
    const loading = load('domains:\n  usage:\n    metrics:\n      daux: { direction: up }\n');
    expect(loading).toThrow(ConfigError);
    expect(loading).toThrow(/domains\.usage\.metrics\.daux: usage has no metric "daux" \(did you mean "dau"\?\)$/);
  });

  it('refuses a misspelled metric under a series', () => {
    expect(load('domains:\n  gpu-cost:\n    series:\n      api:\n        metrics:\n          idle_cots: { direction: up }\n')).toThrow(
      /domains\.gpu-cost\.series\.api\.metrics\.idle_cots: gpu-cost has no metric "idle_cots" \(did you mean "idle_cost"\?\)/,
    );
  });

  it('refuses a metric of another domain, listing the right ones in the hint', () => {
    try {
      load('domains:\n  revenue:\n    metrics:\n      dau: { direction: up }\n')();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).hint).toMatch(/^revenue metrics: revenue, new_subscriptions, /);
    }
  });

  it.each([
    ['usage', 'payng', 'paying'],
    ['gpu-cost', 'studoi', 'studio'],
    ['revenue', 'totl', 'total'],
  ])('refuses unknown series %s.%s where every series is known in advance', (domain, typo, meant) => {
    expect(load(`domains:\n  ${domain}:\n    series:\n      ${typo}: { direction: up }\n`)).toThrow(
      new RegExp(`domains\\.${domain}\\.series\\.${typo}: ${domain} has no series "${typo}" \\(did you mean "${meant}"\\?\\)`),
    );
  });

  it('accepts series that may only exist in the data (org names, endpoints)', () => {
    expect(load('domains:\n  enterprise:\n    series:\n      Acme Corp: { direction: up }\n  api-runtime:\n    series:\n      /v1/new: { direction: up }\n')).not.toThrow();
  });

  it('still checks metric keys under a data-only series', () => {
    expect(load('domains:\n  enterprise:\n    series:\n      Acme Corp:\n        metrics:\n          seats: { direction: up }\n')).toThrow(
      /domains\.enterprise\.series\."Acme Corp"\.metrics\.seats: enterprise has no metric "seats"/,
    );
  });

  it('gives no suggestion when nothing is close', () => {
    expect(load('domains:\n  usage:\n    metrics:\n      revenue_per_user: { direction: up }\n')).toThrow(/usage has no metric "revenue_per_user"$/);
  });
});
