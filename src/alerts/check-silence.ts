import { didYouMean } from '../config/suggest.js';
import { addDays, type IsoDate } from '../dates/iso-date.js';
import { DOMAINS, findDomain } from '../domains/registry.js';
import type { DomainDefinition } from '../domains/types.js';
import { UsageError } from '../errors.js';
import type { SilenceMatch } from './silence-match.js';

/**
 * A silence that names a domain, metric or series that never alerts would mute nothing
 * and look as if it did: every value is checked against the domain definitions. A series
 * that only exists in the data (an org, an endpoint) cannot be checked here, so it is
 * accepted with a warning. Returns those warnings; throws on anything certainly wrong.
 */
export function checkSilenceMatch(match: SilenceMatch): string[] {
  const domain = match.domain === undefined ? undefined : knownDomain(match.domain);
  const scope = domain === undefined ? DOMAINS : [domain];
  const where = domain === undefined ? 'any domain' : domain.name;
  if (match.metric !== undefined) {
    const metrics = unique(scope.flatMap((d) => d.metrics.map((m) => m.name)));
    if (!metrics.includes(match.metric)) {
      throw new UsageError(`silence match metric=${match.metric}: not a metric of ${where}${didYouMean(match.metric, metrics)}`, `metrics of ${where}: ${metrics.join(', ')}`);
    }
  }
  if (match.series === undefined) return [];
  const known = unique(scope.flatMap((d) => d.knownSeries.map((s) => s.key)));
  if (known.includes(match.series)) return [];
  const fromData = scope.filter((d) => d.seriesFromData);
  if (fromData.length === 0) {
    throw new UsageError(`silence match series=${match.series}: not a series of ${where}${didYouMean(match.series, known)}`, `series of ${where}: ${known.join(', ')}`);
  }
  const names = fromData.map((d) => d.name).join(' and ');
  return [`warning: silence match series=${match.series}: not a series known in advance; kept, as ${names} series come from the data (check the spelling against a report)`];
}

/**
 * The last day a silence may run to: a silence "until 2099" is a forgotten mute, so it is
 * capped at silences.maxDays from today and must be renewed on purpose.
 */
export function checkSilenceUntil(until: IsoDate, today: IsoDate, maxDays: number): void {
  if (until < today) throw new UsageError(`--until ${until}: is in the past (today is ${today})`, 'pick today or a later date');
  const latest = addDays(today, maxDays);
  if (until > latest) {
    throw new UsageError(`--until ${until}: more than ${maxDays} days ahead (silences.maxDays)`, `pick ${latest} or earlier and renew it then, or raise silences.maxDays in the config`);
  }
}

function knownDomain(name: string): DomainDefinition {
  const domain = findDomain(name);
  if (domain !== undefined) return domain;
  const names = DOMAINS.map((d) => d.name);
  throw new UsageError(`silence match domain=${name}: no such domain${didYouMean(name, names)}`, `domains: ${names.join(', ')}`);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
