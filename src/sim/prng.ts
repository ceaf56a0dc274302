// Deterministic randomness: every generated item is derived from (seed, kind,
// ids…) alone, so any page can be produced without generating the ones before it.

/** mulberry32: small, fast, good enough for fake data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes integers into one 32-bit seed (murmur3 finaliser per step). */
export function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h ^= p >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A generator for one item: `rngFor(seed, KIND, id…)`. */
export function rngFor(...parts: number[]): Rng {
  return new Rng(mix(...parts));
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Rounded to 2 decimals, as a UI would show it anyway. */
  round2(x: number): number {
    return Math.round(x * 100) / 100;
  }
}

/** Item kinds, so that two generators with the same ids do not share a stream. */
export const K = {
  node: 1,
  range: 2,
  session: 3,
  event: 4,
  fault: 5,
  query: 6,
} as const;
