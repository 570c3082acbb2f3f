import { findDomain } from '../domains/registry.js';
import type { DomainDefinition } from '../domains/types.js';
import { ConfigError } from '../errors.js';
import type { Config, DomainConfig } from './schema.js';
import { didYouMean } from './suggest.js';

/**
 * Metric and series names are record keys to zod, so a typo (`metrics.daux`) would be
 * accepted and silently never apply. Checked against the domain definitions instead:
 * every metric key must be one of the domain's metrics, and every series key one of its
 * series when the domain lists them all. Series that only exist in the data (org names,
 * endpoints) are checked at run time (unmatchedSeriesWarnings).
 */
export function checkDomainKeys(label: string, config: Config): void {
  for (const [name, domainConfig] of Object.entries(config.domains)) {
    const domain = findDomain(name);
    if (domain !== undefined) checkDomain(label, domain, domainConfig);
  }
}

function checkDomain(label: string, domain: DomainDefinition, config: DomainConfig): void {
  const prefix = `domains.${domain.name}`;
  checkMetrics(label, domain, `${prefix}.metrics`, config.metrics);
  const known = domain.knownSeries.map((s) => s.key);
  for (const [series, seriesConfig] of Object.entries(config.series ?? {})) {
    const path = `${prefix}.series.${quotedKey(series)}`;
    if (!domain.seriesFromData && !known.includes(series)) {
      throw new ConfigError(
        `config ${label}: ${path}: ${domain.name} has no series ${JSON.stringify(series)}${didYouMean(series, known)}`,
        `${domain.name} series: ${known.join(', ')}`,
      );
    }
    checkMetrics(label, domain, `${path}.metrics`, seriesConfig.metrics);
  }
}

function checkMetrics(label: string, domain: DomainDefinition, path: string, metrics: Record<string, unknown> | undefined): void {
  const names = domain.metrics.map((m) => m.name);
  for (const metric of Object.keys(metrics ?? {})) {
    if (names.includes(metric)) continue;
    throw new ConfigError(
      `config ${label}: ${path}.${metric}: ${domain.name} has no metric ${JSON.stringify(metric)}${didYouMean(metric, names)}`,
      `${domain.name} metrics: ${names.join(', ')}`,
    );
  }
}

/** Series keys may hold spaces or slashes (org names, endpoints): quote those in a key path. */
export function quotedKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}
