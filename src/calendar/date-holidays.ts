import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';

export type HolidaysClass = typeof Holidays;
export type HolidaysInstance = InstanceType<HolidaysClass>;

let loaded: HolidaysClass | undefined;

/**
 * The date-holidays class, loaded on first use. WHY not a static import: the library
 * parses its whole holiday table when loaded (~250 ms), and every command would pay that
 * although most configs have no calendar. Loaded synchronously (its CommonJS build), since
 * config validation is synchronous.
 */
export function dateHolidays(): HolidaysClass {
  loaded ??= createRequire(import.meta.url)('date-holidays') as HolidaysClass;
  return loaded;
}
