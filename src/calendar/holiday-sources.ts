import { closestMatch } from '../config/suggest.js';
import { dateHolidays } from './date-holidays.js';

/** A `calendar.holidays` entry as the config gives it. */
export interface HolidaySourceSpec {
  readonly country: string;
  readonly region?: string | undefined;
  readonly types?: readonly string[] | undefined;
  readonly language?: string | undefined;
}

/** The country and region codes as date-holidays spells them. */
export interface CanonicalCodes {
  readonly country: string;
  readonly region: string | undefined;
}

export interface HolidaySourceProblem {
  readonly key: 'country' | 'region';
  readonly message: string;
}

/**
 * Why date-holidays cannot give this entry's holidays: an unknown country, or a region the
 * country does not have. Codes match case-insensitively (us = US).
 */
export function holidaySourceProblem(source: HolidaySourceSpec): HolidaySourceProblem | undefined {
  const resolved = resolveCodes(source);
  return 'problem' in resolved ? resolved.problem : undefined;
}

/** The codes date-holidays knows for an entry; throws on one holidaySourceProblem refuses. */
export function canonicalCodes(source: HolidaySourceSpec): CanonicalCodes {
  const resolved = resolveCodes(source);
  if ('problem' in resolved) throw new RangeError(`calendar.holidays: ${resolved.problem.key}: ${resolved.problem.message}`);
  return resolved;
}

function resolveCodes(source: HolidaySourceSpec): CanonicalCodes | { problem: HolidaySourceProblem } {
  const Holidays = dateHolidays();
  const query = new Holidays();
  const countries = query.getCountries('en') ?? {};
  const country = findCode(source.country, Object.keys(countries));
  if (country === undefined) {
    return {
      problem: {
        key: 'country',
        message: `date-holidays has no country ${JSON.stringify(source.country)}${suggestCode(source.country, countries)}; use a two-letter ISO 3166-1 code such as US, GB, FR or DE`,
      },
    };
  }
  if (source.region === undefined) return { country, region: undefined };
  const regions = query.getStates(country, 'en') ?? {};
  const codes = Object.keys(regions);
  const region = findCode(source.region, codes);
  if (region === undefined) {
    const fix = codes.length === 0 ? `${country} has no regions in date-holidays: remove region` : `${country} regions: ${listSome(codes)}`;
    return {
      problem: {
        key: 'region',
        message: `date-holidays has no region ${JSON.stringify(source.region)} in ${country}${suggestCode(source.region, regions)}; ${fix}`,
      },
    };
  }
  return { country, region };
}

function findCode(code: string, known: readonly string[]): string | undefined {
  const upper = code.toUpperCase();
  return known.find((k) => k.toUpperCase() === upper);
}

/**
 * ` (did you mean "US", United States of America?)` for a name, an alpha-3 style code
 * (USA, NYC) or a slip in a name; '' when nothing fits. Edit distance on the codes
 * themselves would be noise: every two-letter code is within two edits of every other.
 */
function suggestCode(typed: string, entries: Readonly<Record<string, string>>): string {
  const upper = typed.toUpperCase();
  const codes = Object.keys(entries);
  const byName = codes.find((code) => entries[code]?.toUpperCase() === upper);
  const byPrefix = upper.length === 3 ? codes.find((code) => code.length >= 2 && upper.startsWith(code.toUpperCase())) : undefined;
  const nearName = typed.length >= 4 ? closestMatch(typed, codes.map((code) => entries[code] ?? code)) : undefined;
  const byNearName = nearName === undefined ? undefined : codes.find((code) => entries[code] === nearName);
  const code = byName ?? byNearName ?? byPrefix;
  return code === undefined ? '' : ` (did you mean ${JSON.stringify(code)}, ${entries[code]}?)`;
}

function listSome(codes: readonly string[]): string {
  const shown = codes.slice(0, 20).join(', ');
  return codes.length > 20 ? `${shown}, … (${codes.length} in all)` : shown;
}
