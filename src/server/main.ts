/**
 * `grounded-language-server`: the language server's executable. Speaks LSP over stdio by default
 * (`--stdio`), or over Node IPC (`--node-ipc`, as VS Code starts it) or a socket (`--socket=N`).
 */
import { constants, setPriority } from 'node:os';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

/** Set by the bundler (scripts/build.mjs) to package.json's version. */
declare const GROUNDED_VERSION: string | undefined;
const version = typeof GROUNDED_VERSION === 'string' ? GROUNDED_VERSION : '0.0.0-dev';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`grounded-language-server ${version}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`grounded-language-server ${version}: Grounded's checks, hovers and quote completion for Markdown drafts, over LSP.\n\nUsage: grounded-language-server [--stdio | --node-ipc | --socket=PORT]\n\nStdio is the default. Settings come from the client (section "grounded"); see the README.\n`);
} else {
  // below the editor's priority, and so its index worker threads too (they inherit it): on a
  // machine with few cores, indexing a large archive must not take the CPU from the editor
  try {
    setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // not allowed here: run at the normal priority
  }
  const transport = args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='));
  const connection = transport ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection, { version });
  connection.listen();
}
