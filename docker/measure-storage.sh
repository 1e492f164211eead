#!/usr/bin/env bash
# Measures what the history costs in PostgreSQL: loads the demo history (28 days, ~74,000 test results) into a
# fresh schema through the collector jar, then prints rows and bytes per test result and scales them to a million
# results a day. Needs the jar (mvn -B -q -pl collector -am package -DskipTests), psql and a PostgreSQL where the
# user may create schemas. The schema is dropped at the end.
#   docker/measure-storage.sh [host] [port] [database] [user]      # defaults: 127.0.0.1 5432 test postgres
set -euo pipefail
cd "$(dirname "$0")/.."
host="${1:-127.0.0.1}" port="${2:-5432}" db="${3:-test}" user="${4:-postgres}"
jar=collector/target/collector.jar
[ -f "$jar" ] || { echo "$jar is missing: mvn -B -q -pl collector -am package -DskipTests" >&2; exit 1; }
schema="th_storage_$(date +%s)"
work="$(mktemp -d)"
psql_() { psql -h "$host" -p "$port" -U "$user" -d "$db" -v ON_ERROR_STOP=1 -Atq "$@"; }
collector=""
cleanup() {
  if [ -n "$collector" ]; then
    kill "$collector" 2>/dev/null || true
    wait "$collector" 2>/dev/null || true
  fi
  psql_ -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
env -i PATH="$PATH" TESTHEALTH_STORE=postgres TESTHEALTH_POSTGRES_URL="jdbc:postgresql://$host:$port/$db" \
  TESTHEALTH_POSTGRES_USER="$user" TESTHEALTH_POSTGRES_PASSWORD="${PGPASSWORD:-}" TESTHEALTH_STORE_POSTGRES_SCHEMA="$schema" \
  PORT="$(free_port)" TESTHEALTH_OTLP_GRPC_PORT="$(free_port)" TESTHEALTH_SPOOL_DIR="$work/spool" \
  java -Xmx1g -Djava.io.tmpdir="$work" -jar "$jar" --demo >"$work/collector.log" 2>&1 &
collector=$!
for _ in $(seq 1 180); do
  grep -q 'Demo history loaded' "$work/collector.log" 2>/dev/null && break
  kill -0 "$collector" 2>/dev/null || { cat "$work/collector.log" >&2; exit 1; }
  sleep 1
done
grep 'Demo history loaded' "$work/collector.log" >&2 || { echo "the demo did not load in 3 minutes" >&2; exit 1; }
kill "$collector"; wait "$collector" 2>/dev/null || true; collector=""

psql_ -c "VACUUM ANALYZE" >/dev/null 2>&1 || true
results=$(psql_ -c "SELECT count(*) FROM $schema.test_results")
echo "PostgreSQL $(psql_ -c 'SHOW server_version'), schema $schema: $results test results (the demo, 28 days)"
# The history tables grow with the results; the others hold one row per component or team (and day), whatever
# the volume, so they are not scaled.
printf '%-22s %10s %12s %14s   %s\n' table rows bytes "bytes/result" "a million results a day"
psql_ -F ' ' -c "
  SELECT c.relname, COALESCE(s.n_live_tup, 0), pg_total_relation_size(c.oid)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
  WHERE n.nspname = '$schema' AND c.relkind = 'r' ORDER BY 3 DESC" |
while read -r table rows bytes; do
  awk -v t="$table" -v r="$rows" -v b="$bytes" -v n="$results" 'BEGIN {
    if (t ~ /^(test_results|test_attempts|uploads|runs)$/)
      printf "%-22s %10d %12d %14.1f   %.0f rows, %.0f MB\n", t, r, b, b / n, r / n * 1e6, b / n
    else
      printf "%-22s %10d %12d %14s   (per component or team, not per result)\n", t, r, b, "-" }'
done
total=$(psql_ -c "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = '$schema' AND c.relname IN ('test_results', 'test_attempts', 'uploads', 'runs')")
awk -v b="$total" -v n="$results" 'BEGIN {
  printf "history: %.0f bytes per test result; a million results a day: %.0f MB a day, %.1f GB in 28 days, %.0f GB a year\n",
    b / n, b / n, b / n * 28 / 1000, b / n * 365 / 1000 }'
