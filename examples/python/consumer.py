#!/usr/bin/env python3
"""Reads Parley's conversation events topic and decodes every record with nothing but the .avsc files.

Each record value is Avro single-object encoding: C3 01, the 8-byte little-endian CRC-64-AVRO fingerprint of
the writer schema's parsing canonical form, then the Avro binary body. The fingerprint picks the writer
schema among the ConversationEvent schemas found under --schemas (the current one and every released
version); the body is resolved against the reader schema (the current contract) with fastavro. The topic is
LZ4-compressed by the producer; librdkafka (confluent-kafka) decompresses it without any extra setup.

Prints one JSON line per event on stdout and a one-line summary on stderr. Exit codes: 0 all good,
1 a record that does not decode (or whose key or headers disagree with its body), 2 a sequence gap or
reordering in a conversation, 3 the expected count was not met (timeout, or more events than expected),
4 a Kafka error, 64 bad arguments or schemas.
"""

import argparse
import io
import json
import os
import re
import sys
import time
from collections import Counter

import fastavro
import fastavro.schema
from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, KafkaException, TopicPartition

CONTRACT = "io.parley.events.conversation.ConversationEvent"
MAGIC = b"\xc3\x01"
HEADER_LENGTH = 10
API_TYPE_DOC = re.compile(r"^API type ([A-Za-z0-9_.]+)\.")
VERSION_FILE = re.compile(r"-v(\d+)\.avsc$")

EXIT_DECODE, EXIT_SEQUENCE, EXIT_COUNT, EXIT_KAFKA, EXIT_USAGE = 1, 2, 3, 4, 64


class Failure(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def full_name(schema):
    name = schema.get("name", "")
    namespace = schema.get("namespace")
    return name if "." in name or not namespace else namespace + "." + name


def load_schemas(root):
    """Every ConversationEvent schema under root, by fingerprint (hex of the 8 bytes as they are on the wire),
    and the reader schema: ConversationEvent.avsc itself, else the highest released -vN."""
    writers = {}
    current, versions = [], []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d != "node_modules")
        for file in sorted(files):
            if not file.endswith(".avsc"):
                continue
            path = os.path.join(directory, file)
            with open(path, encoding="utf-8") as f:
                raw = json.load(f)
            if not isinstance(raw, dict) or full_name(raw) != CONTRACT:
                continue
            # The fingerprint is that of the parsing canonical form: docs, defaults and logical types do
            # not count. fastavro gives it as the hex of its little-endian bytes, the order of the header.
            fingerprint = fastavro.schema.fingerprint(fastavro.schema.to_parsing_canonical_form(raw), "CRC-64-AVRO")
            # Versions define the same names: each is parsed on its own.
            writers.setdefault(fingerprint, (fastavro.parse_schema(raw, named_schemas={}), path))
            version = VERSION_FILE.search(file)
            if version:
                versions.append((int(version.group(1)), path, raw))
            elif file == "ConversationEvent.avsc":
                current.append((path, raw))
    if not writers:
        raise Failure(EXIT_USAGE, f"no {CONTRACT} schema (.avsc) under {root}")
    reader_raw = current[0][1] if current else max(versions)[2]
    reader_path = current[0][0] if current else max(versions)[1]
    return writers, fastavro.parse_schema(reader_raw, named_schemas={}), api_types(reader_raw), reader_path


def api_types(raw):
    """Full record name -> API type (message.sent, ...), read from each payload record's doc."""
    payload = next(field for field in raw["fields"] if field["name"] == "payload")
    namespace = raw.get("namespace")
    types = {}
    for branch in payload["type"]:
        name = branch["name"] if "." in branch["name"] else f"{namespace}.{branch['name']}"
        match = API_TYPE_DOC.match(branch.get("doc", ""))
        types[name] = match.group(1) if match else branch["name"]
    return types


def iso_millis(value):
    # timestamp-millis arrives as an aware datetime in UTC; print it as the HTTP API does.
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def decode(message, writers, reader, types):
    value = message.value()
    where = f"partition {message.partition()} offset {message.offset()}"
    if value is None or len(value) < HEADER_LENGTH or value[:2] != MAGIC:
        head = (value or b"")[:2].hex()
        raise Failure(EXIT_DECODE, f"{where}: not single-object encoded (starts with {head!r}, expected c301)")
    fingerprint = value[2:HEADER_LENGTH].hex()
    if fingerprint not in writers:
        as_long = int.from_bytes(value[2:HEADER_LENGTH], "little")  # how Parley's Java codec prints it
        raise Failure(EXIT_DECODE, f"{where}: unknown writer schema fingerprint {fingerprint} (0x{as_long:016X})")
    writer, _ = writers[fingerprint]
    body = io.BytesIO(value[HEADER_LENGTH:])
    try:
        event = fastavro.schemaless_reader(body, writer, reader, return_record_name=True,
                                           return_record_name_override=True)
    except Exception as e:  # fastavro reports a bad body in many ways (EOF, union index, UTF-8, ...)
        raise Failure(EXIT_DECODE, f"{where}: body does not decode with schema {fingerprint}: {e!r}")
    if body.tell() != len(value) - HEADER_LENGTH:
        raise Failure(EXIT_DECODE, f"{where}: {len(value) - HEADER_LENGTH - body.tell()} bytes left after the body")
    record_name, payload = event["payload"]
    event_type = types.get(record_name, record_name)
    headers = {k: v.decode("utf-8") for k, v in (message.headers() or [])}
    key = message.key().decode("utf-8") if message.key() is not None else None
    if key != event["conversationId"]:
        raise Failure(EXIT_DECODE, f"{where}: key {key!r} is not conversationId {event['conversationId']!r}")
    if headers.get("parley-type") != event_type or headers.get("parley-sequence") != str(event["sequence"]):
        raise Failure(EXIT_DECODE, f"{where}: headers {headers} disagree with {event_type} #{event['sequence']}")
    return {
        "conversationId": event["conversationId"],
        "sequence": event["sequence"],
        "type": event_type,
        "eventId": event["eventId"],
        "occurredAt": iso_millis(event["occurredAt"]),
        "actor": event["actor"],
        "payload": payload,
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description="Decode Parley's conversation events topic with fastavro.")
    parser.add_argument("--bootstrap", default="127.0.0.1:9092", help="Kafka bootstrap servers (127.0.0.1:9092)")
    parser.add_argument("--topic", default="parley.conversation-events.v1", help="topic (parley.conversation-events.v1)")
    parser.add_argument("--schemas", default=os.path.join(here, "..", "..", "schemas", "src", "main"),
                        help="directory searched for ConversationEvent .avsc files (the repository's schemas/src/main)")
    parser.add_argument("--expect", type=int, default=0,
                        help="stop after this many events, and fail if there are more (0: read until the timeout, exit 0)")
    parser.add_argument("--timeout", type=float, default=60,
                        help="seconds before giving up (60); 0: no limit (stop with Ctrl-C)")
    args = parser.parse_args()

    try:
        writers, reader, types, reader_path = load_schemas(args.schemas)
    except (Failure, OSError, ValueError, KeyError) as e:
        print(f"python: cannot load schemas: {e}", file=sys.stderr)
        return EXIT_USAGE
    print(f"python: reader schema {os.path.relpath(reader_path)}, writer fingerprints {sorted(writers)}",
          file=sys.stderr)

    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        # Partitions are assigned by hand below: the group id is required but never joined or committed.
        "group.id": "parley-example-python",
        "enable.auto.commit": False,
        "enable.auto.offset.store": False,
        # Report reaching the end of a partition, so that "exactly N events" can be told without a query.
        "enable.partition.eof": True,
    })
    last = {}            # conversationId -> last sequence seen
    types_seen = Counter()
    decoded = duplicates = 0
    deadline = time.monotonic() + args.timeout if args.timeout > 0 else float("inf")
    try:
        metadata = consumer.list_topics(args.topic, timeout=args.timeout if args.timeout > 0 else 30)
        topic = metadata.topics.get(args.topic)
        if topic is None or topic.error is not None or not topic.partitions:
            raise Failure(EXIT_KAFKA, f"topic {args.topic} not found ({topic.error if topic else 'no metadata'})")
        partitions = [TopicPartition(args.topic, p, OFFSET_BEGINNING) for p in sorted(topic.partitions)]
        consumer.assign(partitions)
        at_end = set()  # partitions read up to their end (librdkafka tells with a partition EOF event)
        while True:
            if args.expect and decoded >= args.expect and len(at_end) == len(partitions):
                break  # exactly the expected count, and nothing after it on any partition
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                if args.expect and decoded < args.expect:
                    raise Failure(EXIT_COUNT, f"timeout after {args.timeout:g}s: {decoded} of {args.expect} events")
                if args.expect:
                    raise Failure(EXIT_COUNT, f"timeout after {args.timeout:g}s before the end of every partition")
                break
            try:
                message = consumer.poll(min(remaining, 1.0))
            except KeyboardInterrupt:
                if args.expect:
                    raise Failure(EXIT_COUNT, f"interrupted: {decoded} of {args.expect} events")
                break
            if message is None:
                continue
            if message.error():
                if message.error().code() == KafkaError._PARTITION_EOF:
                    at_end.add(message.partition())
                    continue
                raise KafkaException(message.error())
            at_end.discard(message.partition())
            event = decode(message, writers, reader, types)
            conversation, sequence = event["conversationId"], event["sequence"]
            previous = last.get(conversation, 0)
            if sequence <= previous:
                # The relay may publish a batch again after a crash: the same event at the same sequence.
                duplicates += 1
                print(f"python: duplicate {conversation} #{sequence} dropped", file=sys.stderr)
                continue
            if sequence != previous + 1:
                raise Failure(EXIT_SEQUENCE, f"gap in {conversation}: #{sequence} after #{previous}")
            if args.expect and decoded >= args.expect:
                raise Failure(EXIT_COUNT, f"more events than the {args.expect} expected: {conversation} #{sequence}")
            try:
                line = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
            except (TypeError, ValueError) as e:  # a value JSON cannot hold: the reader schema is not Parley's
                raise Failure(EXIT_DECODE, f"{conversation} #{sequence} does not print as JSON: {e}")
            last[conversation] = sequence
            decoded += 1
            types_seen[event["type"]] += 1
            print(line, flush=True)
    except Failure as failure:
        print(f"python: FAILED: {failure}", file=sys.stderr)
        return failure.code
    except KafkaException as e:
        print(f"python: FAILED: Kafka: {e}", file=sys.stderr)
        return EXIT_KAFKA
    finally:
        consumer.close()
    summary = ", ".join(f"{t} {n}" for t, n in sorted(types_seen.items()))
    print(f"python: {decoded} events decoded, {len(last)} conversations, {duplicates} duplicates dropped; "
          f"types: {summary}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
