// The shape of the code (DESIGN.md "Shape of the code"): the core imports no editor, no language
// server library and no Node module; its folders import each other without cycles; the front ends
// reach the engine through its one public entry.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './fixtures';

const CORE = join(ROOT, 'src', 'core');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports (static and dynamic), comments removed. */
export function specifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of code.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of code.matchAll(/\bimport\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of code.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]!]));

/** Why `spec` may not be imported by the core, or undefined when it may. */
export function forbiddenInCore(spec: string): string | undefined {
  if (spec === 'vscode') return 'the editor API';
  if (spec.startsWith('vscode-languageserver') || spec.startsWith('vscode-languageclient') || spec === 'vscode-jsonrpc') {
    return 'a language server library';
  }
  if (spec.startsWith('node:') || NODE_BUILTINS.has(spec)) return 'a Node module';
  return undefined;
}

test('the layout check catches each kind of forbidden import', () => {
  const sample = [
    "import * as vscode from 'vscode';",
    "import { createConnection } from 'vscode-languageserver/node';",
    "import { readFileSync } from 'node:fs';",
    "const p = require('path');",
    "export { x } from 'os';",
    "import { stemmer } from 'stemmer';",
    "// import 'node:fs' in a comment is fine",
  ].join('\n');
  const bad = specifiers(sample).filter((s) => forbiddenInCore(s));
  assert.deepEqual(bad, ['vscode', 'vscode-languageserver/node', 'node:fs', 'os', 'path']);
});

test('src/core imports neither vscode, nor a language server library, nor a Node module', () => {
  const offences: string[] = [];
  for (const file of tsFiles(CORE)) {
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      const why = forbiddenInCore(spec);
      if (why) offences.push(`${relative(ROOT, file)} imports '${spec}' (${why})`);
    }
  }
  assert.deepEqual(offences, []);
});

test('src/core has no import cycles', () => {
  const files = tsFiles(CORE);
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const deps: string[] = [];
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const base = resolve(dirname(file), spec);
      const target = [`${base}.ts`, join(base, 'index.ts')].find((p) => files.includes(p));
      if (target) deps.push(target);
    }
    edges.set(file, deps);
  }
  // the public entry re-exports everything; nothing inside the core may import it
  const entry = join(CORE, 'index.ts');
  const intoEntry = files.filter((f) => f !== entry && edges.get(f)!.includes(entry)).map((f) => relative(ROOT, f));
  assert.deepEqual(intoEntry, [], 'modules of the core import the public entry');
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (f: string, path: string[]) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(CORE, p)).join(' → '));
      return;
    }
    state.set(f, 'open');
    for (const d of edges.get(f)!) visit(d, [...path, f]);
    state.set(f, 'done');
  };
  for (const f of files) visit(f, []);
  assert.deepEqual(cycles, []);
});

test('the server, the extension, the CLI and the Node adapters reach the core only through src/core/index.ts', () => {
  const offences: string[] = [];
  for (const folder of ['server', 'extension', 'cli', 'node']) {
    const dir = join(ROOT, 'src', folder);
    let files: string[] = [];
    try {
      files = tsFiles(dir);
    } catch {
      continue; // a front end that does not exist yet
    }
    for (const file of files) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), spec);
        if (target.startsWith(CORE + '/')) offences.push(`${relative(ROOT, file)} imports '${spec}'`);
      }
    }
  }
  assert.deepEqual(offences, []);
});

test('the VS Code extension takes only types from the engine (the engine runs in the language server)', () => {
  const offences: string[] = [];
  for (const file of tsFiles(join(ROOT, 'src', 'extension'))) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\b(import|export)\s+(type\s+)?[^'";]*?from\s*['"]([^'"]+)['"]/g)) {
      const target = m[3]!.startsWith('.') ? resolve(dirname(file), m[3]!) : m[3]!;
      const engine = target === CORE || target.startsWith(CORE + '/') || target.startsWith(join(ROOT, 'src', 'node')) || /^(minisearch|markdown-it|yaml|stemmer|fastest-levenshtein|tinyglobby)$/.test(target);
      if (engine && !m[2]) offences.push(`${relative(ROOT, file)}: ${m[0]}`);
    }
  }
  assert.deepEqual(offences, []);
});

test('src/core/editor keeps no state of its own at module level (caches belong to the corpus)', () => {
  const offences: string[] = [];
  for (const file of tsFiles(join(CORE, 'editor'))) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of code.matchAll(/^(?:export\s+)?(?:let|var)\s+\w+|^(?:export\s+)?const\s+\w+[^=\n]*=\s*(?:new\s+(?:Map|WeakMap|Set|WeakSet|Array)\b|\[|\{)|^(?:export\s+)?const\s+\w+\s*=\s*\/.*\/[a-z]*g[a-z]*;/gm)) {
      offences.push(`${relative(ROOT, file)}: ${m[0]}`);
    }
  }
  assert.deepEqual(offences, []);
});
