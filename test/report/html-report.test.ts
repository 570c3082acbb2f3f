import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCliFixture, type CliFixture } from '../helpers/cli-fixture.js';
import { runCliInProcess } from '../helpers/in-process-cli.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

// Issue 14: `monitor report` writes one self-contained HTML file. It is opened here in real
// headless Chromium (Debian's, driven by playwright-core; .ci/run installs it with apt),
// never skipped: a machine without it fails this file, it does not pass it quietly.
// Screenshots at 1280 and 390 px are written to test/artifacts/ for a person to look at.

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/**
 * Root in CI (no sandbox), no GPU, and none of Chromium's own background traffic: the
 * only network a test may use is loopback, and the report itself must need none.
 */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ARTIFACTS = join(REPO_ROOT, 'test', 'artifacts');
/** The fixture's last 31 days: every domain alerts, at every severity, with the generator's labels. */
const FROM = '2026-03-01';
const TO = '2026-03-31';

let fixture: CliFixture;
let browser: Browser;
let reportPath: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  fixture = generateCliFixture('monitor-html-report-');
  reportPath = join(fixture.dir, 'report.html');
  const run = await runCliInProcess(['report', '--all', '--from', FROM, '--to', TO, '--out', reportPath, '--config', fixture.config], fixture.env);
  if (run.code !== 0) throw new Error(`monitor report failed (${run.code}): ${run.stderr}`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  fixture?.remove();
});

interface OpenedPage {
  readonly page: Page;
  readonly errors: string[];
  /** Every URL the page asked for, the report itself included. */
  readonly requests: string[];
}

async function open(width: number): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`file://${reportPath}`);
  return { page, errors, requests };
}

/** The alert table's visible rows, as cell texts. */
async function visibleRows(page: Page): Promise<string[][]> {
  // Runs in the page; this project's TypeScript has no DOM types, hence the shape given here.
  type Row = { readonly cells: ArrayLike<{ readonly textContent: string | null }> };
  return page.$$eval('table.alerts tbody tr:not([hidden])', (rows) => rows.map((row) => Array.from((row as unknown as Row).cells, (cell) => cell.textContent ?? '')));
}

describe('the HTML report in Chromium', () => {
  it('is one file that asks for nothing: every request is the file itself', async () => {
    const html = readFileSync(reportPath, 'utf8');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?https?:/i);
    const { page, errors, requests } = await open(1280);
    await page.waitForLoadState('networkidle');
    expect(requests).toEqual([`file://${reportPath}`]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has a rendered chart with data points and bands for every alerting series', async () => {
    const { page } = await open(1280);
    const chartIds = await page.$$eval('table.alerts tbody tr td a', (links) => [...new Set(links.map((a) => (a.getAttribute('href') ?? '').slice(1)))]);
    expect(chartIds.length).toBeGreaterThan(3);
    for (const id of chartIds) {
      const chart = page.locator(`article#${id} svg.chart`);
      await expect.poll(() => chart.count()).toBe(1);
      expect(await chart.locator('circle.point').count(), id).toBeGreaterThan(60);
      for (const level of ['notice', 'warning', 'critical']) {
        const d = await chart.locator(`path.band-${level}`).getAttribute('d');
        expect(d?.length ?? 0, `${id} ${level} band`).toBeGreaterThan(100);
      }
      expect(await chart.locator('path.flag').count(), `${id} flagged days`).toBeGreaterThan(0);
      const box = await chart.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThan(100);
    }
    await page.close();
  });

  it('sorts the alert table by clicking a header, and reverses on a second click', async () => {
    const { page } = await open(1280);
    const z = page.locator('table.alerts thead button.sort[data-key="z"]');
    const absZ = async (): Promise<number[]> => (await visibleRows(page)).map((cells) => Math.abs(Number((cells[4] ?? '').replace('+', ''))));
    await z.click();
    const ascending = await absZ();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await page.locator('th:has(button[data-key="z"])').getAttribute('aria-sort')).toBe('ascending');
    await z.click();
    const descending = await absZ();
    expect(descending).toEqual([...ascending].sort((a, b) => b - a));
    expect(new Set(descending).size).toBeGreaterThan(1);
    await page.close();
  });

  it('filters the table by severity and by domain by clicking, and says how many are shown', async () => {
    const { page } = await open(1280);
    const all = await visibleRows(page);
    const severities = new Set(all.map((cells) => cells[3]?.replace(/^\S+ /, '')));
    expect([...severities].sort()).toEqual(['CRITICAL', 'NOTICE', 'WARNING']);
    await page.locator('.chip[data-filter="severity"][data-value="NOTICE"]').click();
    const withoutNotice = await visibleRows(page);
    expect(withoutNotice.length).toBe(all.filter((cells) => !cells[3]?.endsWith('NOTICE')).length);
    expect(await page.locator('.shown').textContent()).toBe(`${withoutNotice.length} of ${all.length} alerts shown`);
    const domain = all[0]?.[1] ?? '';
    await page.locator(`.chip[data-filter="domain"][data-value="${domain}"]`).click();
    const rest = await visibleRows(page);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((cells) => cells[1] !== domain && !cells[3]?.endsWith('NOTICE'))).toBe(true);
    expect(await page.locator(`article.series[data-domain="${domain}"]:not([hidden])`).count()).toBe(0);
    await page.locator('.chip[data-filter="severity"][data-value="NOTICE"]').click();
    await page.locator(`.chip[data-filter="domain"][data-value="${domain}"]`).click();
    expect(await visibleRows(page)).toHaveLength(all.length);
    await page.close();
  });

  it('shows the labelled events on the charts: found ones, and misses as MISSED', async () => {
    const { page } = await open(1280);
    const outcomes = await page.$$eval('p.events', (paragraphs) => paragraphs.map((p) => p.textContent ?? ''));
    expect(outcomes.some((text) => text.includes('found: '))).toBe(true);
    expect(await page.locator('svg rect.labelled-event').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('prints without the filters, every chart kept whole on a page', async () => {
    const { page } = await open(1280);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.filters').first().isVisible()).toBe(false);
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('article.series')).breakInside")).toBe('avoid');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.close();
  });

  it.each([1280, 390])('has no console errors at %i px, fits the window, and is saved as a screenshot', async (width) => {
    const { page, errors } = await open(width);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, `report-${width}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
