/**
 * Sources prepared for the corpus: parsed, segmented and tokenised, in typed arrays that a worker
 * thread can hand over without copying. Preparing is the costly part of indexing (segmentation
 * and `indexTerms`); `Corpus.addPrepared` then only interns terms and copies offsets.
 */
import { parseSource } from '../sources/sources';
import { entriesByFile } from '../sources/bibliography';
import { TermSpellings, indexTermsInto, spellingGeneration, spellingPlaces } from '../text/termScanner';
import type { SourceMeta } from '../model/types';

/** One source file: where it was read and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** One prepared source; its passages and text follow those of the sources before it. */
export interface PreparedSource {
  path: string;
  id: string;
  meta: SourceMeta;
  problems: string[];
  /** Length of its text in `PreparedSources.text` (UTF-8 bytes). */
  bytes: number;
  /** Number of its passages in `spans`. */
  passages: number;
}

/** A batch of prepared sources. */
export interface PreparedSources {
  sources: PreparedSource[];
  /** The texts, UTF-8, back to back. */
  text: Uint8Array;
  /** Four numbers per passage: start and end offsets (UTF-16), 0-based line and character of the start. */
  spans: Uint32Array;
  /** Per passage: where its terms end in `terms`. */
  termEnds: Uint32Array;
  /** Term ids of every passage, in order (ids into `lexicon`). */
  terms: Uint32Array;
  lexicon: string[];
}

/** The typed arrays of a batch, for `postMessage(batch, transferables(batch))`. */
export function transferables(batch: PreparedSources): ArrayBuffer[] {
  return [batch.text.buffer, batch.spans.buffer, batch.termEnds.buffer, batch.terms.buffer] as ArrayBuffer[];
}

const encoder = new TextEncoder();

/**
 * Prepares sources one passage at a time: the generator yields after every passage, so a caller
 * can pause between them (see `Corpus.addSources`); its return value is the batch.
 */
export function* prepareSteps(files: Iterable<SourceFile>, bibliography?: ReadonlyMap<string, SourceMeta>, linked?: ReadonlyMap<string, string>): Generator<void, PreparedSources, void> {
  const sources: PreparedSource[] = [];
  const lexicon: string[] = [];
  const ids = new Map<string, number>();
  let spans = new Uint32Array(1 << 12);
  let termEnds = new Uint32Array(1 << 10);
  let passageCount = 0;
  /** The terms of the passage at hand (the array is reused: see `indexTermsInto`), and their spellings. */
  const words: string[] = [];
  const spellings = new TermSpellings();
  /** A spelling's term id in this batch plus one (0: not met yet), by the spelling's place: most terms are found here rather than in `ids`. */
  let idBySpelling = new Uint32Array(1 << 12);
  let generation = spellingGeneration();
  let terms = new Uint32Array(1 << 14);
  let termCount = 0;
  let text = new Uint8Array(1 << 16);
  let textBytes = 0;
  const byFile = linked ?? (bibliography?.size ? entriesByFile(bibliography) : undefined);
  for (const file of files) {
    const parsed = parseSource(file.path, file.text, bibliography ? { bibliography, ...(byFile ? { byFile } : {}) } : {});
    // UTF-8 takes at most 3 bytes per UTF-16 code unit
    if (textBytes + file.text.length * 3 > text.length) {
      const next = new Uint8Array(Math.max(text.length * 2, textBytes + file.text.length * 3));
      next.set(text.subarray(0, textBytes));
      text = next;
    }
    const { written } = encoder.encodeInto(file.text, text.subarray(textBytes));
    textBytes += written;
    const passages = parsed.passages;
    if (passageCount + passages.length > termEnds.length) {
      termEnds = grown(termEnds, passageCount, passageCount + passages.length);
      spans = grown(spans, passageCount * 4, (passageCount + passages.length) * 4);
    }
    for (const p of passages) {
      const row = passageCount * 4;
      spans[row] = p.start;
      spans[row + 1] = p.end;
      spans[row + 2] = p.line;
      spans[row + 3] = p.character;
      const count = indexTermsInto(p.text, words, spellings);
      if (termCount + count > terms.length) terms = grown(terms, termCount, termCount + count);
      if (spellingGeneration() !== generation) {
        generation = spellingGeneration();
        idBySpelling.fill(0);
      }
      if (idBySpelling.length < spellingPlaces()) idBySpelling = grown(idBySpelling, idBySpelling.length, spellingPlaces());
      const places = spellings.places;
      for (let k = 0; k < count; k++) {
        const place = places[k]!;
        let id = place >= 0 ? idBySpelling[place]! - 1 : -1;
        if (id < 0) {
          const w = words[k]!;
          id = ids.get(w) ?? -1;
          if (id < 0) {
            id = lexicon.length;
            ids.set(w, id);
            lexicon.push(w);
          }
          if (place >= 0) idBySpelling[place] = id + 1;
        }
        terms[termCount++] = id;
      }
      termEnds[passageCount++] = termCount;
      yield;
    }
    // metadata copied: strings cut from the text (the title) would otherwise keep all of it alive
    const meta = JSON.parse(JSON.stringify(parsed.meta)) as SourceMeta;
    sources.push({ path: file.path, id: parsed.id, meta, problems: parsed.problems, bytes: written, passages: parsed.passages.length });
  }
  return {
    sources,
    text: text.slice(0, textBytes),
    spans: spans.slice(0, passageCount * 4),
    termEnds: termEnds.slice(0, passageCount),
    terms: terms.slice(0, termCount),
    lexicon,
  };
}

/** `array` with room for `needed` numbers at least (its first `used` kept). */
function grown(array: Uint32Array, used: number, needed: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(Math.max(array.length * 2, needed));
  next.set(array.subarray(0, used));
  return next;
}

/** Prepares sources in one go (in a worker, or for a single file). */
export function prepareSources(files: Iterable<SourceFile>, bibliography?: ReadonlyMap<string, SourceMeta>, linked?: ReadonlyMap<string, string>): PreparedSources {
  const steps = prepareSteps(files, bibliography, linked);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
