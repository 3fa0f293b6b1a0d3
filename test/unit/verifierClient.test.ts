// The second opinion over HTTP, against a model server on 127.0.0.1 that speaks chat-completions
// as Ollama and llama-server do: what is sent, how answers change findings, the cache, and every
// way the server can fail (each leaves the built-in verdicts standing, told in one line).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { AnswerCache, check, chatRequest, shortName, verifierQuestions, type CheckResult, type Finding, type VerifierSettings } from '../../src/core';
import { CONCURRENT, loadAnswers, saveAnswers, Verifier } from '../../src/node/verifier';
import { seedCorpus, UPI } from './fixtures';
import { refusedEndpoint, startModelServer, type ModelServer } from './modelServer';

const corpus = seedCorpus();
const DRAFT = [
  '# Notes',
  '',
  'The pause would begin at 08:00 on Friday, Russian officials said.',
  '',
  'The United Nations delivered 40 trucks of food to the eastern districts that week.',
  '',
  `Russian President Vladimir Putin ordered a 10-hour humanitarian pause in Aleppo on Friday [@${UPI}].`,
  '',
  `The pause would begin at 08:00 on Friday, Russian officials said [@${UPI}].`,
  '',
  'Gerasimov promised that the air strikes would stop for a month.',
  '',
  'The Kremlin said Putin had spoken to President Assad about the pause.',
  '',
].join('\n');
/** Every unsupported claim, uncertain or not: more questions than the uncertain ones, for the limits. */
const WIDE = (f: Finding) => f.rule === 'unsupported-claim';

const servers: ModelServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

async function server(options: Parameters<typeof startModelServer>[0]): Promise<ModelServer> {
  const s = await startModelServer(options);
  servers.push(s);
  return s;
}

function settings(endpoint: string, more: Partial<VerifierSettings> = {}): VerifierSettings {
  return { endpoint, model: 'bespoke-minicheck', timeoutMs: 5000, maxClaimsPerCheck: 10, ...more };
}

function checked(): CheckResult {
  return check(DRAFT, corpus);
}

const name = (id: string) => shortName(corpus, id);

test('only the uncertain claims are sent, each with only its evidence, in the form Bespoke-MiniCheck expects', async () => {
  const result = checked();
  const questions = verifierQuestions(result);
  assert.ok(questions.length >= 1, 'the draft has a close call');
  const s = await server({ table: Object.fromEntries(questions.map((q) => [q.claim, 'No'])) });
  const review = await new Verifier(settings(s.endpoint)).review(result, { name });
  assert.equal(s.requests.length, questions.length);
  for (const [i, q] of questions.entries()) {
    const sent = s.requests[i]!;
    assert.equal(sent.path, '/v1/chat/completions');
    assert.deepEqual(sent.body, JSON.parse(JSON.stringify(chatRequest('bespoke-minicheck', q))));
    assert.equal(sent.body.messages.length, 1);
    assert.equal(sent.body.messages[0]!.content, `Document: ${q.passages.join('\n')}\nClaim: ${q.claim}`);
    // the evidence of this finding and nothing else: no other sentence of the draft, no other source
    const evidence = result.findings[q.finding]!.evidence;
    assert.equal(sent.document, evidence.map((e) => e.text).join('\n'));
    for (const other of ['United Nations delivered 40 trucks', '# Notes', 'Putin ordered a 10-hour']) assert.ok(!JSON.stringify(sent.body).includes(other), `sent "${other}"`);
  }
  assert.equal(review.asked, questions.length);
  assert.equal(review.decided, questions.length);
  assert.equal(review.problem, undefined);
  for (const q of questions) {
    const f = review.findings.find((x) => x.range === result.findings[q.finding]!.range)!;
    assert.equal(f.rule, 'unsupported-claim');
    assert.equal(f.severity, 'warning');
    assert.ok(f.message.endsWith(' (second opinion: bespoke-minicheck)'), f.message);
  }
});

test('a JSON-form model on llama-server: the system prompt, the JSON answer, the finding moved to supported', async () => {
  const result = checked();
  const questions = verifierQuestions(result, WIDE).filter((q) => !q.cited);
  const s = await server({ flavour: 'llama-server', table: Object.fromEntries(questions.map((q) => [q.claim, '{"supported": true}'])) });
  const review = await new Verifier(settings(s.endpoint, { model: 'qwen2.5-7b-instruct' })).review(result, { name, asked: WIDE });
  assert.ok(s.requests.every((r) => r.body.messages[0]!.role === 'system' && r.body.model === 'qwen2.5-7b-instruct'));
  for (const q of questions) {
    const f = review.findings.find((x) => x.range === result.findings[q.finding]!.range)!;
    const best = result.findings[q.finding]!.evidence[0]!;
    assert.equal(f.rule, 'uncited-claim');
    assert.equal(f.message, `Supported by ${name(best.source)}, line ${best.line} (second opinion: qwen2.5-7b-instruct), but nothing is cited`);
  }
});

test('answers are remembered: a second check sends nothing, also after the cache was saved and loaded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grounded-answers-'));
  try {
    const result = checked();
    const s = await server({ behave: () => ({ answer: 'Yes' }) });
    const cache = new AnswerCache();
    const first = await new Verifier(settings(s.endpoint), cache).review(result, { asked: WIDE });
    const sent = s.requests.length;
    assert.ok(sent >= 3);
    assert.equal(first.remembered, 0);
    const second = await new Verifier(settings(s.endpoint), cache).review(checked(), { asked: WIDE });
    assert.equal(s.requests.length, sent, 'the second check sent nothing');
    assert.equal(second.remembered, sent);
    assert.deepEqual(second.findings, first.findings);
    const path = join(dir, 'verifier-answers.json');
    saveAnswers(path, cache);
    const third = await new Verifier(settings(s.endpoint), loadAnswers(path)).review(checked(), { asked: WIDE });
    assert.equal(s.requests.length, sent, 'nothing sent after a restart either');
    assert.deepEqual(third.findings, first.findings);
    // another model is asked again
    await new Verifier(settings(s.endpoint, { model: 'bespoke-minicheck:7b-q4' }), loadAnswers(path)).review(checked(), { asked: WIDE });
    assert.equal(s.requests.length, 2 * sent);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('at most maxClaimsPerCheck requests per check, at most two at a time', async () => {
  const s = await server({ behave: () => ({ answer: 'No', delayMs: 20 }) });
  const result = checked();
  const all = verifierQuestions(result, WIDE).length;
  assert.ok(all >= 4, `${all} questions`);
  const review = await new Verifier(settings(s.endpoint, { maxClaimsPerCheck: 3 })).review(result, { asked: WIDE });
  assert.equal(s.requests.length, 3);
  assert.equal(review.skipped, all - 3);
  assert.equal(review.decided, 3);
  assert.ok(s.maxOpen <= CONCURRENT && CONCURRENT === 2, `${s.maxOpen} open at once`);
  assert.equal(s.maxOpen, 2, 'two requests did run at once');
  const none = await new Verifier(settings(s.endpoint, { maxClaimsPerCheck: 0 })).review(result, { asked: WIDE });
  assert.equal(s.requests.length, 3);
  assert.equal(none.decided, 0);
});

/** A review whose server fails: the findings are the built-in ones, and one line says why. */
async function failing(endpoint: string, more: Partial<VerifierSettings> = {}): Promise<{ review: Awaited<ReturnType<Verifier['review']>>; result: CheckResult }> {
  const result = checked();
  const review = await new Verifier(settings(endpoint, more)).review(result, { asked: WIDE });
  assert.deepEqual(review.findings, result.findings, 'the built-in verdicts stand');
  assert.equal(review.decided, 0);
  assert.equal(review.cancelled, false);
  assert.equal(typeof review.problem, 'string');
  assert.ok(review.problem!.includes('the built-in verdicts stand'), review.problem);
  return { review, result };
}

test('a server that does not answer in time: one line, and no more requests after the first ones', async () => {
  const s = await server({ behave: () => ({ hang: true }) });
  const { review } = await failing(s.endpoint, { timeoutMs: 150 });
  assert.match(review.problem!, /^the verifier \(bespoke-minicheck at http:\/\/127\.0\.0\.1:\d+\/v1\) gave no answer within 150 ms; the built-in verdicts stand for those claims$/);
  assert.ok(s.requests.length <= CONCURRENT, `${s.requests.length} requests`);
});

test('a refused connection', async () => {
  const { review } = await failing(await refusedEndpoint());
  assert.match(review.problem!, /could not be reached \(ECONNREFUSED\)/);
});

test('HTTP 500 with Ollama\'s and llama-server\'s error bodies, and Ollama\'s 404 for a model not pulled', async () => {
  const ollama = await server({ behave: () => ({ status: 500 }) });
  assert.match((await failing(ollama.endpoint)).review.problem!, /answered HTTP 500: llama runner process has terminated: signal: killed;/);
  assert.ok(ollama.requests.length <= CONCURRENT);
  const llama = await server({ flavour: 'llama-server', behave: () => ({ status: 500 }) });
  assert.match((await failing(llama.endpoint)).review.problem!, /answered HTTP 500: failed to decode the prompt: context shift is disabled;/);
  const loading = await server({ flavour: 'llama-server', behave: () => ({ status: 503 }) });
  assert.match((await failing(loading.endpoint)).review.problem!, /answered HTTP 503: Loading model;/);
  const missing = await server({ behave: () => ({ status: 404 }) });
  assert.match((await failing(missing.endpoint)).review.problem!, /answered HTTP 404: model "bespoke-minicheck" not found, try pulling it first;/);
  const wrongPath = await server({});
  assert.match((await failing(wrongPath.endpoint.replace(/\/v1$/, ''))).review.problem!, /answered HTTP 404: 404 page not found;/);
});

test('a body that is not JSON', async () => {
  const s = await server({ behave: () => ({ malformed: true }) });
  assert.match((await failing(s.endpoint)).review.problem!, /sent a response that is not a chat completion \(the response is not JSON\)/);
});

test('answers that are neither yes nor no decide nothing, and are told once for the whole check', async () => {
  const s = await server({ behave: () => ({ answer: 'The document mentions a pause.' }) });
  const { review } = await failing(s.endpoint);
  const n = s.requests.length;
  assert.ok(n >= 3, 'a nonsense answer does not stop the others being asked');
  assert.equal(review.problem, `the verifier (bespoke-minicheck at ${s.endpoint}) answered ${n} claims with neither yes nor no ("The document mentions a pause."); the built-in verdicts stand for those claims`);
});

test('an edit cancels the requests in flight, and nothing more is sent', async () => {
  const s = await server({ behave: () => ({ hang: true }) });
  const edit = new AbortController();
  const result = checked();
  const pending = new Verifier(settings(s.endpoint, { timeoutMs: 60_000 })).review(result, { asked: WIDE, signal: edit.signal });
  while (s.requests.length < CONCURRENT) await new Promise((r) => setImmediate(r));
  edit.abort();
  const review = await pending;
  assert.equal(review.cancelled, true);
  assert.equal(review.problem, undefined, 'a cancellation is not a problem');
  assert.equal(s.requests.length, CONCURRENT);
  while (s.aborted < CONCURRENT) await new Promise((r) => setImmediate(r));
  assert.equal(s.aborted, CONCURRENT, 'the server saw both requests go');
});
