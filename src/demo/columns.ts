type TypedArray = Int32Array | Float64Array | Uint8Array;

/**
 * An append-only typed-array column. Generators emit rows into these rather than into
 * objects: a million rows then cost a few megabytes and no garbage collection.
 */
export interface GrowableColumn<T extends TypedArray> {
  readonly length: number;
  push(value: number): void;
  get(index: number): number;
  set(index: number, value: number): void;
  /** The filled part, without copying. */
  values(): T;
  /** Empties the column and keeps its memory, for the next batch of rows. */
  clear(): void;
}

/**
 * One class per element type, deliberately written out three times: each push() then
 * only ever sees one kind of typed array, so V8 inlines it into the generators' loops
 * as a plain store. (One class shared by all three made every push a polymorphic call
 * that boxed its argument; a class factory would still share one feedback vector.)
 */
class IntColumn implements GrowableColumn<Int32Array> {
  private data: Int32Array;
  private size = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Int32Array(Math.max(16, initialCapacity));
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) this.data = grown(this.data, new Int32Array(this.data.length * 2));
    this.data[this.size++] = value;
  }

  get(index: number): number {
    return this.data[index] ?? 0;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  values(): Int32Array {
    return this.data.subarray(0, this.size);
  }

  clear(): void {
    this.size = 0;
  }
}

class FloatColumn implements GrowableColumn<Float64Array> {
  private data: Float64Array;
  private size = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(16, initialCapacity));
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) this.data = grown(this.data, new Float64Array(this.data.length * 2));
    this.data[this.size++] = value;
  }

  get(index: number): number {
    return this.data[index] ?? 0;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  values(): Float64Array {
    return this.data.subarray(0, this.size);
  }

  clear(): void {
    this.size = 0;
  }
}

class FlagColumn implements GrowableColumn<Uint8Array> {
  private data: Uint8Array;
  private size = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Uint8Array(Math.max(16, initialCapacity));
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) this.data = grown(this.data, new Uint8Array(this.data.length * 2));
    this.data[this.size++] = value;
  }

  get(index: number): number {
    return this.data[index] ?? 0;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  values(): Uint8Array {
    return this.data.subarray(0, this.size);
  }

  clear(): void {
    this.size = 0;
  }
}

function grown<T extends TypedArray>(data: T, bigger: T): T {
  (bigger as { set(source: ArrayLike<number>): void }).set(data);
  return bigger;
}

export const intColumn = (capacity?: number) => new IntColumn(capacity);
export const floatColumn = (capacity?: number) => new FloatColumn(capacity);
export const flagColumn = (capacity?: number) => new FlagColumn(capacity);

/**
 * DuckDB stores a table in row groups of 122,880 rows. An INSERT of whole row groups is
 * compressed and written as it runs; one that leaves a row group part-full makes the
 * next CHECKPOINT merge and rewrite them (measured: an extra ~2 s for usage_daily).
 * Batches handed to the writer are therefore a multiple of it.
 */
export const DUCKDB_ROW_GROUP_ROWS = 122_880;

/** Rows per batch of the big tables: two row groups. */
export const BATCH_ROWS = 2 * DUCKDB_ROW_GROUP_ROWS;

/** A reusable buffer of typed-array columns with `length` rows filled. */
export interface RowBuffer {
  length: number;
}

/**
 * Yields `rows` cut to exactly `batchRows` rows as long as it holds that many, moving
 * what is left over to the front after each batch has been used. The final, shorter
 * batch is the caller's to yield.
 */
export function* fullBatches<T extends RowBuffer>(rows: T, columns: readonly (Int32Array | Uint8Array)[], batchRows: number): Generator<T, void, undefined> {
  while (rows.length >= batchRows) {
    const filled = rows.length;
    rows.length = batchRows;
    yield rows;
    for (const column of columns) column.copyWithin(0, batchRows, filled);
    rows.length = filled - batchRows;
  }
}
