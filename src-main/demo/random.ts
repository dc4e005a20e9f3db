// Seeded randomness for synthetic data: the same seed gives the same ledger on every machine.

/** murmur3's finaliser: spreads nearby integers (seed, index, stream) over the 32-bit range. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function subSeed(base: number, index: number, stream: number): number {
  return fmix32((fmix32((base ^ Math.imul(stream + 1, 0x27d4eb2f)) >>> 0) + index) >>> 0);
}

/** mulberry32: tiny, fast and good enough for synthetic data; not for anything secret. */
export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = seed | 0;
  }

  u32(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  float(): number {
    return this.u32() / 4294967296;
  }

  /** Inclusive at both ends. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let x = this.float() * total;
    for (const [v, w] of choices) {
      x -= w;
      if (x < 0) return v;
    }
    return choices[choices.length - 1][0];
  }

  /** Standard normal (Box–Muller); 1 - float() keeps log away from zero. */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
