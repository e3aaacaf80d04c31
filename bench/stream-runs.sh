#!/usr/bin/env bash
# The live stream's figures for docs/benchmarks.md: starts a Parley server jar (all roles, PostgreSQL, embedded
# broker), measures the heap of idle stream sessions, then send accepted -> frame received by the other participants.
#
#   bench/stream-runs.sh JAR [NAME=value ...]
#   env: SESSIONS (default 1000), SIZE (participants per conversation, default 2), RATE (messages/s, default 1000),
#        DURATION (seconds, default 60), IDLE (idle sessions for the heap probe, default 2000), JAVA_OPTS, DB
set -euo pipefail
JAR=$1; shift
HERE=$(cd "$(dirname "$0")" && pwd)
GEN="$HERE/target/parley-bench-0.1.0-SNAPSHOT.jar"
DB=${DB:-parley_stream_bench}
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
DATA=$(mktemp -d)
env PARLEY_HTTP_PORT=8099 PARLEY_DATA_DIR="$DATA" PARLEY_KAFKA_EMBEDDED_PORT=19092 \
  PARLEY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PARLEY_DB_USER=postgres PARLEY_DEV_TOKENS=true "$@" \
  java ${JAVA_OPTS:-} -jar "$JAR" > "$DATA/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 90); do curl -sf localhost:8099/health/readiness >/dev/null 2>&1 && break; sleep 1; done
heap() {
  jcmd "$PID" GC.run >/dev/null
  sleep 2
  curl -s localhost:8099/metrics | awk '/^jvm_memory_used_bytes\{area="heap"/ { sum += $NF } END { printf "%.0f", sum }'
}
BEFORE=$(heap)
java -cp "$GEN" io.parley.bench.StreamBench --url http://127.0.0.1:8099 --sessions "${IDLE:-2000}" --size 2 --rate 0 \
  --duration 60s > "$DATA/idle.out" 2>&1 &
IDLER=$!
for _ in $(seq 1 120); do grep -q SETUP "$DATA/idle.out" 2>/dev/null && break; sleep 1; done
AFTER=$(heap)
kill $IDLER 2>/dev/null || true
SESSIONS_OPEN=$(sed -n 's/.*SETUP sessions=\([0-9]*\).*/\1/p' "$DATA/idle.out")
echo "IDLE sessions=$SESSIONS_OPEN heap_before=$BEFORE heap_after=$AFTER bytes_per_session=$(( (AFTER - BEFORE) / SESSIONS_OPEN ))"
sleep 10
java -cp "$GEN" io.parley.bench.StreamBench --url http://127.0.0.1:8099 --sessions "${SESSIONS:-1000}" \
  --size "${SIZE:-2}" --rate "${RATE:-1000}" --duration "${DURATION:-60}s" --warmup 10s | grep "SETUP\|RESULT"
