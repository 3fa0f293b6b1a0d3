/**
 * The extension's settings, declared once: typed defaults and the descriptions the manifest
 * (`package.json` `contributes.configuration`) must carry. A unit test keeps the two in step.
 * Pure data, so the core and its tests can read them without VS Code.
 */
import { DEFAULT_SEVERITY } from '../verdict/check';
import { DEFAULT_DRAFT_GLOBS, DEFAULT_SOURCE_GLOBS } from '../corpus/host';
import { RULES, type RuleId, type Severity } from './types';

/** When drafts are checked. */
export type RunMode = 'onSave' | 'onType' | 'manual';
export const RUN_MODES: readonly RunMode[] = ['onSave', 'onType', 'manual'];

export type SeveritySetting = Severity | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface Settings {
  /** Globs (relative to each workspace folder) of the source files. */
  sources: string[];
  /** Globs of the Markdown, Quarto and R Markdown drafts to check (sources are never drafts). */
  drafts: string[];
  /** Globs of bibliographies (BibTeX, CSL JSON, CSL YAML) read for every draft. */
  bibliographies: string[];
  /** When drafts are checked. */
  run: RunMode;
  /** Delay after the last keystroke before an `onType` check, in milliseconds. */
  debounceMs: number;
  /** Per-rule severity; `off` switches a rule off. Rules not named keep their default. */
  severity: Partial<Record<RuleId, SeveritySetting>>;
  /** Source files larger than this many bytes are skipped. */
  maxFileBytes: number;
  /** Offer source sentences inside an open double quote. */
  completeQuotes: boolean;
  /** Words to type inside an open quote before sentences are offered. */
  completeMinWords: number;
  /** Base URL of an OpenAI-compatible model server for second opinions; empty: none (nothing is sent). */
  verifierEndpoint: string;
  /** The model the verifier asks. */
  verifierModel: string;
  /** How long one request to the verifier may take, in milliseconds. */
  verifierTimeoutMs: number;
  /** At most this many claims are sent to the verifier per check. */
  verifierMaxClaims: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  sources: [...DEFAULT_SOURCE_GLOBS],
  drafts: [...DEFAULT_DRAFT_GLOBS],
  bibliographies: [] as string[],
  run: 'onSave' as RunMode,
  debounceMs: 500,
  severity: {},
  maxFileBytes: 20 * 1024 * 1024,
  completeQuotes: true,
  completeMinWords: 2,
  verifierEndpoint: '',
  verifierModel: 'bespoke-minicheck',
  verifierTimeoutMs: 15000,
  verifierMaxClaims: 10,
});


/** Manifest key (`grounded.<key>`) of each setting, and what it says to the writer. */
export const SETTING_DESCRIPTIONS: Readonly<Record<string, { key: keyof Settings; description: string }>> = {
  'grounded.sources': { key: 'sources', description: 'Globs, relative to each workspace folder, of the source files (articles, transcripts, notes) that drafts are checked against: plain text and Markdown, PDF (text per page; citations can name the page, `[@key, p. 2]`), saved web pages (`.html`, `.htm`: only the article is read) and Word files (`.docx`). `sources.yaml` beside them is read as a CSL YAML bibliography.' },
  'grounded.drafts': { key: 'drafts', description: 'Globs of the drafts to check: Markdown, Quarto (`.qmd`) and R Markdown (`.Rmd`). Files that are sources are never drafts.' },
  'grounded.bibliographies': { key: 'bibliographies', description: "Globs of bibliographies read for every draft, besides each draft's own `bibliography:`: BibTeX/BibLaTeX (`.bib`), CSL JSON (`.json`, as Zotero and Better BibTeX export it) or CSL YAML. An entry's `file` field links it to the source that holds its text (else a source named like its key); a cited entry without text in the workspace is reported as `unchecked-citation`." },
  'grounded.run': { key: 'run', description: 'When drafts are checked.' },
  'grounded.debounceMs': { key: 'debounceMs', description: 'With `grounded.run` set to `onType`: how long to wait after the last keystroke before checking, in milliseconds (each document has its own timer).' },
  'grounded.severity': { key: 'severity', description: 'Severity of each rule in the Problems panel: `error`, `warning`, `information`, `hint`, or `off` to switch the rule off. Rules not named keep their default.' },
  'grounded.maxFileBytes': { key: 'maxFileBytes', description: 'Source files larger than this (in bytes) are skipped and reported in the Grounded output.' },
  'grounded.completion.quotes': { key: 'completeQuotes', description: 'Inside an open double quote, offer the source sentences and clauses that contain the words typed so far; accepting inserts the verbatim quote, the closing quote and its citation.' },
  'grounded.completion.minWords': { key: 'completeMinWords', description: 'How many words to type inside an open quote before source sentences are offered.' },
  'grounded.verifier.endpoint': { key: 'verifierEndpoint', description: 'Base URL of a model server on your machine that speaks the OpenAI chat-completions protocol (Ollama: `http://127.0.0.1:11434/v1`; llama-server: `http://127.0.0.1:8080/v1`), asked for a second opinion on the claims whose verdict is uncertain. Only the claim and its evidence passages are sent. Empty: nothing is ever sent. Read from your user settings only, never from a workspace\'s; off in Restricted Mode.' },
  'grounded.verifier.model': { key: 'verifierModel', description: 'The model the verifier asks. Models named like `bespoke-minicheck` get its `Document:`/`Claim:` prompt and answer Yes or No; any other model is asked for a JSON answer. Read from your user settings only.' },
  'grounded.verifier.timeoutMs': { key: 'verifierTimeoutMs', description: 'How long one request to the verifier may take, in milliseconds; a slower answer is dropped and the built-in verdict stands.' },
  'grounded.verifier.maxClaimsPerCheck': { key: 'verifierMaxClaims', description: 'At most this many claims of a draft are sent to the verifier per check (answers already given are remembered and cost nothing).' },
};

export const RUN_MODE_DESCRIPTIONS: Record<RunMode, string> = {
  onSave: 'Check a draft when it is opened and each time it is saved.',
  onType: 'Check a draft when it is opened and as you type (debounced per document).',
  manual: 'Only check when a "Grounded: Check Citations" command is run.',
};

function globList(v: unknown, fallback: readonly string[]): string[] {
  if (!Array.isArray(v)) return [...fallback];
  const out = v.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((g) => g.trim());
  return out.length ? out : [...fallback];
}

function positive(v: unknown, fallback: number, min = 0): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min ? v : fallback;
}

function text(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v.trim() : fallback;
}

/**
 * Settings from whatever a configuration store returned: unknown keys, wrong types and
 * unknown rule names are dropped in favour of the defaults, so a typo never breaks a check.
 * `get(key)` takes a manifest key without the `grounded.` prefix (`completion.quotes`).
 * The verifier's endpoint and model (`verifier.endpoint`, `verifier.model`) are read through
 * `user` alone (the value in the writer's user settings, e.g. VS Code's
 * `inspect(key).globalValue`), never through `get`; without `user` they keep their defaults. A
 * folder's `.vscode/settings.json` must not be able to send the writer's draft to a server of its
 * author's choosing; the manifest gives them `"scope": "machine"` and lists them in
 * `restrictedConfigurations` as well.
 */
export function readSettings(get: (key: string) => unknown, user?: (key: string) => unknown): Settings {
  const run = get('run');
  const severity: Partial<Record<RuleId, SeveritySetting>> = {};
  const sev = get('severity');
  if (sev && typeof sev === 'object') {
    for (const [rule, level] of Object.entries(sev as Record<string, unknown>)) {
      if ((RULES as readonly string[]).includes(rule) && (SEVERITY_SETTINGS as readonly unknown[]).includes(level)) severity[rule as RuleId] = level as SeveritySetting;
    }
  }
  const quotes = get('completion.quotes');
  return {
    sources: globList(get('sources'), DEFAULT_SETTINGS.sources),
    drafts: globList(get('drafts'), DEFAULT_SETTINGS.drafts),
    bibliographies: globList(get('bibliographies'), DEFAULT_SETTINGS.bibliographies),
    run: (RUN_MODES as readonly unknown[]).includes(run) ? (run as RunMode) : DEFAULT_SETTINGS.run,
    debounceMs: positive(get('debounceMs'), DEFAULT_SETTINGS.debounceMs),
    severity,
    maxFileBytes: positive(get('maxFileBytes'), DEFAULT_SETTINGS.maxFileBytes, 1),
    completeQuotes: typeof quotes === 'boolean' ? quotes : DEFAULT_SETTINGS.completeQuotes,
    completeMinWords: Math.round(positive(get('completion.minWords'), DEFAULT_SETTINGS.completeMinWords, 1)),
    verifierEndpoint: text(user?.('verifier.endpoint'), DEFAULT_SETTINGS.verifierEndpoint),
    verifierModel: text(user?.('verifier.model'), DEFAULT_SETTINGS.verifierModel) || DEFAULT_SETTINGS.verifierModel,
    verifierTimeoutMs: positive(get('verifier.timeoutMs'), DEFAULT_SETTINGS.verifierTimeoutMs, 1),
    verifierMaxClaims: Math.round(positive(get('verifier.maxClaimsPerCheck'), DEFAULT_SETTINGS.verifierMaxClaims, 0)),
  };
}

/** The severity a rule gets under these settings. */
export function severityOf(settings: Settings, rule: RuleId): SeveritySetting {
  return settings.severity[rule] ?? DEFAULT_SEVERITY[rule];
}

/** What the verifier needs to run. */
export interface VerifierSettings {
  /** Base URL, without a trailing `/` (`http://127.0.0.1:11434/v1`). */
  endpoint: string;
  model: string;
  timeoutMs: number;
  maxClaimsPerCheck: number;
}

/**
 * The verifier these settings ask for, or why there is none: `off` when no endpoint is set or the
 * workspace is not trusted (Restricted Mode), an error when the endpoint is not an http(s) URL.
 */
export function verifierSettings(s: Settings, trusted: boolean): { verifier: VerifierSettings } | { off: string } | { error: string } {
  if (!s.verifierEndpoint) return { off: 'no endpoint set' };
  if (!trusted) return { off: 'the workspace is in Restricted Mode' };
  if (!/^https?:\/\/[^\s/]+/i.test(s.verifierEndpoint)) return { error: `the endpoint "${s.verifierEndpoint}" is not an http:// or https:// URL` };
  return { verifier: { endpoint: s.verifierEndpoint.replace(/\/+$/, ''), model: s.verifierModel, timeoutMs: s.verifierTimeoutMs, maxClaimsPerCheck: s.verifierMaxClaims } };
}
