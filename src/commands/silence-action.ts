import { z } from 'zod';
import { checkSilenceMatch, checkSilenceUntil } from '../alerts/check-silence.js';
import { parseSilenceMatch } from '../alerts/silence-match.js';
import type { CliIO } from '../cli/io.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { parseIsoDate, type IsoDate } from '../dates/iso-date.js';
import { todayIn } from '../dates/time-zone.js';
import { DOMAIN_NAMES } from '../domains/registry.js';
import { UsageError } from '../errors.js';
import { openStateStore } from '../state/open-state-store.js';
import type { StateStore } from '../state/state-store.js';
import { parseOptions } from './options.js';

/* The bodies of `monitor silence add|list|remove` (defined in silence.ts), loaded only when one runs. */

const AddSchema = z
  .object({ match: z.string().min(1), until: z.string(), reason: z.string().min(3, 'say why (at least 3 characters)'), config: z.string().optional() })
  .strict();
const ConfigOnly = z.object({ config: z.string().optional() }).strict();

/** `monitor silence add`. */
export async function addSilenceAction(raw: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = parseOptions(AddSchema, raw);
  const match = parseSilenceMatch(options.match);
  const warnings = checkSilenceMatch(match);
  const until = parseIsoDate(options.until);
  if (until === undefined) throw new UsageError(`--until ${options.until}: not a date`, 'use YYYY-MM-DD');
  await withStore(io, options.config, async (store, today, config) => {
    checkSilenceUntil(until, today, config.silences.maxDays);
    for (const warning of warnings) io.err(`${warning}\n`);
    const added = await store.addSilence({ match, until, reason: options.reason });
    io.out(`silence ${added.id} added: ${describe(added.match)} until ${added.until} — ${added.reason}\n`);
  });
}

/** `monitor silence list`. */
export async function listSilencesAction(raw: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = parseOptions(ConfigOnly, raw);
  await withStore(io, options.config, async (store, today) => {
    const all = await store.silences();
    if (all.length === 0) io.out('no silences\n');
    for (const s of all) io.out(`${s.id}  ${describe(s.match).padEnd(40)}  until ${s.until}${s.until < today ? ' (expired)' : ''}  ${s.reason}\n`);
  });
}

/** `monitor silence remove <id>`. */
export async function removeSilenceAction(id: string, raw: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = parseOptions(ConfigOnly, raw);
  await withStore(io, options.config, async (store) => {
    if (!(await store.removeSilence(id))) throw new UsageError(`no silence with id ${id}`, 'see monitor silence list');
    io.out(`silence ${id} removed\n`);
  });
}

function describe(match: Record<string, string | undefined>): string {
  return Object.entries(match).map(([k, v]) => `${k}=${v}`).join(',') || '(everything)';
}

async function withStore(
  io: CliIO,
  configPath: string | undefined,
  task: (store: StateStore, today: IsoDate, config: Config) => Promise<void>,
): Promise<void> {
  const { config } = loadConfig({ path: configPath ?? io.env['MONITOR_CONFIG'], knownDomains: DOMAIN_NAMES });
  const store = await openStateStore({ config, env: io.env, log: (line) => io.err(`${line}\n`), now: () => io.now() });
  try {
    await task(store, todayIn(config.timezone, io.now()), config);
  } finally {
    await store.close();
  }
}
