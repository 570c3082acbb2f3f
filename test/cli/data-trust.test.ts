import { DuckDBInstance } from '@duckdb/node-api';
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCliFixture, type CliFixture } from '../helpers/cli-fixture.js';
import { FakeSlack } from '../helpers/fake-slack/index.js';
import { runCliInProcess } from '../helpers/in-process-cli.js';

// Issue 10, cases 1–3 and 6: warehouses that `monitor demo` did not make. Each case is a
// copy of the generated fixture (seed 42, to 2026-03-31), altered with SQL, then run
// through the CLI: main() in-process, as the program runs it, except for case 6 (stdout on
// a full disk), which needs a process of its own. DATE is quiet in every domain on clean
// data (checked below).
const DATE = '2026-03-30';
const NEXT = '2026-03-31';

let fixture: CliFixture;
let slack: FakeSlack;
let copies = 0;

beforeAll(async () => {
  fixture = generateCliFixture('monitor-data-trust-');
  slack = await FakeSlack.start();
});
afterAll(async () => {
  await slack.stop();
  fixture.remove();
});

/** A copy of the fixture altered by `statements`, and a config pointing at it. */
async function alteredWarehouse(statements: readonly string[]): Promise<{ path: string; config: string }> {
  copies += 1;
  const path = join(fixture.dir, `altered-${copies}.duckdb`);
  copyFileSync(join(fixture.dir, 'fixture.duckdb'), path);
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  for (const statement of statements) await connection.run(statement);
  connection.closeSync();
  instance.closeSync();
  const config = join(fixture.dir, `altered-${copies}.yaml`);
  writeFileSync(config, `embedded:\n  path: ${path}\n`);
  return { path, config };
}

interface JsonReport {
  reports: {
    domain: string;
    date: string;
    status: string;
    dataMissing?: string;
    arrivedLate?: { missingAt: string };
    checked: number;
    alerts: { series: string; metric: string; severity: string }[];
    insufficientHistory: { series: string; metric: string; points: number }[];
    dataQuality: { domain: string; date: string; series: string; metric: string; problems: string[] }[];
  }[];
}

async function runJson(args: readonly string[], env = fixture.env): Promise<{ code: number | null; report: JsonReport; stderr: string }> {
  const result = await runCliInProcess([...args, '--format', 'json', '--dry-run'], env);
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

describe('the clean fixture on the chosen date', () => {
  it('is quiet in every domain, so every alert or finding below comes from the alteration', async () => {
    const { code, report } = await runJson(['run', '--all', '--date', DATE, '--config', fixture.config, '--fail-on', 'notice']);
    expect(code).toBe(0);
    for (const domain of report.reports) {
      expect(domain.status).toBe('ok');
      expect(domain.alerts).toEqual([]);
      expect(domain.dataQuality).toEqual([]);
    }
  });
});

describe('case 1: a series that started recently is not scored against zeros', () => {
  it('a new endpoint with ten days of traffic is insufficient history, not a +9900 % CRITICAL', async () => {
    // /v1/beta launches ten days before DATE: a copy of /v1/chat's traffic from then on.
    const { config } = await alteredWarehouse([
      `INSERT INTO api_requests SELECT * REPLACE ('/v1/beta' AS endpoint, request_id || '_beta' AS request_id)
       FROM api_requests WHERE endpoint = '/v1/chat' AND dt BETWEEN DATE '${DATE}' - INTERVAL 9 DAY AND DATE '${DATE}'`,
    ]);
    const { report } = await runJson(['api-runtime', '--date', DATE, '--config', config]);
    const [apiRuntime] = report.reports;
    // (The total's requests do rise by the copied traffic: that alert is real.)
    expect(apiRuntime?.alerts.filter((a) => a.series === '/v1/beta')).toEqual([]);
    expect(apiRuntime?.insufficientHistory).toContainEqual(expect.objectContaining({ series: '/v1/beta', metric: 'requests', points: 1 }));
  });

  it('a new enterprise org (rows of zeros from the cross join before it existed) is insufficient history too', async () => {
    // Newco signs ten days before DATE; its users are a copy of Acme Corp's activity since then.
    const { config } = await alteredWarehouse([
      `INSERT INTO enterprise_orgs SELECT 'org_newco', 'Newco', enterprise_type, seats, monthly_token_quota, FALSE FROM enterprise_orgs WHERE org_name = 'Acme Corp'`,
      `INSERT INTO usage_daily SELECT * REPLACE ('org_newco' AS org_id, user_id || '_newco' AS user_id) FROM usage_daily
       WHERE org_id = (SELECT org_id FROM enterprise_orgs WHERE org_name = 'Acme Corp') AND dt BETWEEN DATE '${DATE}' - INTERVAL 9 DAY AND DATE '${DATE}'`,
    ]);
    const { report } = await runJson(['enterprise', '--date', DATE, '--config', config, '--fail-on', 'notice']);
    const [enterprise] = report.reports;
    expect(enterprise?.alerts.filter((a) => a.series === 'Newco')).toEqual([]);
    expect(enterprise?.insufficientHistory).toContainEqual(expect.objectContaining({ series: 'Newco', metric: 'dau' }));
  });
});

describe('case 2: bad values are data-quality findings, never numbers', () => {
  it('one NaN amount: revenue is not scored (no −100 % CRITICAL), the finding names it, the rest is scored', async () => {
    const { config } = await alteredWarehouse([
      `UPDATE subscription_events SET amount_usd = 'NaN'::DOUBLE
       WHERE rowid = (SELECT min(rowid) FROM subscription_events WHERE dt = DATE '${DATE}' AND event_type = 'renewal' AND tier = 'pro' AND NOT is_internal)`,
    ]);
    const critical = await runJson(['revenue', '--date', DATE, '--config', config, '--fail-on', 'critical']);
    expect(critical.code).toBe(0);
    const [revenue] = critical.report.reports;
    expect(revenue?.alerts).toEqual([]);
    expect(revenue?.dataQuality).toContainEqual(
      expect.objectContaining({ domain: 'revenue', date: DATE, series: 'total', metric: 'revenue', problems: expect.arrayContaining([expect.stringMatching(/amount_usd NULL, NaN/)]) }),
    );
    expect(revenue?.dataQuality.map((f) => `${f.series}/${f.metric}`).sort()).toEqual(['pro/refund_amount', 'pro/revenue', 'total/refund_amount', 'total/revenue']);
    // 4 series × 9 metrics, less the four values not scored.
    expect(revenue?.checked).toBe(32);
    // --fail-on counts a data-quality finding like a WARNING.
    expect((await runJson(['revenue', '--date', DATE, '--config', config, '--fail-on', 'warning'])).code).toBe(1);
    const text = await runCliInProcess(['revenue', '--date', DATE, '--config', config, '--dry-run'], fixture.env);
    expect(text.stdout).toMatch(/DATA QUALITY {2}4 values not scored/);
    expect(text.stdout.indexOf('DATA QUALITY')).toBeLessThan(text.stdout.indexOf('Quiet'));
  });

  it('NULL and +Infinity row_cost are findings, not 0 USD; a config can lower the finding to off', async () => {
    const { config } = await alteredWarehouse([
      // The demo schema declares row_cost NOT NULL; a real table need not.
      'ALTER TABLE gpu_cost ALTER COLUMN row_cost DROP NOT NULL',
      `UPDATE gpu_cost SET row_cost = NULL WHERE rowid = (SELECT min(rowid) FROM gpu_cost WHERE dt = DATE '${DATE}' AND vertical = 'api' AND cost_category = 'idle' AND NOT is_internal)`,
      `UPDATE gpu_cost SET row_cost = 'Infinity'::DOUBLE WHERE rowid = (SELECT min(rowid) FROM gpu_cost WHERE dt = DATE '${DATE}' AND vertical = 'studio' AND cost_category = 'inference' AND NOT is_internal)`,
    ]);
    const { code, report } = await runJson(['gpu-cost', '--date', DATE, '--config', config, '--fail-on', 'warning']);
    expect(code).toBe(1);
    const [gpu] = report.reports;
    const flagged = new Set(gpu?.dataQuality.map((f) => `${f.series}/${f.metric}`));
    for (const series of ['api', 'studio']) {
      for (const metric of ['idle_cost', 'inference_cost', 'overhead_cost', 'total_cost_dod']) expect(flagged).toContain(`${series}/${metric}`);
    }
    // Request counts do not read row_cost: still scored.
    expect(flagged).not.toContain('api/request_volume');
    expect(gpu?.alerts).toEqual([]);
    writeFileSync(`${config}.off.yaml`, `embedded:\n  path: ${config.replace(/\.yaml$/, '.duckdb')}\nfindings:\n  dataQuality: 'off'\n`);
    expect((await runJson(['gpu-cost', '--date', DATE, '--config', `${config}.off.yaml`, '--fail-on', 'notice'])).code).toBe(0);
  });

  it('a day loaded twice is a finding per series, not 15 CRITICAL alerts; negative counts are findings', async () => {
    const { config } = await alteredWarehouse([
      `INSERT INTO usage_daily SELECT * FROM usage_daily WHERE dt = DATE '${DATE}'`,
      `UPDATE api_requests SET processing_ms = -5 WHERE rowid = (SELECT min(rowid) FROM api_requests WHERE dt = DATE '${DATE}' AND endpoint = '/v1/chat' AND NOT is_internal)`,
    ]);
    const { code, report } = await runJson(['run', '--all', '--date', DATE, '--config', config, '--fail-on', 'critical']);
    expect(code).toBe(0);
    const usage = report.reports.find((r) => r.domain === 'usage');
    expect(usage?.alerts).toEqual([]);
    expect(usage?.dataQuality).toHaveLength(20);
    expect(usage?.dataQuality[0]?.problems[0]).toMatch(/^\d+ duplicate usage_daily rows for one \(dt, user_id\)/);
    const api = report.reports.find((r) => r.domain === 'api-runtime');
    expect(api?.dataQuality.map((f) => `${f.series}/${f.metric}`).sort()).toEqual([
      '/v1/chat/p50_processing_ms', '/v1/chat/p95_processing_ms', '/v1/chat/p99_processing_ms',
      'total/p50_processing_ms', 'total/p95_processing_ms', 'total/p99_processing_ms',
    ]);
  });
});

describe('case 3: a late pipeline is a finding, and the next run scores the date when it arrives', () => {
  it('three empty domains fail --fail-on; the date is re-checked and reported late once its data is there', async () => {
    const tables = ['usage_daily', 'subscription_events', 'subscriptions_daily', 'api_requests'];
    const { path, config } = await alteredWarehouse(tables.map((t) => `DELETE FROM ${t} WHERE dt >= DATE '${DATE}'`));
    const env = { MONITOR_HOME: join(fixture.dir, 'home-late'), SLACK_WEBHOOK_URL: slack.url(), SLACK_WEBHOOK_ENGINEERING: slack.url('/engineering') };
    const quietDomains = ['usage', 'revenue', 'enterprise', 'api-runtime'];
    slack.received.length = 0;
    const first = await runCliInProcess(['run', '--all', '--date', DATE, '--config', config, '--fail-on', 'warning'], env);
    expect(first.code).toBe(1);
    // Sent to every route of each empty domain: api-runtime's engineering and product routes
    // (product has no webhook here: the default one), the others' routes (all default here).
    const notArrived = slack.received.filter((r) => JSON.stringify(r.body).includes('Data not arrived'));
    expect(notArrived.map((r) => r.path).sort()).toEqual(['/engineering', ...Array(4).fill('/services/T000/B000/XXXX')].sort());
    expect(JSON.stringify(notArrived[0]?.body)).toMatch(/no (usage|revenue|enterprise|api-runtime) rows at all for 2026-03-30/);
    // A re-run the same morning does not post the same news twice.
    const rerun = await runCliInProcess(['run', '--all', '--date', DATE, '--config', config], env);
    expect(rerun.code).toBe(0);
    expect(slack.received.filter((r) => JSON.stringify(r.body).includes('Data not arrived'))).toHaveLength(5);
    expect(first.stdout.split('\n')[0]).toMatch(/DATA NOT ARRIVED: usage, revenue, enterprise, api-runtime/);
    for (const domain of quietDomains) expect(first.stdout).toMatch(new RegExp(`monitor ${domain} · ${DATE} \\(Mon\\) · [^\\n]*\\nDATA NOT ARRIVED {2}no ${domain} rows at all`));

    // The pipeline catches up: DATE and NEXT arrive. The next day's run scores DATE too.
    await restoreDays(path, tables);
    const next = await runCliInProcess(['run', '--all', '--date', NEXT, '--config', config, '--format', 'json'], env);
    const report = JSON.parse(next.stdout) as JsonReport;
    for (const domain of quietDomains) {
      const late = report.reports.find((r) => r.domain === domain && r.date === DATE);
      expect(late).toMatchObject({ status: 'ok', arrivedLate: { missingAt: expect.any(String) } });
    }
    // Re-checked once: the run after does not report DATE again.
    expect(slack.received.some((r) => JSON.stringify(r.body).includes('Late data: no rows for 2026-03-30'))).toBe(true);
    const again = await runCliInProcess(['run', '--all', '--date', NEXT, '--config', config, '--format', 'json'], env);
    expect((JSON.parse(again.stdout) as JsonReport).reports.filter((r) => r.date === DATE)).toEqual([]);
  });

  it('a date before the data starts stays quiet: not a finding, exit 0', async () => {
    const result = await runCliInProcess(['usage', '--date', '2025-06-01', '--config', fixture.config, '--fail-on', 'notice', '--dry-run'], fixture.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/DATA_MISSING {2}no usage data for 2025-06-01 nor before it/);
  });

  async function restoreDays(path: string, tables: readonly string[]): Promise<void> {
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run(`ATTACH '${join(fixture.dir, 'fixture.duckdb')}' AS clean (READ_ONLY)`);
    for (const table of tables) await connection.run(`INSERT INTO ${table} SELECT * FROM clean.${table} WHERE dt >= DATE '${DATE}'`);
    connection.closeSync();
    instance.closeSync();
  }
});

describe('case 3b: a state that cannot be read ends the run before anything is sent', () => {
  // The late dates are read from the state while the first query runs (run-domains.ts);
  // a read that fails must still end the whole run, not become one failed domain each.
  it('run --all: one line, exit 3, no report on stdout, nothing posted', async () => {
    const home = join(fixture.dir, 'home-damaged');
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'state.duckdb'), 'not a database\n');
    slack.received.length = 0;
    // NEXT has a CRITICAL (usage), so a run that went on would post it.
    const result = await runCliInProcess(['run', '--all', '--date', NEXT, '--config', fixture.config], { MONITOR_HOME: home, SLACK_WEBHOOK_URL: slack.url() });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^monitor: error: cannot open the state file .*state\.duckdb: .*not a valid DuckDB database file.*\(hint: /)]);
    expect(slack.received).toEqual([]);
  });
});

describe('case 8: config for a series only the data knows is checked at run time', () => {
  it('a misspelt org under domains.enterprise.series warns on stderr with "did you mean"', async () => {
    const config = join(fixture.dir, 'typo.yaml');
    writeFileSync(config, `embedded:\n  path: ${join(fixture.dir, 'fixture.duckdb')}\ndomains:\n  enterprise:\n    series:\n      "Acme Corps": { weekdaysOnly: true }\n`);
    const result = await runCliInProcess(['enterprise', '--date', DATE, '--config', config, '--dry-run'], fixture.env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning: config domains.enterprise.series."Acme Corps": no such series in the data for 2026-03-30 (did you mean "Acme Corp"?)');
  });
});

describe('case 9 and 10: silenced alerts and resolved series are visible in the report', () => {
  it('a silenced alert is printed as silenced (text and JSON), never posted, and does not fail --fail-on', async () => {
    const env = { MONITOR_HOME: join(fixture.dir, 'home-silence'), SLACK_WEBHOOK_URL: slack.url() };
    const added = await runCliInProcess(['silence', 'add', '--match', 'domain=usage,series=free', '--until', '2026-12-20', '--reason', 'viral campaign, known', '--config', fixture.config], env);
    expect(added.code).toBe(0);
    const id = /silence (\w+) added/.exec(added.stdout)?.[1];
    slack.received.length = 0;
    const text = await runCliInProcess(['usage', '--date', NEXT, '--config', fixture.config, '--fail-on', 'critical'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/1 alert: 1 CRITICAL \(1 silenced\)/);
    expect(text.stdout).toContain(`⨯ silenced until 2026-12-20 (${id}: viral campaign, known): not sent`);
    expect(slack.received).toEqual([]);
    const json = JSON.parse((await runCliInProcess(['usage', '--date', NEXT, '--config', fixture.config, '--format', 'json', '--resend'], env)).stdout);
    expect(json.reports[0].alerts[0].silenced).toEqual({ id, until: '2026-12-20', reason: 'viral campaign, known' });
    expect(slack.received).toEqual([]);
  });

  it('the text report has the Resolved section the Slack digest has', async () => {
    const outage = fixture.anomalies.find((a) => a.domain === 'usage' && a.series === 'free' && a.metric === 'dau');
    if (outage === undefined) throw new Error('the generator no longer injects the free-tier login outage');
    const dayAfter = new Date(Date.parse(`${outage.start}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const result = await runCliInProcess(['usage', '--date', dayAfter, '--config', fixture.config, '--dry-run'], fixture.env);
    expect(result.stdout).toContain(`Resolved (as in the Slack digest):\n  ✅ Free · DAU back to normal (alerting since ${outage.start})`);
    // The free-tier video NOTICE of that day was never posted (slack.minSeverity), so it does not "resolve".
    expect(result.stdout).not.toContain('Video generations back to normal');
  });
});

describe('case 6: a report that cannot be written does not lose the alert', () => {
  it('stdout on a full disk: the digest is posted anyway, one line on stderr, exit 5 (not 1)', async () => {
    const env = { MONITOR_HOME: join(fixture.dir, 'home-full'), SLACK_WEBHOOK_URL: slack.url() };
    const anomaly = fixture.anomalies.find((a) => a.domain === 'usage' && a.start === NEXT);
    if (anomaly === undefined) throw new Error('the generator no longer puts a usage anomaly on the last day');
    slack.received.length = 0;
    const result = await runCliWithStdout(['usage', '--date', NEXT, '--config', fixture.config, '--fail-on', 'critical'], env, '/dev/full');
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/^monitor: error: could not write the report to stdout \(ENOSPC\)/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(slack.received.filter((r) => r.outcome === 'ok')).toHaveLength(1);
  });
});

/** The built CLI with stdout on a file such as /dev/full (ENOSPC on every write), as `monitor usage >/dev/full`. */
function runCliWithStdout(args: readonly string[], env: Record<string, string>, stdoutPath: string): Promise<{ code: number | null; stderr: string }> {
  const fd = openSync(stdoutPath, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('../../bin/monitor.js', import.meta.url)), ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
      stdio: ['ignore', fd, 'pipe'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      closeSync(fd);
      resolve({ code, stderr });
    });
  });
}
