/**
 * The model's answers, remembered per (model, claim, passages): a claim asked once is never asked
 * again while its evidence is unchanged. The cache is plain data, saved beside the index.
 */
import type { Decision } from './answer';

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** 64-bit FNV-1a over the UTF-16 code units of `s` (low byte, then high byte), as 16 hex digits. */
export function fnv1a64(s: string): string {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = ((h ^ BigInt(c & 0xff)) * FNV_PRIME) & MASK;
    h = ((h ^ BigInt(c >>> 8)) * FNV_PRIME) & MASK;
  }
  return h.toString(16).padStart(16, '0');
}

/** The cache key of a question put to a model. */
export function answerKey(model: string, claim: string, passages: readonly string[]): string {
  return fnv1a64(JSON.stringify([model, claim, ...passages]));
}

/** The saved form of an {@link AnswerCache}. */
export interface SavedAnswers {
  format: 1;
  /** `[key, 'y' | 'n']`, oldest first. */
  answers: Array<[string, 'y' | 'n']>;
}

/** Answers kept at most: the oldest go first. */
export const MAX_ANSWERS = 20_000;

/** Decisions by {@link answerKey}, oldest first; bounded at `max` entries. */
export class AnswerCache {
  private readonly answers = new Map<string, Decision>();
  /** Answers added since the cache was last saved (see {@link AnswerCache.saved}). */
  changed = 0;

  constructor(private readonly max = MAX_ANSWERS) {}

  get size(): number {
    return this.answers.size;
  }

  get(key: string): Decision | undefined {
    return this.answers.get(key);
  }

  set(key: string, decision: Decision): void {
    if (this.answers.get(key) === decision) return;
    this.answers.delete(key);
    this.answers.set(key, decision);
    this.changed++;
    while (this.answers.size > this.max) this.answers.delete(this.answers.keys().next().value!);
  }

  /** Marks the cache as saved. */
  saved(): void {
    this.changed = 0;
  }

  toJSON(): SavedAnswers {
    return { format: 1, answers: [...this.answers].map(([k, d]) => [k, d === 'supported' ? 'y' : 'n']) };
  }

  /** A cache from its saved form; anything malformed is left out (an unreadable file gives an empty cache). */
  static fromJSON(data: unknown, max = MAX_ANSWERS): AnswerCache {
    const cache = new AnswerCache(max);
    const answers = (data as Partial<SavedAnswers> | null)?.format === 1 ? (data as SavedAnswers).answers : undefined;
    if (Array.isArray(answers)) {
      for (const a of answers) {
        if (Array.isArray(a) && typeof a[0] === 'string' && /^[0-9a-f]{16}$/.test(a[0]) && (a[1] === 'y' || a[1] === 'n')) cache.set(a[0], a[1] === 'y' ? 'supported' : 'unsupported');
      }
    }
    cache.changed = 0;
    return cache;
  }
}
