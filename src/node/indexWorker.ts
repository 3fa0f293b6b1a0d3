/**
 * The worker thread of {@link addSourcesInWorkers}: prepares batches of sources (segmentation and
 * terms, the costly part of indexing) and hands them back without copying.
 */
import { parentPort } from 'node:worker_threads';
import { PrepareScratch, prepareSources, transferables, type SourceFile, type SourceMeta } from '../core';

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
    parentPort!.postMessage({ id: req.id, batch }, transferables(batch));
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: String((e as Error)?.stack ?? e) });
  }
});
