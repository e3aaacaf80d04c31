#!/usr/bin/env bash
# Runs the example consumers (examples/python, examples/node) against a real Parley: starts the server in its
# embedded mode (H2 and an in-JVM Kafka broker on free ports, a fresh data dir), writes a known set of events
# through the HTTP API, then has each consumer read parley.conversation-events.v1 from the beginning with only
# the .avsc files of schemas/, expecting exactly those events, every conversation's sequences 1..last, and the
# two consumers printing the same events byte for byte. Exits non-zero on any failure.
#
# Uses the server jar if it is built (./mvnw verify builds it), else builds it. Installs what the consumers
# need: Debian's python3-confluent-kafka and python3-venv, fastavro with pip (from the local package index
# at /opt/pypi/simple when there is one, else pip's default), Node.js and npm from Debian if missing, and the
# Node packages with npm ci. EXAMPLES_KEEP_OUTPUT=<dir> keeps what the consumers printed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

log() { printf '[examples] %s\n' "$*"; }
fail() { log "FAILED: $*"; exit 1; }

JAR=services/conversation-service/target/conversation-service-0.1.0-SNAPSHOT.jar
PY=/usr/bin/python3            # Debian's: python3-confluent-kafka is built for it
VENV=examples/python/.venv
LOCAL_INDEX=/opt/pypi/simple

if [ ! -f "$JAR" ]; then
  log "no server jar: building it"
  ./mvnw -B -ntp -q package -DskipTests
fi

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  log "installing $* from Debian's packages"
  apt-get install -y -q "$@" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "$@" >/dev/null; }
}

# --- what the consumers need ---
missing=()
command -v curl >/dev/null 2>&1 || missing+=(curl)
{ [ -x "$PY" ] && "$PY" -c 'import confluent_kafka' 2>/dev/null; } || missing+=(python3-confluent-kafka)
{ [ -x "$PY" ] && "$PY" -c 'import ensurepip, venv' 2>/dev/null; } || missing+=(python3-venv)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
# Debian's nodejs comes without npm; some builds of nodejs bring their own.
command -v npm >/dev/null 2>&1 || apt_install npm

if [ ! -x "$VENV/bin/python" ]; then
  # System site packages: confluent_kafka comes from Debian, fastavro from pip.
  "$PY" -m venv --system-site-packages "$VENV"
fi
if [ -d "$LOCAL_INDEX" ]; then
  # Only the local index: no configured extra indexes either.
  PIP_CONFIG_FILE=/dev/null "$VENV/bin/pip" install -q --disable-pip-version-check --index-url "file://$LOCAL_INDEX" \
    -r examples/python/requirements.txt
else
  "$VENV/bin/pip" install -q --disable-pip-version-check -r examples/python/requirements.txt
fi
(cd examples/node && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
log "python $("$VENV/bin/python" -c 'import confluent_kafka, fastavro; print(f"confluent-kafka {confluent_kafka.version()[0]} (librdkafka {confluent_kafka.libversion()[0]}), fastavro {fastavro.__version__}")')"
log "node $(node --version), $(cd examples/node && node -p 'const v = (p) => require(p + "/package.json").version; `kafkajs ${v("kafkajs")}, lz4js ${v("lz4js")}, avsc ${v("avsc")}`')"

# --- the server ---
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
HTTP_PORT=$(free_port)
KAFKA_PORT=$(free_port)
DATA=$(mktemp -d)
OUT="$DATA/out"
mkdir -p "$OUT"
SERVER_PID=
cleanup() {
  status=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$DATA/server.log" ]; then
    log "last lines of the server log:"
    tail -n 40 "$DATA/server.log" || true
  fi
  if [ -n "${EXAMPLES_KEEP_OUTPUT:-}" ] && [ -d "$OUT" ]; then
    mkdir -p "$EXAMPLES_KEEP_OUTPUT" && cp "$OUT"/* "$EXAMPLES_KEEP_OUTPUT"/ && log "outputs kept in $EXAMPLES_KEEP_OUTPUT"
  fi
  rm -rf "$DATA"
  exit "$status"
}
trap cleanup EXIT

log "starting the server: HTTP on $HTTP_PORT, Kafka on 127.0.0.1:$KAFKA_PORT, data in $DATA"
PARLEY_HTTP_PORT=$HTTP_PORT PARLEY_DATA_DIR=$DATA/parley PARLEY_KAFKA_EMBEDDED_PORT=$KAFKA_PORT PARLEY_DEV_TOKENS=true \
  java -jar "$JAR" >"$DATA/server.log" 2>&1 &
SERVER_PID=$!
BASE=http://127.0.0.1:$HTTP_PORT
ready=
for _ in $(seq 1 120); do
  kill -0 "$SERVER_PID" 2>/dev/null || fail "the server stopped while starting"
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/readiness")" = 200 ]; then ready=1; break; fi
  sleep 1
done
[ -n "$ready" ] || fail "the server was not ready after 120 s"
log "server ready"

# --- a known set of events ---
# call USER METHOD PATH [JSON]: prints the response body; fails on any status >= 300.
declare -A TOKENS
call() {
  local user=$1 method=$2 path=$3 body=${4:-} response code
  local args=(-sS -X "$method" "$BASE$path" -H "Authorization: Bearer ${TOKENS[$user]}" -w $'\n%{http_code}')
  if [ -n "$body" ]; then args+=(-H 'Content-Type: application/json' --data-binary "$body"); fi
  response=$(curl "${args[@]}")
  code=${response##*$'\n'}
  if [ "$code" -ge 300 ]; then fail "$user $method $path: HTTP $code ${response%$'\n'*}"; fi
  printf '%s' "${response%$'\n'*}"
}
for user in alice bob carol dave; do
  TOKENS[$user]=$(curl -sS -X POST "$BASE/v1/dev/tokens" -H 'Content-Type: application/json' -d "{\"userId\":\"$user\"}" |
    "$PY" -c 'import json, sys; print(json.load(sys.stdin)["token"])')
done

# Conversation 1: alice and bob talk; an edit, a removal, carol added, a read and a delivered horizon.
call alice POST /v1/conversations \
  '{"conversationId":"example-team","title":"Team","participants":[{"userId":"bob"}],"customData":{"project":"parley"}}' >/dev/null
for i in $(seq 1 12); do
  if [ $((i % 2)) -eq 1 ]; then user=alice; else user=bob; fi
  call "$user" POST /v1/conversations/example-team/messages "{\"messageId\":\"team-$i\",\"text\":\"message $i from $user\"}" >/dev/null
done
call alice POST /v1/conversations/example-team/messages \
  '{"messageId":"team-13","text":"Quotes \" and \\\\ backslashes,\nnew lines, caf\u00e9, \u2615 and \ud83d\ude80","mentions":["bob"],"replyTo":"team-2","attributes":{"priority":1}}' >/dev/null
# A media size above 2^53: a consumer must keep Avro longs exact (JavaScript numbers cannot).
call bob POST /v1/conversations/example-team/messages \
  '{"messageId":"team-14","payload":[{"kind":"card","id":7}],"media":[{"type":"file","url":"https://files.example/big.bin","fileName":"big.bin","size":9007199254740993,"mimeType":"application/octet-stream"}]}' >/dev/null
call alice PATCH /v1/conversations/example-team/messages/team-3 '{"text":"message 3 from alice, edited"}' >/dev/null
call bob DELETE /v1/conversations/example-team/messages/team-4 >/dev/null
call alice POST /v1/conversations/example-team/participants '{"participants":[{"userId":"carol"}]}' >/dev/null
call bob POST /v1/conversations/example-team/read '{"sequence":10}' >/dev/null
call carol POST /v1/conversations/example-team/delivered '{"sequence":15}' >/dev/null

# Conversation 2: bob's, with alice and dave; a title change, dave removed, then more messages.
call bob POST /v1/conversations '{"conversationId":"example-ops","title":"Ops","participants":[{"userId":"alice"},{"userId":"dave"}]}' >/dev/null
for i in $(seq 1 6); do
  call bob POST /v1/conversations/example-ops/messages "{\"messageId\":\"ops-$i\",\"text\":\"ops $i\"}" >/dev/null
done
call bob PATCH /v1/conversations/example-ops '{"title":"Operations"}' >/dev/null
call bob DELETE /v1/conversations/example-ops/participants/dave >/dev/null
for i in $(seq 7 10); do
  call alice POST /v1/conversations/example-ops/messages "{\"messageId\":\"ops-$i\",\"text\":\"ops $i\"}" >/dev/null
done
call alice PATCH /v1/conversations/example-ops/messages/ops-7 '{"text":"ops 7, edited"}' >/dev/null

# What the consumers must find: every sequence 1..lastSequence of both conversations, nothing else.
EXPECTED="$OUT/expected.json"
{
  printf '{'
  sep=
  for id in example-team example-ops; do
    last=$(call alice GET "/v1/conversations/$id" | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["lastSequence"])')
    printf '%s"%s":%s' "$sep" "$id" "$last"
    sep=,
  done
  printf '}\n'
} >"$EXPECTED"
TOTAL=$("$PY" -c 'import json, sys; print(sum(json.load(open(sys.argv[1])).values()))' "$EXPECTED")
log "written: $(cat "$EXPECTED") (last sequences), $TOTAL events in all"

# --- the consumers ---
BOOTSTRAP=127.0.0.1:$KAFKA_PORT
TOPIC=parley.conversation-events.v1
run_consumer() {
  local name=$1
  shift
  local started=$SECONDS code=0
  "$@" --bootstrap "$BOOTSTRAP" --topic "$TOPIC" --expect "$TOTAL" --timeout 60 \
    >"$OUT/$name.jsonl" 2>"$OUT/$name.err" || code=$?
  if [ "$code" -ne 0 ]; then
    cat "$OUT/$name.err" >&2
    fail "$name consumer exited with $code"
  fi
  local summary
  summary=$(tail -n 1 "$OUT/$name.err")
  log "$summary [$((SECONDS - started)) s]"
  # Nothing here crashes the relay, so nothing may be published twice.
  case "$summary" in *" 0 duplicates dropped"*) ;; *) fail "$name saw duplicates" ;; esac
}
run_consumer python "$VENV/bin/python" examples/python/consumer.py --schemas schemas/src/main
run_consumer node node examples/node/consumer.js --schemas schemas/src/main

# --- what they printed ---
"$PY" - "$EXPECTED" "$OUT/python.jsonl" "$OUT/node.jsonl" <<'EOF' || fail "the consumers' output is not what was written"
import json, sys
from collections import defaultdict

expected = json.load(open(sys.argv[1]))
outputs = {}
for name, path in (("python", sys.argv[2]), ("node", sys.argv[3])):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    outputs[name] = lines
    sequences = defaultdict(list)
    for line in lines:
        event = json.loads(line)
        sequences[event["conversationId"]].append(event["sequence"])
    got = {c: s for c, s in sequences.items()}
    want = {c: list(range(1, last + 1)) for c, last in expected.items()}
    if got != want:
        sys.exit(f"{name}: sequences {got} are not {want}")
    types = {json.loads(line)["type"] for line in lines}
    needed = {"conversation.created", "message.sent", "message.edited", "message.removed", "participants.added",
              "participant.removed", "conversation.edited", "read.advanced", "delivered.advanced"}
    if not needed <= types:
        sys.exit(f"{name}: no {sorted(needed - types)} among {sorted(types)}")
    big = [e for e in map(json.loads, lines) if e["type"] == "message.sent" and e["payload"]["media"]]
    if not big or big[0]["payload"]["media"][0]["size"] != 9007199254740993:
        sys.exit(f"{name}: the media size was not kept exact: {big[:1]}")
# Partitions are read in no fixed order; within a conversation the order is the sequence.
if sorted(outputs["python"]) != sorted(outputs["node"]):
    sys.exit("python and node printed different events")
print(f"[examples] both consumers printed the same {len(outputs['python'])} events; sequences 1..last, no gap")
EOF
# The closing line CI reads: the two consumers, each checked above.
echo "examples: 2 passed, 0 failed"
