#!/usr/bin/env node
'use strict';
// Reads Parley's conversation events topic and decodes every record with nothing but the .avsc files.
//
// Each record value is Avro single-object encoding: C3 01, the 8-byte little-endian CRC-64-AVRO fingerprint of
// the writer schema's parsing canonical form, then the Avro binary body. The fingerprint picks the writer schema
// among the ConversationEvent schemas found under --schemas (the current one and every released version); the
// body is resolved against the reader schema (the current contract) with avsc. The topic is LZ4-compressed by
// the producer: kafkajs needs the codec registered below.
//
// Prints one JSON line per event on stdout and a one-line summary on stderr. Exit codes: 0 all good, 1 a record
// that does not decode (or whose key or headers disagree with its body), 2 a sequence gap or reordering in a
// conversation, 3 the expected count was not met (timeout, or more events than expected), 4 a Kafka error,
// 64 bad arguments or schemas.

const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const avro = require('avsc');
const { Kafka, CompressionTypes, CompressionCodecs, logLevel } = require('kafkajs');

CompressionCodecs[CompressionTypes.LZ4] = require('./lz4-codec');

const CONTRACT = 'io.parley.events.conversation.ConversationEvent';
const HEADER_LENGTH = 10;
const API_TYPE_DOC = /^API type ([A-Za-z0-9_.]+)\./;
const VERSION_FILE = /-v(\d+)\.avsc$/;
const EXIT = { decode: 1, sequence: 2, count: 3, kafka: 4, usage: 64 };

class Failure extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// Avro longs as BigInt: avsc's default long refuses values beyond 2^53 ("potential precision loss"), and a
// media size may be any long.
const LONG = avro.types.LongType.__with({
  fromBuffer: (buf) => buf.readBigInt64LE(),
  toBuffer: (n) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: BigInt,
  toJSON: Number,
  isValid: (n) => typeof n === 'bigint',
  compare: (a, b) => (a === b ? 0 : a < b ? -1 : 1),
});

function parse(raw) {
  // A fresh registry per schema: every version defines the same names.
  return avro.Type.forSchema(raw, { registry: { long: LONG }, wrapUnions: 'auto' });
}

// CRC-64-AVRO (Rabin), as the Avro specification gives it.
const EMPTY = 0xc15d213aa4d7a795n;
const TABLE = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
  return fp;
});

function crc64Avro(bytes) {
  let fp = EMPTY;
  for (const b of bytes) fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(b)) & 0xffn)];
  return fp;
}

/** The fingerprint as the 8 bytes of the header (little-endian), in hex. */
function fingerprintOf(raw) {
  // avsc's schema() is the parsing canonical form: full names, no docs, defaults or logical types.
  const canonical = JSON.stringify(avro.Type.forSchema(raw).schema());
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64LE(crc64Avro(Buffer.from(canonical, 'utf8')));
  return buf.toString('hex');
}

function fullName(schema) {
  const name = schema.name || '';
  return name.includes('.') || !schema.namespace ? name : `${schema.namespace}.${name}`;
}

function* avscFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') yield* avscFiles(file);
    else if (entry.isFile() && entry.name.endsWith('.avsc')) yield file;
  }
}

/**
 * Every ConversationEvent schema under root, by fingerprint, and the reader schema: ConversationEvent.avsc
 * itself, else the highest released -vN.
 */
function loadSchemas(root) {
  const writers = new Map();
  const current = [];
  const versions = [];
  for (const file of avscFiles(root)) {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof raw !== 'object' || raw === null || fullName(raw) !== CONTRACT) continue;
    const fingerprint = fingerprintOf(raw);
    if (!writers.has(fingerprint)) writers.set(fingerprint, { type: parse(raw), file });
    const version = VERSION_FILE.exec(path.basename(file));
    if (version) versions.push({ n: Number(version[1]), file, raw });
    else if (path.basename(file) === 'ConversationEvent.avsc') current.push({ file, raw });
  }
  if (writers.size === 0) throw new Failure(EXIT.usage, `no ${CONTRACT} schema (.avsc) under ${root}`);
  const chosen = current[0] || versions.sort((a, b) => a.n - b.n)[versions.length - 1];
  const reader = parse(chosen.raw);
  const resolvers = new Map();
  for (const [fingerprint, { type }] of writers) resolvers.set(fingerprint, reader.createResolver(type));
  return { writers, reader, resolvers, types: apiTypes(chosen.raw), readerFile: chosen.file };
}

/** Full record name -> API type (message.sent, ...), read from each payload record's doc. */
function apiTypes(raw) {
  const payload = raw.fields.find((field) => field.name === 'payload');
  const types = new Map();
  for (const branch of payload.type) {
    const name = branch.name.includes('.') ? branch.name : `${raw.namespace}.${branch.name}`;
    const match = API_TYPE_DOC.exec(branch.doc || '');
    types.set(name, match ? match[1] : branch.name);
  }
  return types;
}

/** JSON as Python's json.dumps(separators=(',', ':'), ensure_ascii=False) writes it; BigInts as exact numbers. */
function toJson(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (Buffer.isBuffer(value)) throw new Error('bytes cannot be printed as JSON'); // not in Parley's schemas
  if (typeof value === 'object') {
    return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${toJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A decoded record (avsc's record instances and wrapped unions) as plain data, field order kept. */
function plain(value) {
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map(plain);
  const out = {};
  for (const key of Object.keys(value)) out[key] = plain(value[key]);
  return out;
}

function decode(message, partition, schemas) {
  const value = message.value;
  const where = `partition ${partition} offset ${message.offset}`;
  if (!value || value.length < HEADER_LENGTH || value[0] !== 0xc3 || value[1] !== 0x01) {
    const head = value ? value.subarray(0, 2).toString('hex') : '';
    throw new Failure(EXIT.decode, `${where}: not single-object encoded (starts with '${head}', expected c301)`);
  }
  const fingerprint = value.subarray(2, HEADER_LENGTH).toString('hex');
  const resolver = schemas.resolvers.get(fingerprint);
  if (!resolver) {
    const asLong = value.readBigUInt64LE(2).toString(16).toUpperCase().padStart(16, '0'); // as Parley's Java codec prints it
    throw new Failure(EXIT.decode, `${where}: unknown writer schema fingerprint ${fingerprint} (0x${asLong})`);
  }
  let event;
  try {
    // fromBuffer refuses bytes left over after the body ("trailing data").
    event = schemas.reader.fromBuffer(value.subarray(HEADER_LENGTH), resolver);
  } catch (e) {
    throw new Failure(EXIT.decode, `${where}: body does not decode with schema ${fingerprint}: ${e.message}`);
  }
  // The payload union holds only records, so avsc wraps it: { "<full record name>": { ...fields } }.
  const [recordName] = Object.keys(event.payload);
  const type = schemas.types.get(recordName) || recordName;
  const headers = {};
  for (const [k, v] of Object.entries(message.headers || {})) headers[k] = Buffer.from(v).toString('utf8');
  const key = message.key === null ? null : message.key.toString('utf8');
  if (key !== event.conversationId) {
    throw new Failure(EXIT.decode, `${where}: key '${key}' is not conversationId '${event.conversationId}'`);
  }
  if (headers['parley-type'] !== type || headers['parley-sequence'] !== event.sequence.toString()) {
    throw new Failure(EXIT.decode, `${where}: headers ${JSON.stringify(headers)} disagree with ${type} #${event.sequence}`);
  }
  return {
    conversationId: event.conversationId,
    sequence: event.sequence,
    type,
    eventId: event.eventId,
    occurredAt: new Date(Number(event.occurredAt)).toISOString(),
    actor: event.actor,
    payload: plain(event.payload[recordName]),
  };
}

function options() {
  const { values } = parseArgs({
    options: {
      bootstrap: { type: 'string', default: '127.0.0.1:9092' },
      topic: { type: 'string', default: 'parley.conversation-events.v1' },
      schemas: { type: 'string', default: path.join(__dirname, '..', '..', 'schemas', 'src', 'main') },
      expect: { type: 'string', default: '0' },
      timeout: { type: 'string', default: '60' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stderr.write('usage: consumer.js [--bootstrap 127.0.0.1:9092] [--topic parley.conversation-events.v1]\n'
      + '                   [--schemas ../../schemas/src/main] [--expect N (0: until the timeout)]\n'
      + '                   [--timeout 60 (0: no limit, stop with Ctrl-C)]\n');
    process.exit(0);
  }
  const expect = Number(values.expect);
  const timeout = Number(values.timeout);
  if (!Number.isInteger(expect) || expect < 0 || !(timeout >= 0)) {
    throw new Failure(EXIT.usage, '--expect must be a whole number >= 0 and --timeout a number of seconds >= 0');
  }
  return { ...values, expect, timeout };
}

async function main() {
  let args;
  let schemas;
  try {
    args = options();
    schemas = loadSchemas(args.schemas);
  } catch (e) {
    process.stderr.write(`node: cannot start: ${e.message}\n`);
    return e instanceof Failure ? e.code : EXIT.usage;
  }
  process.stderr.write(`node: reader schema ${path.relative(process.cwd(), schemas.readerFile)}, `
    + `writer fingerprints ${JSON.stringify([...schemas.writers.keys()].sort())}\n`);

  const kafka = new Kafka({
    clientId: 'parley-example-node',
    brokers: args.bootstrap.split(','),
    logLevel: logLevel.WARN,
    // kafkajs logs to stdout by default; stdout is for the events.
    logCreator: () => ({ namespace, log }) => {
      const { message, ...extra } = log;
      process.stderr.write(`node: kafkajs ${namespace}: ${message} ${JSON.stringify(extra)}\n`);
    },
  });
  // A group of its own, so that it starts at the beginning and leaves no offsets that matter (none committed).
  const consumer = kafka.consumer({ groupId: `parley-example-node-${process.pid}-${Date.now()}`, allowAutoTopicCreation: false });
  const admin = kafka.admin();

  const last = new Map(); // conversationId -> last sequence seen
  const nextOffset = new Map(); // partition -> offset after the last record handled
  const typesSeen = new Map();
  let decoded = 0;
  let duplicates = 0;
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  let done = false;
  const stop = (result) => {
    if (!done) {
      done = true;
      finish(result);
    }
  };
  const timer = args.timeout > 0 ? setTimeout(() => stop(args.expect
    ? new Failure(EXIT.count, `timeout after ${args.timeout}s: ${decoded} of ${args.expect} events`)
    : null), args.timeout * 1000) : undefined;
  process.on('SIGINT', () => stop(args.expect ? new Failure(EXIT.count, `interrupted: ${decoded} of ${args.expect} events`) : null));

  try {
    await admin.connect();
    await consumer.connect();
    consumer.on(consumer.events.CRASH, ({ payload }) => stop(new Failure(EXIT.kafka, `consumer crashed: ${payload.error}`)));
    await consumer.subscribe({ topics: [args.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        if (done) return;
        try {
          const event = decode(message, partition, schemas);
          nextOffset.set(partition, BigInt(message.offset) + 1n);
          const previous = last.get(event.conversationId) || 0n;
          if (event.sequence <= previous) {
            // The relay may publish a batch again after a crash: the same event at the same sequence.
            duplicates += 1;
            process.stderr.write(`node: duplicate ${event.conversationId} #${event.sequence} dropped\n`);
            return;
          }
          if (event.sequence !== previous + 1n) {
            throw new Failure(EXIT.sequence, `gap in ${event.conversationId}: #${event.sequence} after #${previous}`);
          }
          let line;
          try {
            line = toJson(event);
          } catch (e) {
            throw new Failure(EXIT.decode, `${event.conversationId} #${event.sequence} does not print as JSON: ${e.message}`);
          }
          last.set(event.conversationId, event.sequence);
          decoded += 1;
          typesSeen.set(event.type, (typesSeen.get(event.type) || 0) + 1);
          process.stdout.write(`${line}\n`);
          if (args.expect && decoded === args.expect) stop(null);
        } catch (e) {
          stop(e instanceof Failure ? e : new Failure(EXIT.decode, e.message));
        }
      },
    });
    let failure = await finished;
    clearTimeout(timer);
    await consumer.stop();
    if (!failure && args.expect) {
      const ahead = [];
      for (const { partition, high, low } of await admin.fetchTopicOffsets(args.topic)) {
        const position = nextOffset.has(partition) ? nextOffset.get(partition) : BigInt(low);
        if (position < BigInt(high)) ahead.push(`partition ${partition}: ${BigInt(high) - position}`);
      }
      if (ahead.length) failure = new Failure(EXIT.count, `more records than the ${args.expect} expected (${ahead.join(', ')})`);
    }
    if (failure) throw failure;
  } catch (e) {
    clearTimeout(timer);
    const failure = e instanceof Failure ? e : new Failure(EXIT.kafka, `Kafka: ${e.message}`);
    process.stderr.write(`node: FAILED: ${failure.message}\n`);
    await Promise.allSettled([consumer.disconnect(), admin.disconnect()]);
    return failure.code;
  }
  await Promise.allSettled([consumer.disconnect(), admin.disconnect()]);
  const summary = [...typesSeen.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, n]) => `${t} ${n}`).join(', ');
  process.stderr.write(`node: ${decoded} events decoded, ${last.size} conversations, ${duplicates} duplicates dropped; `
    + `types: ${summary}\n`);
  return 0;
}

main().then((code) => { process.exitCode = code; });
