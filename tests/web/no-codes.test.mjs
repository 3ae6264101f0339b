// Users read clauses as the document cites them (附件3（六）1, 正文（十一）)
// and policies by their names, never the codes of the code and data
// (A3(六)1, main(十一), R11) (trial 3: 服务对象类别（A3(二)）, 短期失业（A3(六)1）,
// R11 所用记录). This reads the texts users see: the Chinese string literals
// of the server (src, not tests), of the web pages (web/js) and the
// described fields of the policy data (policy/, not its tests).
// No browser or server: `node --test tests/web/no-codes.test.mjs`.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './harness.mjs';

// A clause or rule code; a code may stand alone where it is data.
const CODE_RE = /(?<![A-Za-z0-9_.])(A[1-4]\(|main\(|R\d{1,2}(?![0-9A-Za-z_]))/;
const BARE_CODE_RE = /(A[1-4]|main)\([一二三四五六七八九十]+\)\d*/g;
// Chinese text or full-width punctuation around the code: a user's text.
const WIDE_RE = /[\u3000-\u9fff\uff00-\uffef]/;
// Where a code is what the user types or a developer reads.
const ALLOWED = new Set([
  'src/cli/policy_cmd.cc',        // --rule R1..R18: the option takes codes
  'src/policy/scenario.cc',       // the policy test runner's own messages
]);

async function files(dir, keep) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && keep(e.name)) out.push(join(e.parentPath ?? e.path, e.name));
  }
  return out;
}

function userText(text) {
  return CODE_RE.test(text) && WIDE_RE.test(text.replace(BARE_CODE_RE, ''));
}

function literals(line, quotes) {
  const out = [];
  const re = new RegExp(`([${quotes}])((?:\\\\.|(?!\\1).)*)\\1`, 'g');
  for (const m of line.matchAll(re)) out.push(m[2]);
  return out;
}

async function findings(paths, quotes) {
  const found = [];
  for (const f of paths) {
    const rel = relative(REPO, f);
    if (ALLOWED.has(rel)) continue;
    (await readFile(f, 'utf8')).split('\n').forEach((line, i) => {
      if (/^\s*(\/\/|\*)/.test(line)) return;
      // A trailing comment (" // …" after an even number of quotes) is no text.
      const cut = line.search(/\s\/\/\s/);
      if (cut >= 0 && (line.slice(0, cut).split('"').length - 1) % 2 === 0) line = line.slice(0, cut);
      for (const t of literals(line, quotes)) if (userText(t)) found.push(`${rel}:${i + 1}: ${t}`);
    });
  }
  return found;
}

describe('no policy codes in what users read', () => {
  it('finds a code in a text (the check itself)', () => {
    assert.ok(userText('服务对象类别（A3(二)）'));
    assert.ok(userText('（A3(六)1）'));
    assert.ok(userText('R11 所用记录'));
    assert.ok(!userText('A3(六)1'));          // a bare code is data
    assert.ok(!userText('附件3（六）1'));
    assert.ok(!userText('R1–R18 rule codes'));  // no Chinese: not a page text
  });

  it('server strings', async () => {
    const src = await files(join(REPO, 'src'), (n) => (n.endsWith('.cc') || n.endsWith('.h')) && !n.endsWith('_test.cc'));
    assert.deepEqual(await findings(src, '"'), []);
  });

  it('web page strings', async () => {
    const js = await files(join(REPO, 'web/js'), (n) => n.endsWith('.js'));
    assert.deepEqual(await findings(js, "'\"`"), []);
  });

  it('policy data texts', async () => {
    const yaml = (await files(join(REPO, 'policy'), (n) => n.endsWith('.yaml')))
      .filter((f) => !relative(REPO, f).startsWith('policy/tests/'));
    const found = [];
    for (const f of yaml) {
      (await readFile(f, 'utf8')).split('\n').forEach((line, i) => {
        const m = line.match(/^\s*-?\s*(title|description|source|quote|assumed|note|label|name)\s*:\s*(.*)$/);
        if (m && userText(m[2])) found.push(`${relative(REPO, f)}:${i + 1}: ${m[2]}`);
      });
    }
    assert.deepEqual(found, []);
  });
});
