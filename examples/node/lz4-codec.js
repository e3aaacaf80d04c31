'use strict';
// LZ4 for kafkajs, on lz4js (a pure JavaScript LZ4 with no native part and no dependencies).
//
// kafkajs ships only GZIP; a batch compressed with LZ4 fails with "LZ4 compression not implemented" until a
// codec is registered:
//   const { CompressionTypes, CompressionCodecs } = require('kafkajs');
//   CompressionCodecs[CompressionTypes.LZ4] = require('./lz4-codec');
//
// Kafka (record batches, magic 2) holds an LZ4 frame. Parley's Java producer writes independent 64 KiB blocks
// and no checksums besides the header's; lz4js reads such frames (it skips optional checksums instead of
// checking them, and kafkajs 2.2.4 does not check a batch's CRC-32C either, so in the consumer it is the Avro
// decode and the sequence checks that would notice damaged bytes).
//
// Writing is done here rather than by lz4js.compress: lz4js writes 4 MiB blocks that may refer back to the
// block before, without the block-independence flag, and a Kafka broker refuses such a batch ("Dependent block
// stream is unsupported"). The consumer never compresses; this is for a producer built from the example.
const lz4 = require('lz4js');
const xxh32 = require('lz4js/xxh32');

const MAGIC = [0x04, 0x22, 0x4d, 0x18]; // 0x184D2204, little-endian
const FLG = 0x60; // version 01, blocks independent, no block or content checksum, no content size
const BD = 0x40; // 64 KiB blocks
const BLOCK = 64 * 1024;
const UNCOMPRESSED = 0x80000000;

function compressFrame(input) {
  const header = Buffer.from([...MAGIC, FLG, BD, 0]);
  header[6] = (xxh32.hash(0, header, 4, 2) >>> 8) & 0xff; // the descriptor's checksum
  const parts = [header];
  const scratch = new Uint8Array(lz4.compressBound(BLOCK));
  for (let start = 0; start < input.length; start += BLOCK) {
    const length = Math.min(BLOCK, input.length - start);
    // A fresh hash table per block: no match reaches into the block before.
    const size = lz4.compressBlock(input, scratch, start, length, new Uint32Array(1 << 16));
    const sizeField = Buffer.alloc(4);
    if (size === 0 || size >= length) {
      sizeField.writeUInt32LE((UNCOMPRESSED | length) >>> 0);
      parts.push(sizeField, Buffer.from(input.subarray(start, start + length)));
    } else {
      sizeField.writeUInt32LE(size);
      parts.push(sizeField, Buffer.from(scratch.subarray(0, size)));
    }
  }
  parts.push(Buffer.alloc(4)); // end mark
  return Buffer.concat(parts);
}

module.exports = () => ({
  async compress(encoder) {
    return compressFrame(encoder.buffer);
  },
  async decompress(buffer) {
    return Buffer.from(lz4.decompress(buffer));
  },
});
