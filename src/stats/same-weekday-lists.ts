/**
 * The days a baseline may use, one list per weekday, filled in date order by a forward
 * pass: each day's value, its index, and which of them were outliers. A day's same-weekday
 * baseline is then a slice of its weekday's list, read in place, instead of a gather of
 * every seventh day per day. The slice holds the same values in the same order as the
 * gather did, so μ and σ are bit for bit the same. WHY: at 52 weeks the gather (52 reads
 * from three arrays per day, for about 800 days of a window) was the largest part of
 * building a model (bench/perf/before-after.md item 20).
 *
 * Weekday = index mod 7: only which days share a weekday matters, not which weekday it is.
 */
export class SameWeekdayLists {
  /** Each weekday's values, at weekday · segment + k for its k-th day. */
  readonly values: Float64Array;
  /** The index of each listed day, at the same positions. */
  readonly days: Int32Array;
  /** Positions (in values) of the listed days that were outliers, per weekday, in date order. */
  private readonly outliers: Int32Array;
  private readonly segment: number;
  /** Per weekday: the end of its list, the first position a slice can still read, and the same for its outliers. */
  private readonly ends = new Int32Array(7);
  private readonly starts = new Int32Array(7);
  private readonly outlierEnds = new Int32Array(7);
  private readonly outlierStarts = new Int32Array(7);

  /** Where the last select's slice starts in values, and its outliers in outlierAt's numbering. */
  from = 0;
  private outlierFrom = 0;
  outlierCount = 0;

  constructor(size: number) {
    this.segment = Math.ceil(size / 7);
    this.values = new Float64Array(7 * this.segment);
    const indices = new Int32Array(14 * this.segment);
    this.days = indices.subarray(0, 7 * this.segment);
    this.outliers = indices.subarray(7 * this.segment);
    for (let weekday = 0; weekday < 7; weekday++) {
      this.ends[weekday] = this.starts[weekday] = weekday * this.segment;
      this.outlierEnds[weekday] = this.outlierStarts[weekday] = weekday * this.segment;
    }
  }

  /** Lists day `index` (after every earlier day of its weekday) with its value. */
  append(index: number, value: number, outlier: boolean): void {
    const weekday = index % 7;
    const at = this.ends[weekday]!;
    this.values[at] = value;
    this.days[at] = index;
    this.ends[weekday] = at + 1;
    if (outlier) this.outliers[this.outlierEnds[weekday]!++] = at;
  }

  /**
   * The listed days of `index`'s weekday from `oldest` on (all listed days are before
   * `index`): sets `from` and the slice's outliers, returns how many days. Slices of one
   * weekday must be asked for in date order: each starts where the last one did.
   */
  select(index: number, oldest: number): number {
    const weekday = index % 7;
    const end = this.ends[weekday]!;
    let from = this.starts[weekday]!;
    while (from < end && this.days[from]! < oldest) from++;
    this.starts[weekday] = from;
    this.from = from;
    const outlierEnd = this.outlierEnds[weekday]!;
    let outlierFrom = this.outlierStarts[weekday]!;
    while (outlierFrom < outlierEnd && this.outliers[outlierFrom]! < from) outlierFrom++;
    this.outlierStarts[weekday] = outlierFrom;
    this.outlierFrom = outlierFrom;
    this.outlierCount = outlierEnd - outlierFrom;
    return end - from;
  }

  /** The position in values of the last slice's k-th outlier (k < outlierCount), in date order. */
  outlierAt(k: number): number {
    return this.outliers[this.outlierFrom + k]!;
  }
}
