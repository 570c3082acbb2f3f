import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { checkDomainKeys } from './check-domain-keys.js';
import { deepMerge, isPlainObject } from './deep-merge.js';
import { ConfigSchema, type Config } from './schema.js';

/** config/monitor.yaml in the installed package: two levels above both src/config and dist/config. */
export const SHIPPED_CONFIG_PATH = fileURLToPath(new URL('../../config/monitor.yaml', import.meta.url));
/** config/domains/<domain>.yaml: each domain's shipped settings, merged in as domains.<domain>. */
export const SHIPPED_DOMAINS_DIR = fileURLToPath(new URL('../../config/domains/', import.meta.url));

export interface LoadedConfig {
  readonly config: Config;
  /** The user's file, or undefined when only the shipped defaults apply. */
  readonly path: string | undefined;
}

export interface LoadOptions {
  /** --config, else MONITOR_CONFIG, else none (shipped defaults only). */
  readonly path?: string | undefined;
  /** Domains that exist; a config naming another one is a typo worth failing on. */
  readonly knownDomains: readonly string[];
}

export function loadConfig(options: LoadOptions): LoadedConfig {
  const defaults = deepMerge(readYamlFile(SHIPPED_CONFIG_PATH, 'shipped config'), { domains: shippedDomainConfigs() });
  const user = options.path === undefined ? {} : readYamlFile(options.path, 'config');
  if (!isPlainObject(user)) {
    throw new ConfigError(`config ${options.path}: expected a YAML mapping at the top level`, 'see config/monitor.yaml for the layout');
  }
  const label = options.path ?? SHIPPED_CONFIG_PATH;
  const parsed = ConfigSchema.safeParse(deepMerge(defaults, user), { reportInput: true });
  if (!parsed.success) throw new ConfigError(`config ${label}: ${describeIssues(parsed.error)}`, 'fix the value named above; config/monitor.yaml documents every key');
  for (const domain of Object.keys(parsed.data.domains)) {
    if (!options.knownDomains.includes(domain)) {
      throw new ConfigError(
        `config ${label}: domains.${domain}: unknown domain`,
        `known domains: ${options.knownDomains.join(', ')}`,
      );
    }
  }
  checkDomainKeys(label, parsed.data);
  return { config: parsed.data, path: options.path };
}

function shippedDomainConfigs(): Record<string, unknown> {
  const files = readdirSync(SHIPPED_DOMAINS_DIR).filter((file) => file.endsWith('.yaml')).sort();
  return Object.fromEntries(files.map((file) => [basename(file, '.yaml'), readYamlFile(join(SHIPPED_DOMAINS_DIR, file), 'shipped domain config') ?? {}]));
}

function readYamlFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})`;
    throw new ConfigError(`${what} ${path}: ${reason}`, 'pass an existing YAML file with --config, or omit --config to use the shipped defaults');
  }
  // js-yaml for reading, with YAML 1.2's core schema (what `yaml` reads by default: no
  // timestamps, no merge keys, `yes` stays text) and duplicate keys refused. WHY not the
  // `yaml` package, which calibrate keeps for writing a config with its comments: loading
  // and parsing the shipped config took it ~120 ms of every run, js-yaml ~30 ms
  // (bench/perf/before-after.md item 22).
  let parsed: unknown;
  try {
    parsed = load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const where = error.mark === undefined ? '' : ` (line ${error.mark.line + 1})`;
    throw new ConfigError(`${what} ${path}: malformed YAML${where}: ${error.reason}`, 'fix the YAML syntax at that line');
  }
  return parsed ?? {};
}

/** One line naming the exact path and the bad value: at most three issues. */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length === 0 ? '(top level)' : issue.path.map(String).join('.');
    // Show the offending value only when it is small: a whole mapping is noise, not help.
    const input = 'input' in issue ? issue.input : undefined;
    const shown = input === undefined || (typeof input === 'object' && input !== null) ? undefined : JSON.stringify(input);
    const got = shown !== undefined && shown.length <= 80 ? ` (got ${shown})` : '';
    return `${path}: ${issue.message}${got}`;
  });
  const more = error.issues.length > 3 ? `; and ${error.issues.length - 3} more` : '';
  return parts.join('; ') + more;
}
