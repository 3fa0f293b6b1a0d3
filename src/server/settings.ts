/**
 * The writer's settings in the server: asked of the client (`workspace/configuration`, section
 * `grounded`) when it can answer, else taken from what `workspace/didChangeConfiguration` pushed,
 * else the defaults. Read through the core's typed defaults, so a client that sends nothing, or
 * something malformed, gets the documented behaviour.
 */
import { readSettings, type Settings } from '../core';

/** A setting from a section object, by its manifest key without `grounded.` (`completion.quotes`): flat or nested. */
export function settingOf(section: unknown, key: string): unknown {
  if (!section || typeof section !== 'object') return undefined;
  const flat = (section as Record<string, unknown>)[key];
  if (flat !== undefined) return flat;
  let at: unknown = section;
  for (const part of key.split('.')) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/**
 * Settings from the `grounded` section a client sent (or nothing). The server has no settings of
 * its own to tell user from workspace values, so it takes the user-only ones (the verifier's
 * endpoint and model) from the section too: the VS Code client puts only the writer's user value
 * there, and none in Restricted Mode (src/extension/userSettings.ts). `userOnly` false leaves
 * them at their defaults (for settings pushed by `didChangeConfiguration`, which VS Code fills with
 * every scope's values).
 */
export function settingsFrom(section: unknown, userOnly = true): Settings {
  const get = (key: string) => settingOf(section, key);
  return readSettings(get, userOnly ? get : undefined);
}

/** The `grounded` section inside what `didChangeConfiguration` pushed, when it pushed one. */
export function pushedSection(settings: unknown): unknown {
  if (!settings || typeof settings !== 'object') return undefined;
  return (settings as Record<string, unknown>)['grounded'] ?? undefined;
}
