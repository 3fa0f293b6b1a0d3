/**
 * The worker thread of {@link addSourcesInWorkers}: prepares batches of sources (segmentation and
 * terms, the costly part of indexing) and hands them back without copying.
 */
import { parentPort } from 'node:worker_threads';
import { PrepareScratch, prepareSources, transferables, type SourceFile, type SourceMeta } from '../core';
import type { WorkerReply } from './workerReply';

export interface WorkerRequest {
  id: number;
  files: SourceFile[];
  bibliography?: Map<string, SourceMeta>;
}

/** The working arrays, kept from one batch to the next. */
const scratch = new PrepareScratch();

parentPort?.on('message', (req: WorkerRequest) => {
  try {
    const batch = prepareSources(req.files, req.bibliography, undefined, scratch);
    // the batch's terms as one string (no term holds a line break): one string to copy rather than thousands
    const { lexicon, ...rest } = batch;
    const reply: WorkerReply = { id: req.id, batch: rest, terms: lexicon.length, lexicon: lexicon.join('\n') };
    parentPort!.postMessage(reply, transferables(batch));
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: String((e as Error)?.stack ?? e) } satisfies WorkerReply);
  }
});
