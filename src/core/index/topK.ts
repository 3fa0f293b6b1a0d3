import type { Hit } from './passageIndex';

/**
 * An empty list that holds doubles from the start: a list made empty (`[]`) holds small integers
 * until a fraction comes, so that one heap held integer scores and another fractions, and the
 * optimised code that met one kind was thrown away on meeting the other.
 */
function doubles(): number[] {
  const list = [0.5];
  list.length = 0;
  return list;
}

/** The best `k` (key, score) pairs: a min-heap, ties broken towards the smaller key. */
export class TopK {
  private readonly held: number[] = [];
  private readonly scores: number[] = doubles();
  constructor(private readonly k: number) {}

  /** How many pairs it keeps. */
  get capacity(): number {
    return this.k;
  }

  get full(): boolean {
    return this.held.length >= this.k;
  }

  /** The score to beat once full. */
  get worst(): number {
    return this.scores[0] ?? -Infinity;
  }

  /** a is worse than b */
  private worse(i: number, j: number): boolean {
    const si = this.scores[i]!;
    const sj = this.scores[j]!;
    return si < sj || (si === sj && this.held[i]! > this.held[j]!);
  }

  private swap(i: number, j: number): void {
    const k = this.held[i]!;
    this.held[i] = this.held[j]!;
    this.held[j] = k;
    const s = this.scores[i]!;
    this.scores[i] = this.scores[j]!;
    this.scores[j] = s;
  }

  offer(key: number, score: number): void {
    if (score <= 0) return;
    if (this.held.length < this.k) {
      this.held.push(key);
      this.scores.push(score);
      for (let i = this.held.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!this.worse(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    const s0 = this.scores[0]!;
    if (score < s0 || (score === s0 && key > this.held[0]!)) return;
    this.held[0] = key;
    this.scores[0] = score;
    const n = this.held.length;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.worse(l, m)) m = l;
      if (r < n && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  /** The keys held, in no particular order. */
  keys(): number[] {
    return this.held.slice();
  }

  sorted(): Hit[] {
    return this.held.map((key, i) => ({ key, score: this.scores[i]! })).sort((a, b) => b.score - a.score || a.key - b.key);
  }
}
