/**
 * Verdicts carried from the check of an earlier version of the same draft, so that an edit is
 * checked again only where it changed something. A claim's rules read the claim (its sentence,
 * citations, quotes and switched-off rules), the corpus, and the draft text of the claim's lines
 * (for the positions of findings and fixes). A claim whose sentence, citations, quotes, switched-off
 * rules and the text before it on its first line are all as they were therefore gets the same
 * findings, only moved by the lines added or removed above it — provided the corpus and the options
 * are the same, which the caller knows.
 */
import type { Claim, Draft } from '../draft/draft';
import type { Finding, Range } from '../model/types';
import type { ClaimVerdict } from './rules';

/** What a claim's verdict and findings depend on in the draft, as one string. */
export function claimSignature(draft: Draft, claim: Claim): string {
  const lineStart = draft.lineStarts[claim.range.start.line] ?? 0;
  const at = (offset: number) => offset - claim.start;
  return JSON.stringify([
    claim.text,
    claim.prose,
    draft.text.slice(lineStart, claim.start),
    claim.startsParagraph,
    claim.opinion,
    claim.disabled === 'all' ? 'all' : [...claim.disabled].sort(),
    claim.citations.map((c) => [c.key, c.locator ?? null, c.pages ?? null, at(c.start), at(c.end), at(c.groupStart), at(c.groupEnd), c.bracketed]),
    claim.quotes.map((q) => [q.text, at(q.start), at(q.end), at(q.outerStart), at(q.outerEnd)]),
  ]);
}

/** The earlier check's claims by signature, each handed out once, in order. */
export class EarlierVerdicts {
  private readonly bySignature = new Map<string, Array<{ verdict: ClaimVerdict; findings: readonly Finding[] }>>();

  constructor(earlier: { draft: Draft; verdicts: readonly ClaimVerdict[]; claimFindings: ReadonlyArray<readonly Finding[] | undefined> }) {
    earlier.verdicts.forEach((verdict, i) => {
      const findings = earlier.claimFindings[i];
      if (!findings) return; // its findings were kept from a still earlier run, without a verdict
      const key = claimSignature(earlier.draft, verdict.claim);
      const list = this.bySignature.get(key);
      if (list) list.push({ verdict, findings });
      else this.bySignature.set(key, [{ verdict, findings }]);
    });
  }

  /** The claim's verdict and findings, moved to where the claim is now; undefined if it changed. */
  take(draft: Draft, claim: Claim): { verdict: ClaimVerdict; findings: Finding[] } | undefined {
    const list = this.bySignature.get(claimSignature(draft, claim));
    const hit = list?.shift();
    if (!hit) return undefined;
    const old = hit.verdict;
    const shift = claim.start - old.claim.start;
    const verdict: ClaimVerdict = {
      ...old,
      claim,
      quotes: old.quotes.map((q) => ({ ...q, quote: claim.quotes.find((n) => n.start === q.quote.start + shift) ?? q.quote })),
    };
    return { verdict, findings: movedFindings(hit.findings, claim.range.start.line - old.claim.range.start.line) };
  }
}

/** A claim's findings moved down by `lines` (up when negative), fixes included. */
export function movedFindings(findings: readonly Finding[], lines: number): Finding[] {
  if (!lines) return [...findings];
  const moved = (r: Range): Range => ({ start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } });
  return findings.map((f) => ({ ...f, range: moved(f.range), fixes: f.fixes.map((x) => ({ ...x, range: moved(x.range) })) }));
}
