import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { isMap, isPair, isScalar, parse, parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestDomain, replayRange, type DomainBacktest } from '../../src/backtest/backtest-domain.js';
import type { DomainCalibration } from '../../src/calibrate/calibrate-domain.js';
import { exitCodeFor } from '../../src/cli/exit-codes.js';
import { deepMerge } from '../../src/config/deep-merge.js';
import { loadConfig } from '../../src/config/load.js';
import { ConfigSchema, type Config } from '../../src/config/schema.js';
import { calibrateCommand } from '../../src/commands/calibrate.js';
import type { DemoSummary } from '../../src/demo/generate.js';
import { DOMAINS, DOMAIN_NAMES, findDomain } from '../../src/domains/registry.js';
import { MonitorError, UsageError } from '../../src/errors.js';
import { demoLabels } from '../../src/labels/demo-labels.js';
import { eventCovers, isLabelled, type LabelEvent } from '../../src/labels/label-events.js';
import { openDuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { copyFixtureWarehouse } from '../helpers/fixture-template.js';

/** `monitor calibrate …` in-process, as the program will run it; the clock is the fixture's next morning. */
async function runCalibrate(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t), env: {}, now: () => new Date('2026-04-01T08:00:00Z') };
  const program = new Command('monitor').exitOverride();
  program.addCommand(calibrateCommand(io).exitOverride());
  await program.parseAsync(['calibrate', ...args], { from: 'user' });
  return io;
}

async function usageFailure(args: readonly string[]): Promise<MonitorError> {
  const error = await runCalibrate(args).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  const failure = error as MonitorError;
  expect(exitCodeFor(failure.category)).toBe(2);
  expect(failure.message).not.toContain('\n');
  return failure;
}

/**
 * The config before anyone tuned gates: every minChange of the shipped config set to 0
 * (at the domain-metric level and for every series the shipped files name). Sigma floors,
 * directions and rules stay. Ungated, most series alert several times a month on clean
 * days (config/domains/*.yaml say by how much), which is what calibrate is for.
 */
function ungatedDomains(shipped: Config): Record<string, unknown> {
  const open = { minChange: { up: 0, down: 0 } };
  return Object.fromEntries(
    DOMAINS.map((d) => {
      const metrics = Object.fromEntries(d.metrics.map((m) => [m.name, open]));
      const series = new Set([...d.knownSeries.map((s) => s.key), ...Object.keys(shipped.domains[d.name]?.series ?? {})]);
      return [d.name, { metrics, series: Object.fromEntries([...series].map((s) => [s, { metrics }])) }];
    }),
  );
}

type CalibrationJson = Omit<DomainCalibration, 'placement'> & { readonly written: string | null };

describe('monitor calibrate on the generated fixture (seed 42, 150 days to 2026-03-31)', () => {
  let dir: string;
  let summary: DemoSummary;
  let ungatedPath: string;
  let ungated: Config;
  let warehousePath: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'monitor-calibrate-'));
    const path = (warehousePath = join(dir, 'fixture.duckdb'));
    summary = copyFixtureWarehouse(path);
    const shipped = loadConfig({ knownDomains: DOMAIN_NAMES }).config;
    ungatedPath = join(dir, 'ungated.yaml');
    writeFileSync(ungatedPath, `embedded:\n  path: ${path}\ndomains: ${JSON.stringify(ungatedDomains(shipped))}\n`);
    ungated = loadConfig({ path: ungatedPath, knownDomains: DOMAIN_NAMES }).config;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // 80 days: the fixture's first day with a full 10-week baseline (2026-01-11) to its last.
  // Concurrent: each domain's two queries run in DuckDB's threads while another domain's
  // replay runs in JavaScript.
  it.concurrent.each(DOMAIN_NAMES)('%s: the written overlay brings every configurable series × metric within budget and loses only what it says', async (name) => {
    const domain = findDomain(name);
    if (domain === undefined) throw new Error(name);
    const overlayPath = join(dir, `${name}-overlay.yaml`);
    const { stdout } = await runCalibrate([name, '--days', '60', '--config', ungatedPath, '--write', overlayPath, '--format', 'json']);
    const report = JSON.parse(stdout) as CalibrationJson;
    expect(report).toMatchObject({ domain: name, days: 60, budget: 1, written: overlayPath });
    expect(report.overBudgetBefore).toBeGreaterThan(0); // or this test would prove nothing

    // The file loads on its own over the shipped defaults, and holds only suggestions.
    const overlayText = readFileSync(overlayPath, 'utf8');
    loadConfig({ path: overlayPath, knownDomains: DOMAIN_NAMES });
    const overlay: unknown = parse(overlayText);
    expect(overlay).toEqual(report.overlay);
    expectCommentPerKey(overlayText, name, report);

    // A second backtest, the user's config with the overlay merged in, through the warehouse again.
    const merged = ConfigSchema.parse(deepMerge(ungated, overlay));
    const warehouse = await openDuckDBWarehouse(warehousePath, merged.tables);
    let after: DomainBacktest;
    try {
      after = await backtestDomain({ domain, config: merged, warehouse, from: report.from, to: report.to, contributors: false, toolVersion: 'test' });
    } finally {
      await warehouse.close();
    }
    const before = replayRange({ domain, config: ungated, from: report.from, to: report.to }, after.data);
    const events = demoLabels(summary.anomalies).filter((e) => e.domain === name && e.windowDates.some((d) => d >= report.from && d <= report.to));

    const over = overBudget(after, events, report.budget);
    // Every series × metric within budget, the orgs with "&" in their names included (the
    // config's series-key grammar refused them until calibrate showed they exist).
    expect(over).toEqual([]);
    expect(report.overBudgetAfter).toBe(0);

    expect(lost(found(before, events), found(after, events))).toEqual(report.eventsLostByOverlay);
    // Every key's replayed figure is the one the search predicted for its chosen suggestion.
    for (const row of report.rows.filter((r) => r.written)) {
      const chosen = row.chosen === 'threshold' ? row.threshold : row.gate;
      expect(chosen?.kind === 'proposal' ? chosen.cleanAlerts : null).toBe(row.after.cleanAlerts);
    }
  });

  it('refuses to overwrite an existing --write file (exit 2, one line) before opening the warehouse, and --force replaces it', async () => {
    const path = join(dir, 'existing.yaml');
    writeFileSync(path, 'mine: true\n');
    // A warehouse that does not exist: opening it would fail with exit 3, not this.
    const nowhere = join(dir, 'nowhere.yaml');
    writeFileSync(nowhere, `embedded:\n  path: ${join(dir, 'missing.duckdb')}\n`);
    const failure = await usageFailure(['gpu-cost', '--days', '14', '--config', nowhere, '--write', path]);
    expect(failure.message).toBe(`--write ${path}: file exists`);
    expect(failure.hint).toContain('--force');
    expect(readFileSync(path, 'utf8')).toBe('mine: true\n');
    await runCalibrate(['gpu-cost', '--days', '14', '--config', ungatedPath, '--write', path, '--force']);
    expect(readFileSync(path, 'utf8')).toMatch(/^# monitor calibrate gpu-cost --days 14 --budget 1\n/);
  });

  it.each([
    [['nosuch'], /^unknown domain nosuch$/],
    [['usage', '--days', '13'], /^--days: at least 14 days \(got "13"\)$/],
    [['usage', '--days', '3651'], /^--days: at most 3650 days/],
    [['usage', '--days', 'ninety'], /^--days: /],
    [['usage', '--budget', '0'], /^--budget: alerts per 30 clean days must be > 0/],
    [['usage', '--budget', '-1'], /^--budget: alerts per 30 clean days must be > 0/],
  ])('refuses %j with a one-line usage error', async (args, message) => {
    const failure = await usageFailure([...args, '--config', ungatedPath]);
    expect(failure.message).toMatch(message);
  });
});

/** Series × metrics whose clean-day alerts exceed budget × clean days / 30 (clean: no label covers the day). */
function overBudget(backtest: DomainBacktest, events: readonly LabelEvent[], budget: number): string[] {
  const counts = new Map<string, { days: number; alerts: number }>();
  const group = (series: string): string | null => backtest.data.groups.get(series) ?? null;
  const count = (series: string, metric: string) => {
    const key = `${series} × ${metric}`;
    const entry = counts.get(key) ?? { days: 0, alerts: 0 };
    counts.set(key, entry);
    return entry;
  };
  for (const day of backtest.days) {
    for (const { series, metric } of day.scored) {
      if (!isLabelled(events, { domain: backtest.domain.name, series, group: group(series), metric, date: day.report.date })) count(series, metric).days += 1;
    }
    for (const alert of day.report.alerts) if (!isLabelled(events, alert)) count(alert.series, alert.metric).alerts += 1;
  }
  return [...counts].filter(([, c]) => c.alerts > (budget * c.days) / 30).map(([key]) => key).sort((a, b) => a.localeCompare(b));
}

function found(backtest: DomainBacktest, events: readonly LabelEvent[]): Set<string> {
  const flags = backtest.days.flatMap((d) => d.report.alerts);
  return new Set(events.filter((e) => flags.some((f) => eventCovers(e, f))).map((e) => e.name));
}

function lost(before: ReadonlySet<string>, after: ReadonlySet<string>): string[] {
  return [...before].filter((name) => !after.has(name));
}

/** Each written series × metric carries one key (thresholds or minChange) with its measured reason above it. */
function expectCommentPerKey(text: string, domain: string, report: CalibrationJson): void {
  const doc = parseDocument(text);
  const written = report.rows.filter((r) => r.written);
  expect(written.length).toBeGreaterThan(0);
  for (const row of written) {
    const settings = doc.getIn(['domains', domain, 'series', row.series, 'metrics', row.metric], true);
    if (!isMap(settings)) throw new Error(`${row.series} × ${row.metric} missing from the overlay`);
    expect(settings.items).toHaveLength(1);
    const pair = settings.items[0];
    if (!isPair(pair) || !isScalar(pair.key)) throw new Error('not a key');
    expect(pair.key.value).toBe(row.chosen === 'threshold' ? 'thresholds' : 'minChange');
    // Parsed back, a comment above a mapping's first key belongs to the mapping.
    expect(settings.commentBefore ?? pair.key.commentBefore).toMatch(new RegExp(`^ ${row.now.cleanAlerts} clean alerts? in ${row.cleanDays} clean days \\(.+\\(replayed\\); loses .+\\n alternative: `));
  }
}
