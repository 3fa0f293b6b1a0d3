/**
 * What an index worker (./indexWorker.ts) sends back: the prepared batch with its lexicon joined
 * into one string, which is copied across threads at a fraction of the cost of thousands of short
 * strings. A module of its own, so that the main thread does not load the worker's.
 */
import type { PreparedSources } from '../core';

/** A prepared batch, its lexicon joined by line breaks (`terms` of them); or why there is none. */
export interface WorkerReply {
  id: number;
  batch?: Omit<PreparedSources, 'lexicon'>;
  terms?: number;
  lexicon?: string;
  error?: string;
}

/** The batch of a {@link WorkerReply}, its lexicon split again. */
export function replyBatch(m: WorkerReply): PreparedSources | undefined {
  if (!m.batch || m.lexicon === undefined) return undefined;
  const lexicon = m.terms ? m.lexicon.split('\n') : [];
  return lexicon.length === m.terms ? { ...m.batch, lexicon } : undefined;
}
