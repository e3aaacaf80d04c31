#!/usr/bin/env bash
# Projection benchmarks: live projection and rebuild of 1,000,000 events; replay and sync latency.
set -u
cd "$(dirname "$0")/.."
DB=bench_proj
start() { # $1 = rebuild flag
  PARLEY_PROJECTION_REBUILD=$1 PARLEY_HTTP_PORT=8099 PARLEY_DATA_DIR=/tmp/bench-proj PARLEY_KAFKA_EMBEDDED_PORT=19092 \
  PARLEY_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB PARLEY_DB_USER=postgres PARLEY_DEV_TOKENS=true \
    java -jar services/conversation-service/target/conversation-service-0.1.0-SNAPSHOT.jar > /tmp/parley-bench-proj-server.log 2>&1 &
  echo $! > /tmp/parley-bench-proj.pid
  for i in $(seq 1 120); do curl -sf localhost:8099/health/readiness >/dev/null && break; sleep 1; done
}
metric() { curl -s localhost:8099/metrics | grep "^$1 " | awk '{print $2}'; }
applied_views() { psql -tA -h 127.0.0.1 -U postgres -d $DB -c "SELECT COALESCE(SUM(last_sequence),0) FROM conversation_view"; }
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null 2>&1
rm -rf /tmp/bench-proj
start false
TOKEN=$(curl -s -X POST localhost:8099/v1/dev/tokens -H 'Content-Type: application/json' -d '{"userId":"alice"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
curl -s -o /dev/null -X POST localhost:8099/v1/conversations -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"conversationId":"big","participants":[{"userId":"bob"}]}'
echo "bulk insert of 999,999 message events"
time psql -q -h 127.0.0.1 -U postgres -d $DB <<'SQL'
INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)
SELECT 'big', n, 'Conversation', gen_random_uuid()::text, convert_to('{}', 'UTF8'),
       convert_to('{"conversationId":"big","actor":"' || CASE WHEN n % 2 = 0 THEN 'alice' ELSE 'bob' END || '","messageId":"m-' || n || '","text":"message ' || n || '","payload":null,"attributes":null,"media":[],"replyTo":null,"mentions":[],"forwardedFrom":null}', 'UTF8'),
       NULL, 'io.parley.conversation.event.MessageSent', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
FROM generate_series(1, 999999) AS n;
SQL
T0=$(date +%s.%N)
while [ "$(applied_views)" -lt 1000000 ]; do sleep 2; done
T1=$(date +%s.%N)
echo "live: relay + projection of 1,000,000 events in $(echo "$T1 - $T0" | bc) s"
# replay throughput for one client: 2,000 pages of 100 events
T0=$(date +%s.%N)
for after in $(seq 0 100 199900); do curl -s -o /dev/null "localhost:8099/v1/conversations/big/events?after=$after&limit=100" -H "Authorization: Bearer $TOKEN"; done
T1=$(date +%s.%N)
echo "replay: 200,000 events in 2,000 pages in $(echo "$T1 - $T0" | bc) s"
kill $(cat /tmp/parley-bench-proj.pid); sleep 5
start true
T0=$(date +%s.%N)
while [ "$(applied_views)" -lt 1000000 ]; do sleep 2; done
T1=$(date +%s.%N)
echo "rebuild: 1,000,000 events from the topic in $(echo "$T1 - $T0" | bc) s (includes server start)"
kill $(cat /tmp/parley-bench-proj.pid)
