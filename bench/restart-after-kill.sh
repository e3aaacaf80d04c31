#!/usr/bin/env bash
# Restart of the embedded default (H2 + in-JVM broker) after kill -9, and after a clean stop for comparison.
# Per round: 50 messages, kill -9 right after the last one was acknowledged, start again on the same data dir;
# prints the seconds from the new process's start until GET /health/readiness answers 200 ("ready") and until
# the views show the last acknowledged message ("views").
# Usage: bench/restart-after-kill.sh [rounds]   (needs the server jar: ./mvnw -q package -DskipTests)
set -u
cd "$(dirname "$0")/.."
JAR=${PARLEY_BENCH_JAR:-services/conversation-service/target/conversation-service-0.1.0-SNAPSHOT.jar}
ROUNDS=${1:-5}
PORT=${PARLEY_BENCH_PORT:-8099}
DATA=/tmp/bench-restart
URL=http://127.0.0.1:$PORT

start() {
  T0=$(date +%s.%N)
  PARLEY_HTTP_PORT=$PORT PARLEY_DATA_DIR=$DATA PARLEY_KAFKA_EMBEDDED_PORT=${PARLEY_BENCH_KAFKA_PORT:-19092} \
    java -jar $JAR >> $DATA.log 2>&1 &
  PID=$!
}
since() { echo "$(date +%s.%N) - $T0" | bc; }
await_ready() {
  until [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' $URL/health/readiness)" = 200 ]; do sleep 0.1; done
  since
}
await_views() { # $1: sequence of the last acknowledged message of conversation c1
  local last=""
  until [[ "$last" =~ ^[0-9]+$ ]]; do
    last=$(curl -s -m 5 -H "Authorization: Bearer $TOKEN" "$URL/v1/conversations/c1/events?after=0&limit=1" \
      | sed -n 's/.*"lastSequence":\([0-9]*\).*/\1/p')
  done
  if [ "$last" -lt "$1" ]; then echo "never: LOST, the log ends at $last"; return; fi
  local deadline=$(($(date +%s) + 300))
  until ! curl -s -D - -o /dev/null -m 5 -H "Authorization: Bearer $TOKEN" "$URL/v1/conversations/c1?minSequence=$1" \
      | grep -qi '^parley-consistency: pending\|^HTTP/1.1 [^2]'; do
    if [ "$(date +%s)" -gt $deadline ]; then echo "not within 300 s"; return; fi
  done
  echo "$(since) s"
}
send() { # prints the sequence of the acknowledged message
  curl -s -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"text":"before the kill"}' \
    $URL/v1/conversations/c1/messages | sed 's/.*"sequence":\([0-9]*\).*/\1/'
}

rm -rf $DATA $DATA.log
start
echo "first start: ready $(await_ready) s"
TOKEN=$(curl -s -X POST $URL/v1/dev/tokens -H 'Content-Type: application/json' -d '{"userId":"alice"}' \
  | sed 's/.*"token":"\([^"]*\)".*/\1/')
curl -s -o /dev/null -X POST $URL/v1/conversations -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"conversationId":"c1"}'
for round in $(seq 1 "$ROUNDS"); do
  for i in $(seq 1 50); do SEQ=$(send); done
  kill -9 $PID; wait $PID 2>/dev/null
  start
  echo "kill -9 round $round: ready $(await_ready) s, views at sequence $SEQ: $(await_views "$SEQ")"
done
SEQ=$(send)
kill $PID; wait $PID 2>/dev/null
start
echo "clean stop: ready $(await_ready) s, views at sequence $SEQ: $(await_views "$SEQ")"
kill $PID; wait $PID 2>/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); server output in $DATA.log"
