#!/usr/bin/env bash
# Builds the server image as an OCI tarball on an empty base (nothing can be pulled in CI), checks its manifest and
# layers (check_image.py), then runs the server from the image's own files with the JDK here: in migrate mode,
# without a Kafka address it must stop and say that the image has no embedded broker.
set -euo pipefail
cd "$(dirname "$0")/../.."
log() { printf '[image] %s\n' "$*"; }

./mvnw -q -Dimage -Dimage.base=scratch -DskipTests package -pl services/conversation-service -am
TAR=services/conversation-service/target/parley-image.tar
log "built $TAR ($(du -h "$TAR" | cut -f1))"
python3 deploy/image/check_image.py "$TAR"

ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT"' EXIT
python3 - "$TAR" "$ROOT/fs" <<'PY'
import io, json, sys, tarfile
path, target = sys.argv[1], sys.argv[2]
with tarfile.open(path) as image:
    index = json.loads(image.extractfile("index.json").read())
    def blob(digest):
        algorithm, value = digest.split(":", 1)
        return image.extractfile("blobs/%s/%s" % (algorithm, value)).read()
    manifest = json.loads(blob(index["manifests"][0]["digest"]))
    for layer in manifest["layers"]:
        with tarfile.open(fileobj=io.BytesIO(blob(layer["digest"]))) as content:
            content.extractall(target)
PY
set +e
OUT=$(cd "$ROOT" && env -i PATH="$PATH" HOME="$ROOT" PARLEY_ROLES=migrate PARLEY_DATA_DIR="$ROOT/data" \
  java -cp "fs/app/resources:fs/app/classes:fs/app/libs/*" io.parley.Application 2>&1)
CODE=$?
set -e
if [ "$CODE" = 1 ] && grep -q "PARLEY_KAFKA_BOOTSTRAP is required" <<<"$OUT"; then
  log "ok   the image's files run the server; without PARLEY_KAFKA_BOOTSTRAP it stops: $(grep -o 'Migration failed.*' <<<"$OUT" | head -n 1)"
else
  log "FAIL the image's files did not stop as expected (exit $CODE):"
  tail -n 30 <<<"$OUT"
  exit 1
fi
log "image checks passed"
