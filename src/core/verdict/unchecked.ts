/**
 * Rule `unchecked-citation`: the key is in a bibliography, but no source holds its text, so the
 * sentence could not be checked. Information, not an error: the writer may have the document
 * elsewhere (a library, a paywalled site). Such a key is not `unknown-source`.
 */
import type { Corpus } from '../corpus/corpus';
import type { Claim, Draft } from '../draft/draft';
import type { Finding, Range } from '../model/types';
import { messages } from './messages';

/** What this rule uses of the check's context. */
interface Context {
  corpus: Corpus;
  draft: Draft;
  rangeOf(start: number, end: number): Range;
  emit(claim: Claim | undefined, finding: Omit<Finding, 'severity'>): void;
}

/** Whether a key names a bibliography entry whose text is not in the workspace. */
export function isUnchecked(ctx: Pick<Context, 'corpus'>, key: string): boolean {
  return ctx.corpus.bibliography.has(key) && !ctx.corpus.source(key);
}

/** `unchecked-citation` for every citation of a bibliography entry without text. */
export function uncheckedCitations(ctx: Context): void {
  for (const c of ctx.draft.citations) {
    if (!isUnchecked(ctx, c.key)) continue;
    const bib = ctx.corpus.bibliography.get(c.key)!.bibliography;
    const file = bib ? bib.slice(bib.lastIndexOf('/') + 1) : 'the bibliography';
    ctx.emit(
      ctx.draft.claims.find((cl) => cl.citations.includes(c)),
      {
        rule: 'unchecked-citation',
        range: ctx.rangeOf(c.start, c.end),
        message: messages.uncheckedCitation(c.key, file),
        evidence: [],
        score: 0,
        fixes: [],
      },
    );
  }
}
