import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDeliveryFixture } from '../helpers/delivery-fixture.js';
import { DELIVERY_DOMAIN } from '../helpers/fixture-template.js';
import { runCliInProcess } from '../helpers/in-process-cli.js';

// Issue 14: `--report-dir DIR` writes the day's HTML report next to the run, before
// delivery, and the Slack digest (real @slack/webhook client, local fake Slack) links to it
// when report.baseUrl is configured. A report that cannot be written loses no alert: the
// digest goes out without the link, and the run exits 5.

const BASE_URL = 'https://reports.example.com/monitor';
const delivery = useDeliveryFixture('monitor-report-dir-', `report:\n  baseUrl: ${BASE_URL}\n`);

/** The text of every block of every digest Slack received. */
function postedText(): string {
  return JSON.stringify(delivery().slack.received.filter((r) => r.outcome === 'ok').map((r) => r.body));
}

describe('--report-dir', () => {
  it('writes the HTML report before delivery, and every digest links to it under report.baseUrl', async () => {
    const { fixture, slack, date, freshEnv } = delivery();
    const dir = join(fixture.dir, 'published');
    mkdirSync(dir);
    const result = await runCliInProcess([DELIVERY_DOMAIN, '--date', date, '--report-dir', dir, '--config', fixture.config], freshEnv());
    expect(result.code, result.stderr).toBe(0);
    const name = `monitor-${DELIVERY_DOMAIN}-${date}.html`;
    expect(readdirSync(dir)).toEqual([name]);
    const html = readFileSync(join(dir, name), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg class="chart"');
    expect(slack.count('ok')).toBeGreaterThan(0);
    expect(postedText()).toContain(`<${BASE_URL}/${name}|HTML report with charts>`);
  });

  it('a folder that cannot be written loses no alert: posted without the link, one line on stderr, exit 5', async () => {
    const { fixture, slack, date, freshEnv } = delivery();
    const missing = join(fixture.dir, 'no-such-folder');
    const result = await runCliInProcess([DELIVERY_DOMAIN, '--date', date, '--report-dir', missing, '--config', fixture.config], freshEnv());
    expect(result.code).toBe(5);
    expect(existsSync(missing)).toBe(false);
    expect(slack.count('ok')).toBeGreaterThan(0);
    expect(postedText()).not.toContain('HTML report with charts');
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('monitor: error:'));
    expect(errors).toEqual([expect.stringMatching(/^monitor: error: the HTML report was not written: --report-dir .*no-such-folder.*: cannot write \(ENOENT\)/)]);
    // Nothing half-written is left behind either.
    expect(readdirSync(fixture.dir).filter((entry) => entry.endsWith('.tmp'))).toEqual([]);
  });
});

describe('monitor report: mistakes get one line and exit 2, and no file', () => {
  const cases: readonly (readonly [string, readonly string[], RegExp])[] = [
    ['no domain and no --all', ['report', '--date', '2026-03-29'], /monitor report needs a domain or --all/],
    ['--date with --from', ['report', 'gpu-cost', '--date', '2026-03-29', '--from', '2026-03-01', '--to', '2026-03-29'], /give --date, or --from and --to, not both/],
    ['--from without --to', ['report', 'gpu-cost', '--from', '2026-03-01'], /--from and --to go together/],
    ['--from after --to', ['report', 'gpu-cost', '--from', '2026-03-29', '--to', '2026-03-01'], /--from 2026-03-29 is after --to 2026-03-01/],
    ['an --out folder that does not exist', ['report', 'gpu-cost', '--date', '2026-03-29', '--out-missing'], /--out .*cannot write \(ENOENT\)/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const { fixture, freshEnv } = delivery();
    const out = args.includes('--out-missing') ? join(fixture.dir, 'missing', 'r.html') : join(fixture.dir, 'never.html');
    const result = await runCliInProcess([...args.filter((a) => a !== '--out-missing'), '--out', out, '--config', fixture.config], freshEnv());
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});
