#!/usr/bin/env bash
# Installs the Debian packages named as arguments unless they are already installed.
#   scripts/os-packages.sh fonts-noto-cjk chromium
# As root it runs apt-get itself; otherwise it says what to run. Used by run.sh and test.sh.
set -euo pipefail

log() { printf '[packages] %s\n' "$*" >&2; }

missing=()
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
((${#missing[@]} == 0)) && exit 0

if ((EUID != 0)); then
  log "missing Debian packages: ${missing[*]}"
  log "install them first: sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
  exit 1
fi
command -v apt-get >/dev/null || { log "apt-get not available; install ${missing[*]} by hand"; exit 1; }

log "installing: ${missing[*]}"
apt-get update >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
