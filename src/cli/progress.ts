/**
 * The progress line of `grounded check` while it reads and indexes the sources: files, MB, rate
 * and files taken from the cache, redrawn in place on standard error and cleared at the end.
 * Drawn only on a terminal, never under `CI=true` or with `--quiet`.
 */

/** Where the line is drawn: standard error, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export interface Progress {
  update: (done: number, total: number, more?: { bytes: number; cached: number }) => void;
  /** Clears the line (when one was drawn). */
  done: () => void;
}

/** How often the line is redrawn at most, in ms. */
const REDRAW_MS = 100;
const CLEAR = '\r\x1b[2K';

export function progressLine(stream: ProgressStream | undefined, o: { quiet: boolean; ci: boolean }, clock: () => number = Date.now): Progress {
  if (!stream?.isTTY || o.quiet || o.ci) return { update: () => undefined, done: () => undefined };
  const start = clock();
  let last = -Infinity;
  let drawn = false;
  return {
    update(done, total, more) {
      const t = clock();
      if (t - last < REDRAW_MS && done < total) return;
      last = t;
      const mb = (more?.bytes ?? 0) / 1e6;
      const seconds = Math.max(0.001, (t - start) / 1000);
      const parts = [`grounded: ${done < total ? 'reading' : 'indexing'} sources: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files`, `${mb.toFixed(1)} MB`, `${(mb / seconds).toFixed(1)} MB/s`];
      if (more?.cached) parts.push(`${more.cached.toLocaleString('en-US')} from the cache`);
      const line = parts.join(', ');
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(CLEAR + (line.length > width ? line.slice(0, width - 1) + '…' : line));
      drawn = true;
    },
    done() {
      if (drawn) stream.write(CLEAR);
      drawn = false;
    },
  };
}
