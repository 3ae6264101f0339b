// Fund supervision (issue #17 §1): a supervisor holding 资金监管 imports a
// status facts file (a bad file is refused whole, each bad row named), the
// cross-checks hold the payments to a person recorded dead, and the
// supervisor releases one hold with a reason and confirms another as
// improper; the report per county shows both. Officers without the grant
// see no navigation entry and are refused by the API.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { FULL_ID_RE, login, newPage, screenshot, sweepAndWait, usePlatform } from './harness.mjs';

// A valid resident ID number (GB 11643 check character) for `first17`.
function residentId(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((a, d, i) => a + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const sql = (db, q) => JSON.parse(execFileSync('sqlite3', ['-json', db, q]).toString() || '[]');

async function post(page, path, data) {
  const csrf = await page.evaluate(() => sessionStorage.getItem('qjy.csrf'));
  return page.request.post(path, { headers: { 'X-CSRF-Token': csrf }, data });
}

describe('fund supervision', () => {
  const env = usePlatform();

  it('holds payments to persons recorded dead; the supervisor releases or confirms each', async () => {
    const county = env.platform.facts.county;
    // The county officer's sweep proposes entitlements (no hold yet).
    const officer = await newPage(env.browser, env.platform.base);
    await login(officer, 'county');
    await officer.goto('/policy-review.html');
    await officer.waitForSelector('#submit-batch');
    assert.equal(await officer.locator('nav a[data-route="supervision.html"]').count(), 0);
    // A date on which persons of the generated county hold hiring subsidies
    // (R5, R7) without a recognised 就业帮扶车间 (R5 reads that registry).
    const { start, job } = await sweepAndWait(officer, { date: '2024-06-30', region: county });
    assert.equal(start.status(), 202);
    assert.equal(job.state, 'done', JSON.stringify(job));
    const denied = await post(officer, '/api/supervision/screen', {});
    assert.equal(denied.status(), 403);
    const two = sql(env.platform.db, `SELECT once_key, person_id FROM policy_entitlements WHERE status = 'proposed'
      AND person_id <> 0 AND county_code LIKE '${county}%' GROUP BY person_id ORDER BY person_id LIMIT 2`);
    assert.equal(two.length, 2, 'two persons with proposed entitlements');

    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'supervisor');
    await page.goto('/supervision.html');
    await page.waitForSelector('nav a[data-route="supervision.html"]');
    await page.waitForSelector('#queue-filter');

    // A bad file: nothing imported, each bad row named in Chinese.
    const bad = '类型,编号,情形,开始日期,结束日期,县区代码,来源\n'
      + `人员,${two[0].person_id},死亡,2023-01-05,,${county},民政部门死亡登记\n`
      + `人员,${two[1].person_id},失踪,2023-02-30,,${county},民政部门\n`;
    await page.setInputFiles('#facts-form input[type=file]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.click('#facts-form button[type=submit]');
    await page.waitForSelector('[data-testid="facts-errors"]');
    const errs = await page.locator('[data-testid="facts-errors"]').innerText();
    assert.match(errs, /第3行：情形“失踪”无效/);
    assert.match(errs, /第3行：开始日期“2023-02-30”不是有效日期/);
    assert.deepEqual(sql(env.platform.db, 'SELECT COUNT(*) AS n FROM supervision_status_facts'), [{ n: 0 }]);

    const good = '类型,编号,情形,开始日期,结束日期,县区代码,来源\n'
      + two.map((t) => `人员,${t.person_id},死亡,2023-01-05,,${county},民政部门死亡登记`).join('\n') + '\n';
    await page.setInputFiles('#facts-form input[type=file]', { name: 'facts.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.click('#facts-form button[type=submit]');
    await page.waitForSelector('#messages >> text=已导入 2 条比对信息');
    // The bad file's error went with the new submission (no pile-up).
    assert.equal(await page.locator('#messages [role=alert]').count(), 0, await page.locator('#messages').innerText());

    // The cross-checks hold both; the queue shows the evidence.
    await page.click('#screen-now');
    await page.waitForSelector('#messages >> text=/暂停支付 [1-9]\\d* 项/');
    const rows = page.locator('#queue table tbody tr', { hasText: '死亡' });
    await rows.first().waitFor();
    assert.ok(await rows.count() >= 2);
    const held = sql(env.platform.db, `SELECT once_key, status FROM policy_entitlements WHERE once_key IN
      ('${two[0].once_key}', '${two[1].once_key}') ORDER BY once_key`);
    assert.ok(held.every((e) => e.status === 'held'), JSON.stringify(held));
    await rows.first().locator('details.reason summary').click();
    assert.match(await rows.first().innerText(), /比对信息：死亡 2023-01-05（民政部门死亡登记）/);
    // The summary and the evidence name the person (ID number masked), not
    // the internal person id (user trial).
    const names = sql(env.platform.db, `SELECT name FROM persons WHERE person_id IN (${two[0].person_id}, ${two[1].person_id})`)
      .map((p) => p.name);
    const deadRows = (await rows.allInnerTexts()).join('\n');
    assert.ok(names.some((n) => deadRows.includes(`人员 ${n}（`)), deadRows);
    assert.doesNotMatch(deadRows, /人员 \d+/);
    assert.ok(!FULL_ID_RE.test(deadRows), 'ID numbers masked');

    // Release the first with a reason; confirm the second improper.
    const holdOf = (key) => sql(env.platform.db,
      `SELECT hold_id FROM supervision_holds WHERE once_key = '${key}' AND check_code = 'person_status'`)[0].hold_id;
    await page.click(`button.release[data-hold="${holdOf(two[0].once_key)}"]`);
    await page.waitForSelector('#decide-dialog');
    await page.fill('#decide-dialog input[name=reason]', '经核实死亡登记有误');
    await page.click('#dialog-ok');
    await page.waitForSelector('#messages >> text=已放行');
    await page.click(`button.confirm[data-hold="${holdOf(two[1].once_key)}"]`);
    await page.waitForSelector('#decide-dialog');
    await page.fill('#decide-dialog input[name=reason]', '死亡后申领，不予支付');
    await page.click('#dialog-ok');
    await page.waitForSelector('#messages >> text=已认定违规，不予支付');
    const statuses = Object.fromEntries(sql(env.platform.db, `SELECT once_key, status FROM policy_entitlements
      WHERE once_key IN ('${two[0].once_key}', '${two[1].once_key}')`).map((e) => [e.once_key, e.status]));
    assert.equal(statuses[two[1].once_key], 'improper');
    // Released from this check (proposed again unless another check holds it).
    const left = sql(env.platform.db, `SELECT COUNT(*) AS n FROM supervision_holds WHERE once_key = '${two[0].once_key}'
      AND status = 'held'`)[0].n;
    assert.equal(statuses[two[0].once_key], left ? 'held' : 'proposed');

    // The report per county, by the county's name (as policy-review shows it).
    const countyName = (await (await page.request.get(`/api/regions/${county}`)).json()).name;
    await page.locator('#report', { hasText: countyName }).waitFor();
    const report = await page.locator('#report').innerText();
    // The code alone (not inside a credit code, which may hold the same digits).
    const code = new RegExp(`(?<![0-9A-Z])${county}(?![0-9A-Z])`);
    assert.doesNotMatch(report, code, 'no county code in the report');
    assert.match(report, /1 笔 [\d,]+\.\d\d元/);
    await page.locator('#queue tbody', { hasText: countyName }).waitFor();
    const queueText = await page.locator('#queue tbody').innerText();
    assert.doesNotMatch(queueText, code, 'the queue names the county');
    // Persons by name with the ID number masked, subsidies by title: no
    // internal person id, no rule code (user trial).
    assert.doesNotMatch(queueText, /人员 \d+/);
    assert.doesNotMatch(queueText, /(?<![A-Za-z0-9])R\d+(?![0-9])/);


    // The county officer's list: held and improper in Chinese, with why.
    await officer.goto('/policy-review.html');
    await officer.waitForSelector('#list table');
    await officer.selectOption('form.filters select[name=status]', 'improper');
    await Promise.all([
      officer.waitForResponse((r) => r.url().includes('/api/policy/entitlements') && r.url().includes('status=improper')),
      officer.click('form.filters button[type=submit] >> text=筛选'),
    ]);
    const improperRow = officer.locator('#list tbody tr', { hasText: '经资金监管认定违规' });
    await improperRow.first().waitFor();
    // The server sends the hold (check and finding) with the row.
    assert.match(await improperRow.first().locator('[data-testid=hold-hint]').innerText(),
      /认定违规，不予支付（向已死亡、出境定居或服刑人员支付：.+死亡.+）.*资金监管/);
    assert.doesNotMatch(await improperRow.first().locator('[data-testid=hold-hint]').innerText(), /人员 \d+/);
    const cells = await officer.locator('#list tbody td').allInnerTexts();
    assert.ok(!cells.some((t) => /^(held|improper)$/.test(t.trim())), 'no raw status');

    // A refused budget (a county outside the supervisor's prefecture): the
    // reason is shown, the earlier success is gone, and the page raises no
    // uncaught error.
    await page.fill('#budget-form input[name=county_code]', '520102');
    await page.fill('#budget-form input[name=amount]', '1000');
    const [refusedBudget] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/supervision/budgets') && r.request().method() === 'POST'),
      page.click('#budget-form button[type=submit]'),
    ]);
    assert.ok(refusedBudget.status() >= 400, `refused: ${refusedBudget.status()}`);
    await page.locator('#messages [role=alert]').waitFor();
    assert.doesNotMatch(await page.locator('#messages').innerText(), /已认定违规|已放行/);
    assert.deepEqual(page.errors, []);
    // An officer's own ID number and phone, registered as keyed hashes only
    // and shown masked; the county officer cannot register.
    const id = residentId(`${county}19850307123`);
    await page.fill('#officer-form input[name=username]', 'county');
    await page.fill('#officer-form input[name=id_number]', id);
    await page.fill('#officer-form input[name=phone]', '13912345678');
    await page.click('#officer-form button[type=submit]');
    await page.waitForSelector('#messages >> text=已登记经办人员 county 的身份信息');
    const msg = await page.locator('#messages').innerText();
    assert.ok(!msg.includes(id) && !msg.includes('13912345678'), msg);
    assert.match(msg, /139\*+5678/);
    await page.locator('#officers table tbody tr', { hasText: 'county' }).waitFor();
    assert.equal(await page.locator('#officer-form input[name=id_number]').inputValue(), '');
    const stored = sql(env.platform.db, "SELECT username, kind, hex(hash) AS h FROM supervision_officer_hashes ORDER BY kind");
    assert.deepEqual(stored.map((r) => `${r.username}:${r.kind}`), ['county:id_number', 'county:phone']);
    assert.ok(stored.every((r) => r.h.length >= 32 && !r.h.includes(Buffer.from(id).toString('hex').toUpperCase())));
    const html = await page.content();
    assert.ok(!html.includes(id), 'the ID number is not left in the page');
    const refused = await post(officer, '/api/supervision/officers', { username: 'county', phone: '13912345678' });
    assert.equal(refused.status(), 403);
    const badId = await post(page, '/api/supervision/officers', { username: 'county', id_number: `${id.slice(0, 17)}0`.replace(/0$/, id.endsWith('0') ? '1' : '0') });
    assert.equal(badId.status(), 400);
    assert.match((await badId.json()).message, /身份证号/);
    await screenshot(page, 'supervision');
    assert.deepEqual(page.errors, []);
    assert.deepEqual(officer.errors, []);
  });
});
