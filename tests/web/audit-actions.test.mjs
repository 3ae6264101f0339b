// 审计查询 labels every action code the server writes: the codes are read
// from the C++ sources (the Audit()/AuditRow() calls, `action = "…"` and
// the write targets), and each must have a Chinese label in
// web/js/pages/audit.js. The auditor's page then shows the label with the
// code as secondary text, never the code alone.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO, login, newPage, usePlatform } from './harness.mjs';

async function sources(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...await sources(p));
    else if (e.name.endsWith('.cc') && !e.name.endsWith('_test.cc')) out.push(p);
  }
  return out;
}

// The action codes written by the sources, and the dynamic ones ("x." + y)
// spelled out from the routes that build them.
async function serverActions() {
  const codes = new Set(['login', 'logout', 'csrf', 'policy']);
  const lit = /"([a-z_]+(?:\.[a-z_]+)+)"/g;
  for (const file of await sources(join(REPO, 'src'))) {
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      if (!/Audit\(|AuditRow\(|Audit\{|\baction = |audit_action|WriteTarget k|WriteFailed\(c, /.test(line)) continue;
      for (const m of line.matchAll(lit)) codes.add(m[1]);
    }
  }
  for (const what of ['status', 'password', 'region', 'grants']) codes.add(`account.${what}`);
  for (const what of ['attendance', 'complete', 'certificate', 'subsidies']) codes.add(`training.${what}`);
  for (const what of ['release', 'confirm']) codes.add(`supervision.${what}`);
  for (const view of ['batches', 'review', 'summary']) codes.add(`linkage.${view}`);
  codes.delete('migration.test');  // a test fixture's row
  return codes;
}

async function labelledActions() {
  const text = await readFile(join(REPO, 'web/js/pages/audit.js'), 'utf8');
  const block = text.slice(text.indexOf('export const ACTIONS = {'), text.indexOf('\n};', text.indexOf('export const ACTIONS = {')));
  return new Set([...block.matchAll(/(?:'([a-z_.]+)'|\b([a-z_]+)): '/g)].map((m) => m[1] ?? m[2]));
}

describe('audit action labels', () => {
  const env = usePlatform();

  it('has a Chinese label for every action code the server writes', async () => {
    const codes = await serverActions();
    assert.ok(codes.size > 100, `found ${codes.size} codes`);
    for (const c of ['supervision.release', 'supervision.recover', 'supervision.budget', 'policy.replay', 'ad.resubmit', 'me.case', 'linkage.encoded.pairs']) {
      assert.ok(codes.has(c), `the scan finds ${c}`);
    }
    const labelled = await labelledActions();
    const missing = [...codes].filter((c) => !labelled.has(c)).sort();
    assert.deepEqual(missing, [], 'action codes without a label');
  });

  it('shows the auditor the label with the code beside it', async () => {
    const county = await newPage(env.browser, env.platform.base);
    await login(county, 'county');
    await county.request.get('/api/ads/inspection');
    const supervisor = await newPage(env.browser, env.platform.base);
    await login(supervisor, 'supervisor');
    const csrf = await supervisor.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const budget = await supervisor.request.post('/api/supervision/budgets', { headers: { 'X-CSRF-Token': csrf },
      data: { county_code: env.platform.facts.county, fund: 'employment_subsidy', year: 2026, amount_fen: 100000000 } });
    assert.ok(budget.ok(), await budget.text());

    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'auditor1');
    await page.locator('#results tbody tr').first().waitFor();
    const cells = await page.locator('#results [data-action]').evaluateAll((els) =>
      els.map((e) => ({ code: e.dataset.action, text: e.innerText.trim() })));
    const seen = new Set(cells.map((c) => c.code));
    for (const c of ['login', 'ads.inspection', 'supervision.budget']) assert.ok(seen.has(c), `${c} in the log`);
    for (const { code, text } of cells) {
      assert.match(text, /[\u4e00-\u9fff]/, `${code} has a Chinese label`);
      assert.ok(text.endsWith(code), `${code} kept visible: ${text}`);
    }
    assert.match(cells.find((c) => c.code === 'supervision.budget').text, /^录入预算/);
    // Its target as the auditor reads it: the county by name, the year and
    // the fund, not "budget:<code>:<fund>:<year>".
    const row = page.locator('#results tbody tr', { has: page.locator('[data-action="supervision.budget"]') }).first();
    const target = (await row.locator('td').nth(4).innerText()).trim();
    assert.match(target, /^预算：\S+ 2026 年就业补助资金/, target);
    assert.doesNotMatch(target, /budget:|employment_subsidy|\d{6}/, target);
    assert.deepEqual(page.errors, []);
  });
});
