#!/usr/bin/env python3
"""The values table of the chart's README, generated from values.yaml (defaults and the comment above each key)
and values.schema.json (types), so that the three cannot drift apart.

    values_table.py            print the table
    values_table.py --write    replace the table in parley/README.md
    values_table.py --check    exit 1 if the README's table is not the generated one, or if a value has no
                               description (itself or a parent) or no schema entry
"""
import json
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CHART = os.path.join(HERE, "parley")
START, END = "<!-- values-table:start -->", "<!-- values-table:end -->"
KEY = re.compile(r"^(\s*)([A-Za-z0-9_.-]+):(\s|$)")


def documented_keys(text):
    """[(path, description)] in file order: a key's description is the comment block right above it."""
    out, stack, pending = [], [], []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("##"):
            pending = []
            continue
        if stripped.startswith("#"):
            pending.append(stripped.lstrip("#").strip())
            continue
        m = KEY.match(line)
        if not m or stripped.startswith("-"):
            pending = []
            continue
        indent = len(m.group(1))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = tuple(k for _, k in stack) + (m.group(2),)
        stack.append((indent, m.group(2)))
        if pending:
            out.append((path, " ".join(pending)))
        pending = []
    return out


def leaves(node, path=()):
    if isinstance(node, dict) and node:
        for k, v in node.items():
            yield from leaves(v, path + (k,))
    else:
        yield path


def lookup(values, path):
    for k in path:
        values = values[k]
    return values


def schema_at(schema, path):
    defs = schema.get("definitions", {})
    node = schema
    for k in path:
        while "$ref" in node:
            node = defs[node["$ref"].split("/")[-1]]
        props = node.get("properties", {})
        if k not in props:
            return None
        node = props[k]
    while "$ref" in node:
        node = defs[node["$ref"].split("/")[-1]]
    return node


def type_of(node):
    t = node.get("type")
    if isinstance(t, list):
        return " or ".join(t)
    if t:
        return t
    if "const" in node:
        return type(node["const"]).__name__.replace("bool", "boolean")
    return "any"


def cell(text):
    """Markdown table cell: pipes escaped, and angle brackets outside `code` so that <NAME> is not taken for HTML."""
    parts = text.replace("|", "\\|").split("`")
    for i in range(0, len(parts), 2):
        parts[i] = parts[i].replace("<", "&lt;").replace(">", "&gt;")
    return "`".join(parts)


def build():
    with open(os.path.join(CHART, "values.yaml")) as f:
        text = f.read()
    values = yaml.safe_load(text)
    with open(os.path.join(CHART, "values.schema.json")) as f:
        schema = json.load(f)
    docs = documented_keys(text)
    problems = []
    documented = {p for p, _ in docs}
    for leaf in leaves(values):
        if not any(leaf[:i] in documented for i in range(1, len(leaf) + 1)):
            problems.append("no description for %s (comment the key or a parent)" % ".".join(leaf))
    rows = ["| key | type | default | description |", "|---|---|---|---|"]
    for path, desc in docs:
        try:
            default = lookup(values, path)
        except (KeyError, TypeError):
            problems.append("documented key %s is not in values.yaml" % ".".join(path))
            continue
        node = schema_at(schema, path)
        if node is None:
            problems.append("no schema for %s" % ".".join(path))
            node = {}
        if any(other[:len(path)] == path and other != path for other in documented):
            shown = "see below"
        else:
            shown = "`%s`" % cell(json.dumps(default, separators=(", ", ": ")))
        rows.append("| `%s` | %s | %s | %s |" % (".".join(path), type_of(node), shown, cell(desc)))
    return "\n".join(rows), problems


def main():
    table, problems = build()
    for p in problems:
        print("values table: " + p, file=sys.stderr)
    readme_path = os.path.join(CHART, "README.md")
    if "--write" in sys.argv or "--check" in sys.argv:
        with open(readme_path) as f:
            readme = f.read()
        start, end = readme.index(START) + len(START), readme.index(END)
        updated = readme[:start] + "\n" + table + "\n" + readme[end:]
        if "--write" in sys.argv:
            with open(readme_path, "w") as f:
                f.write(updated)
        elif updated != readme:
            print("values table: parley/README.md is not up to date (run python3 deploy/helm/values_table.py --write)",
                  file=sys.stderr)
            return 1
    else:
        print(table)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
