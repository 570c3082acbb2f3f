/**
 * Several small codes (day index, tier, org, flags…) packed into one INTEGER column for
 * staging. Appending to DuckDB costs per value, not per byte: staging usage_daily as
 * five columns instead of eight, and api_requests as six instead of thirteen, roughly
 * halves the appender's work. SQL unpacks the fields with shifts and masks.
 */

export interface PackedField {
  name: string;
  bits: number;
  /** Added before packing so that small negative codes (−1 for none) fit: stored = value + bias. */
  bias?: number;
}

export class PackedLayout {
  private readonly shifts: number[] = [];

  constructor(
    /** Name of the packed column in the staging table. */
    readonly column: string,
    readonly fields: readonly PackedField[],
  ) {
    let shift = 0;
    for (const field of fields) {
      this.shifts.push(shift);
      shift += field.bits;
    }
    if (shift > 31) throw new RangeError(`${column}: ${shift} bits do not fit a non-negative INTEGER`);
  }

  /** `SELECT` list that unpacks every field under its own name (plus `rest`, the other staged columns). */
  unpackSql(rest: readonly string[]): string {
    const fields = this.fields.map((field, i) => {
      const value = `((${this.column} >> ${this.shifts[i] ?? 0}) & ${2 ** field.bits - 1})`;
      return `${field.bias ? `${value} - ${field.bias}` : value} AS ${field.name}`;
    });
    return [...fields, ...rest].join(', ');
  }

  /**
   * Packs rows 0 … n−1 of the given columns (in field order) into `out`. Throws if a value
   * does not fit its field: a generator change that outgrows a layout must not corrupt data.
   */
  pack(values: readonly ArrayLike<number>[], n: number, out: Int32Array): Int32Array {
    const packed = out.subarray(0, n);
    packed.fill(0);
    this.fields.forEach((field, i) => {
      const column = values[i];
      if (column === undefined) throw new RangeError(`${this.column}: no values for ${field.name}`);
      const shift = this.shifts[i] ?? 0;
      const bias = field.bias ?? 0;
      const limit = 2 ** field.bits;
      for (let row = 0; row < n; row++) {
        const stored = (column[row] ?? 0) + bias;
        if (!(stored >= 0 && stored < limit)) throw new RangeError(`${this.column}.${field.name}: ${stored - bias} does not fit ${field.bits} bits`);
        packed[row] = (packed[row] ?? 0) | (stored << shift);
      }
    });
    return packed;
  }
}
