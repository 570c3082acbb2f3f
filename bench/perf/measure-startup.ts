/**
 * Start-up: `monitor --version` and `monitor --help` (spawned, as a user types them)
 * against bare `node -e 0` in the same rounds. The goal is absolute (≤ 0.25 s of wall
 * time); the floor says how much of it is node's own.
 */
import { BIN, row, type Measure, type ResultRow } from './bench-context.js';
import { formatDuration, formatKb, formatRatio, formatSummary } from './markdown-table.js';
import { pairedRatios, summarize } from './summary-stats.js';
import { rotatedRounds } from './time-budget.js';

export const STARTUP_GOAL_MS = 250;
const STARTUP_BUDGET_S = 20;

export const startupMeasure: Measure = {
  name: 'startup',
  description: 'monitor --version / --help vs node -e 0',
  budgetSeconds: STARTUP_BUDGET_S,
  method: '**start-up**: `node bin/monitor.js --version` and `--help`, spawned, against bare `node -e 0` in the same rounds; the goal is absolute wall time.',
  async run(context) {
    const tasks = [
      { label: 'floor: node -e 0', args: ['-e', '0'] },
      { label: 'start-up: monitor --version', args: [BIN, '--version'] },
      { label: 'start-up: monitor --help', args: [BIN, '--help'] },
    ];
    const samples = await rotatedRounds(
      context.budget,
      tasks.map((task) => () => context.node(task.args, { captureStdout: true })),
      { seconds: STARTUP_BUDGET_S, min: 5, max: 20 },
    );
    const wall = samples.map((runs) => runs.map((run) => run.wallMs));
    const rss = samples.map((runs) => runs.map((run) => run.maxRssKb));
    const floor = wall[0] as number[];
    const floorSummary = summarize(floor);
    return tasks.map((task, i): ResultRow => {
      const time = summarize(wall[i] as number[]);
      const peakRss = formatKb(summarize(rss[i] as number[]).median);
      if (i === 0) return row({ measure: task.label, value: formatSummary(time, formatDuration), peakRss });
      const ratio = summarize(pairedRatios(wall[i] as number[], floor));
      return row({
        measure: task.label,
        value: formatSummary(time, formatDuration),
        floor: 'node -e 0',
        ratio: formatSummary(ratio, formatRatio),
        goal: `≤ ${STARTUP_GOAL_MS / 1000} s`,
        met: time.median <= STARTUP_GOAL_MS ? 'yes' : 'no',
        peakRss,
        notes: `${formatDuration(time.median - floorSummary.median)} over bare node`,
      });
    });
  },
};
