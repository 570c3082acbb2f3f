import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

const TWO_POW_32 = 4_294_967_296;

/**
 * Seed of an independent random stream: one per domain, so that changing how one
 * domain draws numbers never shifts the data of another.
 */
export function streamSeed(seed: number, stream: string): number {
  // FNV-1a over the stream name, folded with both 32-bit halves of the seed.
  let hash = 0x811c9dc5 ^ (seed | 0);
  hash = Math.imul(hash ^ Math.floor(seed / TWO_POW_32), 0x01000193);
  for (let i = 0; i < stream.length; i++) {
    hash = Math.imul(hash ^ stream.charCodeAt(i), 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so that similar names give unrelated seeds.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) | 0;
}

/** Raw outputs drawn ahead at a time; see Rng.next(). */
const POOL_SIZE = 256;

/**
 * A seeded, mutable random source with the distributions the generator needs.
 * Only pure-rand and V8's own Math functions are used, so every machine draws the
 * same numbers; nothing here reads the clock or Math.random.
 */
export class Rng {
  private readonly generator: ReturnType<typeof xoroshiro128plus>;
  /**
   * pure-rand's outputs, drawn POOL_SIZE at a time and handed out in order (the stream
   * is the same): next() and float() stay small enough for V8 to inline into the
   * generators' loops. Tens of millions of numbers are drawn per warehouse.
   */
  private readonly pool = new Int32Array(POOL_SIZE);
  private used = POOL_SIZE;
  /** Box–Muller makes normals in pairs; the second waits here while hasSpare is set. */
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number, stream: string) {
    this.generator = xoroshiro128plus(streamSeed(seed, stream));
  }

  /** The next raw 32-bit output, as a signed integer. */
  next(): number {
    if (this.used === POOL_SIZE) this.refill();
    return this.pool[this.used++] ?? 0;
  }

  private refill(): void {
    const generator = this.generator;
    for (let i = 0; i < POOL_SIZE; i++) this.pool[i] = generator.next();
    this.used = 0;
  }

  /** Uniform in (0, 1): never exactly 0, so log() is always finite. */
  float(): number {
    return ((this.next() >>> 0) + 0.5) / TWO_POW_32;
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.float();
  }

  /** Integer in [low, high], both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.float() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  /** Standard normal by Box–Muller; the second value of each pair is kept for the next call. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const radius = Math.sqrt(-2 * Math.log(this.float()));
    const angle = 2 * Math.PI * this.float();
    this.spare = radius * Math.sin(angle);
    this.hasSpare = true;
    return radius * Math.cos(angle);
  }

  /** Log-normal with the given median and log-scale sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A multiplicative noise factor with median 1 (day-level wobble of a series). */
  wobble(sigma: number): number {
    return Math.exp(sigma * this.normal());
  }

  /** Poisson count: exact inversion for small means, a rounded normal beyond. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    let probability = Math.exp(-mean);
    let cumulative = probability;
    const u = this.float();
    let k = 0;
    while (u > cumulative && k < 200) {
      k++;
      probability *= mean / k;
      cumulative += probability;
    }
    return k;
  }

  /** Binomial count; large counts use the normal approximation, rare events Poisson. */
  binomial(trials: number, probability: number): number {
    if (trials <= 0 || probability <= 0) return 0;
    if (probability >= 1) return trials;
    const mean = trials * probability;
    if (trials < 30) {
      let hits = 0;
      for (let i = 0; i < trials; i++) if (this.float() < probability) hits++;
      return hits;
    }
    if (mean < 20 && probability < 0.1) return Math.min(trials, this.poisson(mean));
    const sd = Math.sqrt(mean * (1 - probability));
    return Math.min(trials, Math.max(0, Math.round(mean + sd * this.normal())));
  }

  /** Index drawn with probability proportional to `weights`. */
  weightedIndex(cumulativeWeights: Float64Array): number {
    const total = cumulativeWeights[cumulativeWeights.length - 1] ?? 0;
    const target = this.float() * total;
    let low = 0;
    let high = cumulativeWeights.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulativeWeights[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const held = items[i] as T;
      items[i] = items[j] as T;
      items[j] = held;
    }
    return items;
  }
}

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((weight, i) => {
    sum += weight;
    out[i] = sum;
  });
  return out;
}
