/**
 * The run must finish in minutes whatever the speed of the code measured (it is being
 * made faster while this harness is written) and of the machine: each measure times one
 * warm-up repetition, then runs as many as fit in its time budget, within bounds.
 */

/** How many repetitions of something that took `oneMs` fit in `budgetMs`, clamped to [min, max]. */
export function fitRepetitions(oneMs: number, budgetMs: number, min: number, max: number): number {
  if (!(Number.isInteger(min) && Number.isInteger(max) && 1 <= min && min <= max)) throw new RangeError(`fitRepetitions: need 1 ≤ min ≤ max, got ${min} and ${max}`);
  if (!(oneMs > 0)) return max;
  return Math.min(max, Math.max(min, Math.floor(budgetMs / oneMs)));
}

/**
 * Indices 0 … n−1 in an order whose every prefix is spread over the whole range (first,
 * last, middle, quarters, …: a van der Corput sequence), so a sample cut short by the time
 * budget still covers the range.
 */
export function spreadOrder(n: number): number[] {
  if (n <= 0) return [];
  if (n === 1) return [0];
  const order: number[] = [0, n - 1];
  const seen = new Set(order);
  for (let i = 1; seen.size < n; i += 1) {
    let x = 0;
    for (let bit = 0.5, k = i; k > 0; bit /= 2, k >>= 1) if (k & 1) x += bit;
    const index = Math.round(x * (n - 1));
    if (!seen.has(index)) {
      seen.add(index);
      order.push(index);
    }
  }
  return order;
}

/**
 * The run's time: each measure has a nominal budget (in seconds, for a full run; a third
 * with --quick) and the whole run a deadline. A measure's budget shrinks when the run is
 * late, keeping what the measures after it need (`reserveMs`). Minimum repetitions are
 * kept whatever the clock says: a figure needs them.
 */
export class RunBudget {
  /** The nominal budgets of the measures still to come, set by the harness before each measure. */
  reserveMs = 0;

  constructor(
    private readonly deadline: number,
    private readonly quick: boolean,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Milliseconds for a part of a measure nominally `seconds` long. */
  budgetMs(seconds: number): number {
    const nominal = this.nominalMs(seconds);
    return Math.max(0, Math.min(nominal, this.deadline - this.now() - this.reserveMs));
  }

  nominalMs(seconds: number): number {
    return (seconds * 1000) / (this.quick ? 3 : 1);
  }

  /** Repetitions of something that took `oneMs` that fit `seconds`; --quick halves min and thirds max. */
  fit(oneMs: number, seconds: number, min: number, max: number): number {
    const low = this.quick ? Math.max(1, Math.ceil(min / 2)) : min;
    const high = this.quick ? Math.max(low, Math.ceil(max / 3)) : Math.max(low, max);
    return fitRepetitions(oneMs, this.budgetMs(seconds), low, high);
  }
}

/**
 * Runs every task once (a warm-up: page cache, JIT, first-run files; not counted, but it
 * sizes the rest), then as many rounds of all of them as fit `seconds` within [min, max].
 * Round r starts at task r, so no task always runs right after the same other one, and a
 * ratio can pair each figure with its floor from the same round. Returns each task's
 * samples, in task order.
 */
export async function rotatedRounds<T>(
  budget: RunBudget,
  tasks: readonly (() => Promise<T>)[],
  limits: { readonly seconds: number; readonly min: number; readonly max: number },
  log?: (line: string) => void,
): Promise<T[][]> {
  const warmUp = performance.now();
  for (const task of tasks) await task();
  const rounds = budget.fit(performance.now() - warmUp, limits.seconds, limits.min, limits.max);
  const samples: T[][] = tasks.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    log?.(`  round ${round + 1}/${rounds}`);
    for (let k = 0; k < tasks.length; k += 1) {
      const i = (round + k) % tasks.length;
      (samples[i] as T[]).push(await (tasks[i] as () => Promise<T>)());
    }
  }
  return samples;
}
