/**
 * The second opinion in the language server: the answers kept beside the saved index (in the
 * storage folder the client passes), problems told in the client's log and the status tooltip,
 * and the settings turned into a verifier or none. The work itself is src/node/draftVerifier.ts.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeMarkdown, verifierSettings, verifierStatusLine, type Settings, type VerifierStatus } from '../core';
import { writeFileAtomic } from '../node/atomicFile';
import { DraftVerifier } from '../node/draftVerifier';
import type { Logger } from './log';

/** The answers' file, beside `index.bin` and `index.json`. */
export const ANSWERS_FILE = 'verifier-answers.json';

/** A verifier whose answers live in `storagePath` (none: remembered for this session only). */
export function serverVerifier(storagePath: string | undefined, log: Logger, statusChanged: () => void): DraftVerifier {
  return new DraftVerifier({
    load: async () => (storagePath ? readFile(join(storagePath, ANSWERS_FILE), 'utf8').catch(() => undefined) : undefined),
    save: async (text) => {
      if (!storagePath) return;
      await mkdir(storagePath, { recursive: true });
      await writeFileAtomic(join(storagePath, ANSWERS_FILE), text);
    },
    report: (problem) => log.warn(problem),
    log: (line) => log.debug(line),
    statusChanged,
  });
}

/**
 * Points the verifier at what the settings ask for. The settings come from the client, which
 * sends the endpoint and model from the writer's own settings only, and no endpoint in
 * Restricted Mode (src/extension/extension.ts); other editors send what their user configured.
 */
export function configureVerifier(verifier: DraftVerifier, settings: Settings, log: Logger): void {
  const chosen = verifierSettings(settings, true);
  if ('verifier' in chosen) {
    if (!verifier.enabled) log.info(`second opinion from ${chosen.verifier.model} at ${chosen.verifier.endpoint} on uncertain claims`);
    verifier.configure(chosen.verifier);
    return;
  }
  if ('error' in chosen) log.warn(`grounded.verifier.endpoint: ${chosen.error}; no second opinion`);
  verifier.configure(undefined, 'error' in chosen ? chosen.error : 'no grounded.verifier.endpoint in the user settings');
}

/** The status tooltip with the second opinion's line, before its last paragraph (the links). */
export function tooltipWithVerifier(tooltip: string, status: VerifierStatus): string {
  if (!status.verifier && !status.off) return tooltip;
  const parts = tooltip.split('\n\n');
  parts.splice(Math.max(0, parts.length - 1), 0, escapeMarkdown(verifierStatusLine(status)));
  return parts.join('\n\n');
}
