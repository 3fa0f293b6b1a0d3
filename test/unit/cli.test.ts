import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from '../../src/cli/main';
import type { Host } from '../../src/core/corpus/host';
import { NodeHost } from '../../src/node/host';
import { BBC, REUTERS, SEEDS, copyTextSeeds } from './fixtures';

let ws: string;
async function cli(...argv: string[]) {
  return cliWith(undefined, ...argv);
}
async function cliWith(host: Host | undefined, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run({ argv, cwd: ws, stdout: (s) => out.push(s), stderr: (s) => err.push(s), ...(host ? { host } : {}) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const DRAFT = `# Notes

The rebels have rejected the offer [@${BBC}].

Malahifji said: "We will not give up the city of Aleppo to the Americans" [@${REUTERS}].

The United Nations delivered forty trucks of food to the eastern districts that week.
`;

describe('grounded check', () => {
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'grounded-cli-'));
    copyTextSeeds(join(ws, 'seeds'));
    writeFileSync(join(ws, 'draft.md'), DRAFT);
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('prints one line per finding and a summary, exit 1 on an error', async () => {
    const r = await cli('check', 'draft.md');
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    assert.match(lines[0]!, /^draft\.md:5:\d+: error misquote /);
    assert.match(lines[1]!, /^draft\.md:7:1: warning unsupported-claim No source supports this claim \(closest: /);
    assert.equal(lines[2], '1 error, 1 warning, 0 information in 1 draft (5 sources, ' + lines[2]!.match(/(\d+) passages/)![1] + ' passages)');
  });

  it('checks every Markdown draft outside the sources by default', async () => {
    const r = await cli('check');
    assert.match(r.stdout, /in 1 draft \(5 sources/);
  });

  it('honours --fail-on', async () => {
    assert.equal((await cli('check', 'draft.md', '--fail-on', 'never')).code, 0);
    assert.equal((await cli('check', 'draft.md', '--fail-on', 'warning')).code, 1);
    writeFileSync(join(ws, 'clean.md'), `The rebels have rejected the offer [@${BBC}].\n`);
    assert.equal((await cli('check', 'clean.md')).code, 0);
    assert.equal((await cli('check', 'clean.md', '--fail-on', 'information')).code, 0);
  });

  it('writes the JSON report in its documented shape', async () => {
    const r = await cli('check', 'draft.md', '--format', 'json');
    const j = JSON.parse(r.stdout);
    assert.equal(j.version, 1);
    assert.equal(j.files[0].path, 'draft.md');
    const f = j.files[0].findings[0];
    assert.deepEqual(Object.keys(f), ['rule', 'severity', 'message', 'range', 'evidence', 'score', 'fixes']);
    assert.deepEqual(Object.keys(f.range.start), ['line', 'character']);
    assert.equal(f.range.start.line, 4);
    assert.deepEqual(Object.keys(f.evidence[0]), ['source', 'line', 'text']);
    assert.deepEqual(Object.keys(f.fixes[0]), ['title', 'range', 'newText']);
    assert.equal(f.fixes[0].newText, 'We will not give up the city of Aleppo to the Russians');
  });

  it('writes valid SARIF 2.1.0 with 1-based lines', async () => {
    const r = await cli('check', 'draft.md', '--format', 'sarif');
    const s = JSON.parse(r.stdout);
    assert.equal(s.version, '2.1.0');
    const run0 = s.runs[0];
    assert.equal(run0.tool.driver.name, 'grounded');
    assert.deepEqual(run0.tool.driver.rules.map((x: { id: string }) => x.id).sort(), ['contradicted', 'misquote', 'unknown-source', 'uncited-claim', 'unsupported-claim', 'wrong-citation', 'wrong-locator', 'unchecked-citation'].sort());
    const res = run0.results[0];
    assert.equal(res.ruleId, 'misquote');
    assert.equal(res.level, 'error');
    assert.equal(res.locations[0].physicalLocation.region.startLine, 5);
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);
  });

  it('replaces the source globs with --sources', async () => {
    const r = await cli('check', 'draft.md', '--sources', `seeds/${BBC}.txt`, '--format', 'json');
    const j = JSON.parse(r.stdout);
    const rulesFound = j.files[0].findings.map((f: { rule: string }) => f.rule);
    assert.ok(rulesFound.includes('unknown-source'), rulesFound.join());
  });

  it('writes to --output and reports an unwritable one', async () => {
    const out = join(ws, 'report.json');
    const r = await cli('check', 'draft.md', '--format', 'json', '--output', out);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).version, 1);
    const bad = await cli('check', 'draft.md', '--output', join(ws, 'no', 'such', 'dir', 'r.json'));
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^grounded: cannot write .*ENOENT/);
  });

  it('exits 2 with a one-line reason on usage errors', async () => {
    for (const argv of [['check', '--bogus'], ['frobnicate'], [], ['check', 'missing.md'], ['check', 'nothing/*.md'], ['check', '--format', 'xml'], ['check', '--fail-on', 'loud']]) {
      const r = await cli(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, /^grounded: [^\n]+\nRun "grounded --help" for usage\.$/, argv.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  it('exits 2 when no source can be read', async () => {
    const r = await cli('check', 'draft.md', '--sources', 'nowhere/**/*.txt');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no source could be read/);
  });

  it('reports unreadable sources, skips them and goes on', async () => {
    mkdirSync(join(ws, 'bad'));
    writeFileSync(join(ws, 'bad', 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    writeFileSync(join(ws, 'bad', 'latin1.txt'), Buffer.from('The caf\xe9 was closed on Friday.', 'latin1'));
    cpSync(join(SEEDS, `${BBC}.txt`), join(ws, 'bad', `${BBC}.txt`));
    const r = await cli('check', 'draft.md', '--sources', 'bad/*.txt', '--format', 'json');
    assert.match(r.stderr, /bad\/image\.txt: skipped: binary file/);
    assert.match(r.stderr, /bad\/latin1\.txt: not valid UTF-8; read as Windows-1252/);
    const j = JSON.parse(r.stdout);
    assert.ok(j.problems.some((p: { path: string }) => p.path === 'bad/image.txt'));
    assert.equal(j.files.length, 1);
  });

  it('lists skipped and partly read sources in SARIF as tool execution notifications', async () => {
    const r = await cli('check', 'draft.md', '--sources', 'bad/*.txt', '--format', 'sarif');
    const invocation = JSON.parse(r.stdout).runs[0].invocations[0];
    assert.equal(invocation.executionSuccessful, true);
    const notes = invocation.toolExecutionNotifications as Array<{ level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
    const byUri = new Map(notes.map((n) => [n.locations[0]!.physicalLocation.artifactLocation.uri, n]));
    assert.equal(byUri.get('bad/image.txt')?.level, 'warning', 'a skipped file is a warning');
    assert.equal(byUri.get('bad/image.txt')?.message.text, 'bad/image.txt: skipped: binary file (contains NUL bytes)');
    assert.equal(byUri.get('bad/latin1.txt')?.level, 'note', 'a file read with a guessed encoding is a note');
    assert.ok(!byUri.has(`bad/${BBC}.txt`), 'a clean file is not mentioned');
  });

  it('prints the stack of an internal error only with --debug', async () => {
    const node = new NodeHost(ws);
    const broken: Host = {
      findFiles: async () => {
        throw new Error('the disk caught fire');
      },
      readFile: (p) => node.readFile(p),
      size: (p) => node.size(p),
    };
    const plain = await cliWith(broken, 'check', 'draft.md');
    assert.equal(plain.code, 2);
    assert.equal(plain.stderr, 'grounded: internal error: the disk caught fire (run with --debug for details)');
    const debug = await cliWith(broken, 'check', 'draft.md', '--debug');
    assert.equal(debug.code, 2);
    assert.match(debug.stderr, /^grounded: internal error: the disk caught fire\nError: the disk caught fire\n\s+at /);
    // a usage error stays one line, --debug or not
    const usage = await cli('check', '--bogus', '--debug');
    assert.equal(usage.code, 2);
    assert.doesNotMatch(usage.stderr, /\n\s+at /);
  });

  it('reads the bibliographies a draft lists in its front matter as a YAML list', async () => {
    mkdirSync(join(ws, 'notes'), { recursive: true });
    writeFileSync(join(ws, 'notes', 'refs.yaml'), 'references:\n- id: un-briefing\n  title: A briefing not in the workspace\n');
    writeFileSync(join(ws, 'notes', 'more.bib'), '@report{envoy, title = {A statement not in the workspace}}\n');
    writeFileSync(join(ws, 'notes', 'listed.md'), `---\nbibliography:\n  - refs.yaml\n  - more.bib\n---\n\nThe rebels have rejected the offer [@${BBC}].\n\nThe envoy asked for guarantees of safe passage [@envoy].\n`);
    const r = await cli('check', 'notes/listed.md', '--format', 'json');
    assert.doesNotMatch(r.stderr, /bibliography not found/);
    const findings = JSON.parse(r.stdout).files[0].findings as Array<{ rule: string; message: string }>;
    assert.ok(!findings.some((f) => f.rule === 'unknown-source'), JSON.stringify(findings));
  });

  it('reads bibliographies named with --bibliography, and says which one is missing', async () => {
    writeFileSync(join(ws, 'lib.json'), JSON.stringify([{ id: 'ocha', type: 'report', title: 'Flash update' }]));
    writeFileSync(join(ws, 'cites.md'), 'The convoys waited at the crossing for hours [@ocha].\n');
    const r = await cli('check', 'cites.md', '--bibliography', 'lib.json', '--bibliography', 'gone.bib', '--format', 'json');
    assert.match(r.stderr, /grounded: gone\.bib: bibliography not found/);
    const findings = JSON.parse(r.stdout).files[0].findings as Array<{ rule: string }>;
    assert.deepEqual(findings.map((f) => f.rule), ['unchecked-citation']);
  });

  it('prints help and version', async () => {
    assert.match((await cli('--help')).stdout, /^Usage: grounded check/);
    assert.equal((await cli('--version')).code, 0);
  });
});
