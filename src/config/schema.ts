import { z } from 'zod';
import { holidaySourceProblem } from '../calendar/holiday-sources.js';
import { isValidTimeZone } from '../dates/time-zone.js';

/**
 * The shape of config/*.yaml. Every field is optional in a user's file: it is merged
 * over the shipped defaults (config/monitor.yaml) before this schema validates it, so
 * the validated result is always complete.
 */

const fraction = z.number().min(0).max(10);
const positive = z.number().positive();

export const ThresholdsSchema = z
  .object({ notice: positive, warning: positive, critical: positive })
  .strict()
  .refine((t) => t.notice < t.warning && t.warning < t.critical, {
    message: 'thresholds must increase: notice < warning < critical',
  });

export const MinChangeSchema = z
  .object({
    up: fraction.optional().describe('minimum relative rise (0.25 = 25 %) before an up-move may alert'),
    down: fraction.optional().describe('minimum relative drop (0.25 = 25 %) before a down-move may alert'),
  })
  .strict();

export const SigmaFloorSchema = z
  .object({
    relative: z.number().min(0).max(1).optional(),
    absolute: positive.optional(),
  })
  .strict();

/**
 * What a day of the known-event calendar does to a series: annotate (the default) marks
 * its alerts and leaves it out of later baselines; hold also holds its alerts back
 * (recorded in `suppressed`, not sent); off ignores the calendar for that scope.
 */
export const KNOWN_EVENT_POLICIES = ['annotate', 'hold', 'off'] as const;
export type KnownEventPolicy = (typeof KNOWN_EVENT_POLICIES)[number];
const knownEventPolicy = z
  .enum(KNOWN_EVENT_POLICIES)
  .describe('on a day of the calendar: annotate its alerts (default), hold them back, or off (ignore the calendar here)');

/** Settings that may be given at every level: defaults, domain, metric, series, series × metric. */
const detectorOverrideFields = {
  baseline: z
    .object({
      weeks: z.number().int().min(1).max(52).optional(),
      minPoints: z.number().int().min(2).max(52).optional(),
    })
    .strict()
    .optional(),
  thresholds: z
    .object({ notice: positive.optional(), warning: positive.optional(), critical: positive.optional() })
    .strict()
    .optional(),
  direction: z.enum(['both', 'up', 'down']).optional(),
  minChange: MinChangeSchema.optional(),
  sigmaFloor: SigmaFloorSchema.optional(),
  weekdaysOnly: z.boolean().optional(),
  dropToZero: z
    .object({ severity: z.enum(['NOTICE', 'WARNING', 'CRITICAL']), minBaselineMean: z.number().min(0).default(1) })
    .strict()
    .optional()
    .describe('flag a fall to exactly 0 at least at this severity, even with short history (churn risk)'),
  knownEvents: knownEventPolicy.optional(),
};

export const DetectorOverridesSchema = z.object(detectorOverrideFields).strict();
export type DetectorOverrides = z.infer<typeof DetectorOverridesSchema>;

/**
 * Series keys are data (org names, endpoints): "Cedar & Stone Architects" must be
 * configurable. They never reach SQL text (series are filtered in code or bound as
 * parameters), so only control characters, which no real key has, are refused.
 */
const seriesKey = z.string().min(1).regex(/^[^\u0000-\u001f\u007f]+$/, 'series keys cannot hold control characters');

export const SeriesConfigSchema = z
  .object({ ...detectorOverrideFields, metrics: z.record(z.string(), DetectorOverridesSchema).optional() })
  .strict();

export const DomainConfigSchema = z
  .object({
    ...detectorOverrideFields,
    enabled: z.boolean().optional(),
    metrics: z.record(z.string(), DetectorOverridesSchema).optional(),
    series: z.record(seriesKey, SeriesConfigSchema).optional(),
    /** Domain-specific segment settings, e.g. usage `segments.heavy.minTokens28d`. */
    segments: z.record(z.string(), z.record(z.string(), z.number())).optional(),
  })
  .strict();
export type DomainConfig = z.infer<typeof DomainConfigSchema>;

/**
 * Table names end up inside SQL text (they cannot be bound as parameters), so they are
 * held to a strict grammar: dot-separated identifiers, at most project.dataset.table.
 * BigQuery project ids may contain hyphens; nothing may contain quotes, spaces or `;`.
 */
export const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/;
const tableName = z
  .string()
  .regex(TABLE_NAME, 'must be a plain table name like dataset.table or project.dataset.table (letters, digits, _ and -)');

export const LOGICAL_TABLES = [
  'usage_daily',
  'enterprise_orgs',
  'gpu_cost',
  'subscription_events',
  'subscriptions_daily',
  'api_requests',
] as const;
export type LogicalTable = (typeof LOGICAL_TABLES)[number];

export const EmbeddedSchema = z
  .object({
    path: z
      .string()
      .min(1)
      .optional()
      .describe('DuckDB file to use as is. Without it, the managed demo warehouse is used and regenerated when stale.'),
    seed: z.number().int().min(0).optional(),
    days: z.number().int().min(30).max(1000).optional(),
  })
  .strict();

const labelText = z
  .string()
  .regex(/^[a-z0-9_-]{0,63}$/, 'BigQuery label keys and values are lowercase letters, digits, _ and -, at most 63 characters');

export const BigQuerySchema = z
  .object({
    project: z.string().regex(/^[a-z][a-z0-9-]{4,29}$/, 'must be a Google Cloud project id'),
    /** Where jobs run, e.g. US, EU, europe-west1. Must match the datasets' location. */
    location: z.string().min(1).default('US'),
    /** Hard cap per query: BigQuery fails the job rather than bill more. Default 10 GiB. */
    maximumBytesBilled: z.number().int().positive().default(10 * 1024 ** 3),
    /** A job still running after this is cancelled (client side) and the run fails. */
    jobTimeoutMs: z.number().int().min(1000).max(6 * 3600 * 1000).default(300_000),
    /** On-demand price per TiB scanned, for --estimate. */
    pricePerTiB: z.number().positive().default(6.25),
    /** Extra job labels; monitor always adds domain, date and tool. */
    labels: z.record(labelText, labelText).default({}),
    retry: z
      .object({
        attempts: z.number().int().min(1).max(10).default(4),
        minDelayMs: z.number().int().min(0).max(60_000).default(500),
        maxDelayMs: z.number().int().min(0).max(300_000).default(8_000),
      })
      .strict()
      .default({ attempts: 4, minDelayMs: 500, maxDelayMs: 8_000 }),
    /** How often to ask whether a running job finished. */
    pollIntervalMs: z.number().int().min(10).max(60_000).default(1_000),
    /** Rows per results page. */
    pageSize: z.number().int().min(1).max(100_000).default(10_000),
    /** Override the API endpoint (emulators); BIGQUERY_EMULATOR_HOST does the same. */
    apiEndpoint: z.string().url().optional(),
  })
  .strict();
export type BigQueryConfig = z.infer<typeof BigQuerySchema>;

const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be the NAME of an environment variable (the URL itself is a secret and never goes in config)');

export const RouteSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'route names are lowercase letters, digits, _ and -'),
    match: z
      .object({
        domain: oneOrMany.optional(),
        series: oneOrMany.optional(),
        metric: oneOrMany.optional(),
        group: oneOrMany.optional(),
        minSeverity: z.enum(['NOTICE', 'WARNING', 'CRITICAL']).optional(),
      })
      .strict(),
    webhookEnv: envName,
    criticalMentions: z.array(z.string().min(1)).optional(),
    continue: z.boolean().optional(),
  })
  .strict();

export const SlackSchema = z
  .object({
    /** The default route's webhook, for alerts no route matches. */
    defaultWebhookEnv: envName.default('SLACK_WEBHOOK_URL'),
    criticalMentions: z.array(z.string().min(1)).default([]),
    /** A series alerting this many days before today as well is raised one level (0 = never). */
    escalateAfterDays: z.number().int().min(0).max(60).default(3),
    /**
     * Alerts below this severity (after escalation) are reported but not posted. WARNING by
     * default: |z| > 2 happens on ~4.6 % of normal days, more than a channel can bear
     * (docs/detection-method.md, "What is posted").
     */
    minSeverity: z.enum(['NOTICE', 'WARNING', 'CRITICAL']).default('WARNING'),
    maxBlocks: z.number().int().min(5).max(50).default(50),
    delivery: z
      .object({
        timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
        attempts: z.number().int().min(1).max(10).default(4),
        minDelayMs: z.number().int().min(0).max(60_000).default(1_000),
        maxDelayMs: z.number().int().min(0).max(300_000).default(30_000),
        maxRetryAfterMs: z.number().int().min(0).max(600_000).default(120_000),
      })
      .strict()
      .default({ timeoutMs: 10_000, attempts: 4, minDelayMs: 1_000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 }),
    routes: z.array(RouteSchema).default([]),
  })
  .strict();
export type SlackConfig = z.infer<typeof SlackSchema>;

export const StateSchema = z
  .object({
    /** DuckDB file for delivery state (sent digests, outbox, silences). Default $MONITOR_HOME/state.duckdb. */
    path: z.string().min(1).optional(),
    /** How long to wait for another monitor process holding the state file. */
    lockTimeoutMs: z.number().int().min(0).max(600_000).default(60_000),
    /**
     * With warehouse: bigquery, keep the state as tables in this dataset (project.dataset)
     * instead of a local file: for runs on machines without durable disk.
     */
    dataset: z
      .string()
      .regex(/^[a-z][a-z0-9-]{4,29}\.[A-Za-z_][A-Za-z0-9_]*$/, 'must be project.dataset')
      .optional(),
  })
  .strict();

export const RootCauseSchema = z
  .object({
    /** Contributors kept per alert (ThirdEye shows the top few; more is noise in Slack). */
    top: z.number().int().min(0).max(20).default(5),
    /** Members both under this fraction of the move and of the total are dropped (ThirdEye: 3 %). */
    minContribution: z.number().min(0).max(1).default(0.03),
  })
  .strict();
export type RootCauseConfig = z.infer<typeof RootCauseSchema>;

const findingLevel = z.enum(['NOTICE', 'WARNING', 'CRITICAL', 'off']);

/**
 * How --fail-on counts findings that are not alerts (README "Data quality"): a finding
 * counts like an alert of this severity; 'off' never fails the run. WARNING by default:
 * untrustworthy or missing data needs a person today, but is not the business moving.
 */
export const FindingsSchema = z
  .object({
    dataQuality: findingLevel.default('WARNING').describe('values not scored because the data behind them cannot be trusted'),
    dataMissing: findingLevel.default('WARNING').describe('no rows at all for the date although earlier days have data (a late pipeline)'),
  })
  .strict();
export type FindingsConfig = z.infer<typeof FindingsSchema>;

export const SilencesSchema = z
  .object({
    /** `silence add --until` may reach at most this many days after today. */
    maxDays: z.number().int().min(1).max(3650).default(90),
  })
  .strict();

const calendarDate = z.iso.date({ error: 'must be a calendar date YYYY-MM-DD, e.g. 2026-03-10' });
const windowDays = z.number().int().min(0).max(90);

export const HOLIDAY_TYPES = ['public', 'bank', 'optional', 'school', 'observance'] as const;

/** Public holidays of a country or region, from the date-holidays library's data. */
export const HolidaySourceSchema = z
  .object({
    country: z.string().min(1).describe('ISO 3166-1 alpha-2 country code, e.g. US, GB, FR, DE'),
    region: z.string().min(1).optional().describe('state or province within the country, e.g. NY (US), BY (DE), ENG (GB)'),
    types: z.array(z.enum(HOLIDAY_TYPES)).min(1).optional().describe('which kinds of holiday count; default [public]'),
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'must be an ISO 639-1 language code such as en or fr')
      .optional()
      .describe("language of the holiday names (default: the country's own)"),
  })
  .strict()
  .superRefine((source, ctx) => {
    const problem = holidaySourceProblem(source);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [problem.key], input: source[problem.key], message: problem.message });
  });
export type HolidaySource = z.infer<typeof HolidaySourceSchema>;

/**
 * One event: a day (`date`), a range (`from` … `to`), or a recurring rule (`monthly` day,
 * negative counting from the month's end; `weekly` ISO weekday), which `from`/`to` may
 * bound. `before`/`after` widen every occurrence by that many days.
 */
export const CalendarEventSchema = z
  .object({
    name: z.string().min(1).max(120).regex(/^[^\u0000-\u001f\u007f]+$/, 'event names cannot hold control characters'),
    date: calendarDate.optional().describe('a single day'),
    from: calendarDate.optional().describe('first day of a range (or of a recurring rule)'),
    to: calendarDate.optional().describe('last day of a range (or of a recurring rule), inclusive'),
    monthly: z
      .object({
        day: z
          .number()
          .int()
          .min(-31)
          .max(31)
          .refine((day) => day !== 0, { message: 'day 0 does not exist: 1 is the first day of the month, -1 the last' })
          .describe('day of the month; negative counts from its end (-1 = last day). A month without that day has no event'),
      })
      .strict()
      .optional(),
    weekly: z
      .object({ weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday … 7 = Sunday') })
      .strict()
      .optional(),
    before: windowDays.optional().describe('also mark this many days before each occurrence'),
    after: windowDays.optional().describe('also mark this many days after each occurrence'),
  })
  .strict()
  .superRefine((event, ctx) => {
    const recurring = [event.monthly, event.weekly].filter((r) => r !== undefined).length;
    if (recurring > 1) {
      ctx.addIssue({ code: 'custom', path: ['weekly'], message: 'give either monthly or weekly, not both (make two events)' });
      return;
    }
    if (event.date !== undefined) {
      if (recurring > 0) ctx.addIssue({ code: 'custom', path: ['date'], message: 'give either date or a recurring rule (monthly, weekly), not both' });
      else if (event.from !== undefined || event.to !== undefined) {
        ctx.addIssue({ code: 'custom', path: [event.from !== undefined ? 'from' : 'to'], message: 'give either date (one day) or from and to (a range), not both' });
      }
      return;
    }
    if (recurring === 0) {
      if (event.from === undefined && event.to === undefined) {
        ctx.addIssue({ code: 'custom', path: [], message: 'an event needs date, from and to, monthly or weekly' });
        return;
      }
      if (event.from === undefined || event.to === undefined) {
        const missing = event.from === undefined ? 'from' : 'to';
        ctx.addIssue({ code: 'custom', path: [missing], message: `a range needs both from and to; add ${missing}, or use date: for a single day` });
        return;
      }
    }
    if (event.from !== undefined && event.to !== undefined && event.to < event.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], input: event.to, message: `is before from (${event.from}); swap from and to` });
    }
  });
export type CalendarEvent = z.infer<typeof CalendarEventSchema>;

/** The known-event calendar (README "Known events"). */
export const CalendarSchema = z
  .object({
    holidays: z.array(HolidaySourceSchema).optional().describe('public holidays of countries or regions (date-holidays)'),
    events: z.array(CalendarEventSchema).optional().describe('launches, campaigns, migrations: days, ranges and recurring rules'),
  })
  .strict();
export type CalendarConfig = z.infer<typeof CalendarSchema>;

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    warehouse: z.enum(['embedded', 'bigquery']),
    embedded: EmbeddedSchema,
    bigquery: BigQuerySchema.optional(),
    timezone: z.string().refine(isValidTimeZone, { message: 'must be an IANA time zone such as UTC or Europe/Paris' }),
    tables: z.object(Object.fromEntries(LOGICAL_TABLES.map((t) => [t, tableName])) as Record<LogicalTable, typeof tableName>).strict(),
    defaults: z
      .object({
        baseline: z.object({ weeks: z.number().int().min(1).max(52), minPoints: z.number().int().min(2).max(52) }).strict(),
        thresholds: ThresholdsSchema,
        direction: z.enum(['both', 'up', 'down']),
        sigmaFloor: z.object({ relative: z.number().min(0).max(1), absolute: positive }).strict(),
        minChange: MinChangeSchema,
        weekdaysOnly: z.boolean(),
        knownEvents: knownEventPolicy.optional(),
      })
      .strict(),
    domains: z.record(z.string(), DomainConfigSchema),
    slack: SlackSchema.default(SlackSchema.parse({})),
    state: StateSchema.default({ lockTimeoutMs: 60_000 }),
    rootCause: RootCauseSchema.default({ top: 5, minContribution: 0.03 }),
    findings: FindingsSchema.default({ dataQuality: 'WARNING', dataMissing: 'WARNING' }),
    silences: SilencesSchema.default({ maxDays: 90 }),
    /**
     * `--report-dir`: where the published HTML reports can be read. With baseUrl set, each
     * Slack digest links to its run's report (baseUrl + the file name).
     */
    report: z
      .object({ baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://reports.example.com/monitor/' }).optional() })
      .strict()
      .default({}),
    /** Known events: holidays and the team's own events (README "Known events"); none by default. */
    calendar: CalendarSchema.optional(),
    /**
     * `monitor scan --csv`: detector settings for any CSV series, like a domain's.
     * Series keys are whatever the file holds, so they are not restricted like a domain's.
     */
    scan: z
      .object({ defaults: DetectorOverridesSchema.optional(), series: z.record(z.string(), DetectorOverridesSchema).optional() })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.state.dataset !== undefined && config.warehouse !== 'bigquery') {
      ctx.addIssue({ code: 'custom', path: ['state', 'dataset'], message: 'state in a BigQuery dataset needs warehouse: bigquery' });
    }
    if (config.warehouse !== 'bigquery') return;
    if (config.bigquery === undefined) {
      ctx.addIssue({ code: 'custom', path: ['bigquery'], message: 'warehouse is bigquery, so a bigquery: section with project is required' });
    }
    for (const [logical, table] of Object.entries(config.tables)) {
      if (!table.includes('.')) {
        ctx.addIssue({ code: 'custom', path: ['tables', logical], input: table, message: 'on BigQuery a table is dataset.table or project.dataset.table' });
      }
    }
  });

export type Config = z.infer<typeof ConfigSchema>;
