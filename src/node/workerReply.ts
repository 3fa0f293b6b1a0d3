/**
 * What an index worker (./indexWorker.ts) sends back: a prepared part of a batch with its lexicon
 * joined into one string, which is copied across threads at a fraction of the cost of thousands
 * of short strings. A module of its own, so that the main thread does not load the worker's.
 */
import type { PreparedSource, PreparedSources } from '../core';
import type { FileReads, PreparedPart } from './prepareFiles';

/** A prepared part of batch `id`, its lexicon joined by line breaks (`terms` of them); or why there is none. */
export interface WorkerReply {
  id: number;
  batch?: Omit<PreparedSources, 'lexicon'>;
  terms?: number;
  lexicon?: string;
  reads?: FileReads;
  /** The batch's last part. */
  last?: boolean;
  error?: string;
}

/**
 * Detaches an empty buffer, as the first buffer transferred to or from another thread is: until a
 * buffer is detached, V8 compiles typed-array code on the assumption that none ever is, and the
 * first time one is, it throws away every optimised function that made it (in a cold check, a
 * fifth of those compiled so far, compiled again). Called before any is compiled, the assumption
 * is never made. Each thread that transfers buffers calls it as it starts.
 */
export function detachOnce(): void {
  structuredClone(null, { transfer: [new ArrayBuffer(0)] });
}

/** The reply of a part (its buffers to be transferred: `transferables(part.batch)`). */
export function replyOf(id: number, part: PreparedPart, last: boolean): WorkerReply {
  // the batch's terms as one string (no term holds a line break): one string to copy rather than thousands
  const { lexicon, ...rest } = part.batch;
  return { id, batch: rest, terms: lexicon.length, lexicon: lexicon.join('\n'), reads: part.reads, last };
}

/** The part of a {@link WorkerReply}, its lexicon split again. */
export function replyPart(m: WorkerReply): PreparedPart | undefined {
  if (!m.batch || m.lexicon === undefined || !m.reads) return undefined;
  const lexicon = m.terms ? m.lexicon.split('\n') : [];
  if (lexicon.length !== m.terms) return undefined;
  // the fields in the order of the batches prepared on this thread, so that the code that merges
  // them sees one kind of object (a spread makes another, and the merge's optimised code is dropped)
  const { text, spans, termEnds, terms, lexiconFrom } = m.batch;
  // and the sources as those: a list that came through postMessage is of another kind (its
  // elements may have holes), and so is an object (its fields were added one by one)
  const sources: PreparedSource[] = [];
  for (const s of m.batch.sources) sources.push({ path: s.path, id: s.id, meta: s.meta, problems: s.problems, bytes: s.bytes, passages: s.passages });
  return { batch: { sources, text, spans, termEnds, terms, lexicon, lexiconFrom }, reads: m.reads };
}
