// The TextMate injection grammar (syntaxes/), run through the same engine VS Code uses
// (vscode-textmate + Oniguruma) over a small stand-in for the Markdown grammar it injects into.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const injection = pkg.contributes.grammars.find((g: { injectTo?: string[] }) => g.injectTo?.includes('text.html.markdown'));
const markdownStandIn = {
  scopeName: 'text.html.markdown',
  patterns: [
    { begin: '^```', end: '^```', name: 'markup.fenced_code.block.markdown' },
    { match: '`[^`]*`', name: 'markup.inline.raw.string.markdown' },
    { match: '\\[[^\\]]*\\]\\([^)]*\\)', name: 'meta.link.inline.markdown' },
  ],
};

let grammar: vsctm.IGrammar;
before(async () => {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(join(require.resolve('vscode-oniguruma'), '..', 'onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope: string) => {
      if (scope === 'text.html.markdown') return vsctm.parseRawGrammar(JSON.stringify(markdownStandIn), 'markdown.json');
      if (scope === injection.scopeName) return vsctm.parseRawGrammar(readFileSync(join(root, injection.path), 'utf8'), injection.path);
      return null;
    },
    getInjections: (scope: string) => (scope === 'text.html.markdown' ? [injection.scopeName] : undefined),
  });
  grammar = (await registry.loadGrammar('text.html.markdown'))!;
});

/** `text` → [token text, last scope] for every token whose innermost scope ends in `.grounded`. */
function scopes(text: string): Array<[string, string]> {
  let stack = vsctm.INITIAL;
  const out: Array<[string, string]> = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const last = t.scopes[t.scopes.length - 1]!;
      if (last.endsWith('.grounded')) out.push([line.slice(t.startIndex, t.endIndex), last]);
    }
    stack = r.ruleStack;
  }
  return out;
}

test('the injection grammar is declared in the manifest with scopes ending in .grounded', () => {
  assert.ok(injection, 'no grammar injected into text.html.markdown');
  const raw = readFileSync(join(root, injection.path), 'utf8');
  for (const m of raw.matchAll(/"name": "([^"]+)"/g)) if (m[1]!.includes('.')) assert.match(m[1]!, /\.grounded$/);
});

test('keys, locators and separators of a bracketed citation', () => {
  assert.deepEqual(scopes('Text [see @002_ac65, p. 3; -@smith2020] more.'), [
    ['[', 'punctuation.definition.citation.begin.grounded'],
    ['see ', 'meta.citation.group.grounded'],
    ['@', 'punctuation.definition.citation-key.grounded'],
    ['002_ac65', 'variable.other.constant.citation-key.grounded'],
    [',', 'punctuation.separator.locator.grounded'],
    [' ', 'meta.citation.group.grounded'],
    ['p. 3', 'constant.numeric.locator.grounded'],
    [';', 'punctuation.separator.citation.grounded'],
    [' ', 'meta.citation.group.grounded'],
    ['-', 'keyword.operator.suppress-author.grounded'],
    ['@', 'punctuation.definition.citation-key.grounded'],
    ['smith2020', 'variable.other.constant.citation-key.grounded'],
    [']', 'punctuation.definition.citation.end.grounded'],
  ]);
});

test('in-text citations, but not e-mail addresses, links, or code', () => {
  assert.deepEqual(scopes('As @doe99 says.'), [
    ['@', 'punctuation.definition.citation-key.grounded'],
    ['doe99', 'variable.other.constant.citation-key.grounded'],
  ]);
  assert.deepEqual(scopes('Mail me@example.com or see [a link](http://x/@y).'), []);
  assert.deepEqual(scopes('Code `[@key]` and\n```\n[@key]\n```'), []);
  assert.deepEqual(scopes('[text with @key](http://x)'), []);
  assert.deepEqual(scopes('[not all items; @key]')[0], ['@', 'punctuation.definition.citation-key.grounded'], 'an item without a key is no citation group');
});
