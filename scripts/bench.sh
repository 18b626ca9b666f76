#!/usr/bin/env bash
# Performance benchmark: the Release API over real HTTP against raw Npgsql baselines.
#
#   scripts/bench.sh [bench options, e.g. --only GET --requests 5000]
#   scripts/bench.sh --scale [--scale-sizes 1000,10000,50000] [bench options]
#
# Starts its own PostgreSQL cluster (pg-bench, 127.0.0.1:15434) with a fresh database
# bench_<UTC timestamp> (earlier bench_* databases are dropped), builds Release, starts the API
# (ProjectTracker.Api.dll, 127.0.0.1:5095, Production, its own admin key) once to create the schema,
# stops it and starts it again, timing that cold start (process start until /health/ready answers 200,
# target ≤ 3 s), runs bench/ProjectTracker.Bench against it (the request scenarios against their
# baselines, with POST progress also as an open loop at half its measured peak rate, p99 from each
# scheduled send ≤ 10 ms; then the slip scan: 10,000 more projects × 10 milestones seeded over HTTP,
# three POST /jobs/slip-scan; then the weekly report of that portfolio in all four formats; then the
# rankings by unit and the grouped summary of that portfolio (its projects spread over units and clusters),
# p99 each; then approving plan changes of 20 on projects of 50 key milestones; then 20,000 dependency
# links on the slip scan's portfolio (a tenth across projects in chains of 30; most made by one
# dependency import, 400 with POST …/dependencies), a forecast change at a chain's head read back from
# its last project (p99), three slip scans with the links, and every expected and latest date recomputed
# in the bench's own process; last the feedback flood (200 anonymous feedback posts a second from
# forwarded addresses beside official GET and POST traffic, p99 with and without); --only slip, --only
# weekly, --only rankings, --only approval, --only links or --only feedback for one of those,
# --scan-projects N for a smaller portfolio, with --links N to fit;
# bench/ProjectTracker.Bench --help lists every option), always stops the API and the cluster on exit,
# and prints the report, also written to bench-results/latest.txt (API log, every start:
# bench-results/api.log).
#
# --scale measures cost as the work grows instead: for each size of --scale-sizes (projects × 10
# milestones, the slip scan's portfolio) a database of its own (bench_<stamp>_s<size>), seeded through
# the API by an API started for it (project imports, then milestones and late forecasts one request
# each), then an API started afresh (its cold start and peak RSS are that size's) for the slip scans,
# the weekly report, the project list, summary and slips (p99), GET project and POST progress; the
# steps leave their figures in bench-results/scale/, and the report (latest.txt) sets the sizes side by
# side with growth exponents and targets. A short check: --scale --scale-sizes 200,1000 --duration 5
# --api-warmup 3 --report-runs 1 --scan-runs 2 --scale-runs 5.
#   PT_BENCH_PG_OPTS   extra server options; default none: PostgreSQL's durable defaults
#                      (fsync, synchronous_commit, full_page_writes on), e.g. "-c fsync=off"
#   PT_BENCH_KEEP_DB   1 to leave the cluster running afterwards (the database is kept anyway)
#   PT_BENCH_API_PORT  API port (default 5095)
#   PT_BENCH_PG_PORT   the cluster's port (default 15434); another port is another cluster,
#                      pg-bench-<port>, so two checkouts can run the bench side by side
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
pg_port=${PT_BENCH_PG_PORT:-15434}
pg_name=pg-bench
[[ $pg_port == 15434 ]] || pg_name=pg-bench-$pg_port
pg_opts=${PT_BENCH_PG_OPTS:-}
profile=${PT_BENCH_PROFILE:-0}
results=bench-results
# Published as a deployment would be: ReadyToRun, so the cold start is not spent compiling our dependencies' IL.
api_dir=$results/api
bench_dll=bench/ProjectTracker.Bench/bin/Release/net10.0/ProjectTracker.Bench.dll
# Never the developer's database or data dir: always the private pg-bench cluster.
bench_db=(env -u PT_PGDATA -u ConnectionStrings__Tracker -u PT_PGDATABASE "PT_PG_NAME=$pg_name" "PT_PGPORT=$pg_port")
api_pid=""
perf_pid=""

# --scale and --scale-sizes are this script's; every other argument goes to the bench.
scale=0
scale_sizes=1000,10000,50000
bench_cli=()
while (($# > 0)); do
  case $1 in
    --scale) scale=1 ;;
    --scale-sizes)
      (($# > 1)) || die "--scale-sizes needs a list, e.g. --scale-sizes 200,1000"
      scale_sizes=$2
      shift
      ;;
    *) bench_cli+=("$1") ;;
  esac
  shift
done
if [[ $scale_sizes != 1000,10000,50000 ]] && ((!scale)); then
  die "--scale-sizes goes with --scale"
fi
[[ $scale_sizes =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--scale-sizes is a list of project counts, e.g. 1000,10000,50000"

# Stops the API (by its pid) if it runs: TERM, then KILL after 10 s.
stop_api() {
  local i
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
  api_pid=""
}

cleanup() {
  local rc=$?
  if [[ -n $perf_pid ]] && kill -0 "$perf_pid" 2>/dev/null; then
    kill -INT "$perf_pid" 2>/dev/null || true
    wait "$perf_pid" 2>/dev/null || true
  fi
  stop_api
  if [[ ${PT_BENCH_KEEP_DB:-0} != 1 ]]; then
    "${bench_db[@]}" scripts/db.sh stop || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$results"

log "publishing the API (Release, ReadyToRun) and building the bench"
rm -rf "$api_dir"
dotnet publish src/ProjectTracker.Api -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$api_dir" -nologo -v q
dotnet build bench/ProjectTracker.Bench -c Release -nologo -v q
[[ -f $api_dir/ProjectTracker.Api.dll ]] || die "$api_dir/ProjectTracker.Api.dll was not published"
[[ -f $bench_dll ]] || die "$bench_dll was not built"

if (exec 3<>"/dev/tcp/127.0.0.1/$api_port") 2>/dev/null; then
  die "port $api_port is already in use; stop that program or set PT_BENCH_API_PORT"
fi

bench_args=()
api_env=()
report=$results/latest.txt
[[ $profile == 1 && $scale == 1 ]] && die "PT_BENCH_PROFILE=1 is for one scenario, not --scale"
if [[ -n ${PT_BENCH_API_ENV:-} ]]; then
  read -ra extra_env <<<"$PT_BENCH_API_ENV"
  api_env+=("${extra_env[@]}")
fi
if [[ $profile == 1 ]]; then
  report=$results/profile.txt
  pg_opts="$pg_opts -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top"
  bench_args+=(--sql-profile)
  # W^X off: with it, JIT code lives in a memfd double mapping that perf cannot name from the perf map.
  # ReadyToRun off: precompiled methods would be missing from the perf map.
  api_env+=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0)
fi

# Restart, so the options below are the ones in force even if pg-bench was left running.
log "starting the bench cluster ($pg_name, port $pg_port, options: ${pg_opts:-none, durable defaults})"
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

run_stamp=$(date -u +%Y%m%d_%H%M%S)
db_name=""
connection=""
# Drops every earlier bench_* database and creates bench_<UTC timestamp><suffix>; sets db_name and connection.
new_database() {
  local old
  db_name=bench_$run_stamp$1
  while IFS= read -r old; do
    [[ -n $old ]] || continue
    log "dropping the previous database $old"
    psql_admin -c "drop database \"$old\" with (force)"
  done < <(psql_admin -c "select datname from pg_database where datname like 'bench\_%'")
  log "creating database $db_name"
  psql_admin -c "create database \"$db_name\""
  connection=$("${bench_db[@]}" PT_PGDATABASE="$db_name" scripts/db.sh url)
}

admin_key=pt_admin_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

# True when GET /health/ready answers 200. Bash's own /dev/tcp: polling every 20 ms spawns no process that would
# compete with the starting API for the two cores.
ready_now() {
  local fd status=""
  { exec {fd}<>"/dev/tcp/127.0.0.1/$api_port"; } 2>/dev/null || return 1
  printf 'GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$api_port" >&"$fd" 2>/dev/null || true
  IFS= read -r -t 5 status <&"$fd" || true
  exec {fd}>&-
  [[ $status == "HTTP/1.1 200"* ]]
}

# Starts the API on $connection and waits up to 60 s for /health/ready; sets api_pid and start_ms, the cold start:
# from starting the process until the first 200.
api_starts=0
start_api() {
  local t0 i
  api_starts=$((api_starts + 1))
  printf '\n[bench.sh] API start %d on database %s, %s\n' "$api_starts" "$db_name" "$(date -u +%FT%TZ)" >>"$results/api.log"
  log "starting the API on $api_url (Release, Production, database $db_name, log $results/api.log)"
  t0=${EPOCHREALTIME/./}
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
  ) >>"$results/api.log" 2>&1 &
  api_pid=$!
  for ((i = 0; i < 3000; i++)); do
    if ! kill -0 "$api_pid" 2>/dev/null; then
      tail -n 30 "$results/api.log" >&2 || true
      die "the API exited during start-up (see $results/api.log)"
    fi
    if ready_now; then
      start_ms=$(((${EPOCHREALTIME/./} - t0) / 1000))
      log "API ready (pid $api_pid) $start_ms ms after its start"
      return 0
    fi
    sleep 0.02
  done
  tail -n 30 "$results/api.log" >&2 || true
  die "the API was not ready within 60 s (see $results/api.log)"
}

: >"$results/api.log"
durability="PostgreSQL's durable defaults"
[[ -n ${PT_BENCH_PG_OPTS:-} ]] && durability="server options: $PT_BENCH_PG_OPTS"
[[ -n ${PT_BENCH_API_CS:-} ]] && durability="$durability; API connection string + $PT_BENCH_API_CS"
[[ -n ${PT_BENCH_API_ENV:-} ]] && durability="$durability; API environment: $PT_BENCH_API_ENV"
[[ $profile == 1 ]] && durability="$durability; PROFILING (pg_stat_statements, perf): figures carry profiler overhead"

bench() {
  dotnet "$bench_dll" --api-url "$api_url" --api-key "$admin_key" --connection "$connection" ${api_pid:+--api-pid "$api_pid"} "$@"
}

rc=0
if ((scale)); then
  # One database per size; per size one API to seed it, then a fresh one to measure it (its peak RSS is that size's).
  scale_dir=$results/scale
  rm -rf "$scale_dir"
  for size in ${scale_sizes//,/ }; do
    log "scale: $size projects"
    new_database "_s$size"
    start_api
    if ! bench --scale-step seed --scale-size "$size" --scale-dir "$scale_dir" --first-start-ms "$start_ms" "${bench_cli[@]}"; then
      log "scale: seeding $size projects failed; the API log is $results/api.log"
      rc=1
      stop_api
      continue
    fi
    stop_api
    start_api
    if ! bench --scale-step measure --scale-size "$size" --scale-dir "$scale_dir" --cold-start-ms "$start_ms" "${bench_cli[@]}"; then
      log "scale: measuring $size projects failed; the API log is $results/api.log"
      rc=1
    fi
    stop_api
  done
  note="scripts/bench.sh --scale: cluster $pg_name on 127.0.0.1:$pg_port, databases bench_${run_stamp}_s<size>, $durability; API from $api_dir (Release, ReadyToRun), dotnet $(dotnet --version) SDK"
  bench --scale-step report --scale-sizes "$scale_sizes" --scale-dir "$scale_dir" --note "$note" "${bench_cli[@]}" | tee "$report" || rc=$?
else
  new_database ""
  # The first start creates the schema in the empty database; the second, timed as the cold start, finds it in place.
  start_api
  first_ms=$start_ms
  stop_api
  start_api
  if [[ $profile == 1 ]] && command -v perf >/dev/null; then
    log "sampling the API with perf into $results/api.perf.data"
    perf record -q -F 499 -g -p "$api_pid" -o "$results/api.perf.data" >/dev/null 2>&1 &
    perf_pid=$!
  fi

  note="scripts/bench.sh: cluster $pg_name on 127.0.0.1:$pg_port, database $db_name, $durability; API from $api_dir (Release, ReadyToRun), dotnet $(dotnet --version) SDK"
  bench --note "$note" --cold-start-ms "$start_ms" --first-start-ms "$first_ms" "${bench_args[@]}" "${bench_cli[@]}" | tee "$report" || rc=$?
fi
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
