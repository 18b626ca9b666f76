#!/usr/bin/env bash
# The long fuzz run: requests built from the served OpenAPI document, mutated, for every operation and role,
# against a node and database of its own (tests/ProjectTracker.Api.Tests/Fuzz; docs/reliability.md).
#   scripts/fuzz.sh [requests, default 20000] [seed, default a new one, printed]
# scripts/test.sh runs the same test with 5,000 requests and a fixed seed. Traffic stays on loopback.
# The summary (answers by status, operations never answered 2xx, findings) is in TestResults/artefacts/fuzz-summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

export PT_FUZZ_REQUESTS=${1:-20000}
export PT_FUZZ_SEED=${2:-$((RANDOM * 32768 + RANDOM))}
printf '[fuzz] %s requests, seed %s (scripts/fuzz.sh %s %s repeats this run)\n' "$PT_FUZZ_REQUESTS" "$PT_FUZZ_SEED" "$PT_FUZZ_REQUESTS" "$PT_FUZZ_SEED"
status=0
scripts/test.sh --filter "FullyQualifiedName~ProjectTracker.Api.Tests.Fuzz" || status=$?
cat TestResults/artefacts/fuzz-summary.txt 2>/dev/null || true
exit "$status"
