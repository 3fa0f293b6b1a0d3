#!/usr/bin/env bash
# Tests the .vsix that users install, as they install it: packs it with `npm run package` and fails
# on any vsce warning, checks what is inside, installs it into a fresh extensions folder with
# `code-server --install-extension`, and runs against that installed copy (not the dev folder) the
# smoke test and test/integration/installed.test.ts (a diagnostics test through the packaged
# server, and an index built on the packaged worker threads), then the UI tests (test/ui).
# Expects the compiled tests (node scripts/build-tests.mjs) and the tools (scripts/vscode/setup.sh).
# Leaves dist/ as `npm run build` makes it (the package is built minified).
#
# Usage: bash scripts/vscode/run-vsix-tests.sh
# Exit code: 0 passed; 1 a test failed; 5 packing or setup failed.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VSIX=$ROOT/grounded.vsix
say()  { echo "[vsix-tests] $*"; }
fail() { echo "[vsix-tests] ERROR: $*" >&2; exit 5; }
cd "$ROOT"

if [ "${GROUNDED_TEST_ELECTRON:-}" = 1 ]; then
  say "GROUNDED_TEST_ELECTRON=1: skipped (the installed-package run uses code-server)"; exit 0
fi

# 1. Pack, as `npm run package` does for a release: vsce must not warn (LICENSE, repository, icon …).
rm -f "$VSIX"
out=$(npm run --silent package </dev/null 2>&1); rc=$?
[ "$rc" = 0 ] || { echo "$out" >&2; fail "npm run package failed ($rc)"; }
if echo "$out" | grep -E 'WARNING|ERROR'; then fail "vsce printed a warning (above)"; fi
say "packed: $(echo "$out" | grep -o 'Packaged: .*')"
npm run --silent build >/dev/null || fail "npm run build"

# 2. What is inside: the client, the server, the worker, the grammar, the licence and the icon; no
#    source maps, sources or tests.
files=$(unzip -Z1 "$VSIX") || fail "cannot list $VSIX"
icon=$(node -p 'require("./package.json").icon')
for f in extension/dist/extension.js extension/dist/server.js extension/dist/indexWorker.js \
    extension/syntaxes/citations.injection.tmLanguage.json extension/package.json "extension/$icon"; do
  grep -qxF "$f" <<<"$files" || { echo "$files" >&2; fail "$f missing from the package"; }
done
# every bundle the build makes (workers added later included) is shipped
for f in dist/*.js; do
  grep -qxF "extension/$f" <<<"$files" || fail "$f is built but not in the package (.vscodeignore)"
done
grep -qiE '^extension/LICENSE' <<<"$files" || fail "no LICENSE in the package"
if grep -E '\.map$|^extension/(src|test|node_modules|bench|seeds)/' <<<"$files"; then fail "the package holds files it should not (above)"; fi
say "contents ok: $(wc -l <<<"$files") files"

# 3. The installed copy in the extension host: the smoke test and installed.test.js.
GROUNDED_VSIX=$VSIX GROUNDED_TEST_FILES=smoke,installed bash "$ROOT/scripts/vscode/run-tests.sh" || exit 1
# 4. The installed copy in the workbench, as a writer uses it.
GROUNDED_VSIX=$VSIX bash "$ROOT/scripts/vscode/run-ui-tests.sh" || exit 1
say "passed"
