/**
 * Completion items as plain data, for any editor: after `[@`, the source keys with their titles
 * (searchable by title and outlet); inside an open double quote, the source sentences and clauses
 * that begin with the words typed, each inserting the verbatim wording, the closing quote mark
 * and ` [@key]`. Documentation is Markdown from the passage renderer (source text escaped).
 */
import type { Corpus } from '../corpus/corpus';
import { shortName } from '../verdict/check';
import { citationOf, keyEntries, quoteCandidates } from './complete';
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
  // a large archive: only the sources that match what is typed, asked again as typing goes on;
  // bibliography entries without text after the sources, marked as not checkable
  const { entries, complete } = keyEntries(corpus, typed);
  const items: CompletionEntry[] = [];
  entries.forEach((e, i) => {
    const s = e.checkable ? corpus.source(e.id) : undefined;
    const short = s ? shortName(corpus, s.id) : e.id;
    const first = s?.passages[0];
    const facts = [e.meta.author, e.meta.date?.slice(0, 4)].filter(Boolean).join(', ');
    items.push({
      label: e.id,
      description: truncate(e.meta.title ?? '', 60),
      kind: 'key',
      insertText: e.id,
      // searchable by key, short name, title, outlet and authors
      filterText: [e.id, short, e.meta.title, e.meta.outlet, e.meta.author].filter(Boolean).join(' '),
      sortText: `${e.checkable ? 0 : 1}${String(i).padStart(6, '0')}`,
      detail: s ? `Checkable · ${describeLocation(s.meta, short, 0).replace(/ · line 1$/, '')}` : `Not checkable · ${facts ? `${facts} · ` : ''}in ${e.meta.bibliography ?? 'the bibliography'}, but its text is not in the workspace`,
      documentation: s && first && first.text !== s.meta.title ? renderPassage({ meta: s.meta, shortId: short, text: first.text, line: first.line, ...(first.page ? { page: first.page } : {}) }) : renderSourceHeading(e.meta, short),
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
      description: `${short}, ${c.page ? `p. ${c.page}, ` : ''}line ${c.line + 1}`,
      kind: 'quote',
      insertText: `${c.text}${close} ${citationOf(c)}`,
      // what was typed, then the rest of the source's wording: always matches what is typed
      filterText: typed + c.text.slice(Math.min(c.text.length, typed.replace(/^\s+/, '').length)),
      sortText: String(i).padStart(6, '0'),
      detail: `${c.kind === 'clause' ? 'Clause' : 'Sentence'} from ${describeLocation(source.meta, short, c.line, c.page)}`,
      documentation: renderPassage({
        meta: source.meta,
        shortId: short,
        text: passage?.text ?? c.text,
        line: passage?.line ?? c.line,
        ...(c.page ? { page: c.page } : {}),
        bold,
        open: { command: OPEN_SOURCE_COMMAND, args: [{ source: c.sourceId, start: c.start, end: c.end } satisfies OpenSourceArgs] },
      }),
    };
  });
  // more typing narrows the candidates: ask again on every keystroke
  return { items, complete: false };
}
