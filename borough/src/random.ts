/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32), so that the same
 * seed always gives the same borough. Never Math.random or the clock.
 */
// Globals bound once: global lookups are slow inside test sandboxes (vm contexts).
const M = Math;
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = M.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = M.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Mixes any number of integers (a seed and stream numbers) into one 32-bit state. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    // Non-integers and negatives are folded in through their 32-bit halves.
    const lo = p | 0;
    const hi = M.floor(p / 4294967296) | 0;
    for (const v of [lo, hi]) {
      h = M.imul(h ^ (v & 0xffff), 0x01000193) >>> 0;
      h = M.imul(h ^ (v >>> 16), 0x01000193) >>> 0;
    }
  }
  return splitmix32(h)();
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const sm = splitmix32(seed);
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    for (let i = 0; i < 12; i++) this.next32();
  }

  /** A new independent stream for a sub-task, derived from this seed and a label number. */
  static stream(seed: number, ...labels: number[]): Rng {
    return new Rng(mixSeed(seed, ...labels));
  }

  next32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + M.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[M.floor(this.float() * items.length)];
  }

  /** Picks an index with the given (not necessarily normalised) weights. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const i of items) total += i[1];
    let r = this.float() * total;
    for (const i of items) {
      r -= i[1];
      if (r < 0) return i[0];
    }
    return items[items.length - 1][0];
  }

  /** Standard normal (Box-Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.float();
    const v = this.float();
    return mean + sd * M.sqrt(-2 * M.log(u)) * M.cos(2 * M.PI * v);
  }

  /** Integer from a normal distribution, clamped to [min, max]. */
  normalInt(mean: number, sd: number, min: number, max: number): number {
    return M.min(max, M.max(min, M.round(this.normal(mean, sd))));
  }
}
