/**
 * A cache of two generations: an item used again moves to the young one, and once the young one
 * holds `limit` (counted by `cost`, one an item by default) it becomes the old one, and the old
 * one is dropped. What the corpus keeps of its sources, and what the verdict stage and completion
 * keep per passage and per source, are bounded this way.
 */
export class Generations<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private youngCost = 0;

  constructor(
    private readonly limit: number,
    private readonly cost: (v: V) => number = () => 1,
  ) {}

  /** The item, moved to the young generation; undefined when it is not kept. */
  take(key: K): V | undefined {
    let v = this.young.get(key);
    if (v !== undefined) return v;
    v = this.old.get(key);
    if (v === undefined) return undefined;
    this.old.delete(key);
    this.put(key, v);
    return v;
  }

  /** The item ({@link take}), or `compute(key)` kept for it. */
  get(key: K, compute: (key: K) => V): V {
    let v = this.take(key);
    if (v === undefined) this.put(key, (v = compute(key)));
    return v;
  }

  /** The item, where it is (not moved). */
  peek(key: K): V | undefined {
    return this.young.get(key) ?? this.old.get(key);
  }

  /** Keeps `value` for `key` in the young generation. */
  put(key: K, value: V): void {
    this.young.set(key, value);
    this.charge(this.cost(value));
  }

  /** Counts `cost` more against the young generation (an item kept there that grew). */
  charge(cost: number): void {
    this.youngCost += cost;
    if (this.youngCost >= this.limit) {
      this.old = this.young;
      this.young = new Map();
      this.youngCost = 0;
    }
  }

  delete(key: K): void {
    if (this.young.delete(key)) {
      this.youngCost = 0;
      for (const v of this.young.values()) this.youngCost += this.cost(v);
    }
    this.old.delete(key);
  }
}
