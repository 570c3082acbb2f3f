import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SHIPPED_CONFIG_PATH, loadConfig } from '../../src/config/load.js';
import { isPlainObject } from '../../src/config/deep-merge.js';
import { DOMAIN_NAMES } from '../../src/domains/registry.js';

/** 'a.b.c' for every non-object value; arrays (routes, mentions) count as one value. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!isPlainObject(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
}

function has(document: unknown, path: readonly string[]): boolean {
  let node = document;
  for (const key of path) {
    if (!isPlainObject(node) || !(key in node)) return false;
    node = node[key];
  }
  return true;
}

// config/monitor.yaml claims to document every key: a zod default with no line in the
// file (state.lockTimeoutMs was one) is a setting users cannot discover.
describe('config/monitor.yaml', () => {
  const shipped: unknown = parse(readFileSync(SHIPPED_CONFIG_PATH, 'utf8'));
  const { config } = loadConfig({ knownDomains: DOMAIN_NAMES });
  // domains.<d> comes from config/domains/<d>.yaml, which is the domain's documentation.
  const { domains: _fromDomainFiles, ...rest } = config;
  const paths = leafPaths(rest).map((p) => p.join('.'));

  it.each(paths)('sets %s', (path) => {
    expect(has(shipped, path.split('.'))).toBe(true);
  });
});
