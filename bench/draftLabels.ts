/**
 * Drafts over the seeds, labelled sentence by sentence (test/fixtures/drafts/*.md, each with a
 * `.labels.json` beside it): the real check() of each draft against every seed (text, PDF, web
 * page, read as the CLI reads them), and what it caught, missed and raised on clean sentences.
 *
 * A label names a sentence by a piece of its text and says which rules would be right for it
 * (`expect`), or `null` for a sentence that should get no finding at all. A problem is caught
 * when one of its rules is reported on its sentence; any finding on a clean sentence is a false
 * alarm. Shared by bench/drafts.ts (the report) and test/unit/drafts.test.ts (what must hold).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SOURCE_GLOBS, check, loadCorpus, parseDraft, type Claim, type Corpus, type Finding, type RuleId } from '../src/core';
import { NodeHost } from '../src/node/host';

export const ROOT = join(__dirname, '..');
export const DRAFTS_DIR = join(ROOT, 'test', 'fixtures', 'drafts');

export interface Label {
  /** A piece of the sentence's text that names it (unique in the draft). */
  text: string;
  /** The rules that would be right for the sentence; null: it should get no finding. */
  expect: RuleId[] | null;
  /** The kind of problem ("who-did-what", "wrong-page" …). */
  class?: string;
  note?: string;
}

export interface SentenceResult {
  label: Label;
  claim: Claim;
  findings: Finding[];
  /** A problem reported by one of its rules; a clean sentence with no finding. */
  right: boolean;
}

export interface DraftResult {
  name: string;
  voice: string;
  sentences: SentenceResult[];
  problems: number;
  caught: number;
  clean: number;
  falseAlarms: number;
}

/** The seeds as the CLI reads them (the five articles, the PDF and the saved web page). */
export async function seedsCorpus(): Promise<Corpus> {
  const { corpus, problems } = await loadCorpus(new NodeHost(ROOT), DEFAULT_SOURCE_GLOBS, {});
  if (problems.length) throw new Error(`seeds not read: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return corpus;
}

/** The labelled drafts, by name (without `.md`). */
export function draftNames(): string[] {
  return readdirSync(DRAFTS_DIR)
    .filter((f) => f.endsWith('.md') && readdirSync(DRAFTS_DIR).includes(f.replace(/\.md$/, '.labels.json')))
    .map((f) => f.replace(/\.md$/, ''))
    .sort();
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

/** Checks one labelled draft against the corpus. Throws when a label names no sentence or several, or a sentence has no label. */
export function checkDraft(name: string, corpus: Corpus): DraftResult {
  const text = readFileSync(join(DRAFTS_DIR, `${name}.md`), 'utf8');
  const { voice, sentences: labels } = JSON.parse(readFileSync(join(DRAFTS_DIR, `${name}.labels.json`), 'utf8')) as { voice: string; sentences: Label[] };
  const draft = parseDraft(text);
  const { findings } = check(draft, corpus);
  const offset = (pos: { line: number; character: number }) => draft.lineStarts[pos.line]! + pos.character;
  const claimOf = new Map<Claim, Label>();
  for (const label of labels) {
    const hits = draft.claims.filter((c) => flat(c.text).includes(label.text));
    if (hits.length !== 1) throw new Error(`${name}: the label "${label.text}" names ${hits.length} sentences`);
    if (claimOf.has(hits[0]!)) throw new Error(`${name}: two labels name the sentence "${hits[0]!.text}"`);
    claimOf.set(hits[0]!, label);
  }
  const unlabelled = draft.claims.filter((c) => !claimOf.has(c));
  if (unlabelled.length) throw new Error(`${name}: sentences without a label: ${unlabelled.map((c) => JSON.stringify(c.text)).join(', ')}`);
  const sentences: SentenceResult[] = draft.claims.map((claim) => {
    const label = claimOf.get(claim)!;
    const own = findings.filter((f) => {
      const s = offset(f.range.start);
      return s >= claim.start && s < claim.end;
    });
    const right = label.expect ? own.some((f) => label.expect!.includes(f.rule)) : own.length === 0;
    return { label, claim, findings: own, right };
  });
  const problems = sentences.filter((s) => s.label.expect);
  const clean = sentences.filter((s) => !s.label.expect);
  return {
    name,
    voice,
    sentences,
    problems: problems.length,
    caught: problems.filter((s) => s.right).length,
    clean: clean.length,
    falseAlarms: clean.filter((s) => !s.right).length,
  };
}
