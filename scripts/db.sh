#!/usr/bin/env bash
# Local PostgreSQL for ProjectTracker.
#
#   scripts/db.sh start | stop | url | status | drop | crash
#
# crash stops the server as a crash would (pg_ctl -m immediate: no checkpoint, recovery on the next start),
# for scripts/chaos.sh.
# With ConnectionStrings__Tracker set, that server is used as is: start only checks it is
# reachable, url prints it, stop/drop touch nothing. Otherwise a private cluster is managed:
#   PT_PG_NAME     cluster name (default pg; test.sh uses pg-test, bench.sh pg-bench)
#   PT_PGDATA      data dir (default /var/tmp/projecttracker/<name>)
#   PT_PGPORT      port on 127.0.0.1 (default 15432)
#   PT_PGDATABASE  database (default projecttracker)
#   PT_PG_OPTS     extra server options, e.g. "-c fsync=off" (throwaway clusters only)
# Messages go to stderr, so $(scripts/db.sh url) captures only the connection string.
# status exits 0 when running, 3 when stopped.
set -euo pipefail

log() { printf '[db] %s\n' "$*" >&2; }
die() {
  printf '[db] ERROR: %s\n' "$*" >&2
  exit 1
}

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---------------------------------------------------------------- external server
cs_get() {
  # Prints the value of an Npgsql connection-string key (any of the given aliases).
  local cs=$1 part key val alias
  local -a parts
  shift
  IFS=';' read -ra parts <<<"$cs"
  for part in "${parts[@]}"; do
    [[ $part == *=* ]] || continue
    key=${part%%=*}
    val=${part#*=}
    key=${key//[[:space:]]/}
    key=${key,,}
    val=${val#"${val%%[![:space:]]*}"}
    val=${val%"${val##*[![:space:]]}"}
    if [[ $val == \"*\" || $val == \'*\' ]]; then
      val=${val:1:${#val}-2}
    fi
    for alias in "$@"; do
      if [[ $key == "$alias" ]]; then
        printf '%s' "$val"
        return 0
      fi
    done
  done
  return 0
}

find_client() {
  # Prints the path of a PostgreSQL client tool, or nothing.
  local tool=$1 found
  if found=$(command -v "$tool" 2>/dev/null) && [[ -x $found ]]; then
    printf '%s' "$found"
    return 0
  fi
  found=$(find_newest_bin "$tool")
  [[ -n $found ]] && printf '%s/%s' "$found" "$tool"
  return 0
}

check_external() {
  local cs=$ConnectionStrings__Tracker host port db user pass ssl psql isready
  host=$(cs_get "$cs" host server)
  port=$(cs_get "$cs" port)
  db=$(cs_get "$cs" database db)
  user=$(cs_get "$cs" username user userid uid)
  pass=$(cs_get "$cs" password pwd psw)
  ssl=$(cs_get "$cs" sslmode)
  host=${host:-localhost}
  port=${port:-5432}
  log "ConnectionStrings__Tracker is set: using host=$host port=$port database=${db:-<default>} user=${user:-<default>} (no local cluster)"

  local -a env_args=(PGCONNECT_TIMEOUT=5)
  [[ -n $pass ]] && env_args+=("PGPASSWORD=$pass")
  case ${ssl,,} in
    "") ;;
    verifyca) env_args+=(PGSSLMODE=verify-ca) ;;
    verifyfull) env_args+=(PGSSLMODE=verify-full) ;;
    *) env_args+=("PGSSLMODE=${ssl,,}") ;;
  esac

  psql=$(find_client psql)
  isready=$(find_client pg_isready)
  if [[ -n $psql ]]; then
    local -a args=(-X -q -tA -h "$host" -p "$port")
    [[ -n $user ]] && args+=(-U "$user")
    [[ -n $db ]] && args+=(-d "$db")
    log "checking with psql: select 1"
    if ! env "${env_args[@]}" "$psql" "${args[@]}" -c 'select 1' >/dev/null; then
      die "cannot connect with ConnectionStrings__Tracker (host=$host port=$port); fix it or unset it to use a local cluster"
    fi
    log "reachable"
  elif [[ -n $isready ]]; then
    log "checking with pg_isready (psql not installed, credentials not verified)"
    if ! env "${env_args[@]}" "$isready" -q -h "$host" -p "$port" -t 5; then
      die "server at $host:$port is not accepting connections"
    fi
    log "reachable"
  else
    log "note: neither psql nor pg_isready is installed; cannot check $host:$port, assuming it is reachable"
  fi
}

external_mode() {
  case $1 in
    start | status) check_external ;;
    url) printf '%s\n' "$ConnectionStrings__Tracker" ;;
    stop) log "ConnectionStrings__Tracker is set: external server, nothing to stop" ;;
    drop) die "ConnectionStrings__Tracker is set: refusing to drop an external database; unset it to drop the local cluster" ;;
    crash) die "ConnectionStrings__Tracker is set: refusing to crash an external server; unset it to use a local cluster" ;;
  esac
}

# ---------------------------------------------------------------- private cluster
find_newest_bin() {
  # Prints the newest /usr/lib/postgresql/<v>/bin that contains the given tool.
  local tool=$1 d
  local -a cands=()
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x $d/$tool ]] && cands+=("$d")
  done
  ((${#cands[@]})) || return 0
  printf '%s\n' "${cands[@]}" | sort -V | tail -n 1
}

locate_server_bin() {
  # Sets BIN: PT_PG_BIN, else the version matching an existing cluster, else the newest.
  BIN=""
  if [[ -n ${PT_PG_BIN:-} ]]; then
    [[ -x $PT_PG_BIN/initdb ]] || die "PT_PG_BIN=$PT_PG_BIN has no initdb"
    BIN=$PT_PG_BIN
    return 0
  fi
  if [[ -f $PGDATA/PG_VERSION ]]; then
    local v
    v=$(<"$PGDATA/PG_VERSION")
    if [[ -x /usr/lib/postgresql/$v/bin/initdb ]]; then
      BIN=/usr/lib/postgresql/$v/bin
      return 0
    fi
  fi
  BIN=$(find_newest_bin initdb)
}

ensure_server_bin() {
  locate_server_bin
  if [[ -z $BIN ]]; then
    log "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin"
    if ((EUID != 0)); then
      die "install them first: sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql"
    fi
    command -v apt-get >/dev/null || die "apt-get not available; install PostgreSQL server binaries and set PT_PG_BIN"
    # Debian's package also creates and starts a default cluster on port 5432; harmless, we use our own.
    log "installing: apt-get update && apt-get install -y postgresql"
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    locate_server_bin
    [[ -n $BIN ]] || die "postgresql installed but no initdb under /usr/lib/postgresql/*/bin"
  fi
  if [[ -f $PGDATA/PG_VERSION && -z ${PT_PG_BIN:-} ]]; then
    local v
    v=$(<"$PGDATA/PG_VERSION")
    if [[ $BIN != "/usr/lib/postgresql/$v/bin" ]]; then
      die "$PGDATA was created by PostgreSQL $v, whose binaries are missing (found $BIN); install postgresql-$v or run 'scripts/db.sh drop' (deletes the data)"
    fi
  fi
  log "server binaries: $BIN"
  if ((EUID == 0)) && ! id postgres >/dev/null 2>&1; then
    die "user 'postgres' is missing; reinstall the postgresql package"
  fi
}

as_server() {
  # initdb/postgres refuse to run as root; cd / so postgres does not warn about an unreadable cwd.
  if ((EUID == 0)); then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

alive() {
  # A killed postmaster can linger as a zombie when PID 1 does not reap (containers).
  local state
  state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null || true)
  [[ -n $state && $state != Z && $state != X ]]
}

pid_is_postgres() {
  [[ $1 =~ ^[0-9]+$ ]] && alive "$1" || return 1
  local comm
  comm=$(cat "/proc/$1/comm" 2>/dev/null || true)
  [[ $comm == postgres || $comm == postmaster ]]
}

server_pid() {
  # Prints the postmaster pid when the server of this data dir is alive.
  local pidfile=$PGDATA/postmaster.pid pid cwd
  [[ -r $pidfile ]] || return 1
  pid=$(head -n 1 "$pidfile" 2>/dev/null || true)
  pid_is_postgres "$pid" || return 1
  # A reused pid (e.g. after a container restart) can belong to another cluster's postgres.
  if cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null); then
    [[ $cwd == "$(realpath -m "$PGDATA")" ]] || return 1
  fi
  printf '%s' "$pid"
}

safe_to_delete() {
  local real self
  real=$(realpath -m "$1")
  self=$(realpath -m "$0")
  case $real in
    / | /root | /home | /tmp | /var | /var/tmp | /var/lib | /usr | /etc | /opt | /srv | /mnt) return 1 ;;
    /usr/* | /etc/* | /bin* | /sbin* | /lib* | /boot* | /proc* | /sys* | /dev* | /run*) return 1 ;;
  esac
  [[ $real == /*/* ]] || return 1
  [[ $real != "$(realpath -m "${HOME:-/}")" ]] || return 1
  [[ $self != "$real"/* ]] || return 1
  [[ ! -e $real/.git ]]
}

wipe_dir() {
  safe_to_delete "$1" || die "refusing to delete $1 (looks like a system or project folder); set PT_PGDATA to a dedicated folder"
  rm -rf -- "$1"
}

make_dirs() {
  # Creates missing folders one by one with mode 755, whatever the umask, so postgres can traverse them.
  local cur="" part
  local -a parts
  IFS=/ read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    [[ -n $part ]] || continue
    cur="$cur/$part"
    if [[ ! -d $cur ]]; then
      mkdir -- "$cur" 2>/dev/null || die "cannot create $cur (permission denied?); set PT_PGDATA to a writable location"
      chmod 755 -- "$cur"
    fi
  done
}

check_traversable() {
  as_server test -x "$PARENT" && return 0
  local cur="" part
  local -a parts
  IFS=/ read -ra parts <<<"$PARENT"
  for part in "${parts[@]}"; do
    [[ -n $part ]] || continue
    cur="$cur/$part"
    if ! as_server test -x "$cur"; then
      die "$SERVER_USER cannot enter $cur; run 'chmod o+x $cur' or set PT_PGDATA outside it (e.g. under /var/tmp)"
    fi
  done
  die "$SERVER_USER cannot enter $PARENT"
}

own() {
  # Gives a path to the server user (as root) or checks we own it (non-root).
  local path=$1 owner
  owner=$(stat -c %U -- "$path")
  [[ $owner == "$SERVER_USER" ]] && return 0
  if ((EUID == 0)); then
    chown -R "$SERVER_USER": -- "$path"
  else
    die "$path belongs to $owner, not $SERVER_USER; remove it or set PT_PGDATA elsewhere"
  fi
}

prepare_dirs() {
  make_dirs "$PARENT"
  check_traversable
  if ((EUID != 0)) && [[ ! -w $PARENT ]]; then
    die "cannot write to $PARENT (owner $(stat -c %U -- "$PARENT")); set PT_PGDATA to a folder of yours, e.g. \$HOME/.local/share/projecttracker/$NAME"
  fi
  mkdir -p -- "$SOCKDIR"
  own "$SOCKDIR"
  chmod 700 -- "$SOCKDIR"
  touch -- "$LOGFILE"
  own "$LOGFILE"
}

take_lock() {
  command -v flock >/dev/null || return 0
  exec 9>"$LOCKFILE"
  flock -w 120 9 || die "another db.sh is working on $NAME (lock $LOCKFILE)"
}

cluster_complete() {
  # initdb creates template1, template0 and postgres last; fewer means it died half-way.
  [[ -f $PGDATA/PG_VERSION && -f $PGDATA/global/pg_control && -f $PGDATA/postgresql.conf ]] || return 1
  local -a dbs
  shopt -s nullglob
  dbs=("$PGDATA"/base/*)
  shopt -u nullglob
  ((${#dbs[@]} >= 3))
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

who_has_port() {
  if command -v ss >/dev/null; then
    ss -Hltnp "( sport = :$PORT )" 2>/dev/null | sed 's/^/[db]   /' >&2 || true
  fi
}

log_tail() {
  log "last lines of $LOGFILE:"
  tail -n 20 -- "$LOGFILE" 2>/dev/null | sed 's/^/[db]   /' >&2 || true
}

wait_orphans() {
  # After a crash, children of the dead postmaster keep the shared memory until they exit.
  local real p i found
  real=$(realpath -m "$PGDATA")
  for ((i = 0; i < 50; i++)); do
    found=""
    for p in /proc/[0-9]*; do
      if [[ $(readlink "$p/cwd" 2>/dev/null) == "$real" ]] && alive "${p#/proc/}"; then
        found=${p#/proc/}
        break
      fi
    done
    [[ -n $found ]] || return 0
    ((i > 0)) || log "waiting for leftover server processes (pid $found) to exit"
    sleep 0.2
  done
  die "old server processes of $NAME are still running (e.g. pid $found); stop them first"
}

clean_stale() {
  local lock pid
  if [[ -e $PGDATA/postmaster.pid ]]; then
    log "removing stale postmaster.pid (pid $(head -n 1 "$PGDATA/postmaster.pid" 2>/dev/null || echo '?') is not running)"
    rm -f -- "$PGDATA/postmaster.pid"
    wait_orphans
  fi
  lock=$SOCKDIR/.s.PGSQL.$PORT.lock
  if [[ -e $lock ]]; then
    pid=$(head -n 1 "$lock" 2>/dev/null || true)
    if ! pid_is_postgres "$pid"; then
      log "removing stale socket lock $lock"
      rm -f -- "$lock" "$SOCKDIR/.s.PGSQL.$PORT"
    fi
  fi
}

init_cluster() {
  if [[ -e $PGDATA ]] && ! cluster_complete; then
    log "$PGDATA is half-made (no complete cluster inside): wiping it"
    wipe_dir "$PGDATA"
  fi
  if [[ ! -e $PGDATA ]]; then
    log "initdb $PGDATA (owner $SERVER_USER)"
    mkdir -m 700 -- "$PGDATA"
    own "$PGDATA"
    local -a extra=()
    [[ ${PT_PG_OPTS:-} == *fsync=off* ]] && extra+=(--no-sync)
    if ! as_server "$BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --no-locale "${extra[@]}" >>"$LOGFILE" 2>&1; then
      log_tail
      [[ -e $PGDATA ]] && wipe_dir "$PGDATA"
      die "initdb failed"
    fi
    FRESH=1
  fi
  own "$PGDATA"
  chmod 700 -- "$PGDATA"
  # Private loopback-only cluster: trust is fine, the server listens on 127.0.0.1 and the
  # socket folder is private. The password is still set so scram/md5 would work unchanged.
  as_server tee "$PGDATA/pg_hba.conf" >/dev/null <<'EOF'
# Written by scripts/db.sh: private loopback-only development cluster.
local all         all                trust
host  all         all  127.0.0.1/32  trust
local replication all                trust
host  replication all  127.0.0.1/32  trust
EOF
}

wait_ready() {
  local i
  for ((i = 0; i < 150; i++)); do
    if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -t 1 && server_pid >/dev/null; then
      return 0
    fi
    if ((i >= 5)) && ! server_pid >/dev/null; then
      log_tail
      if grep -q 'could not bind\|Address already in use' "$LOGFILE" 2>/dev/null; then
        die "port $PORT on 127.0.0.1 is already in use by another program; choose another with PT_PGPORT"
      fi
      die "the server exited during start-up (see $LOGFILE)"
    fi
    sleep 0.2
  done
  log_tail
  die "the server did not become ready within 30 s (see $LOGFILE)"
}

psql_admin() {
  PGPASSWORD=postgres PGCONNECT_TIMEOUT=5 "$BIN/psql" -X -q -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$PORT" -U postgres -d postgres "$@"
}

ensure_database() {
  if ((FRESH)); then
    psql_admin -c "alter role postgres password 'postgres'" >/dev/null
  fi
  if [[ $(psql_admin -tAc "select 1 from pg_database where datname = '$DBNAME'") == 1 ]]; then
    log "database $DBNAME exists"
  else
    log "creating database $DBNAME"
    psql_admin -c "create database \"$DBNAME\""
  fi
}

cmd_start() {
  ensure_server_bin
  prepare_dirs
  take_lock
  local pid running_port
  if pid=$(server_pid); then
    running_port=$(sed -n 4p "$PGDATA/postmaster.pid")
    if [[ $running_port != "$PORT" ]]; then
      die "cluster $NAME is already running on port $running_port, not $PORT; run 'scripts/db.sh stop' first"
    fi
    log "already running (pid $pid, port $PORT)"
    wait_ready
    ensure_database
    return 0
  fi
  clean_stale
  init_cluster
  if port_in_use; then
    who_has_port
    die "port $PORT on 127.0.0.1 is already in use by another program; stop it or choose another port with PT_PGPORT"
  fi
  local opts="${PT_PG_OPTS:-} -c listen_addresses=127.0.0.1 -p $PORT -k '$SOCKDIR' -c max_connections=300"
  log "starting $NAME on 127.0.0.1:$PORT (options:${PT_PG_OPTS:+ $PT_PG_OPTS} max_connections=300), log $LOGFILE"
  # 9>&-: the server must not inherit (and keep holding) our lock.
  if ! as_server "$BIN/pg_ctl" -D "$PGDATA" -l "$LOGFILE" -W -o "$opts" start >/dev/null 9>&-; then
    log_tail
    die "pg_ctl start failed"
  fi
  log "waiting for readiness (pg_isready, up to 30 s)"
  wait_ready
  log "ready (pid $(server_pid))"
  ensure_database
}

cmd_stop() {
  local pid i
  take_lock_if_possible
  if ! pid=$(server_pid); then
    log "$NAME is not running"
    return 0
  fi
  log "stopping $NAME (pid $pid, fast shutdown)"
  kill -INT "$pid"
  for ((i = 0; i < 150; i++)); do
    alive "$pid" || {
      log "stopped"
      return 0
    }
    sleep 0.2
  done
  log "still running after 30 s: immediate shutdown"
  kill -QUIT "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    alive "$pid" || {
      log "stopped"
      return 0
    }
    sleep 0.2
  done
  die "could not stop pid $pid"
}

cmd_crash() {
  local pid
  ensure_server_bin
  if ! pid=$(server_pid); then
    log "$NAME is not running"
    return 0
  fi
  log "crashing $NAME (pid $pid, pg_ctl -m immediate)"
  as_server "$BIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 9>&-
}

take_lock_if_possible() {
  [[ -d $PARENT && -w $PARENT ]] && take_lock
  return 0
}

cmd_status() {
  local pid
  log "cluster $NAME: data $PGDATA, port $PORT, database $DBNAME, log $LOGFILE"
  if pid=$(server_pid); then
    log "running (pid $pid, port $(sed -n 4p "$PGDATA/postmaster.pid"))"
    return 0
  fi
  if cluster_complete 2>/dev/null; then
    log "not running"
  else
    log "not running (no cluster yet)"
  fi
  exit 3
}

cmd_drop() {
  cmd_stop
  if [[ -e $PGDATA ]]; then
    log "deleting $PGDATA"
    wipe_dir "$PGDATA"
  else
    log "$PGDATA does not exist"
  fi
  rm -f -- "$LOGFILE" "$LOCKFILE"
  rmdir -- "$SOCKDIR" 2>/dev/null || true
  log "dropped $NAME"
}

main() {
  local cmd=${1:-}
  case $cmd in
    start | stop | url | status | drop | crash) ;;
    *) usage ;;
  esac

  if [[ -n ${ConnectionStrings__Tracker:-} ]]; then
    external_mode "$cmd"
    return 0
  fi

  unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGSERVICEFILE PGOPTIONS PGSSLMODE PGPASSFILE
  NAME=${PT_PG_NAME:-pg}
  [[ $NAME =~ ^[A-Za-z0-9._-]+$ ]] || die "PT_PG_NAME may only contain letters, digits, '.', '_' and '-'"
  PGDATA=${PT_PGDATA:-/var/tmp/projecttracker/$NAME}
  [[ $PGDATA == /* ]] || PGDATA=$PWD/$PGDATA
  PGDATA=$(realpath -m "$PGDATA")
  [[ $PGDATA != *"'"* ]] || die "PT_PGDATA must not contain a single quote"
  PARENT=$(dirname "$PGDATA")
  # Below the kernel's ephemeral range (32768+), so an outgoing connection can never hold our port.
  PORT=${PT_PGPORT:-15432}
  if [[ ! $PORT =~ ^[1-9][0-9]{0,4}$ ]] || ((PORT > 65535)); then
    die "PT_PGPORT must be a port number (1-65535)"
  fi
  DBNAME=${PT_PGDATABASE:-projecttracker}
  [[ $DBNAME =~ ^[A-Za-z_][A-Za-z0-9_-]*$ ]] || die "PT_PGDATABASE may only contain letters, digits, '_' and '-'"
  LOGFILE=$PARENT/$NAME.log
  SOCKDIR=$PARENT/sockets
  LOCKFILE=$PARENT/.$NAME.lock
  FRESH=0
  if ((EUID == 0)); then
    SERVER_USER=postgres
  else
    SERVER_USER=$(id -un)
  fi

  case $cmd in
    start) cmd_start ;;
    stop) cmd_stop ;;
    crash) cmd_crash ;;
    status) cmd_status ;;
    drop) cmd_drop ;;
    url) printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=postgres;Password=postgres\n' "$PORT" "$DBNAME" ;;
  esac
}

main "$@"
