/**
 * Sources prepared for the corpus: parsed, segmented and tokenised, in typed arrays that a worker
 * thread can hand over without copying. Preparing is the costly part of indexing (segmentation
 * and `indexTerms`); `Corpus.addPrepared` then only interns terms and copies offsets.
 */
import { passageBounds, sourceHead, type ParseSourceOptions, type SourceHead } from '../sources/sources';
import { entriesByFile } from '../sources/bibliography';
import { TermSpellings, indexTermsInto, spellingGeneration, spellingPlaces, spellingTerm } from '../text/termScanner';
import type { SourceMeta } from '../model/types';

/** One source file: where it was read and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/**
 * A plain text file not read yet, for a build that reads files where it prepares them (see
 * `LoadOptions.buildReads`): its path, where the build finds it (`Host.location`), and the size
 * limit of `readText`.
 */
export interface UnreadFile {
  path: string;
  text?: undefined;
  location: string;
  maxBytes: number;
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
  /** Two numbers per passage: its start and end offsets (UTF-16) in its source's text (its line and character are worked out from the text when asked for). */
  spans: Uint32Array;
  /** Per passage: where its terms end in `terms`. */
  termEnds: Uint32Array;
  /** Term ids of every passage, in order: id `lexiconFrom + i` is `lexicon[i]`. */
  terms: Uint32Array;
  /** The terms first met in this batch. */
  lexicon: string[];
  /**
   * The id of `lexicon[0]`: 0, or, of a batch prepared with a lexicon kept from batch to batch
   * (`PrepareScratch.keepsLexicon`), the number of terms its earlier batches met, whose ids its
   * terms go on using (see `KeptLexicon`).
   */
  lexiconFrom?: number;
}

/**
 * The corpus' ids of the terms of a lexicon kept from batch to batch (see
 * `PrepareScratch.keepsLexicon`), as its batches are merged (`Corpus.addPrepared`), in the order
 * they were prepared: each term is looked up in the corpus' lexicon once, in the batch that met
 * it first, and not again in every batch that has it.
 */
export class KeptLexicon {
  /** By the batches' term id: the corpus'. */
  ids = new Uint32Array(1 << 12);
  /** The terms known (the next batch's `lexiconFrom`). */
  size = 0;
}

/** The typed arrays of a batch, for `postMessage(batch, transferables(batch))`. */
export function transferables(batch: PreparedSources): ArrayBuffer[] {
  return [batch.text.buffer, batch.spans.buffer, batch.termEnds.buffer, batch.terms.buffer] as ArrayBuffer[];
}

const encoder = new TextEncoder();

/**
 * The working arrays of {@link prepareSources}, kept by a caller that prepares batch after batch
 * (a worker thread): each batch starts with the room the last one grew, rather than allocating and
 * growing its own and leaving them as garbage. A batch's result is copied out of them.
 */
export class PrepareScratch {
  /**
   * @param sentAway the batches are sent to another thread, which gets its own copy of every
   * string (a structured clone): their metadata need not be copied here to let go of the text
   * @param keepsLexicon the terms' ids are kept from one batch to the next: a batch's lexicon holds
   * only the terms new to this scratch (see `PreparedSources.lexiconFrom`); its batches are then
   * merged in the order they were prepared, with one `KeptLexicon`
   */
  constructor(
    readonly sentAway = false,
    readonly keepsLexicon = false,
  ) {}
  /** With `keepsLexicon`: the id of every term its batches met. */
  readonly termIds = new Map<string, number>();
  /** The spelling generation (see `spellingGeneration`) whose places `idBySpelling` holds ids for, with `keepsLexicon`. */
  generation = -1;
  // small at first: they first grow within the first file or two, while the code that grows them
  // is still interpreted, and its optimised code is not thrown away when they grow later
  // (two numbers a passage: grown with `termEnds`, one a passage)
  spans = new Uint32Array(32);
  termEnds = new Uint32Array(16);
  idBySpelling = new Uint32Array(16);
  terms = new Uint32Array(16);
  text = new Uint8Array(16);
}

/**
 * An empty list for strings, of the kind it ends up as: a list made empty (`[]`) is of small
 * integers and becomes a list of objects at its first string, or, written at some places and
 * not others (`holes`), of objects with holes. Optimised code that has met the lists of a batch
 * or two is compiled again when the next batch's list is of another kind.
 */
function strings(holes = false): string[] {
  const list = holes ? new Array<string>(1) : [''];
  list[0] = '';
  list.length = 0;
  return list;
}

/** A file of the batch being prepared: what was read before its passages, its length in UTF-8 bytes and its number of passages. */
interface StartedFile {
  head: SourceHead;
  bytes: number;
  passages: number;
}

/**
 * A batch being prepared: each file is parsed and its text copied ({@link startFile}), then each of
 * its passages tokenised ({@link addPassage}), then the file is closed ({@link endFile}). Small
 * methods rather than one long loop, so that each is optimised on its own (a long loop is compiled
 * again whenever one of its paths runs for the first time).
 */
class BatchBuilder {
  private readonly sources: PreparedSource[] = [];
  private readonly lexicon = strings();
  /** The id of every term met: this batch's, or those of the scratch's earlier batches too (see `keepsLexicon`). */
  private readonly ids: Map<string, number>;
  /** The id of `lexicon[0]`. */
  private readonly lexiconFrom: number;
  private spans: Uint32Array<ArrayBuffer>;
  private termEnds: Uint32Array<ArrayBuffer>;
  private passageCount = 0;
  /** The terms of the passage at hand (the array is reused: see `indexTermsInto`, which writes some of its places), and their spellings. */
  private readonly words = strings(true);
  private readonly spellings = new TermSpellings();
  /** A spelling's term id in this batch plus one (0: not met yet), by the spelling's place: most terms are found here rather than in `ids`. */
  private idBySpelling: Uint32Array<ArrayBuffer>;
  private generation: number;
  private terms: Uint32Array<ArrayBuffer>;
  private termCount = 0;
  private text: Uint8Array<ArrayBuffer>;
  private textBytes = 0;
  private readonly options: ParseSourceOptions;
  /** The passages of the file at hand: start and end offsets side by side. */
  readonly bounds: number[] = [];

  constructor(bibliography?: ReadonlyMap<string, SourceMeta>, linked?: ReadonlyMap<string, string>, private readonly scratch = new PrepareScratch()) {
    this.spans = scratch.spans;
    this.termEnds = scratch.termEnds;
    this.terms = scratch.terms;
    this.text = scratch.text;
    // ids are the batch's own (none known yet), or those of the scratch's earlier batches
    this.ids = scratch.keepsLexicon ? scratch.termIds : new Map();
    this.lexiconFrom = this.ids.size;
    this.idBySpelling = scratch.idBySpelling;
    this.generation = spellingGeneration();
    // the spellings' ids stand while the ids and the spellings do
    if (!scratch.keepsLexicon || scratch.generation !== this.generation) this.idBySpelling.fill(0);
    const byFile = linked ?? (bibliography?.size ? entriesByFile(bibliography) : undefined);
    this.options = bibliography ? { bibliography, ...(byFile ? { byFile } : {}) } : {};
  }

  /**
   * Parses a file, copies its text and finds its passages (their offsets into {@link bounds});
   * returns what {@link endFile} takes. Then {@link addPassage} takes each passage.
   */
  startFile(file: SourceFile): StartedFile {
    const head = sourceHead(file.path, file.text, this.options);
    // UTF-8 takes at most 3 bytes per UTF-16 code unit
    if (this.textBytes + file.text.length * 3 > this.text.length) {
      const next = new Uint8Array(Math.max(this.text.length * 2, this.textBytes + file.text.length * 3));
      next.set(this.text.subarray(0, this.textBytes));
      this.text = next;
    }
    const { written } = encoder.encodeInto(file.text, this.text.subarray(this.textBytes));
    this.textBytes += written;
    const bounds = this.bounds;
    bounds.length = 0;
    passageBounds(file.text, head.bodyStart, bounds);
    const more = bounds.length / 2;
    if (this.passageCount + more > this.termEnds.length) {
      this.termEnds = grown(this.termEnds, this.passageCount, this.passageCount + more);
      this.spans = grown(this.spans, this.passageCount * 2, (this.passageCount + more) * 2);
    }
    return { head, bytes: written, passages: more };
  }

  /** The passage of `text` from `start` to `end` (the file's at hand). */
  addPassage(text: string, start: number, end: number): void {
    const row = this.passageCount * 2;
    const spans = this.spans;
    spans[row] = start;
    spans[row + 1] = end;
    const words = this.words;
    const count = indexTermsInto(text, words, this.spellings, start, end);
    if (this.termCount + count > this.terms.length) this.terms = grown(this.terms, this.termCount, this.termCount + count);
    if (spellingGeneration() !== this.generation) {
      this.generation = spellingGeneration();
      this.idBySpelling.fill(0);
    }
    if (this.idBySpelling.length < spellingPlaces()) this.idBySpelling = grown(this.idBySpelling, this.idBySpelling.length, spellingPlaces());
    const idBySpelling = this.idBySpelling;
    const places = this.spellings.places;
    const terms = this.terms;
    let termCount = this.termCount;
    for (let k = 0; k < count; k++) {
      const place = places[k]!;
      let id = place >= 0 ? idBySpelling[place]! - 1 : -1;
      if (id < 0) {
        id = this.idOf(place >= 0 ? spellingTerm(place) : words[k]!);
        if (place >= 0) idBySpelling[place] = id + 1;
      }
      terms[termCount++] = id;
    }
    this.termCount = termCount;
    this.termEnds[this.passageCount++] = termCount;
  }

  private idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.lexiconFrom + this.lexicon.length;
      this.ids.set(term, id);
      this.lexicon.push(term);
    }
    return id;
  }

  endFile(path: string, { head, bytes, passages }: StartedFile): void {
    // metadata copied: strings cut from the text (the title) would otherwise keep all of it alive.
    // A JSON round trip makes objects of their exact size: copied field by field into an empty
    // object, the metadata of 100 MB of sources took 1.8 MB more of the heap
    const meta = this.scratch.sentAway && clonesAsJson(head.meta) ? head.meta : (JSON.parse(JSON.stringify(head.meta)) as SourceMeta);
    this.sources.push({ path, id: head.id, meta, problems: head.problems, bytes, passages });
  }

  finish(): PreparedSources {
    const scratch = this.scratch;
    scratch.spans = this.spans;
    scratch.termEnds = this.termEnds;
    scratch.terms = this.terms;
    scratch.text = this.text;
    scratch.idBySpelling = this.idBySpelling;
    scratch.generation = this.generation;
    return {
      sources: this.sources,
      text: this.text.slice(0, this.textBytes),
      spans: this.spans.slice(0, this.passageCount * 2),
      termEnds: this.termEnds.slice(0, this.passageCount),
      terms: this.terms.slice(0, this.termCount),
      lexicon: this.lexicon,
      lexiconFrom: this.lexiconFrom,
    };
  }
}

/** Whether a structured clone of the metadata is what a JSON round trip gives: its fields are strings, finite numbers and lists of strings. */
function clonesAsJson(meta: SourceMeta): boolean {
  for (const v of Object.values(meta)) {
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) continue;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return false;
  }
  return true;
}

/**
 * Prepares sources one passage at a time: the generator yields after every passage, so a caller
 * can pause between them (see `Corpus.addSources`); its return value is the batch.
 */
export function* prepareSteps(files: Iterable<SourceFile>, bibliography?: ReadonlyMap<string, SourceMeta>, linked?: ReadonlyMap<string, string>): Generator<void, PreparedSources, void> {
  const batch = new BatchBuilder(bibliography, linked);
  for (const file of files) {
    const started = batch.startFile(file);
    const bounds = batch.bounds;
    for (let i = 0; i < bounds.length; i += 2) {
      batch.addPassage(file.text, bounds[i]!, bounds[i + 1]!);
      yield;
    }
    batch.endFile(file.path, started);
  }
  return batch.finish();
}

/** `array` with room for `needed` numbers at least (its first `used` kept). */
function grown(array: Uint32Array, used: number, needed: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(Math.max(array.length * 2, needed));
  next.set(array.subarray(0, used));
  return next;
}

/**
 * Prepares sources in one go (in a worker, or for a single file): {@link prepareSteps} without
 * pauses. With `scratch`, its arrays are worked in (and grown there for the next batch).
 */
export function prepareSources(files: Iterable<SourceFile>, bibliography?: ReadonlyMap<string, SourceMeta>, linked?: ReadonlyMap<string, string>, scratch?: PrepareScratch): PreparedSources {
  const batch = new BatchBuilder(bibliography, linked, scratch);
  for (const file of files) {
    const started = batch.startFile(file);
    const bounds = batch.bounds;
    for (let i = 0; i < bounds.length; i += 2) batch.addPassage(file.text, bounds[i]!, bounds[i + 1]!);
    batch.endFile(file.path, started);
  }
  return batch.finish();
}
