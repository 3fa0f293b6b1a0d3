/**
 * An opposite the source states where the claim's word is not: "the talks had been a success"
 * against "the talks … were a failure", "the offensive had succeeded" against "the offensive
 * failed". The claim's word stands nowhere in the source, the kept passage has its opposite (by
 * the antonym list), neither is negated, and the claim does not have the opposite too. The slot
 * checks (roles.ts, facts.ts `swaps`) find opposites between the same neighbours; this finds
 * them where the sentence is built otherwise.
 */
import type { Corpus } from '../corpus/corpus';
import { antonymsOf } from '../text/text';
import type { Passage } from '../model/types';
import { analysed, sourceFacts } from './facts';
import type { ClaimTerms, Conflict } from './types';

const ENDS = new Set(['close', 'end', 'finish', 'stop', 'expir', 'shut']);

export function statedOpposites(corpus: Corpus, claim: ClaimTerms, passages: readonly Passage[]): Conflict[] {
  if (!passages.length) return [];
  const elsewhere = sourceFacts(corpus, passages[0]!.sourceId).terms;
  for (const [term, info] of claim.terms) {
    if (info.kind !== 'word' || info.capital || elsewhere.has(term) || claim.negated.has(term)) continue;
    const opposites = antonymsOf(term);
    if (!opposites || [...opposites].some((o) => claim.terms.has(o))) continue;
    for (const p of passages) {
      const a = analysed(corpus, p);
      // "close at 19:00" against "open between 09:00 and 19:00": the end of the opening hours
      if (ENDS.has(term) && a.tokens.filter((t) => t.kind === 'time' || t.kind === 'date').length >= 2) continue;
      const x = a.tokens.find((t) => opposites.has(t.term) && !a.negated.has(t.term));
      if (x) return [{ kind: 'antonym', claim: info.raw, passage: x.raw }];
    }
  }
  return [];
}
