/**
 * Drafts over the seeds: per labelled draft (test/fixtures/drafts/), the problems check() caught
 * and missed and its false alarms on clean sentences, each miss and false alarm with its sentence.
 *
 *   node --import tsx bench/drafts.ts [--json]
 */
import { checkDraft, draftNames, seedsCorpus, type DraftResult } from './draftLabels';

const short = (s: string, n = 110) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

async function main(): Promise<void> {
  const corpus = await seedsCorpus();
  const results: DraftResult[] = draftNames().map((n) => checkDraft(n, corpus));
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(results.map(({ sentences, ...r }) => ({ ...r, wrong: sentences.filter((s) => !s.right).map((s) => ({ text: s.claim.text, expect: s.label.expect, got: s.findings.map((f) => f.rule) })) })), null, 2));
    return;
  }
  let problems = 0;
  let caught = 0;
  let clean = 0;
  let alarms = 0;
  for (const r of results) {
    problems += r.problems;
    caught += r.caught;
    clean += r.clean;
    alarms += r.falseAlarms;
    console.log(`\n${r.name} (${r.voice})`);
    console.log(`  caught ${r.caught} of ${r.problems} problems; ${r.falseAlarms} false alarms on ${r.clean} clean sentences`);
    for (const s of r.sentences) {
      if (s.right) continue;
      if (s.label.expect) {
        const got = s.findings.length ? `; got ${s.findings.map((f) => f.rule).join(', ')}` : '';
        console.log(`  MISSED  [${s.label.class ?? '?'}: ${s.label.expect.join('|')}${got}] ${short(s.claim.text)}`);
      } else {
        for (const f of s.findings) console.log(`  FALSE   [${f.rule}, ${f.severity}] ${short(s.claim.text)}\n          ${short(f.message, 160)}`);
      }
    }
  }
  console.log(`\nall drafts: caught ${caught} of ${problems} problems; ${alarms} false alarms on ${clean} clean sentences`);
}

void main();
