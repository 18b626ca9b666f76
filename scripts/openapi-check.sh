#!/usr/bin/env bash
# Checks the served OpenAPI document the way other systems use it:
#   1. Spectral (spectral:oas rules, tools/openapi/.spectral.yaml) finds no error;
#   2. openapi-typescript generates a client from it, and tools/openapi/client-check.ts, written against
#      that client, type-checks with tsc.
# The document is the one the test suite writes (tests/…/Operations/OpenApiDocumentTests →
# TestResults/openapi/swagger.json), so run this after `dotnet test` (scripts/test.sh does), or pass a path.
# The npm tools are pinned in tools/openapi/package-lock.json and installed there with `npm ci`: nothing global.
set -euo pipefail

cd "$(dirname "$0")/.."
log() { printf '[openapi] %s\n' "$*"; }
started=$SECONDS

document=$(realpath -m "${1:-TestResults/openapi/swagger.json}")
tools=tools/openapi
if [[ ! -s $document ]]; then
  log "no OpenAPI document at $document: run the tests first (OpenApiDocumentTests writes it)"
  exit 1
fi

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    log "$tool is not installed (Node 20.17 or later with npm is needed: apt-get install -y nodejs npm)"
    exit 1
  fi
done

# npm ci wipes and reinstalls node_modules (~20 s): skip it while the installed tree matches the lock file.
lock_hash=$(sha256sum "$tools/package-lock.json" | cut -d' ' -f1)
stamp=$tools/node_modules/.installed-from-lock
if [[ ! -f $stamp || $(cat "$stamp") != "$lock_hash" ]]; then
  log "npm ci in $tools (node $(node --version), npm $(npm --version))"
  # No install scripts: none of the tools needs one (and one dependency's only script is telemetry).
  (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" >"$stamp"
fi
bin=$tools/node_modules/.bin

log "spectral lint $document"
"$bin/spectral" lint "$document" --ruleset "$tools/.spectral.yaml" --fail-severity error

log "openapi-typescript → $tools/generated/client.ts"
mkdir -p "$tools/generated"
"$bin/openapi-typescript" "$document" --output "$tools/generated/client.ts" >/dev/null

log "tsc --noEmit ($tools/client-check.ts against the generated client)"
"$bin/tsc" --project "$tools/tsconfig.json"

log "OpenAPI check passed in $((SECONDS - started)) s"
