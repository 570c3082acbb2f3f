import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config/load.js';
import { DOMAINS, DOMAIN_NAMES } from '../../src/domains/registry.js';
import { sqlFilePath } from '../../src/domains/sql-file.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const io = { out: () => {}, err: () => {}, env: {}, now: () => new Date('2026-03-01T00:00:00Z') };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the domain registry', () => {
  it('lists the five domains of DOMAINS.md', () => {
    expect([...DOMAIN_NAMES].sort()).toEqual(['api-runtime', 'enterprise', 'gpu-cost', 'revenue', 'usage']);
  });

  it.each(DOMAINS.map((d) => [d.name, d] as const))('%s has its SQL file, its shipped config and a CLI command', (name, domain) => {
    expect(existsSync(sqlFilePath(domain.sqlFile))).toBe(true);
    expect(existsSync(join(ROOT, 'config', 'domains', `${name}.yaml`))).toBe(true);
    expect(loadConfig({ knownDomains: DOMAIN_NAMES }).config.domains[name]).toBeDefined();
    expect(buildProgram(io).commands.map((c) => c.name())).toContain(name);
    expect(new Set(domain.metrics.map((m) => m.name)).size).toBe(domain.metrics.length);
  });

  it.each(DOMAINS.map((d) => [d.name, d] as const))('%s declares its drill-down: its SQL file and a rule for every metric', (name, domain) => {
    expect(domain.drillDown.sqlFile).toBe(`drilldown/${name}.sql`);
    expect(existsSync(sqlFilePath(domain.drillDown.sqlFile))).toBe(true);
    expect(Object.keys(domain.drillDown.combine).sort()).toEqual(domain.metrics.map((m) => m.name).sort());
    const metricNames = new Set(domain.metrics.map((m) => m.name));
    for (const [metric, combine] of Object.entries(domain.drillDown.combine)) {
      const kind = domain.metrics.find((m) => m.name === metric)?.kind;
      // Counts and amounts always add up; only a non-additive metric may be weighted, by an additive one.
      if (kind === 'count' || kind === 'amount') expect({ metric, combine }).toEqual({ metric, combine: 'sum' });
      if (combine !== 'sum') expect(metricNames.has(combine.weightedBy) && domain.metrics.find((m) => m.name === combine.weightedBy)?.kind).toBe('count');
    }
    for (const series of domain.knownSeries) expect(Array.isArray(domain.drillDown.dimensions(series.key))).toBe(true);
  });

  it('shared code never branches on a domain name (everything domain-specific is definition or config)', () => {
    const shared = ['cli', 'commands', 'run', 'stats', 'alerts', 'warehouse', 'config', 'rootcause'].flatMap((d) => sourceFiles(join(ROOT, 'src', d)));
    const branch = new RegExp(`(===|!==|case)\\s*'(${DOMAIN_NAMES.join('|')})'`);
    const offenders = shared.filter((file) => branch.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
