/**
 * The worker thread of {@link ExtractPool}: reads PDF, HTML and DOCX bytes into text
 * (`extractSource`), so a 100-page PDF never holds up the thread that serves the editor.
 */
import { parentPort } from 'node:worker_threads';
import { extractSource, type ExtractLimits } from '../core';

export interface ExtractRequest {
  id: number;
  path: string;
  bytes: Uint8Array;
  limits: ExtractLimits;
}

parentPort?.on('message', (req: ExtractRequest) => {
  extractSource(req.path, req.bytes, req.limits).then(
    (result) => parentPort!.postMessage({ id: req.id, result }),
    (e: unknown) => parentPort!.postMessage({ id: req.id, result: { ok: false, reason: `cannot read (${String((e as Error)?.message ?? e)})` } }),
  );
});
