#!/usr/bin/env bash
# Fault run: the Release API as processes of its own (two nodes by default) on a PostgreSQL cluster of its own
# (pg-chaos, 127.0.0.1:15436, durable settings), writers sending progress reports and forecast changes, each under its
# own Idempotency-Key and retried with the same key until answered, while the harness kills a node with SIGKILL
# (kill -9) or crashes PostgreSQL (pg_ctl -m immediate) at random moments. Then every acknowledged write is compared
# with the projects' histories (tools/ProjectTracker.Chaos; docs/reliability.md).
#
#   scripts/chaos.sh [--faults 20] [--nodes 2] [--writers 12] [--projects 20] [--min-gap 4] [--max-gap 10] [--seed N]
#
# Exits 0 when nothing acknowledged was lost, nothing recorded twice, nothing recorded that no request sent, no 5xx
# but 503 came back during faults and none while healthy, and no key answered 409 for over 30 s. The report is printed
# and written to chaos-results/latest.txt; each node's log is chaos-results/node-N.log. Traffic stays on loopback.
set -euo pipefail

cd "$(dirname "$0")/.."
log() { printf '[chaos.sh] %s\n' "$*" >&2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results=chaos-results
pg_port=15436
first_port=5096
# Never the developer's database or data dir: always the private pg-chaos cluster.
export PT_PG_NAME=pg-chaos PT_PGPORT=$pg_port
unset PT_PGDATA ConnectionStrings__Tracker PT_PGDATABASE PT_PG_OPTS

args=("$@")
nodes=2
for ((i = 0; i < ${#args[@]}; i++)); do
  [[ ${args[i]} == --nodes ]] && nodes=${args[i + 1]:-2}
  [[ ${args[i]} == --first-port ]] && first_port=${args[i + 1]:-5096}
done

cleanup() {
  local rc=$?
  scripts/db.sh stop >/dev/null 2>&1 || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for ((n = 0; n < nodes; n++)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$((first_port + n))") 2>/dev/null; then
    log "port $((first_port + n)) is already in use; stop that program or pass --first-port"
    exit 1
  fi
done

rm -rf "$results"
mkdir -p "$results"
log "building Release: the API and the harness"
dotnet build src/ProjectTracker.Api -c Release -nologo -v q
dotnet build tools/ProjectTracker.Chaos -c Release -nologo -v q

log "starting a fresh chaos cluster (pg-chaos, port $pg_port, durable defaults)"
scripts/db.sh drop
scripts/db.sh start
connection=$(scripts/db.sh url)

# The API's own pool sizes stay as shipped; short timeouts so that a node notices a dead server in seconds.
dotnet tools/ProjectTracker.Chaos/bin/Release/net10.0/ProjectTracker.Chaos.dll \
  --api-dir "$PWD/src/ProjectTracker.Api/bin/Release/net10.0" \
  --connection "$connection;Timeout=5" \
  --db-script "$PWD/scripts/db.sh" \
  --results "$PWD/$results" \
  "$@"
