/**
 * V8 set for the `grounded` process: a check is a short run, while V8's defaults suit a long-lived
 * program. The young generation grows to two 16 MB semi-spaces, and the old generation may grow to
 * several times what survived its last full collection: a check makes the corpus' objects once and
 * keeps them, so neither buys it time (most of what a scavenge copies is kept anyway). And the
 * optimising compiler inlines what a hot function calls, which makes each compilation several times
 * larger: in a run of a few seconds, on two cores shared with the compiler's threads, compiling
 * costs more than inlining gives back (measured in bench/RESULTS.md). Typed-array code is compiled
 * knowing that buffers get detached (see `detachOnce`). The flags are the process's, so
 * only the command's own entry point sets them (not `run`, which tests and other programs call in
 * their own processes).
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { detachOnce } from '../node/workerReply';

export interface ShortRunFlags {
  /** The young generation stops growing from this size of a semi-space (MB, default 8). */
  semiSpaceMb?: number;
  /** The old generation grows by this share of what survived between full collections (%, default 50). */
  growingPercent?: number;
  /** Whether the optimising compiler inlines (default false). */
  inlining?: boolean;
}

/** Sets V8 for a short run (see above) until the returned function is called. */
export function tuneForShortRun(o: ShortRunFlags = {}): () => void {
  // the corpus' batches are transferred from the index worker and their buffers let go by detaching them
  detachOnce();
  // the young generation's two semi-spaces
  const young = 2 * (o.semiSpaceMb ?? 8) * 2 ** 20;
  const flags = `--heap-growing-percent=${o.growingPercent ?? 50}${o.inlining ? '' : ' --no-turbo-inlining'}`;
  // V8 grows the young generation by a factor at a scavenge: the factor is held at 1 once the
  // space is as large as wanted (and back at 2, should V8 shrink it). Looked at between tasks,
  // and every flag set each time: starting a worker thread sets V8's flags back to their defaults.
  const look = () => {
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    setFlagsFromString(`${flags} --semi-space-growth-factor=${space && space.space_size >= young ? 1 : 2}`);
  };
  look();
  const timer = setInterval(look, 10);
  timer.unref();
  return () => clearInterval(timer);
}
