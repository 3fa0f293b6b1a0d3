/**
 * Extraction off the main thread: one worker thread, started on the first PDF, HTML or DOCX file
 * and stopped after a while without work, reads their bytes into text. Files go to it one at a
 * time, in order; the bytes are handed over without copying. Should the worker die (a library
 * crash, memory), that file is skipped with the reason and a new worker takes the next one.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExtractLimits, Extraction } from '../core';

/** Where the worker script is: next to this module, bundled or not. */
function defaultWorkerFile(): string {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  return join(dirname(here), here.endsWith('.ts') ? 'extractWorker.ts' : 'extractWorker.js');
}

export interface ExtractPoolOptions {
  /** The worker script (default: `extractWorker.js` beside this module, or the `.ts` under tsx). */
  workerFile?: string;
  /** Stop the worker after this long without work, in ms (default 30 s). */
  idleMs?: number;
}

export class ExtractPool {
  private worker: Worker | undefined;
  private next = 0;
  private readonly waiting = new Map<number, (r: Extraction) => void>();
  private idle: ReturnType<typeof setTimeout> | undefined;
  private readonly file: string;
  private readonly idleMs: number;

  constructor(options: ExtractPoolOptions = {}) {
    this.file = options.workerFile ?? defaultWorkerFile();
    this.idleMs = options.idleMs ?? 30_000;
  }

  /** Reads one file's bytes into text on the worker thread. Never rejects. */
  extract(path: string, bytes: Uint8Array, limits: ExtractLimits = {}): Promise<Extraction> {
    if (this.idle) clearTimeout(this.idle);
    const worker = this.start();
    // kept alive while it has work, so a caller awaiting it is not left behind at exit
    worker.ref();
    const id = this.next++;
    return new Promise<Extraction>((resolve) => {
      this.waiting.set(id, resolve);
      // a copy of its own that can be transferred: the caller's bytes may be a view of a shared or
      // pooled buffer (Node's Buffer.slice is not a copy)
      const copy = new Uint8Array(bytes);
      worker.postMessage({ id, path, bytes: copy, limits }, [copy.buffer as ArrayBuffer]);
    });
  }

  /** Stops the worker; files in flight are skipped. */
  dispose(): void {
    if (this.idle) clearTimeout(this.idle);
    const w = this.worker;
    this.worker = undefined;
    this.fail('extraction stopped');
    void w?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // under tsx (tests, benchmarks from source) the worker registers tsx itself
    const w = this.file.endsWith('.ts') ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(this.file)});`, { eval: true }) : new Worker(this.file);
    w.unref();
    w.on('message', (m: { id: number; result: Extraction }) => {
      const done = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      done?.(m.result);
      if (this.waiting.size) return;
      w.unref();
      const t = setTimeout(() => this.dispose(), this.idleMs);
      t.unref?.();
      this.idle = t;
    });
    const died = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.fail(why);
    };
    w.on('error', (e) => died(`the reader crashed (${e.message})`));
    w.on('exit', (code) => died(`the reader stopped (exit code ${code})`));
    this.worker = w;
    return w;
  }

  private fail(reason: string): void {
    for (const done of this.waiting.values()) done({ ok: false, reason });
    this.waiting.clear();
  }
}
