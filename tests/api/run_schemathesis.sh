#!/usr/bin/env bash
# schemathesis against the live server with a real token (make test-api).
# One run per database named (default: sqlite postgres); PostgreSQL must answer in CI.
set -euo pipefail
BIN=${BIN:-.venv/bin}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
MAX_EXAMPLES=${MAX_EXAMPLES:-100}
mkdir -p test-artifacts

free_port() { "$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

run_one() {  # $1: label, $2: DATABASE_URL or empty for SQLite
  local label=$1 db=$2 data port token pid status
  data=$(mktemp -d)
  export NOCONTACT_DATA_DIR=$data
  if [ -n "$db" ]; then export DATABASE_URL=$db; else unset DATABASE_URL; fi
  "$BIN/nocontact" manage migrate --no-input >/dev/null
  token=$("$BIN/python" tests/api/make_token.py)
  port=$(free_port)
  "$BIN/nocontact" serve --host 127.0.0.1 --port "$port" --no-migrate >"test-artifacts/server-$label.log" 2>&1 &
  pid=$!
  # shellcheck disable=SC2064
  trap "kill $pid 2>/dev/null || true; rm -rf '$data'" EXIT
  echo "schemathesis on $label (port $port)"
  status=0
  # The hooks move a schema-valid event time into the last week (see the file).
  SCHEMATHESIS_HOOKS=tests/api/schemathesis_hooks.py "$BIN/schemathesis" run "http://127.0.0.1:$port/api/v1/openapi.json" \
    --wait-for-schema 30 --checks all --phases examples,coverage,fuzzing,stateful \
    --workers 2 --max-examples "$MAX_EXAMPLES" --seed 1 \
    -H "Authorization: Bearer $token" \
    --report junit --report-junit-path "test-artifacts/schemathesis-$label.xml" --no-color || status=$?
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data"
  trap - EXIT
  return "$status"
}

run_postgres() {
  if ! "$BIN/python" -c "import psycopg; psycopg.connect('$PG_URL/postgres', connect_timeout=3).close()" 2>/dev/null; then
    if [ -n "${CI:-}" ]; then echo "PostgreSQL is not reachable at $PG_URL; CI needs it." >&2; return 1; fi
    echo "PostgreSQL is not reachable at $PG_URL: skipping its schemathesis run (CI fails here)."
    return 0
  fi
  local name="nc_api_$$" status=0
  "$BIN/python" -c "import psycopg; c=psycopg.connect('$PG_URL/postgres', autocommit=True); c.execute('CREATE DATABASE $name'); c.close()"
  run_one postgres "$PG_URL/$name" || status=$?
  "$BIN/python" -c "import psycopg; c=psycopg.connect('$PG_URL/postgres', autocommit=True); c.execute('DROP DATABASE IF EXISTS $name WITH (FORCE)'); c.close()"
  return "$status"
}

# Usage: run_schemathesis.sh [sqlite] [postgres]   (default: both)
failed=0
for database in "${@:-sqlite postgres}"; do
  for one in $database; do
    case $one in
      sqlite) run_one sqlite "" || failed=1 ;;
      postgres) run_postgres || failed=1 ;;
      *) echo "unknown database: $one" >&2; exit 2 ;;
    esac
  done
done
exit "$failed"
