/**
 * The settings a workspace may not set (the verifier's endpoint and model, `USER_ONLY_SETTINGS`):
 * what the language server is sent for them is the writer's own user value (`inspect().globalValue`),
 * never a workspace's, and nothing in Restricted Mode. The manifest makes them machine-scoped as
 * well; this holds even where a workspace value got through.
 */
import * as vscode from 'vscode';
import { USER_ONLY_SETTINGS } from '../server/protocol';

/** The `grounded` section as VS Code resolved it, with the user-only settings replaced. */
export function withUserOnlySettings(section: unknown): unknown {
  const out: Record<string, unknown> = section && typeof section === 'object' ? structuredClone(section as Record<string, unknown>) : {};
  const config = vscode.workspace.getConfiguration('grounded');
  for (const key of USER_ONLY_SETTINGS) {
    const value = vscode.workspace.isTrusted ? config.inspect(key)?.globalValue : undefined;
    delete out[key];
    const parts = key.split('.');
    let at = out;
    for (const part of parts.slice(0, -1)) {
      if (!at[part] || typeof at[part] !== 'object') at[part] = {};
      at = at[part] as Record<string, unknown>;
    }
    const last = parts.at(-1)!;
    if (value === undefined) delete at[last];
    else at[last] = value;
  }
  return out;
}
