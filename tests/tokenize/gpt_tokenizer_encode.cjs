// Encodes texts with gpt-tokenizer, for the comparison test.
// Usage: node gpt_tokenizer_encode.cjs PACKAGE_DIR INPUT OUTPUT
// INPUT holds records (uint32 little-endian byte length, then the bytes); each record is
// decoded as UTF-8 (ill-formed sequences become U+FFFD) and encoded with special tokens
// treated as ordinary text. OUTPUT gets one line per record: o200k ids, TAB, cl100k ids,
// each comma-separated.
'use strict';
const fs = require('fs');
const path = require('path');

const [pkg, input, output] = process.argv.slice(2);
const o200k = require(path.join(pkg, 'cjs/encoding/o200k_base.js'));
const cl100k = require(path.join(pkg, 'cjs/encoding/cl100k_base.js'));
const plain = { disallowedSpecial: new Set() };

const data = fs.readFileSync(input);
const lines = [];
for (let off = 0; off < data.length;) {
  const len = data.readUInt32LE(off);
  const text = data.subarray(off + 4, off + 4 + len).toString('utf8');
  off += 4 + len;
  lines.push(o200k.encode(text, plain).join(',') + '\t' + cl100k.encode(text, plain).join(','));
}
fs.writeFileSync(output, lines.join('\n') + '\n');
