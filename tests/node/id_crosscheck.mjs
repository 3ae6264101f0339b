// Independent verdicts for the resident-ID cross-check test
// (src/core/id_crosscheck_test.cc): reads FILE, one candidate number per
// line, and prints "<number>\t<true|false>" per line using npm validator's
// isIdentityCard(s, 'zh-CN').
// Usage: node tests/node/id_crosscheck.mjs FILE
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const validator = require('validator');

const file = process.argv[2];
if (!file) {
  console.error('usage: node id_crosscheck.mjs FILE');
  process.exit(2);
}
const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
const out = lines.map((id) => `${id}\t${validator.isIdentityCard(id, 'zh-CN')}`);
process.stdout.write(out.join('\n') + '\n');
