import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SEVERITY } from '../../src/core/verdict/check';
import { DEFAULT_SETTINGS, readSettings, RUN_MODES, SETTING_DESCRIPTIONS, severityOf } from '../../src/core/model/config';
import { RULES } from '../../src/core/model/types';
import { USER_ONLY_SETTINGS } from '../../src/server/protocol';

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));

test('defaults come through when nothing is set', () => {
  assert.deepEqual(readSettings(() => undefined), { ...DEFAULT_SETTINGS });
});

test('wrong types, unknown rules and levels fall back to defaults', () => {
  const values: Record<string, unknown> = {
    sources: ['texts/**/*.txt', 42, ''],
    drafts: 'x',
    run: 'sometimes',
    debounceMs: -5,
    severity: { misquote: 'warning', 'unsupported-claim': 'off', nonsense: 'error', 'wrong-citation': 'loud' },
    'completion.minWords': 3,
  };
  const s = readSettings((k) => values[k]);
  assert.deepEqual(s.sources, ['texts/**/*.txt']);
  assert.deepEqual(s.drafts, DEFAULT_SETTINGS.drafts);
  assert.equal(s.run, 'onSave');
  assert.equal(s.debounceMs, DEFAULT_SETTINGS.debounceMs);
  assert.deepEqual(s.severity, { misquote: 'warning', 'unsupported-claim': 'off' });
  assert.equal(s.completeMinWords, 3);
  assert.equal(severityOf(s, 'misquote'), 'warning');
  assert.equal(severityOf(s, 'unknown-source'), DEFAULT_SEVERITY['unknown-source']);
});

test('the manifest declares every setting with its description and default', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { description?: string; markdownDescription?: string; default?: unknown; enum?: unknown[]; enumDescriptions?: string[]; scope?: string }>;
  for (const [name, { key, description }] of Object.entries(SETTING_DESCRIPTIONS)) {
    const p = props[name];
    assert.ok(p, `${name} missing from package.json`);
    assert.equal(p.markdownDescription ?? p.description, description, `${name}: description differs from src/core/model/config.ts`);
    assert.deepEqual(p.default, DEFAULT_SETTINGS[key], `${name}: default differs`);
    assert.ok(p.scope, `${name}: no scope`);
  }
  for (const name of Object.keys(props)) assert.ok(SETTING_DESCRIPTIONS[name], `${name} is in package.json but not in src/core/model/config.ts`);
  assert.deepEqual(props['grounded.run']!.enum, RUN_MODES);
  assert.equal(props['grounded.run']!.enumDescriptions?.length, RUN_MODES.length);
  const sevProps = (props['grounded.severity'] as { properties: Record<string, unknown> }).properties;
  assert.deepEqual(Object.keys(sevProps).sort(), [...RULES].sort());
});

test('every contributed command has the Grounded category and a title', () => {
  for (const c of pkg.contributes.commands) {
    assert.equal(c.category, 'Grounded', c.command);
    assert.ok(c.title, c.command);
    assert.match(c.command, /^grounded\./);
  }
});

test('the verifier endpoint and model are machine-scoped and restricted, so a workspace cannot set them', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { scope?: string }>;
  for (const key of USER_ONLY_SETTINGS) {
    assert.equal(props[`grounded.${key}`]?.scope, 'machine', key);
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(`grounded.${key}`), `${key} is not in restrictedConfigurations`);
  }
  assert.deepEqual([...USER_ONLY_SETTINGS].sort(), ['verifier.endpoint', 'verifier.model']);
  assert.equal(DEFAULT_SETTINGS.verifierEndpoint, '', 'nothing is sent anywhere by default');
});
