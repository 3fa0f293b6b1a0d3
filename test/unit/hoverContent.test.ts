// Hover content from the check of a draft (src/core/editor/hoverContent.ts): what a writer reads
// over a citation key and over a quote, with source text escaped and only our own command linked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Corpus, check, hoverAt } from '../../src/core';
import { REUTERS, UPI, seedCorpus } from './fixtures';

const DRAFT = `# Notes

Russian President Vladimir Putin ordered a 10-hour humanitarian pause in Aleppo on Friday [@${UPI}].

Zakaria Malahifji said: "We will not give up the city of Aleppo to the Americans" [@${REUTERS}].

Putin had ordered the pause "to avoid senseless victims" [@${REUTERS}].

The pause was announced [@nope_key].
`;

const plain = (md: string) => md.replace(/\*\*/g, '').replace(/\\([!-/:-@[-`{-~])/g, '$1');

test('over a citation key: the passage that backs the sentence, matched words in bold, and a link that opens it', () => {
  const corpus = seedCorpus();
  const result = check(DRAFT, corpus);
  const hover = hoverAt(result, corpus, DRAFT.indexOf(`@${UPI}`) + 3)!;
  assert.equal(DRAFT.slice(hover.start, hover.end), `@${UPI}`);
  assert.match(hover.markdown, /Backs this sentence \(\d+% of its words\):/);
  assert.ok(plain(hover.markdown).includes('Russian President Vladimir Putin has ordered a 10-hour humanitarian pause'), hover.markdown);
  assert.match(hover.markdown, /\*\*Putin\*\*/);
  assert.match(hover.markdown, /\[Open source at line 1\]\(command:grounded\.openSource\?[^)]+\)/);
});

test('over a quote: where it stands verbatim, or its nearest wording when it is not verbatim', () => {
  const corpus = seedCorpus();
  const result = check(DRAFT, corpus);
  const good = hoverAt(result, corpus, DRAFT.indexOf('to avoid senseless') + 3)!;
  assert.match(plain(good.markdown), /Verbatim in 002, line 19:/);
  const bad = hoverAt(result, corpus, DRAFT.indexOf('to the Americans') + 3)!;
  assert.match(bad.markdown, /\*\*This quote is not verbatim in the sources\.\*\*/);
  assert.ok(plain(bad.markdown).includes('We will not give up the city of Aleppo to the Russians'), bad.markdown);
});

test('an unknown key says so and names close keys; plain prose has no hover', () => {
  const corpus = seedCorpus();
  const result = check(DRAFT, corpus);
  const unknown = hoverAt(result, corpus, DRAFT.indexOf('@nope_key') + 2)!;
  assert.match(plain(unknown.markdown), /^No source has the key nope_key/);
  assert.equal(hoverAt(result, corpus, DRAFT.indexOf('The pause was') + 2), undefined);
  // close keys, as the check's finding names them
  const near = new Corpus();
  for (const id of ['smith2020', 'Smith2021', 'jones2019']) near.addSource(`sources/${id}.txt`, `Report ${id}\n\nThe harbour reopened on Tuesday after the storm.\n`);
  const draft = 'The harbour reopened on Tuesday [@smith2022].\n';
  const checked = check(draft, near);
  const hover = hoverAt(checked, near, draft.indexOf('@smith2022') + 2)!;
  assert.match(plain(hover.markdown), /Did you mean @smith2020, @Smith2021\?/);
  assert.ok(checked.findings.some((f) => f.rule === 'unknown-source' && f.message.includes('smith2020') && f.message.includes('Smith2021')));
});

test('source text cannot add links, commands or HTML to the hover', () => {
  const corpus = new Corpus();
  corpus.addSource('sources/hostile.txt', 'Hostile page\n\nClick [x](command:workbench.action.terminal.new) to see the <img src=x onerror="alert(1)"> market report about pumpkins.\n');
  const draft = 'The market report is about pumpkins [@hostile].\n';
  const hover = hoverAt(check(draft, corpus), corpus, draft.indexOf('@hostile') + 2)!;
  assert.ok(!hover.markdown.includes('](command:workbench'), hover.markdown);
  assert.ok(!hover.markdown.includes('<img'), hover.markdown);
  const links = [...hover.markdown.matchAll(/\]\((command:[^?)]+)/g)].map((m) => m[1]);
  assert.deepEqual(links, ['command:grounded.openSource']);
});
