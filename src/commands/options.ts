import { z } from 'zod';
import { UsageError } from '../errors.js';

/*
 * The zod side of the command line. The command definitions (<command>.ts, commander
 * only) do not import this module; their *-action.ts files do, and are loaded only when
 * the command runs, so `--version` and `--help` never load zod.
 */

/** Options shared by every domain command, validated before anything runs. */
export const DomainOptionsSchema = z
  .object({
    date: z.string().optional(),
    config: z.string().min(1).optional(),
    format: z.enum(['text', 'json', 'markdown']).default('text'),
    dryRun: z.boolean().default(false),
    estimate: z.boolean().default(false),
    resend: z.boolean().default(false),
    failOn: z.enum(['notice', 'warning', 'critical']).optional(),
    reportDir: z.string().min(1).optional(),
  })
  .strict();
export type DomainOptions = z.infer<typeof DomainOptionsSchema>;

/** The CSV flags `scan` and `calibrate --csv` share (defined in csv-options.ts), validated the same way. */
export const CsvOptionFields = {
  dateCol: z.string().min(1).default('date'),
  valueCol: z.string().min(1).default('value'),
  seriesCol: z.string().min(1).optional(),
  metricKind: z.enum(['count', 'amount', 'ratio']).default('count'),
  direction: z.enum(['both', 'up', 'down']).optional(),
};

/** Turns the first zod issue into the one-line usage error the CLI prints. */
export function parseOptions<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const flag = issue?.path[0] === undefined ? 'options' : `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const got = shownInput(raw, issue);
  throw new UsageError(`${flag}: ${issue?.message ?? 'invalid'}${got}`, 'run with --help to see the accepted values');
}

/**
 * The value the user typed, not zod's view of it: a coerced flag's issue carries the
 * coerced value, and JSON.stringify(NaN) is "null", so `--seed abc` used to say "(got null)".
 */
function shownInput(raw: unknown, issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return '';
  const key = issue.path[0];
  const typed = key !== undefined && typeof raw === 'object' && raw !== null ? (raw as Record<PropertyKey, unknown>)[key] : undefined;
  const input = typed ?? ('input' in issue ? issue.input : undefined);
  return input === undefined ? '' : ` (got ${JSON.stringify(input)})`;
}
