// 跨省比对 (issue #18): a Guangdong file names a worker of the test county
// with her ID number, employed; a Zhejiang file names her again without an
// ID, returned and unemployed. Linked with thresholds that send the pair to
// clerical review, the county officer sees both sides masked on the page,
// decides 是同一人, and the worker then appears in the county's queue as a
// 返乡未就业人员跟踪服务 item (and not before). The 目标监测 dashboard's
// comparison indicator (跨省比对监测) follows the decision: two persons of
// the county compared before (she, employed and insured, and her unlinked
// Zhejiang record), one after (her two records one person, returned and
// unemployed, not insured), and one return follow-up; 测试甲 lives in
// 520102 and is never counted in the test county.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { FULL_ID_RE, QJY_BIN, launchBrowser, login, newPage, screenshot, startPlatform, waitReady } from './harness.mjs';

const run = promisify(execFile);

async function qjy(args) {
  try {
    const { stdout } = await run(QJY_BIN, args);
    return stdout;
  } catch (e) {
    throw new Error(`qjy ${args.join(' ')} failed (exit ${e.code}):\n${e.stderr || e.message}`);
  }
}

describe('record linkage review and the return follow-up', () => {
  let platform, browser, page;
  before(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    page = await newPage(browser, platform.base);
    await login(page, 'county');
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const call = (method, path, body) => page.evaluate(async ([m, p, b]) => {
    const csrf = sessionStorage.getItem('qjy.csrf');
    const r = await fetch(p, {
      method: m,
      headers: { 'content-type': 'application/json', 'X-CSRF-Token': csrf || '' },
      body: b ? JSON.stringify(b) : undefined,
    });
    return { status: r.status, body: await r.json() };
  }, [method, path, body]);

  // The dashboard's comparison figures for this month (the partner records
  // are dated by their import, UTC).
  async function comparison() {
    const [year, month] = new Date().toISOString().slice(0, 7).split('-').map(Number);
    await page.goto(`/app.html#/monitor?year=${year}&month=${month}`);
    await page.reload();
    await waitReady(page, 'monitor');
    const card = page.locator('[data-linkage=linkage_outbound_workers]');
    await card.waitFor();
    await card.locator('canvas').first().waitFor();
    const value = (id, code) => page.locator(`[data-testid=linkage-${id}-${code}]`).getAttribute('data-value');
    return {
      workers: await value('linkage_outbound_workers', 'workers'),
      employed: await value('linkage_outbound_workers', 'employed'),
      insured: await value('linkage_outbound_workers', 'insured'),
      followups: await value('linkage_return_served', 'followups'),
      text: await card.innerText(),
    };
  }

  async function queueItems(personId) {
    const r = await call('GET', '/api/services/queue');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.items.filter((w) => w.source === 'linkage_return' && w.person_id === personId);
  }

  it('a review pair decided as the same person puts the returned worker in the queue', async () => {
    const { county } = platform.facts;
    const person = platform.facts.inCounty[0];
    // The worker's ID number, as the partner's file carries it.
    const revealed = await call('POST', `/api/persons/${person.person_id}/reveal`, { field: 'id_number', reason: '跨省比对测试核对身份' });
    assert.equal(revealed.status, 200, JSON.stringify(revealed.body));
    const id = revealed.body.value;
    assert.match(id, /^\d{17}[\dX]$/);
    const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    const sex = Number(id[16]) % 2 === 1 ? '男' : '女';

    const dir = platform.dir;
    const header = '姓名,身份证,出生日期,性别,户籍地,手机,工作单位,参保月数,就业状态\n';
    await writeFile(join(dir, 'gd.yaml'), 'partner: 广东省人社厅\ncolumns:\n  姓名: name\n  身份证: id_number\n  出生日期: birth_date\n'
      + '  性别: sex\n  户籍地: division_code\n  手机: phone\n  工作单位: employer\n  参保月数: insured_months\n  就业状态: status\n');
    await writeFile(join(dir, 'zj.yaml'), 'partner: 浙江省人社厅\ncolumns:\n  姓名: name\n  身份证: id_number\n  出生日期: birth_date\n'
      + '  性别: sex\n  户籍地: division_code\n  手机: phone\n  工作单位: employer\n  参保月数: insured_months\n  就业状态: status\n');
    await writeFile(join(dir, 'gd.csv'), header
      + `${person.name},${id},${birth},${sex},${county},13800001234,东莞市测试电子厂,24,在岗\n`
      + `测试甲,520102199001010011,1990-01-01,男,520102,13900002222,广州市测试物流公司,6,在岗\n`);
    await writeFile(join(dir, 'zj.csv'), header
      + `${person.name},,${birth},${sex},${county},,,0,已返乡未就业\n`);

    const db = platform.db;
    assert.match(await qjy(['link', 'import', '--db', db, '--mapping', join(dir, 'gd.yaml'), '--file', join(dir, 'gd.csv'), '--county', county]), /2 条记录/);
    await qjy(['link', 'run', '--db', db, '--batch', '1']);
    assert.match(await qjy(['link', 'import', '--db', db, '--mapping', join(dir, 'zj.yaml'), '--file', join(dir, 'zj.csv'), '--county', county]), /1 条记录/);
    // Thresholds that leave the pair to an officer.
    const ran = await qjy(['link', 'run', '--db', db, '--batch', '2', '--match', '1.01', '--review', '0.0001']);
    assert.match(ran, /待人工复核 1 条/);
    assert.match(ran, /跟踪服务：新增 0 项/, 'nothing is followed up before the decision');

    assert.deepEqual(await queueItems(person.person_id), [], 'not in the queue before the decision');
    const before = await comparison();
    assert.deepEqual([before.workers, before.employed, before.insured, before.followups], ['2', '1', '1', '0'], before.text);
    assert.match(before.text, /附件4（五）/);

    await page.goto('/app.html#/linkage');
    await page.reload();
    await waitReady(page, 'linkage');
    const pair = page.locator('.review-pair');
    await pair.first().waitFor();
    assert.equal(await pair.count(), 1);
    const text = await page.locator('#page').innerText();
    assert.match(text, /广东省人社厅/);
    assert.match(text, /浙江省人社厅/);
    assert.match(text, /已返乡未就业/);
    assert.ok(text.includes(person.name));
    assert.doesNotMatch(text, FULL_ID_RE, 'ID numbers are masked');
    assert.ok(!text.includes(id), 'the worker\'s ID is masked');
    assert.ok(!text.includes('13800001234'), 'phones are masked');
    const shownId = await pair.locator('[data-field=id_number]').allInnerTexts();
    assert.ok(shownId.some((t) => t.startsWith(id.slice(0, 4)) && t.includes('*')), `masked ID shown: ${shownId}`);
    assert.match(await pair.locator('[data-testid=explanation]').innerText(), /姓名：完全相同.*身份证号：缺失/);

    const [resp] = await Promise.all([
      page.waitForResponse((r) => /\/api\/linkage\/review\/\d+$/.test(r.url()) && r.request().method() === 'POST'),
      pair.locator('button[data-decision=match]').click(),
    ]);
    assert.equal(resp.status(), 200);
    assert.equal((await resp.json()).followups_created, 1);
    await page.locator('#messages').getByText(/已判定为是同一人/).waitFor();
    await page.locator('[data-testid=review-empty]').waitFor();
    await screenshot(page, 'linkage');

    // The county's queue now holds the returned worker, with a recommendation.
    const items = await queueItems(person.person_id);
    assert.equal(items.length, 1, 'one follow-up for the worker');
    assert.equal(items[0].title, '返乡未就业人员跟踪服务');
    assert.match(items[0].detail, /浙江省人社厅比对：已返乡未就业/);
    assert.match(items[0].detail, /岗位推荐/);
    assert.equal(items[0].person_name, person.name);

    // Deciding again is refused; the per-county summary counts the return.
    const again = await call('POST', `/api/linkage/review/${(await resp.json()).review_id}`, { decision: 'match' });
    assert.equal(again.status, 409);
    const summary = await call('GET', '/api/linkage/summary');
    const row = summary.body.rows.find((r) => r.county_code === county);
    assert.ok(row, JSON.stringify(summary.body));
    assert.equal(row.returned, 1);
    assert.equal(row.unemployed, 1);
    assert.equal(row.followups, 1);
    await page.reload();
    await waitReady(page, 'linkage');
    await page.locator('#linkage-chart canvas').waitFor();

    // The dashboard's comparison indicator follows the officer's decision.
    const afterDecision = await comparison();
    assert.deepEqual([afterDecision.workers, afterDecision.employed, afterDecision.insured, afterDecision.followups],
      ['1', '0', '0', '1'], afterDecision.text);
    await screenshot(page, 'monitor-linkage');

    // … and the person page shows it with the recommendation.
    await page.goto(`/app.html#/person/${person.person_id}`);
    await page.reload();
    await waitReady(page, 'person');
    const followups = await page.locator('[data-testid=linkage-followups]').innerText();
    assert.match(followups, /返乡未就业人员跟踪服务/);
    assert.match(followups, /浙江省人社厅：已返乡未就业/);

    // The officer contacts the worker, who declines services: without a note
    // the close is refused; with one the item is closed and leaves the queue.
    const section = page.locator('[data-testid=linkage-followups]');
    await section.locator('[data-testid=followup-outcome]').selectOption('declined');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => /\/api\/linkage\/followups\/\d+$/.test(r.url())),
      section.locator('[data-testid=followup-close]').click(),
    ]);
    assert.equal(refused.status(), 400);
    await page.locator('.messages').getByText('联系情况说明').waitFor();
    assert.equal((await queueItems(person.person_id)).length, 1, 'a refused close changes nothing');
    await section.locator('[data-testid=followup-note]').fill('电话联系本人，在家照顾老人，暂不找工作');
    const [closed] = await Promise.all([
      page.waitForResponse((r) => /\/api\/linkage\/followups\/\d+$/.test(r.url())),
      section.locator('[data-testid=followup-close]').click(),
    ]);
    assert.equal(closed.status(), 200, await closed.text());
    await section.getByText('已办结：已联系，本人暂不需要就业服务').waitFor();
    assert.equal(await section.locator('[data-testid=followup-close]').count(), 0);
    assert.deepEqual(await queueItems(person.person_id), [], 'closed: no longer in the queue');
    const twice = await call('POST', `/api/linkage/followups/${(await closed.json()).followup_id}`, { outcome: 'employed', note: '再次联系' });
    assert.equal(twice.status, 409);
    assert.deepEqual(page.errors, []);
  });

  it('a poverty-alleviated person the anti-poverty system calls unemployed enters the ledger; the officer closes the entry', async () => {
    const { county } = platform.facts;
    const list = await call('GET', `/api/persons?region=${county}&group=poverty_alleviated&limit=5`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const person = list.body.items.find((p) => p.person_id !== platform.facts.inCounty[0].person_id);
    assert.ok(person, 'the generated county has poverty-alleviated persons');
    const revealed = await call('POST', `/api/persons/${person.person_id}/reveal`, { field: 'id_number', reason: '防返贫监测比对测试核对身份' });
    assert.equal(revealed.status, 200, JSON.stringify(revealed.body));
    const id = revealed.body.value;
    const dir = platform.dir;
    await writeFile(join(dir, 'fpj.yaml'), 'partner: 全国防止返贫监测系统\ncolumns:\n  姓名: name\n  身份证号码: id_number\n  务工状态: status\n');
    await writeFile(join(dir, 'fpj.csv'), `姓名,身份证号码,务工状态\n${person.name},${id},未就业\n`);
    const db = platform.db;
    await qjy(['link', 'import', '--db', db, '--mapping', join(dir, 'fpj.yaml'), '--file', join(dir, 'fpj.csv'), '--county', county]);
    const batches = await call('GET', '/api/linkage/batches');
    const batch = batches.body.batches.find((b) => b.partner === '全国防止返贫监测系统');
    assert.ok(batch, JSON.stringify(batches.body));
    const ran = await qjy(['link', 'run', '--db', db, '--batch', String(batch.batch_id)]);
    assert.match(ran, /比对提示：新增 1 项/);
    // The same file again this month: linked to the same person, no second entry.
    await qjy(['link', 'import', '--db', db, '--mapping', join(dir, 'fpj.yaml'), '--file', join(dir, 'fpj.csv'), '--county', county]);
    const again = (await call('GET', '/api/linkage/batches')).body.batches
      .filter((b) => b.partner === '全国防止返贫监测系统').map((b) => b.batch_id);
    assert.equal(again.length, 2);
    assert.match(await qjy(['link', 'run', '--db', db, '--batch', String(Math.max(...again))]), /比对提示：新增 0 项/, 'once a month');

    await page.goto('/app.html#/linkage');
    await page.reload();
    await waitReady(page, 'linkage');
    const form = page.locator('#flags form[data-flag]');
    await form.first().waitFor();
    const card = await page.locator('#flags').innerText();
    assert.match(card, /就业帮扶台账/);
    assert.match(card, /附件4（九）/);
    assert.ok(card.includes(person.name));
    assert.ok(!card.includes(id), 'the ID number is masked');
    assert.match(card, /全国防止返贫监测系统：未就业/);
    // An empty outcome is refused; a written one closes the entry.
    const [bad] = await Promise.all([
      page.waitForResponse((r) => /\/api\/linkage\/flags\/\d+$/.test(r.url())),
      form.first().locator('button').click(),
    ]);
    assert.equal(bad.status(), 400);
    await form.first().locator('input[name=outcome]').fill('已电话联系本人，推荐到县就业帮扶车间');
    const [ok] = await Promise.all([
      page.waitForResponse((r) => /\/api\/linkage\/flags\/\d+$/.test(r.url())),
      form.first().locator('button').click(),
    ]);
    assert.equal(ok.status(), 200);
    await page.locator('#flags').getByText(/已办结：已电话联系本人/).waitFor();
    const flags = await call('GET', '/api/linkage/flags?kind=poverty_unemployed');
    const mine = flags.body.items.filter((f) => f.person_id === person.person_id);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].status, 'closed');
  });

  it('a partner\'s encoded file (no plain data) links; the officer decides the pair and sees only our person, masked', async () => {
    const { county } = platform.facts;
    const person = platform.facts.inCounty[1] ?? platform.facts.inCounty[0];
    const revealed = await call('POST', `/api/persons/${person.person_id}/reveal`, { field: 'id_number', reason: '隐私保护比对测试核对身份' });
    assert.equal(revealed.status, 200, JSON.stringify(revealed.body));
    const id = revealed.body.value;
    const dir = platform.dir;
    await writeFile(join(dir, 'exchange.key'), '0f1e2d3c4b5a69788796a5b4c3d2e1f0\n');
    await writeFile(join(dir, 'wrong.key'), '00000000000000000000000000000001\n');
    await writeFile(join(dir, 'fj.yaml'), 'partner: 福建省人社厅\ncolumns:\n  姓名: name\n  身份证: id_number\n');
    await writeFile(join(dir, 'fj.csv'), `姓名,身份证\n${person.name},${id}\n`);
    const db = platform.db;
    const out = join(dir, 'fj.enc');
    assert.match(await qjy(['linkage', 'encode', '--db', db, '--key', join(dir, 'exchange.key'), '--out', out,
      '--mapping', join(dir, 'fj.yaml'), '--file', join(dir, 'fj.csv'), '--party', '福建省人社厅']), /已编码 1 条/);
    await assert.rejects(qjy(['linkage', 'link-encoded', '--db', db, '--key', join(dir, 'wrong.key'), '--partner-file', out,
      '--region', county, '--county', county]), /密钥不一致/);
    const ran = await qjy(['linkage', 'link-encoded', '--db', db, '--key', join(dir, 'exchange.key'), '--partner-file', out,
      '--region', county, '--county', county, '--match', '1.01', '--review', '0.0001']);
    assert.match(ran, /对方 1 条编码记录/);

    await page.goto('/app.html#/linkage');
    await page.reload();
    await waitReady(page, 'linkage');
    const card = page.locator('#encoded');
    const row = card.locator(`tr:has(a[href="#/person/${person.person_id}"])`).first();
    await row.waitFor();
    const text = await card.innerText();
    assert.match(text, /福建省人社厅/);
    assert.ok(!text.includes(id), 'our person\'s ID is masked');
    assert.ok(!text.includes(person.name) || person.name.length < 2, 'our person\'s name is masked');
    assert.doesNotMatch(text, FULL_ID_RE);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => /\/api\/linkage\/encoded\/pairs\/\d+$/.test(r.url()) && r.request().method() === 'POST'),
      row.locator('button[data-decision=match]').click(),
    ]);
    assert.equal(resp.status(), 200);
    const matched = await call('GET', '/api/linkage/encoded/pairs?status=match');
    assert.equal(matched.status, 200);
    const mine = matched.body.pairs.filter((p) => p.person_id === person.person_id);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].decided_by.length > 0, true);
    assert.ok(mine[0].id_number.includes('*'));
  });
});
