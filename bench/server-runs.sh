#!/usr/bin/env bash
# Starts a Parley server jar on a fresh PostgreSQL database (all roles, embedded broker unless PARLEY_ROLES
# says otherwise), warms it up, runs the load generator's "many" scenario at each --in-flight of FLIGHTS and
# prints one RESULT line per run, prefixed with LABEL. Used for the figures of docs/benchmarks.md.
#
#   bench/server-runs.sh JAR LABEL [NAME=value ...]     e.g. PARLEY_ROLES=command,relay
#   env: WARM (seconds of warm-up load, default 40), FLIGHTS (default "4 1"), JAVA_OPTS,
#        PGHOST (default 127.0.0.1), DB (default parley_bench),
#        SEED=USERS:CONVERSATIONS (first create that many users and conversations in the views, unmeasured,
#        to see whether the cost of a message grows with the size of the service),
#        SOAK=RATE:MINUTES (instead of the closed-loop runs: RATE messages/s for MINUTES, a line per minute with
#        latency from the intended send time, heap and CPU; meanwhile bench/lag-probe.py measures accepted ->
#        visible in the views)
# After the runs it prints, per table, the sequential scans and the rows they read during the measured runs
# (PostgreSQL's pg_stat_user_tables): a table scanned per message shows up there.
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
SQL=(psql -qtAX -h "${PGHOST:-127.0.0.1}" -U postgres -d "$DB")
if [ -n "${SEED:-}" ]; then
  java -jar "$GEN" --url http://127.0.0.1:8099 --scenario many --users "${SEED%%:*}" --conversations "${SEED##*:}" \
    --concurrency 8 --duration 1s --warmup 0s >/dev/null 2>&1
  echo "$LABEL seeded: $("${SQL[@]}" -c "SELECT (SELECT count(*) FROM conversation_view) || ' conversations, ' \
    || (SELECT count(DISTINCT user_id) FROM participant_view) || ' users in the views'")"
fi
RUN=(java -jar "$GEN" --url http://127.0.0.1:8099 --scenario many --users 500 --conversations 200 --concurrency 50
     --server-pid "$PID")
"${RUN[@]}" --in-flight 4 --duration "${WARM:-40}s" --warmup 5s >/dev/null 2>&1
# Table statistics as autovacuum would have them by now (it may be off on a benchmark machine): without them
# PostgreSQL keeps the plans it made for empty tables, sequential scans that grow with the tables.
"${SQL[@]}" -c "ANALYZE"
STATS="SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0) FROM pg_stat_user_tables ORDER BY relname COLLATE \"C\""
"${SQL[@]}" -c "$STATS" > "$DATA/stats-before"
if [ -n "${SOAK:-}" ]; then
  minutes=${SOAK##*:}
  python3 "$HERE/lag-probe.py" $((minutes * 60)) | sed "s/^/$LABEL /" &
  PROBE=$!
  "${RUN[@]}" --in-flight 1 --rate "${SOAK%%:*}" --duration "${minutes}m" --warmup 0s --report-every 60s 2>/dev/null \
    | grep "INTERVAL\|RESULT" | sed "s/^/$LABEL /"
  wait $PROBE
else
  for flight in ${FLIGHTS:-4 1}; do
    "${RUN[@]}" --in-flight "$flight" --duration 20s --warmup 5s 2>/dev/null | grep RESULT | sed "s/^/$LABEL /"
  done
fi
sleep 11 # an idle PostgreSQL backend publishes its table statistics within 10 s
"${SQL[@]}" -c "$STATS" > "$DATA/stats-after"
LC_ALL=C join -t'|' "$DATA/stats-before" "$DATA/stats-after" | awk -F'|' -v label="$LABEL" '
  { scans += $5 - $2; rows += $6 - $3; if ($6 - $3 > 0) detail = detail sprintf(" %s=%d/%d", $1, $5 - $2, $6 - $3) }
  END { printf "%s TABLES seq_scans=%d seq_rows_read=%d%s\n", label, scans, rows, detail }'
