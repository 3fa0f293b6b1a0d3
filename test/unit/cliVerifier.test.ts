// `grounded check --verifier URL --verifier-model NAME` against a model server on 127.0.0.1.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from '../../src/cli/main';
import { check, verifierQuestions } from '../../src/core';
import { seedCorpus, UPI, copyTextSeeds } from './fixtures';
import { refusedEndpoint, startModelServer, type ModelServer } from './modelServer';

const DRAFT = `# Notes

The pause would begin at 08:00 on Friday, Russian officials said.

The United Nations delivered 40 trucks of food to the eastern districts that week.

Russian President Vladimir Putin ordered a 10-hour humanitarian pause in Aleppo on Friday [@${UPI}].

Gerasimov promised that the air strikes would stop for a month.
`;
const SECOND = `The air strikes would stop for a month, Gerasimov promised.\n`;

let ws: string;
const servers: ModelServer[] = [];

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run({ argv, cwd: ws, stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join('\n'), stderr: err };
}

async function server(options: Parameters<typeof startModelServer>[0]): Promise<ModelServer> {
  const s = await startModelServer(options);
  servers.push(s);
  return s;
}

/** The claims of the draft the check is unsure of, as the verifier words them. */
const uncertainClaims = (text: string) => verifierQuestions(check(text, seedCorpus())).map((q) => q.claim);

describe('grounded check --verifier', () => {
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'grounded-cli-verifier-'));
    copyTextSeeds(join(ws, 'seeds'));
    writeFileSync(join(ws, 'draft.md'), DRAFT);
    writeFileSync(join(ws, 'second.md'), SECOND);
  });
  after(async () => {
    for (const s of servers) await s.close();
    rmSync(ws, { recursive: true, force: true });
  });

  it('sends nothing without --verifier, or with an empty one', async () => {
    const s = await server({ behave: () => ({ answer: 'No' }) });
    const plain = await cli('check', 'draft.md', '--fail-on', 'never');
    const empty = await cli('check', 'draft.md', '--fail-on', 'never', '--verifier', '', '--verifier-model', 'bespoke-minicheck');
    assert.equal(s.requests.length, 0);
    assert.equal(empty.stdout, plain.stdout);
    assert.ok(!plain.stdout.includes('second opinion') && !plain.stdout.includes('Second opinion'));
  });

  it("applies the model's answers before the report: only the uncertain claims are asked", async () => {
    const asked = uncertainClaims(DRAFT);
    assert.ok(asked.length >= 2, JSON.stringify(asked));
    const s = await server({ table: Object.fromEntries(asked.map((c) => [c, 'No'])) });
    const r = await cli('check', 'draft.md', '--verifier', s.endpoint, '--verifier-model', 'bespoke-minicheck', '--fail-on', 'warning');
    assert.deepEqual(s.requests.map((q) => q.claim), asked);
    assert.deepEqual(r.stderr, []);
    assert.equal(r.code, 1);
    const decided = r.stdout.split('\n').filter((l) => l.includes('(second opinion: bespoke-minicheck)'));
    assert.equal(decided.length, asked.length);
    for (const line of decided) assert.match(line, /^draft\.md:\d+:1: warning unsupported-claim No source supports this claim \(closest: .*\) \(second opinion: bespoke-minicheck\)$/);
    assert.match(r.stdout, new RegExp(`\\nSecond opinion from bespoke-minicheck at ${s.endpoint.replace(/[./]/g, '\\$&')}: ${asked.length} of ${asked.length} uncertain claims decided$`));
  });

  it("a 'yes' turns a possibly unsupported claim into an uncited one", async () => {
    const s = await server({ behave: () => ({ answer: 'Yes' }) });
    const r = await cli('check', 'draft.md', '--verifier', s.endpoint, '--fail-on', 'never');
    assert.ok(s.requests.length >= 2);
    assert.match(r.stdout, /information uncited-claim Supported by \d+, line \d+ \(second opinion: bespoke-minicheck\), but nothing is cited/);
    assert.ok(!r.stdout.includes('Possibly unsupported'));
  });

  it('a server that is down: one line on stderr for the whole run, and the built-in report', async () => {
    assert.ok(uncertainClaims(SECOND).length >= 1);
    const plain = await cli('check', 'draft.md', 'second.md', '--fail-on', 'never');
    const endpoint = await refusedEndpoint();
    const r = await cli('check', 'draft.md', 'second.md', '--fail-on', 'never', '--verifier', endpoint);
    assert.equal(r.stderr.length, 1, r.stderr.join('\n'));
    assert.equal(r.stderr[0], `grounded: the verifier (bespoke-minicheck at ${endpoint}) could not be reached (ECONNREFUSED); the built-in verdicts stand for those claims`);
    const lines = r.stdout.split('\n');
    assert.equal(lines.slice(0, -1).join('\n'), plain.stdout);
    assert.match(lines.at(-1)!, /^Second opinion from bespoke-minicheck at .*: 0 of \d+ uncertain claims decided$/);
  });

  it('with --cache the answers are kept beside the prepared sources: the next run sends nothing', async () => {
    const s = await server({ behave: () => ({ answer: 'No' }) });
    const cacheDir = join(ws, 'answers-cache');
    const first = await cli('check', 'draft.md', '--fail-on', 'never', '--verifier', s.endpoint, '--cache', '--cache-location', cacheDir);
    const sent = s.requests.length;
    assert.ok(sent >= 2);
    assert.ok(existsSync(join(cacheDir, 'verifier-answers.json')));
    const second = await cli('check', 'draft.md', '--fail-on', 'never', '--verifier', s.endpoint, '--cache', '--cache-location', cacheDir);
    assert.equal(s.requests.length, sent, 'nothing sent the second time');
    assert.equal(second.stdout.replace(/ \(\d+ remembered\)$/, ''), first.stdout);
    assert.match(second.stdout, new RegExp(`: ${sent} of ${sent} uncertain claims decided \\(${sent} remembered\\)$`));
  });

  it('a --verifier that is not an http URL is a usage error', async () => {
    const r = await cli('check', 'draft.md', '--verifier', 'ftp://example.org');
    assert.equal(r.code, 2);
    assert.match(r.stderr.join('\n'), /--verifier: the endpoint "ftp:\/\/example\.org" is not an http:\/\/ or https:\/\/ URL/);
  });
});
