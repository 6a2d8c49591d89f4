#!/usr/bin/env bash
# A real PostgreSQL server for the record's tests (Debian's `postgresql` package): installs it if
# missing, starts the cluster, creates a user and a database, and prints the SQLAlchemy URL on
# stdout (everything else goes to stderr). Needs root (or sudo). Safe to run repeatedly.
#   export OEFENSENSE_TEST_DATABASE="$(bash scripts/start-postgres.sh)"
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v pg_lsclusters >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "installing postgresql" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >&2
fi
read -r VERSION CLUSTER PORT STATUS _ < <(pg_lsclusters --no-header | head -n 1)
if [ -z "${VERSION:-}" ]; then  # the package made no cluster (e.g. create_main_cluster = false)
  VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1); CLUSTER=main
  $SUDO pg_createcluster "$VERSION" "$CLUSTER" >&2
  read -r VERSION CLUSTER PORT STATUS _ < <(pg_lsclusters --no-header | head -n 1)
fi
if [ "$STATUS" != "online" ]; then
  $SUDO pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi
USER_NAME=oefensense; PASSWORD=oefensense; DB=oefensense_test
as_postgres() { $SUDO runuser -u postgres -- "$@"; }
for _ in $(seq 1 30); do as_postgres pg_isready -q -p "$PORT" && break; sleep 1; done
as_postgres psql -q -p "$PORT" -v ON_ERROR_STOP=1 >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$USER_NAME') THEN
    CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
if ! as_postgres psql -p "$PORT" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  as_postgres createdb -p "$PORT" -O "$USER_NAME" "$DB" >&2
fi
echo "postgresql+pg8000://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB"
