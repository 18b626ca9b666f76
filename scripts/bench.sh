#!/usr/bin/env bash
# Performance benchmark: the Release API over real HTTP against raw Npgsql baselines.
#
#   scripts/bench.sh [bench options, e.g. --only GET --requests 5000]
#
# Starts its own PostgreSQL cluster (pg-bench, 127.0.0.1:15434) with a fresh database
# bench_<UTC timestamp> (earlier bench_* databases are dropped), builds Release, starts the API
# (ProjectTracker.Api.dll, 127.0.0.1:5095, Production, its own admin key), runs
# bench/ProjectTracker.Bench against it (the request scenarios against their baselines, then the
# slip scan: 10,000 more projects × 10 milestones seeded over HTTP, three POST /jobs/slip-scan;
# then the weekly report of that portfolio in all four formats; then the rankings by unit and the grouped
# summary of that portfolio (its projects spread over units and clusters), p99 each; then approving plan changes of 20 on
# projects of 50 key milestones; last, 20,000 dependency links on the slip scan's portfolio (a tenth
# across projects in chains of 30; most made by one dependency import, 400 with POST …/dependencies),
# a forecast change at a chain's head read back from its last project (p99), three slip scans with
# the links, and every expected and latest date recomputed in the bench's own process; --only slip,
# --only weekly, --only rankings, --only approval or --only links for one of those, last the feedback flood (200 anonymous
# feedback posts a second from forwarded addresses beside official GET and POST traffic, p99 with and without; --only feedback), --scan-projects N for a smaller
# portfolio, with --links N to fit; bench/ProjectTracker.Bench --help lists every option), always
# stops the API and the cluster on exit, and prints the report, also written to
# bench-results/latest.txt (API log: bench-results/api.log).
#   PT_BENCH_PG_OPTS   extra server options; default none: PostgreSQL's durable defaults
#                      (fsync, synchronous_commit, full_page_writes on), e.g. "-c fsync=off"
#   PT_BENCH_KEEP_DB   1 to leave the cluster running afterwards (the database is kept anyway)
#   PT_BENCH_API_PORT  API port (default 5095)
#   PT_BENCH_API_ENV   extra environment for the API process only, for experiments,
#                      e.g. "DOTNET_TieredPGO=0 DOTNET_gcServer=0" (shown in the report header)
#   PT_BENCH_API_CS    appended to the API's connection string only, for experiments,
#                      e.g. "No Reset On Close=true;Max Auto Prepare=50" (shown in the report header)
#   PT_BENCH_PROFILE   1 to profile (figures then carry the profilers' overhead): the server loads
#                      pg_stat_statements and the report lists the SQL each request ran; when perf
#                      is installed the API runs with perf maps and is sampled into
#                      bench-results/api.perf.data, summarised in bench-results/api-profile.txt;
#                      the report goes to bench-results/profile.txt instead of latest.txt.
#                      Narrow it to one scenario: PT_BENCH_PROFILE=1 scripts/bench.sh --only "GET project" --concurrency 16
# Exits 0 when the benchmark ran, whether or not the targets were met; non-zero when it broke.
set -euo pipefail

cd "$(dirname "$0")/.."
log() { printf '[bench.sh] %s\n' "$*" >&2; }
die() {
  printf '[bench.sh] ERROR: %s\n' "$*" >&2
  exit 1
}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

api_port=${PT_BENCH_API_PORT:-5095}
api_url=http://127.0.0.1:$api_port
pg_port=15434
pg_opts=${PT_BENCH_PG_OPTS:-}
profile=${PT_BENCH_PROFILE:-0}
results=bench-results
api_dir=src/ProjectTracker.Api/bin/Release/net10.0
bench_dll=bench/ProjectTracker.Bench/bin/Release/net10.0/ProjectTracker.Bench.dll
# Never the developer's database or data dir: always the private pg-bench cluster.
bench_db=(env -u PT_PGDATA -u ConnectionStrings__Tracker -u PT_PGDATABASE PT_PG_NAME=pg-bench "PT_PGPORT=$pg_port")
api_pid=""
perf_pid=""

cleanup() {
  local rc=$? i
  if [[ -n $perf_pid ]] && kill -0 "$perf_pid" 2>/dev/null; then
    kill -INT "$perf_pid" 2>/dev/null || true
    wait "$perf_pid" 2>/dev/null || true
  fi
  if [[ -n $api_pid ]] && kill -0 "$api_pid" 2>/dev/null; then
    log "stopping the API (pid $api_pid)"
    kill -TERM "$api_pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$api_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  if [[ ${PT_BENCH_KEEP_DB:-0} != 1 ]]; then
    "${bench_db[@]}" scripts/db.sh stop || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$results"

log "building Release: the API and the bench"
dotnet build src/ProjectTracker.Api -c Release -nologo -v q
dotnet build bench/ProjectTracker.Bench -c Release -nologo -v q
[[ -f $api_dir/ProjectTracker.Api.dll ]] || die "$api_dir/ProjectTracker.Api.dll was not built"
[[ -f $bench_dll ]] || die "$bench_dll was not built"

if (exec 3<>"/dev/tcp/127.0.0.1/$api_port") 2>/dev/null; then
  die "port $api_port is already in use; stop that program or set PT_BENCH_API_PORT"
fi

bench_args=()
api_env=()
report=$results/latest.txt
if [[ -n ${PT_BENCH_API_ENV:-} ]]; then
  read -ra extra_env <<<"$PT_BENCH_API_ENV"
  api_env+=("${extra_env[@]}")
fi
if [[ $profile == 1 ]]; then
  report=$results/profile.txt
  pg_opts="$pg_opts -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top"
  bench_args+=(--sql-profile)
  # W^X off: with it, JIT code lives in a memfd double mapping that perf cannot name from the perf map.
  api_env+=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
fi

# Restart, so the options below are the ones in force even if pg-bench was left running.
log "starting the bench cluster (pg-bench, port $pg_port, options: ${pg_opts:-none, durable defaults})"
"${bench_db[@]}" scripts/db.sh stop
"${bench_db[@]}" PT_PG_OPTS="$pg_opts" scripts/db.sh start

psql_bin=$(command -v psql || true)
if [[ -z $psql_bin ]]; then
  psql_bin=$(printf '%s\n' /usr/lib/postgresql/*/bin/psql | sort -V | tail -n 1)
fi
[[ -x $psql_bin ]] || die "psql not found"
psql_admin() {
  PGPASSWORD=postgres "$psql_bin" -X -q -tA -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"
}

db_name=bench_$(date -u +%Y%m%d_%H%M%S)
while IFS= read -r old; do
  [[ -n $old ]] || continue
  log "dropping the previous database $old"
  psql_admin -c "drop database \"$old\" with (force)"
done < <(psql_admin -c "select datname from pg_database where datname like 'bench\_%'")
log "creating database $db_name"
psql_admin -c "create database \"$db_name\""
connection=$("${bench_db[@]}" PT_PGDATABASE="$db_name" scripts/db.sh url)

admin_key=pt_admin_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

log "starting the API on $api_url (Release, Production, log $results/api.log)"
(
  # The content root is the working directory: run from the output folder so appsettings.json is read.
  cd "$api_dir"
  export ConnectionStrings__Tracker="$connection${PT_BENCH_API_CS:+;$PT_BENCH_API_CS}" Auth__BootstrapAdminKey=$admin_key
  export ASPNETCORE_URLS=$api_url ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Demo__Seed=false
  # The load comes from one admin key at thousands of requests a second: measured, not rate limited.
  export RateLimits__TokensPerPeriod=100000000 RateLimits__BurstLimit=100000000
  # The feedback flood speaks from many client addresses through X-Forwarded-For: loopback is its trusted forwarder.
  export Network__TrustedProxies=127.0.0.1,::1
  exec env "${api_env[@]}" dotnet ProjectTracker.Api.dll
) >"$results/api.log" 2>&1 &
api_pid=$!

log "waiting for $api_url/health/ready (up to 60 s)"
ready=0
for ((i = 0; i < 120; i++)); do
  if ! kill -0 "$api_pid" 2>/dev/null; then
    tail -n 30 "$results/api.log" >&2 || true
    die "the API exited during start-up (see $results/api.log)"
  fi
  if curl -fsS -o /dev/null --max-time 2 "$api_url/health/ready" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.5
done
((ready)) || {
  tail -n 30 "$results/api.log" >&2 || true
  die "the API was not ready within 60 s (see $results/api.log)"
}
log "API ready (pid $api_pid)"

if [[ $profile == 1 ]] && command -v perf >/dev/null; then
  log "sampling the API with perf into $results/api.perf.data"
  perf record -q -F 499 -g -p "$api_pid" -o "$results/api.perf.data" >/dev/null 2>&1 &
  perf_pid=$!
fi

durability="PostgreSQL's durable defaults"
[[ -n ${PT_BENCH_PG_OPTS:-} ]] && durability="server options: $PT_BENCH_PG_OPTS"
[[ -n ${PT_BENCH_API_CS:-} ]] && durability="$durability; API connection string + $PT_BENCH_API_CS"
[[ -n ${PT_BENCH_API_ENV:-} ]] && durability="$durability; API environment: $PT_BENCH_API_ENV"
[[ $profile == 1 ]] && durability="$durability; PROFILING (pg_stat_statements, perf): figures carry profiler overhead"
note="scripts/bench.sh: cluster pg-bench on 127.0.0.1:$pg_port, database $db_name, $durability; API from $api_dir (Release), dotnet $(dotnet --version) SDK"

rc=0
dotnet "$bench_dll" --api-url "$api_url" --api-key "$admin_key" --connection "$connection" \
  --api-pid "$api_pid" --note "$note" "${bench_args[@]}" "$@" | tee "$report" || rc=$?
if [[ -n $perf_pid ]]; then
  kill -INT "$perf_pid" 2>/dev/null || true
  wait "$perf_pid" 2>/dev/null || true
  perf_pid=""
  perf report -i "$results/api.perf.data" --no-children --sort dso,symbol --percent-limit 0.5 --stdio 2>/dev/null \
    | grep -v '^$' | head -n 400 >"$results/api-profile.txt" || true
  log "API CPU profile: $results/api-profile.txt (perf report -i $results/api.perf.data for more)"
fi
if ((rc != 0)); then
  log "the bench failed (exit code $rc); the API log is $results/api.log"
  exit "$rc"
fi
if grep -qiE 'unhandled|exception|fail:' "$results/api.log"; then
  log "note: the API logged errors during the run, see $results/api.log"
fi
log "report written to $report"
