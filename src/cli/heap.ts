/**
 * The `grounded` process's own heap, kept small. V8's defaults suit a long-lived program: the
 * young generation grows to two 16 MB semi-spaces, and the old generation may grow to several
 * times what survived its last full collection. A check is a short run that makes the corpus'
 * objects once and keeps them, so neither buys it time: most of what a scavenge copies is kept
 * anyway. Both flags are read by V8 as it collects, so setting them at start-up takes effect; they
 * are the process's, so only the command's own entry point sets them (not `run`, which tests and
 * other programs call in their own processes).
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

export interface HeapLimits {
  /** The young generation stops growing from this size of a semi-space (MB, default 8). */
  semiSpaceMb?: number;
  /** The old generation grows by this share of what survived between full collections (%, default 50). */
  growingPercent?: number;
}

/** Keeps the heap small (see above) until the returned function is called. */
export function keepHeapSmall(o: HeapLimits = {}): () => void {
  // the young generation's two semi-spaces
  const young = 2 * (o.semiSpaceMb ?? 8) * 2 ** 20;
  const growing = `--heap-growing-percent=${o.growingPercent ?? 50}`;
  // V8 grows the young generation by a factor at a scavenge: the factor is held at 1 once the
  // space is as large as wanted (and back at 2, should V8 shrink it). Looked at between tasks,
  // and both flags set each time: starting a worker thread sets V8's flags back to their defaults.
  const look = () => {
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    setFlagsFromString(`${growing} --semi-space-growth-factor=${space && space.space_size >= young ? 1 : 2}`);
  };
  look();
  const timer = setInterval(look, 10);
  timer.unref();
  return () => clearInterval(timer);
}
