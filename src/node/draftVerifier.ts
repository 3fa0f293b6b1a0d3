/**
 * The second opinion in an editor: after a draft's built-in findings are published, its uncertain
 * claims are put to the model server, and the findings are published again when the answers
 * change them. Editing or closing the draft cancels what is in flight. No editor API here: the
 * extension (or the language server) passes in how to load and save the answers, how to tell the
 * writer, and how to republish.
 */
import { AnswerCache, type CheckResult, type RuleId, type Severity, type VerifierSettings, type VerifierStatus } from '../core';
import { Verifier, type Review } from './verifier';

/** What the editor side provides. */
export interface DraftVerifierHooks {
  /** The saved answers (the text `save` was given), or undefined when there are none. */
  load(): Promise<string | undefined>;
  /** Saves the answers beside the index. */
  save(text: string): Promise<void>;
  /** Tells the writer something went wrong (output channel, status bar): called once until it works again. */
  report(problem: string): void;
  /** A line for the log (debug level). */
  log(line: string): void;
  /** What {@link DraftVerifier.status} says changed (claims decided, a problem gone). */
  statusChanged?(): void;
}

/** Wait this long after new answers before saving them (more usually follow). */
const SAVE_AFTER_MS = 2000;

export class DraftVerifier {
  private settings: VerifierSettings | undefined;
  /** Made for the current settings, on the first check that needs it. */
  private verifier: Verifier | undefined;
  /** The saved answers, loaded once, when a verifier is first configured. */
  private cache: Promise<AnswerCache> | undefined;
  private readonly inFlight = new Map<string, AbortController>();
  private readonly decided = new Map<string, number>();
  private problem: string | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly hooks: DraftVerifierHooks,
    private readonly fetchFn?: typeof fetch,
  ) {}

  private off: string | undefined;

  /**
   * Uses these settings from now on; undefined switches the second opinion off (nothing is
   * sent), `off` saying why for the status.
   */
  configure(settings: VerifierSettings | undefined, off?: string): void {
    this.off = settings ? undefined : off;
    if (JSON.stringify(settings) === JSON.stringify(this.settings)) return;
    for (const c of this.inFlight.values()) c.abort();
    this.inFlight.clear();
    this.decided.clear();
    this.problem = undefined;
    this.verifier = undefined;
    this.settings = settings;
    if (settings) {
      this.cache ??= this.hooks.load().then(
        (text) => (text ? AnswerCache.fromJSON(safeParse(text)) : new AnswerCache()),
        () => new AnswerCache(),
      );
    }
  }

  /** Whether a second opinion is configured. */
  get enabled(): boolean {
    return this.settings !== undefined;
  }

  status(): VerifierStatus {
    if (!this.settings) return { decided: 0, ...(this.off ? { off: this.off } : {}) };
    let decided = 0;
    for (const n of this.decided.values()) decided += n;
    return { verifier: `${this.settings.model} at ${this.settings.endpoint}`, decided, ...(this.problem ? { problem: this.problem } : {}) };
  }

  /**
   * After the built-in findings of `uri` were published: asks about its uncertain claims (any
   * earlier request for the same draft is cancelled) and calls `republish` with the review when
   * the answers decided something. The caller checks that the draft is still at the version the
   * result is for. Resolves with the review, or undefined when it was cancelled or is off.
   */
  async afterCheck(uri: string, result: CheckResult, options: { severity?: Partial<Record<RuleId, Severity | 'off'>>; name?: (id: string) => string }, republish: (review: Review) => void): Promise<Review | undefined> {
    const settings = this.settings;
    if (!settings || !this.cache) return undefined;
    this.cancel(uri);
    const controller = new AbortController();
    this.inFlight.set(uri, controller);
    const cache = await this.cache;
    if (controller.signal.aborted || this.disposed || this.settings !== settings) return undefined;
    const verifier = (this.verifier ??= new Verifier(settings, cache, this.fetchFn));
    const review = await verifier.review(result, { ...options, signal: controller.signal });
    if (this.inFlight.get(uri) === controller) this.inFlight.delete(uri);
    if (review.cancelled || this.disposed || this.settings !== settings) return undefined;
    const before = JSON.stringify(this.status());
    this.decided.set(uri, review.decided);
    this.hooks.log(`second opinion on ${uri}: ${review.uncertain} uncertain, ${review.asked} asked, ${review.decided} decided (${review.remembered} remembered)${review.skipped ? `, ${review.skipped} left out by grounded.verifier.maxClaimsPerCheck` : ''}`);
    if (review.problem) {
      // told once: again only after the server has worked in between
      if (!this.problem) this.hooks.report(review.problem);
      this.problem = review.problem;
    } else if (review.asked) this.problem = undefined;
    if (cache.changed) this.saveSoon(cache);
    if (review.decided) republish(review);
    if (JSON.stringify(this.status()) !== before) this.hooks.statusChanged?.();
    return review;
  }

  /** The draft changed or closed: its requests in flight are cancelled. */
  cancel(uri: string): void {
    this.inFlight.get(uri)?.abort();
    this.inFlight.delete(uri);
  }

  /** The draft closed: it no longer counts in the status. */
  forget(uri: string): void {
    this.cancel(uri);
    this.decided.delete(uri);
  }

  private saveSoon(cache: AnswerCache): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveNow(cache), SAVE_AFTER_MS);
  }

  /** Saves the answers now, when they changed. */
  async saveNow(cache?: AnswerCache): Promise<void> {
    clearTimeout(this.saveTimer);
    const c = cache ?? (await this.cache);
    if (!c?.changed) return;
    const text = JSON.stringify(c);
    c.saved();
    try {
      await this.hooks.save(text);
    } catch (e) {
      this.hooks.log(`the verifier's answers could not be saved: ${(e as Error).message ?? e}`);
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.saveTimer);
    for (const c of this.inFlight.values()) c.abort();
    this.inFlight.clear();
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
