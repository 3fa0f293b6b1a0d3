/**
 * Completion items as plain data, for any editor: after `[@`, the source keys with their titles
 * (searchable by title and outlet); inside an open double quote, the source sentences and clauses
 * that begin with the words typed, each inserting the verbatim wording, the closing quote mark
 * and ` [@key]`. Documentation is Markdown from the passage renderer (source text escaped).
 */
import type { Corpus } from '../corpus/corpus';
import { shortName } from '../verdict/check';
import { keyCandidates, quoteCandidates } from './complete';
import { OPEN_SOURCE_COMMAND, type OpenSourceArgs } from './hoverContent';
import { truncate } from '../text/truncate';
import { describeLocation, renderPassage, renderSourceHeading, termsOf } from './render';

/** One completion item; the front end places it at the range it computed from the context. */
export interface CompletionEntry {
  label: string;
  /** Shown beside the label (the source's title, or where the wording stands). */
  description: string;
  kind: 'key' | 'quote';
  insertText: string;
  filterText: string;
  sortText: string;
  /** One line of plain text. */
  detail: string;
  /** Markdown. */
  documentation: string;
}

export interface CompletionEntries {
  items: CompletionEntry[];
  /** False when more typing may bring other items: the editor should ask again. */
  complete: boolean;
}

/** Source keys for what is typed after `[@`. */
export function keyCompletions(corpus: Corpus, typed: string): CompletionEntries {
  // a large archive: only the sources that match what is typed, asked again as typing goes on
  const { ids, complete } = keyCandidates(corpus, typed);
  const items: CompletionEntry[] = [];
  ids.forEach((id, i) => {
    const s = corpus.source(id);
    if (!s) return;
    const short = shortName(corpus, s.id);
    const first = s.passages[0];
    items.push({
      label: s.id,
      description: truncate(s.meta.title ?? '', 60),
      kind: 'key',
      insertText: s.id,
      // searchable by key, short name and title
      filterText: [s.id, short, s.meta.title, s.meta.outlet].filter(Boolean).join(' '),
      sortText: String(i).padStart(6, '0'),
      detail: describeLocation(s.meta, short, 0).replace(/ · line 1$/, ''),
      documentation: first && first.text !== s.meta.title ? renderPassage({ meta: s.meta, shortId: short, text: first.text, line: first.line }) : renderSourceHeading(s.meta, short),
    });
  });
  return { items, complete };
}

export interface QuoteCompletionOptions {
  /** Fewer typed words than this give no items. */
  minWords?: number;
  limit?: number;
}

/**
 * Source wording for the words typed after an opening quote mark; `close` is the closing mark
 * that matches the opening one.
 */
export function quoteCompletions(corpus: Corpus, typed: string, close: string, options: QuoteCompletionOptions = {}): CompletionEntries {
  const candidates = quoteCandidates(corpus, typed, { minWords: options.minWords ?? 2, limit: options.limit ?? 20 });
  const bold = termsOf([typed]);
  const items = candidates.map((c, i): CompletionEntry => {
    const source = corpus.source(c.sourceId)!;
    const short = shortName(corpus, c.sourceId);
    const passage = corpus.passage(c.passageKey);
    return {
      label: truncate(c.text, 44),
      description: `${short}, line ${c.line + 1}`,
      kind: 'quote',
      insertText: `${c.text}${close} [@${c.sourceId}]`,
      // what was typed, then the rest of the source's wording: always matches what is typed
      filterText: typed + c.text.slice(Math.min(c.text.length, typed.replace(/^\s+/, '').length)),
      sortText: String(i).padStart(6, '0'),
      detail: `${c.kind === 'clause' ? 'Clause' : 'Sentence'} from ${describeLocation(source.meta, short, c.line)}`,
      documentation: renderPassage({
        meta: source.meta,
        shortId: short,
        text: passage?.text ?? c.text,
        line: passage?.line ?? c.line,
        bold,
        open: { command: OPEN_SOURCE_COMMAND, args: [{ source: c.sourceId, start: c.start, end: c.end } satisfies OpenSourceArgs] },
      }),
    };
  });
  // more typing narrows the candidates: ask again on every keystroke
  return { items, complete: false };
}
