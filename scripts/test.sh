#!/usr/bin/env bash
# Format check + all tests against a throwaway PostgreSQL cluster (pg-test on port 15433), then the
# OpenAPI check (scripts/openapi-check.sh) on the document the tests wrote, then a short fault run (scripts/chaos.sh).
#   scripts/test.sh [--filter EXPR]   --filter runs only the tests dotnet test's filter picks, without the
#                                     format and OpenAPI checks (scripts/fuzz.sh uses it)
# Prints "N passed, N failed" from the .trx results; exits non-zero on any failure.
set -euo pipefail

filter=""
if [[ ${1:-} == --filter ]]; then
  filter=${2:?--filter needs an expression}
fi

cd "$(dirname "$0")/.."
log() { printf '[test] %s\n' "$*"; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

stop_test_db() {
  log "stopping the test cluster"
  env -u PT_PGDATA -u ConnectionStrings__Tracker PT_PG_NAME=pg-test PT_PGPORT=15433 scripts/db.sh stop || true
}

if [[ -z ${ConnectionStrings__Tracker:-} ]]; then
  # env -u PT_PGDATA: fsync=off must never reach a data dir someone pointed PT_PGDATA at.
  test_db=(env -u PT_PGDATA PT_PG_NAME=pg-test PT_PGPORT=15433)
  if ! "${test_db[@]}" scripts/db.sh status >/dev/null 2>&1; then
    trap stop_test_db EXIT
  fi
  log "starting the test cluster (pg-test, port 15433, fsync off)"
  "${test_db[@]}" PT_PG_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" scripts/db.sh start
  ConnectionStrings__Tracker=$("${test_db[@]}" scripts/db.sh url)
  export ConnectionStrings__Tracker
else
  log "using ConnectionStrings__Tracker from the environment"
  scripts/db.sh start
fi

# Chinese glyphs for the report's charts; Debian's chromium for the report page's browser test.
scripts/os-packages.sh fonts-noto-cjk chromium

failed_steps=()

log "dotnet format --verify-no-changes"
if [[ -n $filter ]]; then
  log "skipped: --filter runs only the tests it names"
elif ! dotnet format ProjectTracker.sln --verify-no-changes; then
  log "formatting differs: run 'dotnet format ProjectTracker.sln' and commit the result"
  failed_steps+=("format")
fi

log "dotnet test (Release)"
rm -rf TestResults
if ! dotnet test ProjectTracker.sln -c Release ${filter:+--filter "$filter"} \
  --logger "console;verbosity=minimal" --logger trx --results-directory TestResults; then
  failed_steps+=("test")
fi

# After the tests: they write the served OpenAPI document to TestResults/openapi/swagger.json.
log "OpenAPI check (Spectral lint, generated TypeScript client type-checks)"
if [[ -n $filter ]]; then
  log "skipped: --filter runs only the tests it names"
elif ! scripts/openapi-check.sh; then
  log "OpenAPI check failed: see the lines above; rerun with scripts/openapi-check.sh after the tests"
  failed_steps+=("openapi")
fi

# The short fault run: two API processes, one kill -9 or database crash after another (scripts/chaos.sh; the long run
# is scripts/chaos.sh on its own). Its own cluster (pg-chaos, port 15436), so it never touches the test cluster.
log "fault run (scripts/chaos.sh --faults 3)"
if [[ -n $filter ]]; then
  log "skipped: --filter runs only the tests it names"
elif ! env -u ConnectionStrings__Tracker scripts/chaos.sh --faults 3 --min-gap 3 --max-gap 5; then
  log "fault run failed: see the report above and chaos-results/node-*.log"
  failed_steps+=("chaos")
fi

passed=0
failed=0
trx_count=0
while IFS= read -r -d '' trx; do
  trx_count=$((trx_count + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
  p=$(sed -n 's/.*[[:space:]]passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.*[[:space:]]failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done < <(find TestResults -name '*.trx' -type f -print0 2>/dev/null)

((trx_count > 0)) || log "no .trx results found in TestResults/"
if ((${#failed_steps[@]})); then
  log "FAILED: ${failed_steps[*]}"
fi
# Stop the throwaway cluster now rather than in the EXIT trap, so the summary is the last line.
if [[ $(trap -p EXIT) == *stop_test_db* ]]; then
  trap - EXIT
  stop_test_db
fi
echo "$passed passed, $failed failed"
((${#failed_steps[@]} == 0 && failed == 0))
