#!/usr/bin/env python3
"""Checks the server image (an OCI tarball from Jib) as the chart expects it: not root, the server's main class,
port 8080, the data directory, the JDBC drivers and Kafka client inside, no embedded broker.

    check_image.py target/parley-image.tar

Prints one line per check; exits 1 if any fails.
"""
import io
import json
import re
import sys
import tarfile

failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures += 1


def blob(image, digest):
    algorithm, value = digest.split(":", 1)
    return image.extractfile("blobs/%s/%s" % (algorithm, value)).read()


def main(path):
    with tarfile.open(path) as image:
        names = image.getnames()
        if "index.json" in names:
            index = json.loads(image.extractfile("index.json").read())
            manifest = json.loads(blob(image, index["manifests"][0]["digest"]))
            config = json.loads(blob(image, manifest["config"]["digest"]))
            layers = [blob(image, layer["digest"]) for layer in manifest["layers"]]
        else:  # Docker format: manifest.json lists the config and layer files
            manifest = json.loads(image.extractfile("manifest.json").read())[0]
            config = json.loads(image.extractfile(manifest["Config"]).read())
            layers = [image.extractfile(layer).read() for layer in manifest["Layers"]]
    container = config.get("config", {})
    files = []
    for layer in layers:
        with tarfile.open(fileobj=io.BytesIO(layer)) as content:
            files.extend(content.getnames())
    jars = [name.rsplit("/", 1)[-1] for name in files if name.endswith(".jar")]

    check(container.get("User") == "10001:10001", "runs as 10001:10001, not root (User %r)" % container.get("User"))
    entrypoint = " ".join(container.get("Entrypoint") or [])
    check("io.parley.Application" in entrypoint, "entrypoint starts io.parley.Application")
    check("-XX:MaxRAMPercentage=75" in entrypoint, "the heap follows the container's memory limit")
    check("8080/tcp" in (container.get("ExposedPorts") or {}), "exposes 8080")
    check("PARLEY_DATA_DIR=/var/lib/parley" in (container.get("Env") or []), "PARLEY_DATA_DIR=/var/lib/parley")
    check(set(container.get("Volumes") or {}) >= {"/var/lib/parley", "/tmp"}, "volumes /var/lib/parley and /tmp")
    for wanted in ("postgresql-", "kafka-clients-", "flyway-core-", "micronaut-http-server-netty-"):
        check(any(jar.startswith(wanted) for jar in jars), "has %s*.jar" % wanted)
    for unwanted in ("kafka_2.13-", "kafka-server-", "kafka-metadata-", "embedded-kafka-"):
        found = [jar for jar in jars if jar.startswith(unwanted)]
        check(not found, "no %s*.jar (the embedded broker stays out)%s" % (unwanted, ": " + ", ".join(found) if found else ""))
    classes = [name for name in files if re.search(r"io/parley/.*\.class$", name)]
    check(any(name.endswith("io/parley/Application.class") for name in classes), "the server's classes are in")
    print("%d files in %d layers, %d jars" % (len(files), len(layers), len(jars)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
