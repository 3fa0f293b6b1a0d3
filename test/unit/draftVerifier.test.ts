// The second opinion as an editor runs it: publish, then republish on answers; an edit cancels;
// a failing server is told once; the answers are saved and loaded with the index.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { check, type VerifierSettings } from '../../src/core';
import { DraftVerifier, type DraftVerifierHooks } from '../../src/node/draftVerifier';
import type { Review } from '../../src/node/verifier';
import { seedCorpus } from './fixtures';
import { refusedEndpoint, startModelServer, type ModelServer } from './modelServer';

const DRAFT = 'The pause would begin at 08:00 on Friday, Russian officials said.\n\nGerasimov promised that the air strikes would stop for a month.\n';
const result = () => check(DRAFT, seedCorpus());

const servers: ModelServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

function hooks(saved?: string) {
  const h = { saved, reports: [] as string[], logs: [] as string[], statusChanges: 0 };
  const hooks: DraftVerifierHooks = {
    statusChanged: () => void h.statusChanges++,
    load: async () => h.saved,
    save: async (text) => void (h.saved = text),
    report: (p) => h.reports.push(p),
    log: (l) => h.logs.push(l),
  };
  return { h, hooks };
}

const settings = (endpoint: string, timeoutMs = 5000): VerifierSettings => ({ endpoint, model: 'bespoke-minicheck', timeoutMs, maxClaimsPerCheck: 10 });

test('off: nothing is sent and nothing republished', async () => {
  const s = await startModelServer({ behave: () => ({ answer: 'No' }) });
  servers.push(s);
  const { hooks: hk } = hooks();
  const v = new DraftVerifier(hk);
  v.configure(undefined);
  const republished: Review[] = [];
  assert.equal(await v.afterCheck('file:///d.md', result(), {}, (r) => republished.push(r)), undefined);
  assert.equal(s.requests.length, 0);
  assert.deepEqual(republished, []);
  assert.deepEqual(v.status(), { decided: 0 });
});

test('answers republish the findings; the status counts them; a new session loads the saved answers and sends nothing', async () => {
  const s = await startModelServer({ behave: () => ({ answer: 'No' }) });
  servers.push(s);
  const { h, hooks: hk } = hooks();
  const v = new DraftVerifier(hk);
  v.configure(settings(s.endpoint));
  const republished: Review[] = [];
  await v.afterCheck('file:///d.md', result(), {}, (r) => republished.push(r));
  assert.equal(republished.length, 1);
  assert.equal(republished[0]!.decided, 2);
  assert.ok(republished[0]!.findings.every((f) => f.message.endsWith('(second opinion: bespoke-minicheck)')));
  assert.deepEqual(v.status(), { verifier: `bespoke-minicheck at ${s.endpoint}`, decided: 2 });
  assert.equal(h.statusChanges, 1, 'the status bar is told');
  await v.saveNow();
  v.dispose();
  const sent = s.requests.length;
  const next = new DraftVerifier(hooks(h.saved).hooks);
  next.configure(settings(s.endpoint));
  const again = await next.afterCheck('file:///d.md', result(), {}, () => undefined);
  assert.equal(s.requests.length, sent, 'nothing sent: the answers were saved with the index');
  assert.equal(again!.remembered, 2);
});

test('an edit cancels the requests in flight: nothing is republished', async () => {
  const s = await startModelServer({ behave: () => ({ hang: true }) });
  servers.push(s);
  const { h, hooks: hk } = hooks();
  const v = new DraftVerifier(hk);
  v.configure(settings(s.endpoint, 60_000));
  const republished: Review[] = [];
  const pending = v.afterCheck('file:///d.md', result(), {}, (r) => republished.push(r));
  while (s.requests.length < 2) await new Promise((r) => setImmediate(r));
  v.cancel('file:///d.md');
  assert.equal(await pending, undefined);
  assert.deepEqual(republished, []);
  assert.deepEqual(h.reports, [], 'a cancellation is not a problem');
  while (s.aborted < 2) await new Promise((r) => setImmediate(r));
});

test('a server that is down is told once, not on every check', async () => {
  const { h, hooks: hk } = hooks();
  const v = new DraftVerifier(hk);
  const endpoint = await refusedEndpoint();
  v.configure(settings(endpoint));
  for (let i = 0; i < 3; i++) await v.afterCheck('file:///d.md', result(), {}, () => assert.fail('nothing to republish'));
  assert.equal(h.reports.length, 1);
  assert.equal(h.statusChanges, 1, 'the status changed once: the problem appeared');
  assert.match(h.reports[0]!, /could not be reached \(ECONNREFUSED\); the built-in verdicts stand/);
  assert.match(v.status().problem!, /ECONNREFUSED/);
});
