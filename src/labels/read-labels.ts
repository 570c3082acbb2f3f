import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseIsoDate, type IsoDate } from '../dates/iso-date.js';
import { UsageError } from '../errors.js';
import type { LabelEvent } from './label-events.js';

const LABELS_HINT = 'the format of benchmarks/nyc-taxi/labels.json: {"events": [{"window_dates": ["YYYY-MM-DD", …]}]} (README "How good is the detector")';

const dateText = z.string().transform((text, ctx): IsoDate => {
  const date = parseIsoDate(text);
  if (date === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a date (YYYY-MM-DD)` });
    return z.NEVER;
  }
  return date;
});

const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * Unknown keys are allowed: label files carry provenance (NAB's "source", "series" at the
 * top) that scoring does not need.
 */
const LabelsFileSchema = z.object({
  events: z.array(
    z.object({
      window_dates: z.array(dateText).min(1),
      point_dates: z.array(dateText).optional(),
      cause: z.string().optional(),
      domain: z.string().min(1).optional(),
      series: oneOrMany.optional(),
      metric: z.string().min(1).optional(),
      group: z.string().min(1).optional(),
    }),
  ),
});

/** Reads a labels file; a file that does not parse is one line naming the first problem (exit 2). */
export function readLabelsFile(path: string): LabelEvent[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read labels file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'pass an existing file to --labels');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`labels file ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`, LABELS_HINT);
  }
  const parsed = LabelsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    throw new UsageError(`labels file ${path}${where}: ${issue?.message ?? 'invalid'}`, LABELS_HINT);
  }
  return parsed.data.events.map((event, index) => {
    const windowDates = [...event.window_dates].sort();
    return {
      name: event.cause ?? `event ${index + 1} (${windowDates[0]})`,
      windowDates,
      pointDates: [...(event.point_dates ?? [])].sort(),
      domain: event.domain ?? null,
      series: event.series === undefined ? null : typeof event.series === 'string' ? [event.series] : event.series,
      metric: event.metric ?? null,
      group: event.group ?? null,
    };
  });
}
