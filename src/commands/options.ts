import { z } from 'zod';
import { UsageError } from '../errors.js';

/** Options shared by every domain command, validated before anything runs. */
export const DomainOptionsSchema = z
  .object({
    date: z.string().optional(),
    config: z.string().min(1).optional(),
    format: z.enum(['text', 'json']).default('text'),
    dryRun: z.boolean().default(false),
    estimate: z.boolean().default(false),
    resend: z.boolean().default(false),
    failOn: z.enum(['notice', 'warning', 'critical']).optional(),
  })
  .strict();
export type DomainOptions = z.infer<typeof DomainOptionsSchema>;

/** Turns the first zod issue into the one-line usage error the CLI prints. */
export function parseOptions<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const flag = issue?.path[0] === undefined ? 'options' : `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const got = issue !== undefined && 'input' in issue && issue.input !== undefined ? ` (got ${JSON.stringify(issue.input)})` : '';
  throw new UsageError(`${flag}: ${issue?.message ?? 'invalid'}${got}`, 'run with --help to see the accepted values');
}
