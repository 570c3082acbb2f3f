import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Warehouse } from '../warehouse/types.js';
import { buildReport, type ReportRange } from './build-report.js';
import { renderHtmlReport } from './render-html.js';
import { writeWhole } from './write-whole.js';

export interface PublishOptions {
  readonly ranges: readonly ReportRange[];
  readonly config: Config;
  readonly warehouse: Warehouse;
  /** --report-dir. */
  readonly dir: string;
  /** 'all' for run --all, else the domain: part of the file name. */
  readonly label: string;
  readonly toolVersion: string;
  readonly now: Date;
}

/**
 * `--report-dir`: the run's HTML report, written whole as DIR/monitor-<all|domain>-<date>.html
 * (the latest date of the run; a re-run of the date replaces it). Its URL is
 * report.baseUrl + that name when the config has a baseUrl, for the Slack digests to link.
 */
export async function publishRunReport(options: PublishOptions): Promise<{ path: string; url: string | undefined }> {
  const last = options.ranges.map((range) => range.to).sort().at(-1) ?? '';
  const name = `monitor-${options.label}-${last}.html`;
  const model = await buildReport({ ranges: options.ranges, config: options.config, warehouse: options.warehouse, labels: null, toolVersion: options.toolVersion, generatedAt: options.now.toISOString() });
  const path = join(options.dir, name);
  writeWhole(path, renderHtmlReport(model), '--report-dir');
  const base = options.config.report.baseUrl;
  return { path, url: base === undefined ? undefined : new URL(encodeURIComponent(name), base.endsWith('/') ? base : `${base}/`).href };
}
