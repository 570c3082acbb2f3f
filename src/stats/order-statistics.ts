/**
 * Means, σ and medians over typed-array slices without allocating, for the detector's
 * inner loops (DayModel). Each gives bit-for-bit the value simple-statistics gives for
 * the same numbers in the same order (the detector's results did not move when these
 * replaced it; test/stats/order-statistics.test.ts checks it), at a fraction of the
 * cost: no array copies, no quickselect per call. WHY: a backtest scores every
 * series × metric × day, and the copies and selections were most of its time
 * (BENCHMARKS.md, "Stats core").
 */

/** simple-statistics `mean`: the Kahan–Babuška compensated sum over n. n ≥ 1. */
export function compensatedMean(values: Float64Array, n: number): number {
  let sum = values[0]!;
  let correction = 0;
  for (let i = 1; i < n; i++) {
    const x = values[i]!;
    const transition = sum + x;
    correction += Math.abs(sum) >= Math.abs(x) ? sum - transition + x : x - transition + sum;
    sum = transition;
  }
  return (sum + correction) / n;
}

/** simple-statistics `sampleStandardDeviation` for values with this mean (n ≥ 2). */
export function sampleSd(values: Float64Array, n: number, mean: number): number {
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const deviation = values[i]! - mean;
    squares += deviation * deviation;
  }
  return Math.sqrt(squares / (n - 1));
}

/**
 * The median (simple-statistics' type-7 quantile at ½) of the first n values, sorting them
 * in place: the caller passes a scratch buffer. Insertion sort: n is at most a few dozen.
 */
export function medianInPlace(values: Float64Array, n: number): number {
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
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at + 1, at, this.size);
    this.sorted[at] = value;
    this.size++;
  }

  /** Removes one copy of a value that was added (the window's own bookkeeping guarantees it). */
  remove(value: number): void {
    const at = this.lowerBound(value);
    if (at >= this.size || this.sorted[at] !== value) throw new Error(`SortedWindow.remove: ${value} is not in the window`);
    this.sorted.copyWithin(at, at + 1, this.size);
    this.size--;
  }

  /** Non-empty windows only. */
  median(): number {
    return sortedMedian(this.sorted, this.size);
  }

  /** The median of |x − centre| over the window, as simple-statistics' median of those distances. */
  medianDistance(centre: number): number {
    const n = this.size;
    const lowerRank = (n - 1) >> 1;
    const upperRank = n % 2 === 1 ? lowerRank : lowerRank + 1;
    // Two cursors walk outwards from the centre; each step takes the nearer value.
    let left = this.lowerBound(centre) - 1;
    let right = left + 1;
    let lower = 0;
    for (let rank = 0; rank <= upperRank; rank++) {
      const leftDistance = left >= 0 ? Math.abs(this.sorted[left]! - centre) : Number.POSITIVE_INFINITY;
      const rightDistance = right < n ? Math.abs(this.sorted[right]! - centre) : Number.POSITIVE_INFINITY;
      let distance: number;
      if (leftDistance <= rightDistance) {
        distance = leftDistance;
        left--;
      } else {
        distance = rightDistance;
        right++;
      }
      if (rank === lowerRank) lower = distance;
      if (rank === upperRank) return rank === lowerRank ? distance : lower + 0.5 * (distance - lower);
    }
    return lower;
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
