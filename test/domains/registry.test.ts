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

  it('shared code never branches on a domain name (everything domain-specific is definition or config)', () => {
    const shared = ['cli', 'commands', 'run', 'stats', 'alerts', 'warehouse', 'config'].flatMap((d) => sourceFiles(join(ROOT, 'src', d)));
    const branch = new RegExp(`(===|!==|case)\\s*'(${DOMAIN_NAMES.join('|')})'`);
    const offenders = shared.filter((file) => branch.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
