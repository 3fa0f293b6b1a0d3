/**
 * Building a corpus on worker threads: sources are prepared (segmented and tokenised) in parallel
 * off the main thread, and merged into the corpus in their original order, a batch at a time, so
 * the main thread never blocks for long. Files are pulled from the iterable only as workers need
 * them, so a caller can read them lazily and the main thread's heap stays small.
 * Node only (the CLI, the benchmarks, the extension host).
 */
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KeptLexicon, type BuildOptions, type Corpus, type PreparedSources, type SourceFile, type UnreadFile } from '../core';
import type { WorkerRequest } from './indexWorker';
import { FilesScratch, prepareFiles, type PreparedPart } from './prepareFiles';
import { ReadScratch, readPlainFile } from './readPlain';
import { replyPart, type WorkerReply } from './workerReply';

export interface WorkerBuildOptions extends BuildOptions {
  /** Worker threads (default: one CPU fewer than there are, at least 1 and at most 4: the main thread keeps a core). */
  workers?: number;
  /** Source text per batch handed to a worker, in UTF-16 code units (default 250,000). */
  batchChars?: number;
  /** The worker script (default: `indexWorker.js` beside this module, or the `.ts` under tsx). */
  workerFile?: string;
  /**
   * This thread prepares batches too, between merging the workers' (default false). For a caller
   * with nothing else to do (the CLI): one worker fewer for the same cores, so one heap less.
   */
  thisThread?: boolean;
  /** Each worker's young generation, in MB (V8's `maxYoungGenerationSizeMb`; default: V8's own, up to 16 MB a semi-space). */
  youngGenerationMb?: number;
  /**
   * Each worker's old generation, in MB (V8's `maxOldGenerationSizeMb`; default: V8's own, the
   * process's heap limit). Beside the limit, V8 lets a heap grow between full collections by a
   * factor that is smaller the smaller the limit (4 from 2 GB up, 1.6 at 1 GB): a worker whose
   * live data is some 20 MB then holds less garbage.
   */
  oldGenerationMb?: number;
  /** Workers started beforehand ({@link StartedWorkers}): used first, and ended with the others. */
  started?: StartedWorkers;
}

/** Where the worker script is: next to this module, bundled or not. */
function defaultWorkerFile(): string {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  return join(dirname(here), here.endsWith('.ts') ? 'indexWorker.ts' : 'indexWorker.js');
}

function startWorker(file: string, youngGenerationMb: number | undefined, oldGenerationMb: number | undefined): Worker {
  const limits = { ...(youngGenerationMb ? { maxYoungGenerationSizeMb: youngGenerationMb } : {}), ...(oldGenerationMb ? { maxOldGenerationSizeMb: oldGenerationMb } : {}) };
  const options = Object.keys(limits).length ? { resourceLimits: limits } : {};
  // under tsx (tests, benchmarks from source) the worker registers tsx itself
  if (file.endsWith('.ts')) return new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { ...options, eval: true });
  return new Worker(file, options);
}

/**
 * Index workers started before the files are known, so that their start-up overlaps the
 * caller's own (listing and reading the first files). A build takes them; `close` ends
 * those no build took.
 */
export class StartedWorkers {
  private workers: Worker[];
  private failed = false;

  constructor(count: number, options: Pick<WorkerBuildOptions, 'workerFile' | 'youngGenerationMb' | 'oldGenerationMb'> = {}) {
    const file = options.workerFile ?? defaultWorkerFile();
    this.workers = Array.from({ length: count }, () => startWorker(file, options.youngGenerationMb, options.oldGenerationMb));
    // a worker that cannot start is not used: the build starts its own, and reports why it fails
    for (const w of this.workers) w.once('error', () => (this.failed = true));
  }

  /** Up to `count` workers, taken: the build ends them. */
  take(count: number): Worker[] {
    if (this.failed) this.close();
    const taken = this.workers.splice(0, count);
    this.close();
    return taken;
  }

  /** Ends the workers not taken. */
  close(): void {
    for (const w of this.workers.splice(0)) void w.terminate();
  }
}

/**
 * Adds (or replaces) `files` in `corpus`, preparing them on worker threads; resolves when every
 * source is in and the index is built. The result is the same as `corpus.addSources(files)`.
 * Files not read yet (`UnreadFile`) are read where they are prepared, and each is told of
 * through `options.onFileRead`, in order, before its source is added.
 */
export async function addSourcesInWorkers(corpus: Corpus, files: Iterable<SourceFile | UnreadFile> | AsyncIterable<SourceFile | UnreadFile>, options: WorkerBuildOptions = {}): Promise<void> {
  const batchChars = options.batchChars ?? 250_000;
  const source: AsyncIterator<SourceFile | UnreadFile> | Iterator<SourceFile | UnreadFile> = Symbol.asyncIterator in files ? files[Symbol.asyncIterator]() : (files as Iterable<SourceFile | UnreadFile>)[Symbol.iterator]();
  let exhausted = false;
  let reading: Promise<unknown> = Promise.resolve();
  // the text of a file not read yet is guessed from those read so far (news articles: some 2,000 characters)
  let unreadChars = 0;
  let unreadFiles = 0;
  const guess = () => (unreadFiles ? unreadChars / unreadFiles : 2_000);
  /** The next batch of files, taken from the iterable (one taking at a time); empty at the end. */
  const nextBatch = (limit = batchChars): Promise<Array<SourceFile | UnreadFile>> => {
    const next = reading.then(() => readBatch(limit));
    reading = next.catch(() => undefined);
    return next;
  };
  const readBatch = async (limit = batchChars): Promise<Array<SourceFile | UnreadFile>> => {
    const batch: Array<SourceFile | UnreadFile> = [];
    let chars = 0;
    if (options.signal?.aborted) exhausted = true;
    while (!exhausted && chars < limit) {
      const r = await source.next();
      if (r.done) {
        exhausted = true;
        break;
      }
      batch.push(r.value);
      chars += r.value.text?.length ?? guess();
    }
    return batch;
  };
  const thisThread = !!options.thisThread;
  const count = Math.max(thisThread ? 0 : 1, options.workers ?? Math.min(4, availableParallelism() - 1));
  const file = options.workerFile ?? defaultWorkerFile();
  const workers = options.started?.take(count) ?? [];
  while (workers.length < count) workers.push(startWorker(file, options.youngGenerationMb, options.oldGenerationMb));
  const bibliography = corpus.bibliography.size ? new Map(corpus.bibliography) : undefined;
  /**
   * Per batch sent and not merged yet: the paths of its unread files, how many of them are told
   * of, its parts come back, and the lexicon of the thread preparing it (each keeps its terms' ids
   * from one batch to the next: see `KeptLexicon`; its batches are merged in the order it was sent them).
   */
  const batches = new Map<number, { unread: string[]; told: number; parts: PreparedPart[]; complete: boolean; lexicon: KeptLexicon }>();
  const lexicons = new Map<Worker | 'here', KeptLexicon>();
  const start = (files: ReadonlyArray<SourceFile | UnreadFile>, by: Worker | 'here'): number => {
    let lexicon = lexicons.get(by);
    if (!lexicon) lexicons.set(by, (lexicon = new KeptLexicon()));
    batches.set(sent, { unread: files.filter((f) => f.text === undefined).map((f) => f.path), told: 0, parts: [], complete: false, lexicon });
    return sent++;
  };
  let sent = 0;
  let merged = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = false;
      const finishIfDone = () => {
        if (!finished && exhausted && merged === sent) {
          finished = true;
          resolve();
        }
      };
      const inFlight = new Map<Worker, number>();
      const send = async (w: Worker) => {
        const batch = await nextBatch();
        if (!batch.length) {
          // nothing left for it: its heap is given back now, not after the last merge
          if (!inFlight.get(w)) void w.terminate();
          return finishIfDone();
        }
        inFlight.set(w, (inFlight.get(w) ?? 0) + 1);
        const newLexicon = !lexicons.has(w);
        w.postMessage({ id: start(batch, w), files: batch, bibliography, partChars: 2 * batchChars, newLexicon } satisfies WorkerRequest);
      };
      let scheduled = false;
      const schedule = () => {
        if (!scheduled) {
          scheduled = true;
          setImmediate(mergeReady);
        }
      };
      // a part was merged since the index's next build last went on (see Corpus.indexAhead)
      let aheadDue = false;
      const mergeReady = () => {
        // merge in order, one part per turn of the event loop, and between parts a slice of the index
        scheduled = false;
        if (aheadDue) {
          aheadDue = false;
          corpus.indexAhead();
          schedule();
          return;
        }
        const batch = batches.get(merged);
        const part = batch?.parts.shift();
        if (!batch || !part) return finishIfDone();
        const { chars, problems } = part.reads;
        let p = 0;
        for (let i = 0; i < chars.length; i++) {
          const problem = problems[p]?.[0] === i ? problems[p++]![1] : undefined;
          options.onFileRead?.(batch.unread[batch.told++]!, chars[i]! < 0 ? undefined : chars[i], problem);
        }
        corpus.addPrepared(part.batch, { lexicon: batch.lexicon });
        aheadDue = true;
        release(part.batch);
        if (part.batch.sources.length) options.onProgress?.((done += part.batch.sources.length));
        if (batch.complete && !batch.parts.length) {
          batches.delete(merged);
          merged++;
        }
        schedule();
      };
      const deliver = (id: number, part: PreparedPart, last: boolean) => {
        const batch = batches.get(id)!;
        batch.parts.push(part);
        batch.complete = last;
        for (const n of part.reads.chars) {
          unreadChars += Math.max(0, n);
          unreadFiles++;
        }
        if (id === merged) schedule();
      };
      for (const w of workers) {
        w.on('message', (m: WorkerReply) => {
          const part = m.error ? undefined : replyPart(m);
          if (!part) return reject(new Error(`index worker: ${m.error ?? 'no result'}`));
          if (m.last) {
            inFlight.set(w, inFlight.get(w)! - 1);
            send(w).catch(reject);
          }
          deliver(m.id, part, !!m.last);
        });
        w.on('error', reject);
        // two batches each, so that a worker never waits for this thread to read and hand it the next
        send(w)
          .then(() => send(w))
          .catch(reject);
      }
      if (thisThread) {
        // this thread's share: a batch at a time, after the workers have theirs
        const scratch = new FilesScratch(false, true);
        const local = async () => {
          for (;;) {
            await new Promise<void>((r) => setImmediate(r));
            // half a batch at a time: a worker's result is answered (and its next batch read)
            // within half a batch of its own, so that it never waits; and at the end this thread
            // waits for the workers' last batches rather than they for its
            const batch = await nextBatch(batchChars / 2);
            if (!batch.length) return finishIfDone();
            const id = start(batch, 'here');
            prepareFiles(batch, bibliography, scratch, batchChars, (part, last) => deliver(id, part, last));
          }
        };
        local().catch(reject);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  await corpus.flush(options);
}

/**
 * Gives back the memory of a merged batch's offsets and terms at once: the corpus has copied
 * them (it keeps only the text). Left to the collector, they would wait for a full collection,
 * which comes late for memory outside the heap, after tens of MB of such buffers. Transferring
 * them into a clone that is thrown away detaches them and frees their memory now.
 */
function release(batch: PreparedSources): void {
  const buffers = [batch.spans.buffer, batch.termEnds.buffer, batch.terms.buffer].filter((b, i, all): b is ArrayBuffer => b instanceof ArrayBuffer && b !== batch.text.buffer && all.indexOf(b) === i);
  structuredClone(null, { transfer: buffers });
}

export interface AutoBuildOptions extends WorkerBuildOptions {
  /**
   * Below this much source text (UTF-16 code units), the sources are prepared on this thread:
   * starting workers would cost more. Default 2 million, or a batch's worth when the workers
   * were started beforehand (`started`).
   */
  inThreadChars?: number;
}

/**
 * Adds `files` to `corpus` on this thread when they are few, else on worker threads (see
 * {@link addSourcesInWorkers}); the result is the same either way. Fits `LoadOptions.build`, and
 * reads files not read yet (`LoadOptions.buildReads`).
 */
export async function addSourcesAuto(corpus: Corpus, files: Iterable<SourceFile | UnreadFile> | AsyncIterable<SourceFile | UnreadFile>, options: AutoBuildOptions = {}): Promise<void> {
  const limit = options.inThreadChars ?? (options.started ? (options.batchChars ?? 250_000) : 2_000_000);
  const it: AsyncIterator<SourceFile | UnreadFile> | Iterator<SourceFile | UnreadFile> = Symbol.asyncIterator in files ? files[Symbol.asyncIterator]() : (files as Iterable<SourceFile | UnreadFile>)[Symbol.iterator]();
  // the first files are read here, to tell how much text there is
  const head: SourceFile[] = [];
  const scratch = new ReadScratch();
  let chars = 0;
  while (chars < limit) {
    const r = await it.next();
    if (r.done) {
      options.started?.close();
      return corpus.addSources(head, options);
    }
    const file = r.value;
    if (file.text !== undefined) head.push(file);
    else {
      const read = readPlainFile(file, scratch);
      options.onFileRead?.(file.path, read.text?.length, read.problem);
      if (read.text === undefined) continue;
      head.push({ path: file.path, text: read.text });
    }
    chars += head[head.length - 1]!.text.length;
  }
  async function* all(): AsyncGenerator<SourceFile | UnreadFile> {
    yield* head;
    head.length = 0;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return addSourcesInWorkers(corpus, all(), options);
}
