#!/usr/bin/env bash
# Starts a Parley server jar on a fresh PostgreSQL database (all roles, embedded broker unless PARLEY_ROLES
# says otherwise), warms it up, runs the load generator's "many" scenario at each --in-flight of FLIGHTS and
# prints one RESULT line per run, prefixed with LABEL. Used for the figures of docs/benchmarks.md.
#
#   bench/server-runs.sh JAR LABEL [NAME=value ...]     e.g. PARLEY_ROLES=command,relay
#   env: WARM (seconds of warm-up load, default 40), FLIGHTS (default "4 1"), JAVA_OPTS,
#        PGHOST (default 127.0.0.1), DB (default parley_bench)
set -euo pipefail
JAR=$1; LABEL=$2; shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
GEN="$HERE/target/parley-bench-0.1.0-SNAPSHOT.jar"
DB=${DB:-parley_bench}
psql -q -h "${PGHOST:-127.0.0.1}" -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
DATA=$(mktemp -d)
env PARLEY_HTTP_PORT=8099 PARLEY_DATA_DIR="$DATA" PARLEY_KAFKA_EMBEDDED_PORT=19092 \
  PARLEY_DB_URL="jdbc:postgresql://${PGHOST:-127.0.0.1}:5432/$DB" PARLEY_DB_USER=postgres PARLEY_DEV_TOKENS=true "$@" \
  java ${JAVA_OPTS:-} -jar "$JAR" > "$DATA/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 90); do curl -sf localhost:8099/health/readiness >/dev/null 2>&1 && break; sleep 1; done
RUN=(java -jar "$GEN" --url http://127.0.0.1:8099 --scenario many --users 500 --conversations 200 --concurrency 50
     --server-pid "$PID")
"${RUN[@]}" --in-flight 4 --duration "${WARM:-40}s" --warmup 5s >/dev/null 2>&1
for flight in ${FLIGHTS:-4 1}; do
  "${RUN[@]}" --in-flight "$flight" --duration 20s --warmup 5s 2>/dev/null | grep RESULT | sed "s/^/$LABEL /"
done
