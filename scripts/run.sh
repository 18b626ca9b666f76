#!/usr/bin/env bash
# Runs the API locally against the durable default cluster (pg, port 15432) with a demo portfolio.
#   ASPNETCORE_URLS            listening address (default http://localhost:5080)
#   Auth__BootstrapAdminKey    admin key (default: generated once, kept in /var/tmp/projecttracker)
#   ConnectionStrings__Tracker use this database instead of the local cluster
set -euo pipefail

cd "$(dirname "$0")/.."
log() { printf '[run] %s\n' "$*"; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [[ -z ${ConnectionStrings__Tracker:-} ]]; then
  # Durable data: never pass the test cluster's fsync=off options here.
  log "starting the local database"
  env -u PT_PG_OPTS scripts/db.sh start
  ConnectionStrings__Tracker=$(scripts/db.sh url)
else
  log "using ConnectionStrings__Tracker from the environment"
  scripts/db.sh start
fi
export ConnectionStrings__Tracker

if [[ -z ${Auth__BootstrapAdminKey:-} ]]; then
  key_dir=/var/tmp/projecttracker
  key_file=$key_dir/bootstrap-admin-key
  mkdir -p "$key_dir"
  if [[ -s $key_file ]] && grep -Eqx 'pt_admin_[0-9a-f]{32}' "$key_file"; then
    log "reusing the admin key from $key_file"
  else
    log "generating an admin key into $key_file"
    (
      umask 077
      printf 'pt_admin_%s\n' "$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" >"$key_file"
    )
  fi
  chmod 600 "$key_file"
  Auth__BootstrapAdminKey=$(<"$key_file")
fi
export Auth__BootstrapAdminKey

export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:5080}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
export Demo__Seed=${Demo__Seed:-true}

if [[ -z ${Smtp__Host:-} ]]; then
  # No mail server: alert mail is written as .eml files, which any mail program opens.
  export Smtp__PickupDirectory=${Smtp__PickupDirectory:-/var/tmp/projecttracker/mail}
  mkdir -p "$Smtp__PickupDirectory"
  mail_note="written as .eml files to $Smtp__PickupDirectory (set Smtp__Host to send)"
else
  mail_note="sent through $Smtp__Host:${Smtp__Port:-25}"
fi

# Chinese glyphs for the weekly report's charts.
scripts/os-packages.sh fonts-noto-cjk

log "dotnet build src/ProjectTracker.Api -c Release"
dotnet build src/ProjectTracker.Api -c Release

base=${ASPNETCORE_URLS%%;*}
base=${base%/}
base=$(sed -E 's#//(\+|\*|0\.0\.0\.0|\[::\])(:|/|$)#//localhost\2#' <<<"$base")
# The demo's city leader, and the links in alert mail, unless set otherwise.
export Alerts__CityLeaderEmail=${Alerts__CityLeaderEmail:-city.leader@example.gov.cn}
export Alerts__LinkBaseUrl=${Alerts__LinkBaseUrl:-$base}
cat <<MSG
[run] Swagger UI:  $base/swagger
[run] Public page: $base/public  (规划馆, no key)
[run] Admin key:   $Auth__BootstrapAdminKey
[run] Try:         curl -H "X-Api-Key: $Auth__BootstrapAdminKey" $base/api/v1/projects
[run] By cluster:  curl -H "X-Api-Key: $Auth__BootstrapAdminKey" "$base/api/v1/portfolio/summary?groupBy=cluster"
[run] Rankings:    curl -H "X-Api-Key: $Auth__BootstrapAdminKey" "$base/api/v1/portfolio/rankings?by=unit"
[run] Open issues: curl -H "X-Api-Key: $Auth__BootstrapAdminKey" "$base/api/v1/issues?status=open"
[run] Weekly:      $base/reports/weekly/$(date +%G-W%V)?api_key=$Auth__BootstrapAdminKey
[run] Alert mail:  $mail_note
[run] starting the API on $ASPNETCORE_URLS (environment $ASPNETCORE_ENVIRONMENT); Ctrl-C stops it
MSG
# The built app itself (not `dotnet run`), so Ctrl-C and SIGTERM reach it directly and it stops cleanly;
# its folder is the content root, where appsettings.json is.
cd src/ProjectTracker.Api/bin/Release/net10.0
exec dotnet ProjectTracker.Api.dll
