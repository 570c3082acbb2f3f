/**
 * Means, σ and medians over typed-array slices without allocating, for the detector's
 * inner loops (DayModel). Each gives bit-for-bit the value simple-statistics gives for
 * the same numbers in the same order (the detector's results did not move when these
 * replaced it; test/stats/order-statistics.test.ts checks it), at a fraction of the
 * cost: no array copies, no quickselect per call. WHY: a backtest scores every
 * series × metric × day, and the copies and selections were most of its time
 * (BENCHMARKS.md, "Stats core").
 */

/**
 * μ and sample σ of the n values from values[from] on into out[0] and out[1]:
 * simple-statistics `mean` (the Kahan–Babuška compensated sum over n) and
 * `sampleStandardDeviation`, bit for bit; 0 and 0 for no values. A constant set gets
 * μ = its value and σ = 0 exactly: a summed mean can be an ulp off, and a flat series
 * repeating its value must score z = 0, not a rounding residue. Sample σ (n − 1): with
 * 4–10 points the population formula would understate σ by 5–13 % and over-alert. The
 * constancy test rides on the sum's pass: at 52 weeks a pass of its own was measurable.
 */
export function momentsInto(out: Float64Array, values: Float64Array, from: number, n: number): void {
  if (n === 0) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  const end = from + n;
  const first = values[from]!;
  let sum = first;
  let correction = 0;
  let constant = true;
  for (let i = from + 1; i < end; i++) {
    const x = values[i]!;
    if (x !== first) constant = false;
    const transition = sum + x;
    correction += Math.abs(sum) >= Math.abs(x) ? sum - transition + x : x - transition + sum;
    sum = transition;
  }
  if (constant) {
    out[0] = first;
    out[1] = 0;
    return;
  }
  const mean = (sum + correction) / n;
  let squares = 0;
  for (let i = from; i < end; i++) {
    const deviation = values[i]! - mean;
    squares += deviation * deviation;
  }
  out[0] = mean;
  out[1] = Math.sqrt(squares / (n - 1));
}

/**
 * The median (simple-statistics' type-7 quantile at ½) of the first n values, sorting them
 * in place: the caller passes a scratch buffer. Insertion sort: n is at most a few dozen.
 * Five values (a full recent level, the detector's commonest median) take a fixed
 * six-comparison selection instead; the result is the same value.
 */
export function medianInPlace(values: Float64Array, n: number): number {
  if (n === 5) return medianOfFive(values[0]!, values[1]!, values[2]!, values[3]!, values[4]!);
  for (let i = 1; i < n; i++) {
    const x = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > x) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = x;
  }
  return sortedMedian(values, n);
}

/**
 * The third smallest of five. With a ≤ b and c ≤ d, the smaller of a and c has three
 * values at or above it, so it sits first or second of five and the median is the second
 * smallest of the other four; the same step on those four leaves the answer as a minimum
 * of two. Only comparisons: the value returned is one of the five, exactly.
 */
function medianOfFive(a: number, b: number, c: number, d: number, e: number): number {
  // Plain temporaries, not destructuring swaps: this runs for every day of every series.
  let t: number;
  if (a > b) {
    t = a;
    a = b;
    b = t;
  }
  if (c > d) {
    t = c;
    c = d;
    d = t;
  }
  // Drop min(a, c); keep the other pair (p ≤ q) and the dropped one's partner r, with e.
  const aFirst = a <= c;
  const p = aFirst ? c : a;
  const q = aFirst ? d : b;
  let r = aFirst ? b : d;
  if (r > e) {
    t = r;
    r = e;
    e = t;
  }
  // Second smallest of p ≤ q and r ≤ e: drop the smaller minimum, then the least left.
  return p <= r ? Math.min(q, r) : Math.min(p, e);
}

function sortedMedian(sorted: Float64Array, n: number): number {
  const lower = (n - 1) >> 1;
  if (n % 2 === 1) return sorted[lower]!;
  return sorted[lower]! + 0.5 * (sorted[lower + 1]! - sorted[lower]!);
}

/**
 * A multiset of numbers kept sorted, for a window that slides one day at a time: adding
 * and removing cost a binary search and a short copy, the median is read off, and the
 * median absolute deviation is a merge of the two sides of the median (both already
 * sorted by distance), not a sort per day.
 */
export class SortedWindow {
  private readonly sorted: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.sorted = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  add(value: number): void {
    const sorted = this.sorted;
    // Shifted by hand: copyWithin's call costs more than moving a few dozen numbers.
    let at = this.size;
    while (at > 0 && sorted[at - 1]! >= value) {
      sorted[at] = sorted[at - 1]!;
      at--;
    }
    sorted[at] = value;
    this.size++;
  }

  /** Removes one copy of a value that was added (the window's own bookkeeping guarantees it). */
  remove(value: number): void {
    const at = this.lowerBound(value);
    if (at >= this.size || this.sorted[at] !== value) throw new Error(`SortedWindow.remove: ${value} is not in the window`);
    const sorted = this.sorted;
    for (let i = at + 1; i < this.size; i++) sorted[i - 1] = sorted[i]!;
    this.size--;
  }

  /**
   * remove(leaving) then add(entering) in one move: only the values between the two
   * positions shift (a third of the window on average, instead of all of it twice).
   */
  replace(leaving: number, entering: number): void {
    const sorted = this.sorted;
    let at = this.lowerBound(leaving);
    if (at >= this.size || sorted[at] !== leaving) throw new Error(`SortedWindow.replace: ${leaving} is not in the window`);
    if (entering > leaving) {
      while (at + 1 < this.size && sorted[at + 1]! < entering) {
        sorted[at] = sorted[at + 1]!;
        at++;
      }
    } else {
      while (at > 0 && sorted[at - 1]! > entering) {
        sorted[at] = sorted[at - 1]!;
        at--;
      }
    }
    sorted[at] = entering;
  }

  /** Non-empty windows only. */
  median(): number {
    return sortedMedian(this.sorted, this.size);
  }

  /**
   * The median of |x − centre| over the window, as simple-statistics' median of those
   * distances. The distances to the left of the centre and those to its right are each
   * already sorted (outwards), so the ranks needed are a selection from two sorted
   * sequences: a binary search over how many come from the left, O(log n) per day
   * instead of a walk over half the window.
   */
  medianDistance(centre: number): number {
    const n = this.size;
    const lowerRank = (n - 1) >> 1;
    const left = this.lowerBound(centre) - 1; // distances leftwards: centre − sorted[left − t]
    const right = left + 1; // rightwards: sorted[right + t] − centre
    const leftCount = left + 1;
    const rightCount = n - right;
    const sorted = this.sorted;
    // Take k = lowerRank + 1 smallest: the fewest from the left such that the next left
    // distance is not below the last one taken from the right. Math.abs, as the distances
    // were always computed: x − c and c − x are exact negations. (Written out rather than
    // through helper closures: this runs once per scored day.)
    const k = lowerRank + 1;
    let low = Math.max(0, k - rightCount);
    let high = Math.min(leftCount, k);
    while (low < high) {
      const mid = (low + high) >> 1;
      // mid < leftCount and 0 ≤ k − mid − 1 < rightCount inside the search.
      if (Math.abs(sorted[left - mid]! - centre) < Math.abs(sorted[right + k - mid - 1]! - centre)) low = mid + 1;
      else high = mid;
    }
    const fromRight = k - low;
    const lastLeft = low > 0 ? Math.abs(sorted[left - low + 1]! - centre) : Number.NEGATIVE_INFINITY;
    const lastRight = fromRight > 0 ? Math.abs(sorted[right + fromRight - 1]! - centre) : Number.NEGATIVE_INFINITY;
    const lower = Math.max(lastLeft, lastRight);
    if (n % 2 === 1) return lower;
    const nextLeft = low < leftCount ? Math.abs(sorted[left - low]! - centre) : Number.POSITIVE_INFINITY;
    const nextRight = fromRight < rightCount ? Math.abs(sorted[right + fromRight]! - centre) : Number.POSITIVE_INFINITY;
    const upper = Math.min(nextLeft, nextRight);
    return lower + 0.5 * (upper - lower);
  }

  /** The first position whose value is ≥ `value`. */
  private lowerBound(value: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.sorted[mid]! < value) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
