/**
 * The second opinion: the claims whose built-in verdict is uncertain, put to a model server that
 * speaks the OpenAI chat-completions protocol (Ollama, llama.cpp's llama-server, LM Studio, vLLM)
 * at `<endpoint>/chat/completions`, over the global `fetch`.
 *
 * Only the claim and the passages its verdict rests on are sent. At most `maxClaimsPerCheck`
 * requests per check, at most {@link CONCURRENT} at a time, each bounded by `timeoutMs`; all are
 * cancelled through the caller's signal when the draft changes. Answers are remembered in an
 * {@link AnswerCache}. A server that is down, slow or answers nonsense leaves the built-in verdict
 * standing, and the review says so in one line (`problem`), not once per claim.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomicSync } from './atomicFile';
import { AnswerCache, answerKey, applyDecisions, chatContent, chatRequest, errorMessage, inUncertainBand, parseAnswer, verifierQuestions, type CheckResult, type Decision, type Finding, type RuleId, type Severity, type VerifierQuestion, type VerifierSettings } from '../core';

/** Requests in flight at once. */
export const CONCURRENT = 2;

export interface ReviewOptions {
  /** Per-rule severity, as the check was given it. */
  severity?: Partial<Record<RuleId, Severity | 'off'>>;
  /** A short name for a source id, for messages. */
  name?: (sourceId: string) => string;
  /** Aborted when the draft changes: requests in flight are cancelled, nothing more is sent. */
  signal?: AbortSignal;
  /** At most this many requests (below `maxClaimsPerCheck`); 0: only remembered answers apply. */
  limit?: number;
  /** Which findings are put to the model: the uncertain ones by default. */
  asked?: (f: Finding) => boolean;
}

/** What a second opinion did to one check. */
export interface Review {
  /** The check's findings with the model's decisions applied. */
  findings: Finding[];
  /** Claims in the uncertain band. */
  uncertain: number;
  /** Requests sent to the server. */
  asked: number;
  /** Claims the model decided, from answers given now or remembered. */
  decided: number;
  /** Of those, decided by a remembered answer (nothing sent). */
  remembered: number;
  /** Uncertain claims left out by `maxClaimsPerCheck`. */
  skipped: number;
  /** What went wrong, in one line; the built-in verdicts stand for the claims it touched. */
  problem?: string;
  /** The signal was aborted: the result is stale, publish nothing. */
  cancelled: boolean;
}

type Outcome = { decision: Decision } | { undecided: string } | { failed: string } | { cancelled: true };

export class Verifier {
  constructor(
    readonly settings: VerifierSettings,
    readonly cache: AnswerCache = new AnswerCache(),
    private readonly fetchFn: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** Where requests go. */
  get url(): string {
    return `${this.settings.endpoint}/chat/completions`;
  }

  /** A name for messages: `bespoke-minicheck at http://127.0.0.1:11434/v1`. */
  get description(): string {
    return `${this.settings.model} at ${this.settings.endpoint}`;
  }

  /** Asks about the check's uncertain claims and applies the answers. Never throws. */
  async review(result: CheckResult, options: ReviewOptions = {}): Promise<Review> {
    const { model, maxClaimsPerCheck } = this.settings;
    const questions = verifierQuestions(result, options.asked ?? inUncertainBand);
    const decisions = new Map<number, Decision>();
    const pending: Array<{ q: VerifierQuestion; key: string }> = [];
    let remembered = 0;
    for (const q of questions) {
      const key = answerKey(model, q.claim, q.passages);
      const known = this.cache.get(key);
      if (known) {
        decisions.set(q.finding, known);
        remembered++;
      } else pending.push({ q, key });
    }
    const asking = pending.slice(0, Math.max(0, Math.min(maxClaimsPerCheck, options.limit ?? Infinity)));
    // a failure stops what is in flight as well: the server is down or broken, not one answer
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    let failure: string | undefined;
    let undecided = 0;
    let firstUndecided: string | undefined;
    let asked = 0;
    let next = 0;
    const worker = async () => {
      while (next < asking.length && !signal.aborted) {
        const { q, key } = asking[next++]!;
        asked++;
        const outcome = await this.ask(q, signal);
        if ('decision' in outcome) {
          decisions.set(q.finding, outcome.decision);
          this.cache.set(key, outcome.decision);
        } else if ('undecided' in outcome) {
          undecided++;
          firstUndecided ??= outcome.undecided;
        } else if ('failed' in outcome) {
          failure ??= outcome.failed;
          stop.abort();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT, asking.length) }, worker));
    const cancelled = options.signal?.aborted ?? false;
    const problems: string[] = [];
    if (failure) problems.push(failure);
    if (undecided) problems.push(`answered ${undecided === 1 ? 'one claim' : `${undecided} claims`} with neither yes nor no (${firstUndecided})`);
    const findings = applyDecisions(result.findings, questions, decisions, { model, ...(options.severity ? { severity: options.severity } : {}), ...(options.name ? { name: options.name } : {}) });
    return {
      findings,
      uncertain: questions.length,
      asked,
      decided: decisions.size,
      remembered,
      skipped: pending.length - asking.length,
      ...(problems.length && !cancelled ? { problem: `the verifier (${this.description}) ${problems.join(', and ')}; the built-in verdicts stand for those claims` } : {}),
      cancelled,
    };
  }

  /** One request: the model's decision on one claim, or what kept it from deciding. */
  private async ask(q: VerifierQuestion, signal: AbortSignal): Promise<Outcome> {
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    let body: string;
    let status: number;
    try {
      const res = await this.fetchFn(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(chatRequest(this.settings.model, q)),
        signal: AbortSignal.any([signal, timeout]),
      });
      status = res.status;
      body = await res.text();
    } catch (e) {
      // the draft changed, or another request found the server failing
      if (signal.aborted) return { cancelled: true };
      if (timeout.aborted) return { failed: `gave no answer within ${this.settings.timeoutMs} ms` };
      return { failed: `could not be reached (${reason(e)})` };
    }
    if (status < 200 || status >= 300) return { failed: `answered HTTP ${status}: ${errorMessage(body) || 'no message'}` };
    const content = chatContent(body);
    if ('error' in content) return { failed: `sent a response that is not a chat completion (${content.error})` };
    const decision = parseAnswer(content.content);
    if (!decision) return { undecided: `"${clip(content.content)}"` };
    return { decision };
  }
}

/** Why a fetch failed, in a word or two: `ECONNREFUSED`, `ENOTFOUND`, the message. */
function reason(e: unknown): string {
  const err = e as { cause?: { code?: string; message?: string }; code?: string; message?: string };
  return err?.cause?.code ?? err?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}

function clip(s: string, max = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

/** The answers saved at `path`, or an empty cache when there are none or they cannot be read. */
export function loadAnswers(path: string): AnswerCache {
  try {
    return AnswerCache.fromJSON(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return new AnswerCache();
  }
}

/** Saves the answers at `path` when they changed since they were loaded or last saved. */
export function saveAnswers(path: string, cache: AnswerCache): void {
  if (!cache.changed) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomicSync(path, JSON.stringify(cache));
  cache.saved();
}
