import { addDays, type IsoDate } from '../dates/iso-date.js';
import type { DomainDefinition } from '../domains/types.js';

/** A date inside the domain's data lag may still change (cost data finalises days late). */
export function notFinalNote(domain: DomainDefinition, date: IsoDate, today: IsoDate): string | undefined {
  if (domain.lagDays <= 1 || date <= addDays(today, -domain.lagDays)) return undefined;
  return `${domain.name} data for ${date} may not be final: it finalises ${domain.lagDays} days late (default date ${addDays(today, -domain.lagDays)})`;
}
