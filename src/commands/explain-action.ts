import { z } from 'zod';
import { renderExplanation, type Explanation, type ExplainedRootCause } from '../alerts/render-explanation.js';
import { renderExplanationMarkdown } from '../alerts/render-explanation-markdown.js';
import { rerunCommand } from '../alerts/rerun-command.js';
import type { CliIO } from '../cli/io.js';
import { resolveTargetDate } from '../cli/target-date.js';
import { TOOL_VERSION } from '../cli/version.js';
import { loadConfig } from '../config/load.js';
import { resolveDetectorSettings } from '../config/resolve-detector.js';
import { addDays, type IsoDate } from '../dates/iso-date.js';
import { todayIn } from '../dates/time-zone.js';
import { DOMAIN_NAMES, findDomain } from '../domains/registry.js';
import { UsageError } from '../errors.js';
import { contributorsForAlert, rankingMethod } from '../rootcause/alert-contributors.js';
import { fetchDrillDownOrReason, hasDrillDown, type DrillDownOptions } from '../rootcause/attach-contributors.js';
import { seriesLabel } from '../run/detect-domain.js';
import { fetchDomainSeries } from '../run/run-domain.js';
import { evaluateDay } from '../stats/evaluate.js';
import type { Evaluation } from '../stats/types.js';
import { openWarehouse } from '../warehouse/open-warehouse.js';
import { parseOptions } from './options.js';

const ExplainSchema = z
  .object({
    date: z.string().optional(),
    series: z.string().min(1),
    metric: z.string().min(1),
    config: z.string().optional(),
    format: z.enum(['text', 'json', 'markdown']).default('text'),
  })
  .strict();

/** The body of `monitor explain` (defined in explain.ts), loaded only when it runs. */
export async function explainAction(domainName: string, raw: Record<string, unknown>, io: CliIO): Promise<void> {
  const options = parseOptions(ExplainSchema, raw);
  const domain = findDomain(domainName);
  if (domain === undefined) throw new UsageError(`unknown domain ${domainName}`, `one of: ${DOMAIN_NAMES.join(', ')}`);
  const metric = domain.metrics.find((m) => m.name === options.metric);
  if (metric === undefined) throw new UsageError(`--metric ${options.metric}: not a ${domain.name} metric`, `one of: ${domain.metrics.map((m) => m.name).join(', ')}`);
  const { config } = loadConfig({ path: options.config ?? io.env['MONITOR_CONFIG'], knownDomains: DOMAIN_NAMES });
  const now = io.now();
  const date = resolveTargetDate(options.date, { timeZone: config.timezone, now, lagDays: domain.lagDays });
  const warehouse = await openWarehouse({ config, env: io.env, yesterday: addDays(todayIn(config.timezone, now), -1), log: (line) => io.err(`${line}\n`) });
  try {
    const data = await fetchDomainSeries({ domain, config, warehouse, from: date, to: date, toolVersion: TOOL_VERSION });
    const values = data.series.get(options.series)?.get(metric.name);
    if (values === undefined) {
      const known = [...data.series.keys()].sort();
      throw new UsageError(`--series ${options.series}: no such ${domain.name} series around ${date}`, `one of: ${known.slice(0, 40).join(', ')}`);
    }
    const settings = resolveDetectorSettings(config, domain.name, options.series, metric.name);
    const evaluation = evaluateDay(values, date, settings);
    const explanation: Explanation = {
      domain: domain.name,
      date,
      series: options.series,
      seriesLabel: seriesLabel(domain, options.series),
      metric,
      settings,
      evaluation,
      dataQuality: qualityProblems(data.quality.get(options.series)?.get(metric.name), evaluation),
      rootCause: await explainRootCause(evaluation, { series: options.series, metric: metric.name }, { domain, config, warehouse, toolVersion: TOOL_VERSION }),
      rerun: rerunCommand(domain.name, date, options.config),
    };
    io.out(
      options.format === 'json'
        ? JSON.stringify({ schemaVersion: 1, ...explanation }, null, 2) + '\n'
        : options.format === 'markdown'
          ? renderExplanationMarkdown(explanation)
          : renderExplanation(explanation),
    );
  } finally {
    await warehouse.close();
  }
}

/** The target's and the baseline days' data-quality problems, oldest first. */
function qualityProblems(byDate: ReadonlyMap<IsoDate, readonly string[]> | undefined, evaluation: Evaluation): Explanation['dataQuality'] {
  if (byDate === undefined) return [];
  const dates = [...(evaluation.kind === 'data_missing' ? [] : evaluation.baseline.missingDates), evaluation.date];
  return dates.flatMap((date) => {
    const problems = byDate.get(date);
    return problems === undefined ? [] : [{ date, problems }];
  });
}

/**
 * The contributors behind the point whether or not it alerted (a quiet day's breakdown is
 * what tells the engineer the surprise was real elsewhere). The same query and ranking as a
 * run; a failing drill-down is reported in the explanation, not as a failed command.
 */
async function explainRootCause(
  evaluation: Evaluation,
  target: { series: string; metric: string },
  options: DrillDownOptions,
): Promise<ExplainedRootCause> {
  const { domain, config } = options;
  const dimensions = domain.drillDown.dimensions(target.series);
  const methods = [...new Set(dimensions.flatMap((d) => rankingMethod(domain.drillDown, target.metric, d) ?? []))];
  if (evaluation.kind === 'data_missing' || !hasDrillDown(domain, target)) return { dimensions, methods: [], contributors: [], error: null };
  const point = { ...target, date: evaluation.date, baseline: evaluation.baseline, mean: evaluation.baseline.mean };
  const { data, error } = await fetchDrillDownOrReason([point], options);
  return { dimensions, methods, contributors: contributorsForAlert(point, domain.drillDown, data, config.rootCause), error };
}
