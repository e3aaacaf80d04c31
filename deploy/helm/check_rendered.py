#!/usr/bin/env python3
"""Assertions on the Parley chart's rendered manifests (helm template output). Run by deploy/helm/check.sh.

    check_rendered.py --chart-values parley/values.yaml \
        --render default rendered-default.yaml \
        --render production rendered-production.yaml values-production.yaml \
        --render all-in-one rendered-aio.yaml parley/ci/all-in-one-values.yaml

Each render is checked against the values it was rendered with (the chart's defaults merged with its values file);
the one named `production` must also show what a production install needs (autoscaling, Ingress, NetworkPolicy,
ServiceMonitor, credentials from existing Secrets). One line per check; exit status 1 if any failed.
"""
import argparse
import json
import re
import sys

import yaml

ROLES = ["command", "relay", "projector", "gateway"]
# Names the server reads (see the chart's _helpers.tpl).
KAFKA_PROPERTIES_FILE_ENV = "PARLEY_KAFKA_CONFIG_FILE"
SECRET_LOOKING = re.compile(r"PASSWORD|SECRET|JAAS|CREDENTIAL", re.I)


class Report:
    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {what}")
        else:
            self.failed += 1
            print(f"FAIL {what}" + (f" ({detail})" if detail else ""))
        return ok


def deep_merge(base, override):
    out = dict(base)
    for k, v in (override or {}).items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = deep_merge(out[k], v)
        else:
            out[k] = v
    return out


def quantity_bytes(q):
    units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}
    m = re.fullmatch(r"([0-9.]+)([A-Za-z]*)", str(q))
    if not m or (m.group(2) and m.group(2) not in units):
        return None
    return float(m.group(1)) * units.get(m.group(2), 1)


def selects(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


class Render:
    def __init__(self, name, path, values):
        self.name = name
        self.values = values
        with open(path) as f:
            self.docs = [d for d in yaml.safe_load_all(f) if d]

    def of(self, kind):
        return [d for d in self.docs if d.get("kind") == kind]

    def get(self, kind, name):
        for d in self.of(kind):
            if d["metadata"]["name"] == name:
                return d
        return None


def hook_annotations(doc):
    a = doc["metadata"].get("annotations") or {}
    hooks = {h.strip() for h in str(a.get("helm.sh/hook", "")).split(",") if h.strip()}
    weight = int(a.get("helm.sh/hook-weight", "0"))
    policies = {p.strip() for p in str(a.get("helm.sh/hook-delete-policy", "")).split(",") if p.strip()}
    return hooks, weight, policies


def external_secret_names(v):
    """Secrets the values say exist outside the chart."""
    names = set()
    for n in (v["database"].get("existingSecret"), v["auth"].get("existingSecret"),
              v["kafka"]["propertiesFromSecret"].get("name"), v["kafka"]["files"].get("existingSecret")):
        if n:
            names.add(n)
    # Whatever the operator references through extraEnv, extraEnvFrom and extraVolumes is theirs too.
    for e in v.get("extraEnv") or []:
        ref = (e.get("valueFrom") or {}).get("secretKeyRef")
        if ref:
            names.add(ref["name"])
    for e in v.get("extraEnvFrom") or []:
        if "secretRef" in e:
            names.add(e["secretRef"]["name"])
    for vol in v.get("extraVolumes") or []:
        if "secret" in vol:
            names.add(vol["secret"]["secretName"])
    return names


def effective_env(r, container):
    """NAME -> ('value', v) | ('secret', secretName, key) | ('other', ...), envFrom resolved, env entries last."""
    env = {}
    for src in container.get("envFrom") or []:
        if "configMapRef" in src:
            cm = r.get("ConfigMap", src["configMapRef"]["name"])
            for k, val in ((cm or {}).get("data") or {}).items():
                env[k] = ("value", str(val))
        elif "secretRef" in src:
            env["<secretRef:%s>" % src["secretRef"]["name"]] = ("other", src)
    for e in container.get("env") or []:
        if "value" in e:
            env[e["name"]] = ("value", str(e["value"]))
        elif "valueFrom" in e and "secretKeyRef" in e["valueFrom"]:
            ref = e["valueFrom"]["secretKeyRef"]
            env[e["name"]] = ("secret", ref["name"], ref["key"])
        else:
            env[e["name"]] = ("other", e.get("valueFrom"))
    return env


def value_of(env, name):
    e = env.get(name)
    return e[1] if e and e[0] == "value" else None


def check_pod(rep, r, where, pod_spec, container, expect_probes=True):
    """Security context, resources, writable mounts and (for servers) probes of one container."""
    v = r.values
    pod_sc = pod_spec.get("securityContext") or {}
    sc = container.get("securityContext") or {}
    wrong = []
    if sc.get("runAsNonRoot", pod_sc.get("runAsNonRoot")) is not True:
        wrong.append("runAsNonRoot is not true")
    if sc.get("readOnlyRootFilesystem") is not True:
        wrong.append("readOnlyRootFilesystem is not true")
    if sc.get("allowPrivilegeEscalation") is not False:
        wrong.append("allowPrivilegeEscalation is not false")
    if "ALL" not in ((sc.get("capabilities") or {}).get("drop") or []):
        wrong.append("capabilities do not drop ALL")
    rep.check(not wrong, f"{where}: securityContext runAsNonRoot, readOnlyRootFilesystem, "
              "allowPrivilegeEscalation false, capabilities drop ALL", "; ".join(wrong))
    res = container.get("resources") or {}
    req, lim = res.get("requests") or {}, res.get("limits") or {}
    rep.check("cpu" in req and "memory" in req and "memory" in lim,
              f"{where}: resources requests (cpu, memory) and limits (memory)", json.dumps(res))
    if not expect_probes:
        return
    mem = quantity_bytes(lim.get("memory", "0"))
    rep.check(mem is not None and mem >= 512 * 2**20, f"{where}: memory limit {lim.get('memory')} >= 512Mi for the JVM")
    ports = {p.get("name"): p["containerPort"] for p in container.get("ports") or []}
    for probe, path in (("livenessProbe", "/health/liveness"), ("readinessProbe", "/health/readiness")):
        get = (container.get(probe) or {}).get("httpGet") or {}
        port = get.get("port")
        port_ok = port in ports or port in ports.values()
        rep.check(get.get("path") == path and port_ok, f"{where}: {probe} GET {path} on the HTTP port",
                  f"path {get.get('path')}, port {port}")
    # Read-only root filesystem: the server writes to /tmp and its data dir, each an emptyDir.
    volumes = {vol["name"]: vol for vol in pod_spec.get("volumes") or []}
    mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts") or []}
    for path in ("/tmp", v["dataDir"]):
        vol = volumes.get(mounts.get(path), {})
        rep.check("emptyDir" in vol, f"{where}: {path} is a writable emptyDir")


def check_secret_refs(rep, r, where, pod_spec, env, hook_weight=None):
    """Every Secret, ConfigMap and ServiceAccount a pod uses exists: rendered by the chart (before the pod, for a
    hook) or named in the values as an existing Secret."""
    external = external_secret_names(r.values)
    rendered_secrets = {d["metadata"]["name"]: d for d in r.of("Secret")}
    refs = [(e[1], e[2]) for e in env.values() if e[0] == "secret"]
    refs += [(vol["secret"]["secretName"], None) for vol in pod_spec.get("volumes") or [] if "secret" in vol]
    for name, key in sorted(set(refs), key=lambda ref: (ref[0], ref[1] or "")):
        doc = rendered_secrets.get(name)
        if doc is not None:
            keys = set((doc.get("data") or {}).keys()) | set((doc.get("stringData") or {}).keys())
            ok = key is None or key in keys
            if hook_weight is not None:
                hooks, weight, _ = hook_annotations(doc)
                ok = ok and "pre-install" in hooks and weight < hook_weight
            rep.check(ok, f"{where}: Secret {name}" + (f" key {key}" if key else "") + " is rendered"
                      + (" as an earlier hook" if hook_weight is not None else ""))
        else:
            rep.check(name in external, f"{where}: Secret {name}" + (f" key {key}" if key else "")
                      + " is an existing Secret named in the values",
                      f"known: {sorted(external)}")
    cm_names = [s["configMapRef"]["name"] for c in pod_spec["containers"] for s in c.get("envFrom") or [] if "configMapRef" in s]
    for name in cm_names:
        doc = r.get("ConfigMap", name)
        ok = doc is not None
        if ok and hook_weight is not None:
            hooks, weight, _ = hook_annotations(doc)
            ok = "pre-install" in hooks and weight < hook_weight
        rep.check(ok, f"{where}: ConfigMap {name} is rendered" + (" as an earlier hook" if hook_weight is not None else ""))
    sa = pod_spec.get("serviceAccountName")
    if sa and sa != "default":
        doc = r.get("ServiceAccount", sa)
        ok = doc is not None or not r.values["serviceAccount"]["create"]
        if doc is not None and hook_weight is not None:
            hooks, weight, _ = hook_annotations(doc)
            ok = "pre-install" in hooks and weight < hook_weight
        rep.check(ok, f"{where}: ServiceAccount {sa} exists" + (" before the hook" if hook_weight is not None else ""))


def check_server_env(rep, r, where, env, roles):
    v = r.values
    rep.check(value_of(env, "PARLEY_ROLES") == roles, f"{where}: PARLEY_ROLES={roles}", f"got {env.get('PARLEY_ROLES')}")
    rep.check(value_of(env, "PARLEY_DEV_TOKENS") == "false", f"{where}: PARLEY_DEV_TOKENS=false", f"got {env.get('PARLEY_DEV_TOKENS')}")
    rep.check((value_of(env, "PARLEY_DB_URL") or "").startswith("jdbc:postgresql://"), f"{where}: PARLEY_DB_URL is PostgreSQL")
    rep.check(bool(value_of(env, "PARLEY_KAFKA_BOOTSTRAP")), f"{where}: PARLEY_KAFKA_BOOTSTRAP set")
    rep.check(value_of(env, "PARLEY_HTTP_PORT") == str(v["httpPort"]), f"{where}: PARLEY_HTTP_PORT={v['httpPort']}")
    rep.check(value_of(env, "PARLEY_DATA_DIR") == v["dataDir"], f"{where}: PARLEY_DATA_DIR={v['dataDir']}")
    rep.check("-XX:MaxRAMPercentage=75" in (value_of(env, "JAVA_TOOL_OPTIONS") or ""), f"{where}: JAVA_TOOL_OPTIONS has -XX:MaxRAMPercentage=75")
    plain_secrets = [n for n, e in env.items() if SECRET_LOOKING.search(n) and e[0] == "value"]
    rep.check(not plain_secrets, f"{where}: no password or secret as a plain value", ",".join(plain_secrets))
    auth = [n for n in ("PARLEY_JWT_SECRET", "PARLEY_JWKS_URL") if n in env]
    rep.check(len(auth) == 1, f"{where}: exactly one of PARLEY_JWT_SECRET, PARLEY_JWKS_URL ({','.join(auth) or 'none'})")
    if v["database"]["existingSecret"]:
        e = env.get("PARLEY_DB_PASSWORD")
        rep.check(e is not None and e[0] == "secret" and e[1] == v["database"]["existingSecret"]
                  and e[2] == v["database"]["existingSecretPasswordKey"],
                  f"{where}: PARLEY_DB_PASSWORD from existing Secret {v['database']['existingSecret']}", f"got {e}")
    for prop, key in (v["kafka"]["propertiesFromSecret"].get("items") or {}).items():
        name = "PARLEY_KAFKA_PROPERTIES_" + re.sub(r"[^A-Za-z0-9]", "_", prop).upper()
        e = env.get(name)
        rep.check(e is not None and e[0] == "secret" and e[1] == v["kafka"]["propertiesFromSecret"]["name"],
                  f"{where}: {name} from Secret {v['kafka']['propertiesFromSecret']['name']}", f"got {e}")


def check_render(rep, r, production):
    v = r.values
    n = r.name
    deployments = r.of("Deployment")
    split = v["mode"] == "split"

    # Deployments and their roles.
    roles_of = {}
    for d in deployments:
        c = d["spec"]["template"]["spec"]["containers"][0]
        roles_of[d["metadata"]["name"]] = value_of(effective_env(r, c), "PARLEY_ROLES")
    if split:
        rep.check(sorted(roles_of.values()) == sorted(ROLES), f"{n}: one Deployment per role {','.join(ROLES)}",
                  f"got {roles_of}")
    else:
        ok = len(deployments) == 1 and set((list(roles_of.values())[0] or "").split(",")) == set(ROLES)
        rep.check(ok, f"{n}: a single Deployment running all four roles", f"got {roles_of}")

    for d in deployments:
        name = d["metadata"]["name"]
        where = f"{n}: Deployment {name}"
        spec = d["spec"]["template"]["spec"]
        containers = spec["containers"]
        c = containers[0]
        env = effective_env(r, c)
        roles = roles_of[name]
        for cont in containers:
            check_pod(rep, r, f"{where}/{cont['name']}", spec, cont)
        expected_roles = roles if not split else next((x for x in ROLES if name.endswith("-" + x)), None)
        check_server_env(rep, r, where, env, expected_roles if split else "command,relay,projector,gateway")
        check_secret_refs(rep, r, where, spec, env)
        pod_labels = d["spec"]["template"]["metadata"]["labels"]
        rep.check(selects(d["spec"]["selector"]["matchLabels"], pod_labels), f"{where}: selector matches its pod labels")
        if split and roles in ("relay", "projector"):
            rep.check(d["spec"].get("replicas", 1) in (1, 2), f"{where}: 1 or 2 replicas (one works at a time)")
        svc = [s for s in r.of("Service") if selects(s["spec"].get("selector"), pod_labels)]
        rep.check(len(svc) == 1 and all(p.get("targetPort") in ("http", v["httpPort"]) for p in svc[0]["spec"]["ports"]),
                  f"{where}: one Service selects its pods on the HTTP port", f"{[s['metadata']['name'] for s in svc]}")
        if v["podDisruptionBudget"]["enabled"]:
            pdbs = [p for p in r.of("PodDisruptionBudget") if selects(p["spec"]["selector"]["matchLabels"], pod_labels)]
            rep.check(len(pdbs) == 1, f"{where}: a PodDisruptionBudget covers it")

    # HPAs: exactly the roles whose autoscaling is on, never relay or projector, and those Deployments leave
    # replicas to the HPA.
    hpas = {h["spec"]["scaleTargetRef"]["name"]: h for h in r.of("HorizontalPodAutoscaler")}
    hpa_roles = sorted(roles_of.get(t) or "?" for t in hpas)
    wanted = sorted(role for role in ("command", "gateway") if split and v["roles"][role]["autoscaling"]["enabled"])
    rep.check(hpa_roles == wanted, f"{n}: HPAs for {','.join(wanted) or 'no role'}", f"got {hpa_roles}")
    for target, h in hpas.items():
        d = r.get("Deployment", target)
        rep.check(d is not None and "replicas" not in d["spec"], f"{n}: Deployment {target} leaves replicas to its HPA")
        rep.check(h["apiVersion"] == "autoscaling/v2", f"{n}: HPA {h['metadata']['name']} is autoscaling/v2")
    if production:
        rep.check(hpa_roles == ["command", "gateway"], f"{n}: HPAs for command and gateway only", f"got {hpa_roles}")
        cmd = hpas.get(next((t for t in hpas if roles_of.get(t) == "command"), ""), {})
        rep.check(cmd.get("spec", {}).get("minReplicas", 0) >= 3, f"{n}: at least 3 command pods")
        gw = [d for d in deployments if roles_of[d["metadata"]["name"]] == "gateway"]
        gw_min = hpas.get(gw[0]["metadata"]["name"], {}).get("spec", {}).get("minReplicas") if gw else None
        rep.check((gw_min or 0) >= 2, f"{n}: at least 2 gateway pods")

    # The migration hook.
    jobs = r.of("Job")
    if v["migration"]["enabled"]:
        rep.check(len(jobs) == 1, f"{n}: one migration Job")
        for j in jobs:
            where = f"{n}: Job {j['metadata']['name']}"
            hooks, weight, policies = hook_annotations(j)
            rep.check({"pre-install", "pre-upgrade"} <= hooks, f"{where}: helm.sh/hook pre-install,pre-upgrade", f"got {hooks}")
            rep.check("helm.sh/hook-weight" in j["metadata"]["annotations"], f"{where}: has a hook weight")
            rep.check("before-hook-creation" in policies, f"{where}: delete policy before-hook-creation", f"got {policies}")
            spec = j["spec"]["template"]["spec"]
            rep.check(spec.get("restartPolicy") in ("Never", "OnFailure"), f"{where}: restartPolicy {spec.get('restartPolicy')}")
            c = spec["containers"][0]
            env = effective_env(r, c)
            check_pod(rep, r, where, spec, c, expect_probes=False)
            rep.check(value_of(env, "PARLEY_ROLES") == "migrate", f"{where}: PARLEY_ROLES=migrate", f"got {env.get('PARLEY_ROLES')}")
            rep.check(value_of(env, "PARLEY_DEV_TOKENS") == "false", f"{where}: PARLEY_DEV_TOKENS=false")
            topic = {
                "PARLEY_KAFKA_PARTITIONS": v["kafka"]["partitions"],
                "PARLEY_KAFKA_REPLICATION_FACTOR": v["kafka"]["replicationFactor"],
                "PARLEY_KAFKA_MIN_INSYNC_REPLICAS": v["kafka"]["minInsyncReplicas"],
                "PARLEY_KAFKA_RETENTION_MS": v["kafka"]["retentionMs"],
            }
            for k, want in topic.items():
                rep.check(value_of(env, k) == str(want), f"{where}: {k}={want}", f"got {env.get(k)}")
            rep.check((value_of(env, "PARLEY_DB_URL") or "").startswith("jdbc:postgresql://"), f"{where}: PARLEY_DB_URL is PostgreSQL")
            check_secret_refs(rep, r, where, spec, env, hook_weight=weight)
    else:
        rep.check(not jobs, f"{n}: no migration Job when migration.enabled is false")

    # ConfigMaps hold no secrets; the chart's Secret holds no database password when an existing Secret is named.
    for cm in r.of("ConfigMap"):
        data = cm.get("data") or {}
        bad = [k for k, val in data.items() if SECRET_LOOKING.search(k)
               or re.search(r"password=|jaas", str(val), re.I)]
        rep.check(not bad, f"{n}: ConfigMap {cm['metadata']['name']} holds no password or secret", ",".join(bad))
    if v["database"]["existingSecret"]:
        owned = [s["metadata"]["name"] for s in r.of("Secret") if "db-password" in (s.get("data") or {})]
        rep.check(not owned, f"{n}: no chart-rendered Secret carries the database password", ",".join(owned))

    # The API Service for clients and the test hook.
    api_role = "command" if split else "command,relay,projector,gateway"
    stream_role = "gateway" if split else api_role

    def service_for(role):
        for s in r.of("Service"):
            for d in deployments:
                if roles_of[d["metadata"]["name"]] == role and selects(s["spec"].get("selector"), d["spec"]["template"]["metadata"]["labels"]):
                    return s["metadata"]["name"]
        return None

    api_svc, stream_svc = service_for(api_role), service_for(stream_role)
    tests = [p for p in r.of("Pod") if "test" in hook_annotations(p)[0]]
    rep.check(len(tests) == 1, f"{n}: one helm test Pod")
    for p in tests:
        where = f"{n}: test Pod {p['metadata']['name']}"
        script = " ".join(p["spec"]["containers"][0].get("command", []) + p["spec"]["containers"][0].get("args", []))
        rep.check(f"http://{api_svc}:" in script and "/health/readiness" in script, f"{where}: checks {api_svc} /health/readiness")
        rep.check(re.search(r"401 http://%s:\d+/v1/conversations/public" % re.escape(api_svc or "?"), script) is not None,
                  f"{where}: expects 401 from GET /v1/conversations/public without a token")
        check_pod(rep, r, where, p["spec"], p["spec"]["containers"][0], expect_probes=False)

    # Ingress: /v1/stream to the gateway, the rest to the command role.
    ingresses = r.of("Ingress")
    rep.check(len(ingresses) == (1 if v["ingress"]["enabled"] else 0), f"{n}: Ingress {'rendered' if v['ingress']['enabled'] else 'off'}")
    for ing in ingresses:
        where = f"{n}: Ingress {ing['metadata']['name']}"
        routes = {}
        for rule in ing["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                routes[path["path"]] = path["backend"]["service"]["name"]
        rep.check(routes.get("/v1/stream") == stream_svc, f"{where}: /v1/stream goes to {stream_svc}", f"got {routes}")
        rep.check(routes.get("/") == api_svc, f"{where}: / goes to {api_svc}", f"got {routes}")
        ann = ing["metadata"].get("annotations") or {}
        timeout = int(ann.get("nginx.ingress.kubernetes.io/proxy-read-timeout", "0"))
        rep.check(timeout > 30 or not v["ingress"]["websocketAnnotations"], f"{where}: WebSocket idle timeout {timeout} s > 30 s")
        if production:
            rep.check(bool(ing["spec"].get("tls")), f"{where}: TLS configured")

    # NetworkPolicy covers every pod of the release (servers, migration, test).
    nps = r.of("NetworkPolicy")
    rep.check(len(nps) == (1 if v["networkPolicy"]["enabled"] else 0), f"{n}: NetworkPolicy {'rendered' if v['networkPolicy']['enabled'] else 'off'}")
    for np_ in nps:
        sel = np_["spec"]["podSelector"]["matchLabels"]
        pods = [d["spec"]["template"]["metadata"]["labels"] for d in deployments + jobs] + [p["metadata"]["labels"] for p in tests]
        rep.check(all(selects(sel, labels) for labels in pods), f"{n}: NetworkPolicy {np_['metadata']['name']} selects every pod of the release")
        rep.check(any(rule.get("from") for rule in np_["spec"].get("ingress") or []), f"{n}: NetworkPolicy allows some sources in")

    # ServiceMonitor scrapes /metrics of every role through their Services.
    sms = r.of("ServiceMonitor")
    want_sm = v["metrics"]["serviceMonitor"]["enabled"]
    rep.check(len(sms) == (1 if want_sm else 0), f"{n}: ServiceMonitor {'rendered' if want_sm else 'off'}")
    for sm in sms:
        sel = sm["spec"]["selector"]["matchLabels"]
        scraped = [s for s in r.of("Service") if selects(sel, s["metadata"]["labels"])]
        ports = {p["name"] for s in scraped for p in s["spec"]["ports"]}
        eps = sm["spec"]["endpoints"]
        rep.check(sm["apiVersion"] == "monitoring.coreos.com/v1", f"{n}: ServiceMonitor is monitoring.coreos.com/v1")
        rep.check(all(e.get("path") == "/metrics" and e.get("port") in ports for e in eps), f"{n}: ServiceMonitor scrapes /metrics on a Service port")
        covered = {roles_of[d["metadata"]["name"]] for d in deployments
                   if any(selects(s["spec"]["selector"], d["spec"]["template"]["metadata"]["labels"]) for s in scraped)}
        rep.check(covered == set(roles_of.values()), f"{n}: ServiceMonitor reaches every Deployment", f"got {covered}")

    dashboards = [c for c in r.of("ConfigMap") if c["metadata"]["name"].endswith("-dashboard")]
    for c in dashboards:
        try:
            text = json.dumps(json.loads(next(iter(c["data"].values()))))
            ok = all(m in text for m in ("http_server_requests_seconds_bucket", "jvm_memory_used_bytes",
                                         "parley_relay_lag_events", "parley_projection_lag_records",
                                         "parley_stream_sessions", "hikaricp_connections_active"))
        except ValueError:
            ok = False
        rep.check(ok, f"{n}: dashboard ConfigMap is JSON with HTTP latency, relay and projector lag, stream, pool and JVM panels")
        rep.check(bool(c["metadata"].get("labels", {}).get("grafana_dashboard")), f"{n}: dashboard labelled for the Grafana sidecar")

    if production:
        rep.check(bool(v["database"]["existingSecret"]), f"{n}: database password from an existing Secret")
        envs = [effective_env(r, d["spec"]["template"]["spec"]["containers"][0]) for d in deployments]
        rep.check(all(value_of(e, "PARLEY_KAFKA_PROPERTIES_SECURITY_PROTOCOL") == "SASL_SSL" for e in envs),
                  f"{n}: Kafka security.protocol SASL_SSL on every role")
        pf = v["kafka"]["propertiesFile"]
        ok = bool(pf)
        for d in deployments:
            spec = d["spec"]["template"]["spec"]
            c = spec["containers"][0]
            vols = {vol["name"]: vol for vol in spec.get("volumes") or []}
            mounted = [m for m in c.get("volumeMounts") or [] if pf.startswith(m["mountPath"].rstrip("/") + "/")
                       and (vols.get(m["name"], {}).get("secret") or {}).get("secretName") == v["kafka"]["files"]["existingSecret"]]
            ok = ok and bool(mounted) and value_of(effective_env(r, c), KAFKA_PROPERTIES_FILE_ENV) == pf
        rep.check(ok, f"{n}: Kafka client properties file {pf} mounted from Secret {v['kafka']['files']['existingSecret']}")
        off = [kind for kind in ("Ingress", "NetworkPolicy", "ServiceMonitor") if not r.of(kind)]
        rep.check(not off, f"{n}: Ingress, NetworkPolicy and ServiceMonitor are on", "off: " + ",".join(off))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chart-values", required=True, help="the chart's values.yaml")
    ap.add_argument("--render", nargs="+", action="append", required=True, metavar="NAME FILE [VALUES]",
                    help="a render: its name, the helm template output, and the values file it was rendered with")
    args = ap.parse_args()
    with open(args.chart_values) as f:
        defaults = yaml.safe_load(f)
    rep = Report()
    for spec in args.render:
        if len(spec) not in (2, 3):
            ap.error("--render takes NAME FILE [VALUES]")
        values = defaults
        if len(spec) == 3:
            with open(spec[2]) as f:
                values = deep_merge(defaults, yaml.safe_load(f))
        check_render(rep, Render(spec[0], spec[1], values), production=spec[0] == "production")
    print(f"{rep.passed} passed, {rep.failed} failed")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
