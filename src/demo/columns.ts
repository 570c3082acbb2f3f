type TypedArray = Int32Array | Float64Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

/**
 * An append-only typed-array column. Generators emit rows into these rather than into
 * objects: a million rows then cost a few megabytes and no garbage collection.
 */
export class GrowableColumn<T extends TypedArray> {
  private data: T;
  private size = 0;

  constructor(private readonly make: TypedArrayConstructor<T>, initialCapacity = 1024) {
    this.data = new make(Math.max(16, initialCapacity));
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) this.grow();
    this.data[this.size++] = value;
  }

  get(index: number): number {
    return this.data[index] ?? 0;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** The filled part, without copying. */
  values(): T {
    return this.data.subarray(0, this.size) as T;
  }

  private grow(): void {
    const bigger = new this.make(this.data.length * 2);
    (bigger as { set(source: ArrayLike<number>): void }).set(this.data);
    this.data = bigger;
  }
}

export const intColumn = (capacity?: number) => new GrowableColumn(Int32Array, capacity);
export const floatColumn = (capacity?: number) => new GrowableColumn(Float64Array, capacity);
export const flagColumn = (capacity?: number) => new GrowableColumn(Uint8Array, capacity);
