// The second opinion's pure parts: which claims are uncertain, the prompts, reading answers, the
// answer cache and how an answer changes a finding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnswerCache, answerKey, applyDecisions, chatContent, chatRequest, check, DEFAULT_SETTINGS, errorMessage, fnv1a64, inUncertainBand, JSON_SYSTEM_PROMPT, parseAnswer, promptForm, readSettings, shortName, verifierQuestions, verifierSettings, verifierStatusLine, type Finding } from '../../src/core';
import { seedCorpus, UPI } from './fixtures';

const corpus = seedCorpus();
/** An uncited claim and a cited one whose built-in verdicts are close calls, one clearly unsupported, one clearly supported. */
const UNCERTAIN_UNCITED = 'The pause would begin at 08:00 on Friday, Russian officials said.';
const UNCERTAIN_CITED = `The pause would begin at 08:00 on Friday, Russian officials said [@${UPI}].`;
const UNSUPPORTED = 'The United Nations delivered 40 trucks of food to the eastern districts that week.';
const SUPPORTED = `Russian President Vladimir Putin ordered a 10-hour humanitarian pause in Aleppo on Friday [@${UPI}].`;
const DRAFT = ['# Notes', '', UNCERTAIN_UNCITED, '', UNSUPPORTED, '', SUPPORTED, '', UNCERTAIN_CITED, ''].join('\n');

/** Every unsupported claim, uncertain or not: more questions than the uncertain ones, for the rules that apply answers. */
const ANY_UNSUPPORTED = (f: Finding) => f.rule === 'unsupported-claim';

function finding(confidence: Finding['confidence'], rule: Finding['rule'] = 'unsupported-claim'): Finding {
  return { rule, severity: 'information', message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, evidence: [{ source: 's', line: 1, character: 0, text: 't', start: 0, end: 1 }], score: 0.4, fixes: [], ...(confidence ? { confidence } : {}) };
}

test('the uncertain findings about support, with evidence, are the ones a model may decide', () => {
  assert.equal(inUncertainBand(finding('uncertain')), true);
  assert.equal(inUncertainBand(finding('uncertain', 'contradicted')), true);
  assert.equal(inUncertainBand(finding('confident')), false, 'the engine is sure');
  assert.equal(inUncertainBand(finding(undefined, 'uncited-claim')), false);
  assert.equal(inUncertainBand(finding('uncertain', 'wrong-citation')), false, 'a yes or no on another source cannot settle the citation');
  assert.equal(inUncertainBand({ ...finding('uncertain'), evidence: [] }), false, 'nothing to ask without evidence');
});

test('questions: the uncertain claims only, each with only its own evidence passages', () => {
  const result = check(DRAFT, corpus);
  const inBand = result.findings.filter((f) => inUncertainBand(f));
  assert.ok(inBand.length >= 1, `the draft should have a close call: ${JSON.stringify(result.findings.map((f) => [f.rule, f.confidence]))}`);
  assert.ok(result.findings.some((f) => f.rule === 'unsupported-claim' && f.confidence === 'confident'), 'and a clear case');
  const qs = verifierQuestions(result);
  assert.equal(qs.length, inBand.length);
  for (const q of qs) {
    const f = result.findings[q.finding]!;
    assert.ok(inUncertainBand(f));
    assert.deepEqual(q.passages, f.evidence.map((e) => e.text.replace(/\s+/g, ' ').trim()));
    assert.ok(!q.claim.includes('[@'), 'citations are left out of the claim');
    assert.ok(!q.claim.includes('Notes') && !q.claim.includes('United Nations'), 'never another sentence of the draft');
  }
  assert.ok(verifierQuestions(result, ANY_UNSUPPORTED).length > qs.length);
  assert.deepEqual(verifierQuestions(result, () => false), []);
});

test('Bespoke-MiniCheck gets its own form: Document / Claim, one user message', () => {
  for (const m of ['bespoke-minicheck', 'bespoke-minicheck:7b', 'Bespoke-MiniCheck-7B.Q4_K_M.gguf']) assert.equal(promptForm(m), 'minicheck', m);
  const req = chatRequest('bespoke-minicheck', { claim: 'The students are preparing for an examination.', passages: ['A group of students gather in the school library.', 'They study for their final exams.'] });
  assert.deepEqual(req.messages, [{ role: 'user', content: 'Document: A group of students gather in the school library.\nThey study for their final exams.\nClaim: The students are preparing for an examination.' }]);
  assert.equal(req.model, 'bespoke-minicheck');
  assert.equal(req.temperature, 0);
  assert.equal(req.stream, false);
});

test('any other model is asked for a JSON answer, with the documented system prompt', () => {
  assert.equal(promptForm('llama3.2'), 'json');
  const req = chatRequest('qwen2.5:7b', { claim: 'C.', passages: ['P1.', 'P2.'] });
  assert.equal(req.messages[0]!.role, 'system');
  assert.equal(req.messages[0]!.content, JSON_SYSTEM_PROMPT);
  assert.match(JSON_SYSTEM_PROMPT, /\{"supported": true\}/);
  assert.deepEqual(req.messages[1], { role: 'user', content: 'Document:\nP1.\nP2.\n\nClaim:\nC.' });
});

test('answers: yes and no, JSON, and anything else is no decision', () => {
  const cases: Array<[string, ReturnType<typeof parseAnswer>]> = [
    ['Yes', 'supported'],
    ['No', 'unsupported'],
    [' no.\n', 'unsupported'],
    ['**Yes**', 'supported'],
    ['Yes, the document says so.', 'supported'],
    ['{"supported": true}', 'supported'],
    ['{"supported": false}', 'unsupported'],
    ['```json\n{"supported": false}\n```', 'unsupported'],
    ['<think>The document says two corridors.</think>\n{"supported": false}', 'unsupported'],
    ['{"answer": "Yes"}', 'supported'],
    ['{"label": "not supported"}', 'unsupported'],
    ['Maybe', undefined],
    ['Nobody knows', undefined],
    ['Yesterday it was', undefined],
    ['', undefined],
    ['{"supported": "perhaps"}', undefined],
    ['{"supported": tru', undefined],
    ['{"confidence": 0.9}', undefined],
  ];
  for (const [text, want] of cases) assert.equal(parseAnswer(text), want, JSON.stringify(text));
});

test('response bodies: the message content, or what the server said went wrong', () => {
  assert.deepEqual(chatContent(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'Yes' } }] })), { content: 'Yes' });
  assert.deepEqual(chatContent('{"choices":[{"message":{"role":"assist'), { error: 'the response is not JSON' });
  assert.deepEqual(chatContent('{"choices":[]}'), { error: 'the response has no message' });
  // Ollama's /v1, llama-server, Ollama's own API, a proxy's HTML
  assert.equal(errorMessage('{"error":{"message":"model \\"x\\" not found, try pulling it first","type":"api_error","param":null,"code":null}}'), 'model "x" not found, try pulling it first');
  assert.equal(errorMessage('{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}'), 'Loading model');
  assert.equal(errorMessage('{"error":"llama runner process has terminated"}'), 'llama runner process has terminated');
  assert.equal(errorMessage('<html>\n<h1>502 Bad Gateway</h1></html>'), '<html> <h1>502 Bad Gateway</h1></html>');
});

test('the cache key changes with the model, the claim and each passage, and with nothing else', () => {
  const k = answerKey('m', 'claim', ['p1', 'p2']);
  assert.match(k, /^[0-9a-f]{16}$/);
  assert.equal(answerKey('m', 'claim', ['p1', 'p2']), k);
  for (const other of [answerKey('n', 'claim', ['p1', 'p2']), answerKey('m', 'claim.', ['p1', 'p2']), answerKey('m', 'claim', ['p1', 'p3']), answerKey('m', 'claim', ['p1']), answerKey('m', 'claim', ['p1p2'])]) assert.notEqual(other, k);
  // the empty string hashes to FNV-1a's 64-bit offset basis; one code unit is two bytes
  assert.equal(fnv1a64(''), 'cbf29ce484222325');
  assert.notEqual(fnv1a64('a'), fnv1a64('b'));
  assert.notEqual(fnv1a64('\u0161'), fnv1a64('\u0162'));
});

test('the cache keeps answers, survives its saved form, drops the oldest and ignores junk', () => {
  const cache = new AnswerCache(2);
  cache.set(answerKey('m', 'a', []), 'supported');
  cache.set(answerKey('m', 'b', []), 'unsupported');
  cache.set(answerKey('m', 'c', []), 'supported');
  assert.equal(cache.size, 2);
  assert.equal(cache.get(answerKey('m', 'a', [])), undefined, 'the oldest went');
  assert.equal(cache.changed, 3);
  const back = AnswerCache.fromJSON(JSON.parse(JSON.stringify(cache)));
  assert.equal(back.get(answerKey('m', 'b', [])), 'unsupported');
  assert.equal(back.get(answerKey('m', 'c', [])), 'supported');
  assert.equal(back.changed, 0);
  assert.equal(AnswerCache.fromJSON({ format: 1, answers: [['zz', 'y'], [answerKey('m', 'd', []), 'maybe'], 5] }).size, 0);
  assert.equal(AnswerCache.fromJSON(null).size, 0);
  assert.equal(AnswerCache.fromJSON({ format: 2, answers: [] }).size, 0);
});

test("a 'no' makes an uncertain finding a confident unsupported-claim, naming the model", () => {
  const result = check(DRAFT, corpus);
  const qs = verifierQuestions(result);
  const q = qs.find((x) => result.findings[x.finding]!.rule === 'unsupported-claim')!;
  const before = result.findings[q.finding]!;
  assert.equal(before.severity, 'information');
  assert.match(before.message, /^Possibly unsupported \(closest: /);
  const after = applyDecisions(result.findings, qs, new Map([[q.finding, 'unsupported' as const]]), { model: 'bespoke-minicheck', severity: { 'unsupported-claim': 'warning' } });
  assert.equal(after.length, result.findings.length);
  const f = after[q.finding]!;
  assert.equal(f.rule, 'unsupported-claim');
  assert.equal(f.severity, 'warning');
  assert.equal(f.confidence, 'confident');
  assert.equal(f.message, `${before.message.replace(/^Possibly unsupported/, 'No source supports this claim')} (second opinion: bespoke-minicheck)`);
  assert.deepEqual(f.evidence, before.evidence);
  assert.deepEqual(f.fixes, before.fixes);
  // the others are untouched
  after.forEach((x, i) => i !== q.finding && assert.equal(x, result.findings[i]));
});

test("a 'yes' makes an uncited claim uncited-claim with its Cite fix, and a cited one drops its finding", () => {
  const result = check(DRAFT, corpus);
  const qs = verifierQuestions(result);
  const uncited = qs.find((x) => !x.cited && result.findings[x.finding]!.fixes.some((fx) => fx.title.startsWith('Cite')))!;
  const cited = qs.find((x) => x.cited)!;
  assert.ok(uncited && cited, JSON.stringify(qs));
  const decisions = new Map([
    [uncited.finding, 'supported' as const],
    [cited.finding, 'supported' as const],
  ]);
  const after = applyDecisions(result.findings, qs, decisions, { model: 'bespoke-minicheck', name: (id) => shortName(corpus, id) });
  assert.equal(after.length, result.findings.length - 1, 'the cited, supported claim has nothing left to report');
  const f = after.find((x) => x.range === result.findings[uncited.finding]!.range)!;
  const best = result.findings[uncited.finding]!.evidence[0]!;
  assert.equal(f.rule, 'uncited-claim');
  assert.equal(f.severity, 'information');
  assert.equal(f.message, `Supported by ${shortName(corpus, best.source)}, line ${best.line} (second opinion: bespoke-minicheck), but nothing is cited`);
  assert.deepEqual(f.fixes.map((x) => x.title), result.findings[uncited.finding]!.fixes.filter((x) => x.title.startsWith('Cite')).map((x) => x.title));
  assert.ok(!after.some((x) => x.range === result.findings[cited.finding]!.range));
});

test('settings: the endpoint and model come only from the user value; Restricted Mode switches the verifier off', () => {
  const workspace: Record<string, unknown> = { 'verifier.endpoint': 'http://attacker.example/v1', 'verifier.model': 'evil', 'verifier.timeoutMs': 500, 'verifier.maxClaimsPerCheck': 3 };
  const fromWorkspace = readSettings((k) => workspace[k], () => undefined);
  assert.equal(fromWorkspace.verifierEndpoint, '', 'a workspace value of the endpoint is never read');
  assert.equal(fromWorkspace.verifierModel, DEFAULT_SETTINGS.verifierModel);
  assert.equal(fromWorkspace.verifierTimeoutMs, 500);
  assert.equal(fromWorkspace.verifierMaxClaims, 3);
  assert.equal(readSettings((k) => workspace[k]).verifierEndpoint, '', 'without a user reader the endpoint keeps its default');
  assert.deepEqual(verifierSettings(fromWorkspace, true), { off: 'no endpoint set' });
  const user: Record<string, unknown> = { 'verifier.endpoint': ' http://127.0.0.1:11434/v1/ ', 'verifier.model': 'bespoke-minicheck' };
  const s = readSettings((k) => workspace[k], (k) => user[k]);
  assert.deepEqual(verifierSettings(s, true), { verifier: { endpoint: 'http://127.0.0.1:11434/v1', model: 'bespoke-minicheck', timeoutMs: 500, maxClaimsPerCheck: 3 } });
  assert.deepEqual(verifierSettings(s, false), { off: 'the workspace is in Restricted Mode' });
  assert.ok('error' in verifierSettings({ ...s, verifierEndpoint: 'file:///etc/passwd' }, true));
});

test('the status line says whether a verifier is in use and how many claims it decided', () => {
  assert.equal(verifierStatusLine({ decided: 0, off: 'no endpoint set' }), 'Second opinion: none (no endpoint set)');
  assert.equal(verifierStatusLine({ verifier: 'bespoke-minicheck at http://127.0.0.1:11434/v1', decided: 1 }), 'Second opinion: bespoke-minicheck at http://127.0.0.1:11434/v1, 1 claim decided');
  assert.equal(verifierStatusLine({ verifier: 'm at u', decided: 0, problem: 'the verifier (m at u) could not be reached' }), 'Second opinion: m at u, 0 claims decided; not answering as it should: the verifier (m at u) could not be reached');
});
