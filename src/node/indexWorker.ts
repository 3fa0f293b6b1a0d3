/**
 * The worker thread of {@link addSourcesInWorkers}: reads and prepares batches of sources
 * (segmentation and terms, the costly part of indexing) and hands them back without copying.
 */
import { parentPort } from 'node:worker_threads';
import { transferables, type SourceFile, type SourceMeta, type UnreadFile } from '../core';
import { FilesScratch, prepareFiles } from './prepareFiles';
import { detachOnce, replyOf, type WorkerReply } from './workerReply';

detachOnce();

export interface WorkerRequest {
  id: number;
  /** Sources read already, and plain text files this worker reads. */
  files: Array<SourceFile | UnreadFile>;
  bibliography?: Map<string, SourceMeta>;
  /** Text per part of the reply (see `prepareFiles`). */
  partChars: number;
  /** The first request of a build: its term ids start again from 0 (they are kept from one request to the next of the same build). */
  newLexicon: boolean;
}

/** The working arrays, kept from one batch to the next; the parts are posted to the thread that asked. */
let scratch = new FilesScratch(true, true);

parentPort?.on('message', (req: WorkerRequest) => {
  try {
    if (req.newLexicon && scratch.prepare.termIds.size) scratch = new FilesScratch(true, true);
    prepareFiles(req.files, req.bibliography, scratch, req.partChars, (part, last) => parentPort!.postMessage(replyOf(req.id, part, last), transferables(part.batch)));
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: String((e as Error)?.stack ?? e) } satisfies WorkerReply);
  }
});
