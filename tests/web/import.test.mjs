// Import: a county officer uploads a persons CSV with one invalid resident
// ID; the progress bar runs to the end, the result shows the counts and the
// rejected row (行, 列, 值, 原因), the rejects file downloads with that row,
// and the valid rows are in the registry afterwards.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { FULL_ID_RE, launchBrowser, login, newPage, screenshot, startPlatform, waitReady } from './harness.mjs';

// GB 11643 check character of the first 17 digits.
export function idCheck(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return '10X98765432'[sum % 11];
}

function validId(county, birth, seq) {
  const body = `${county}${birth}${String(seq).padStart(3, '0')}`;
  return body + idCheck(body);
}

function wrongCheck(id) {
  const good = id.at(-1);
  const bad = '0123456789X'.split('').find((c) => c !== good);
  return id.slice(0, 17) + bad;
}

describe('import', () => {
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

  it('imports the valid rows and reports the invalid ID with its row and reason', async () => {
    const county = platform.facts.county;
    const good1 = validId(county, '19900307', 901);
    const good2 = validId(county, '19851120', 902);
    const bad = wrongCheck(validId(county, '19920615', 903));
    const csv = [
      '身份证号,姓名,民族,户籍地,文化程度',
      `${good1},测试导入甲,汉族,${county},本科`,
      `${bad},测试导入乙,苗族,${county},高中`,
      `${good2},测试导入丙,布依族,${county},大专`,
    ].join('\r\n') + '\r\n';

    await page.goto('/app.html#/import');
    await waitReady(page, 'import');
    await page.selectOption('#import-form select[name=entity]', 'persons');
    await page.setInputFiles('#import-form input[type=file]',
      { name: '人员台账.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const [upload] = await Promise.all([
      page.waitForResponse((r) => /\/api\/import\/persons$/.test(r.url())),
      page.click('#import-submit'),
    ]);
    assert.ok(upload.ok(), await upload.text());
    await page.locator('#import-progress').waitFor();
    const result = page.locator('#import-result [data-state]');
    await result.waitFor({ timeout: 30_000 });
    assert.equal(await result.getAttribute('data-state'), 'done');
    assert.equal(await page.locator('#import-progress [role=progressbar]').getAttribute('aria-valuenow'), '100');

    // The error table: one row, on the bad line (header = line 1 → line 3).
    const rows = page.locator('#import-result tbody tr');
    assert.equal(await rows.count(), 1);
    const cells = await rows.first().locator('td').allInnerTexts();
    const [line, column, value, reason] = cells.map((c) => c.trim());
    assert.equal(line, '3');
    assert.equal(column, '身份证号');
    assert.ok(!value.includes(bad), 'the rejected ID is shown masked');
    assert.match(reason, /校验|身份证/);
    assert.equal(await page.locator('#import-result [data-count=inserted] .num').innerText(), '2');
    assert.doesNotMatch(await page.locator('body').innerText(), FULL_ID_RE);
    await screenshot(page, 'import-result');

    // The rejects file: downloadable, holding the bad row and its reason.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#rejects-link')]);
    const path = await download.path();
    const text = (await readFile(path)).toString('utf8');
    assert.match(text, /错误原因/);
    assert.match(text, /测试导入乙/);
    assert.doesNotMatch(text, /测试导入甲|测试导入丙/);

    // The valid rows are now in the registry.
    const found = await page.request.get('/api/persons?name=' + encodeURIComponent('测试导入甲'));
    assert.equal(found.status(), 200);
    const items = (await found.json()).items;
    assert.equal(items.length, 1);

    // Its page shows the import in the change history timeline: the batch
    // entry of the import (who, which file, which rows).
    await page.goto(`/app.html#/person/${items[0].person_id}`);
    await waitReady(page, 'person');
    const history = page.locator('[data-testid=history] > li');
    assert.equal(await history.count(), 1);
    const entry = await history.first().innerText();
    assert.match(entry, /新增/);
    assert.match(entry, /导入文件：人员台账\.csv/);
    assert.match(entry, /文件行号：2-4/);
    assert.doesNotMatch(await page.locator('body').innerText(), FULL_ID_RE);
    await screenshot(page, 'imported-person-history');
    assert.deepEqual(page.errors, []);
  });

  // Issue #17 §3: a jobs XLSX whose every row is discriminatory or
  // fraudulent — all held for review. The page shows the held count (the
  // counts add up to the rows read), a table of the held rows with field,
  // reason, clause and review number, and never "全部数据通过校验".
  it('shows the held rows of a jobs file and never says all passed when rows were held', async () => {
    const { county, employer } = platform.facts;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('岗位');
    sheet.addRow(['统一社会信用代码', '岗位名称', '职业编码', '招聘人数', '最低月薪(元)', '最高月薪(元)', '工作地点',
      '岗位类型', '岗位要求', '发布日期', '截止日期']);
    sheet.addRow([employer.credit_code, '前台文员', '', 1, 3000, 4000, county, '全职', '限女性，25岁以下', '2024-05-01', '']);
    sheet.addRow([employer.credit_code, '普工', '', 10, 3000, 4000, county, '全职', '先交押金500元，身份证原件交由公司保管', '2024-05-01', '']);
    sheet.addRow([employer.credit_code, '仓管员', '', 2, 3000, 4000, county, '全职', '限男性', '2024-05-01', '']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());

    await page.goto('/app.html#/import');
    await page.reload();
    await waitReady(page, 'import');
    // An earlier success must not stay above this import's outcome.
    await page.evaluate(async () => (await import('/js/messages.js')).showOk('旧的提示：上一次操作成功'));
    await page.selectOption('#import-form select[name=entity]', 'jobs');
    await page.setInputFiles('#import-form input[type=file]', {
      name: '岗位.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
    const [upload] = await Promise.all([
      page.waitForResponse((r) => /\/api\/import\/jobs$/.test(r.url())),
      page.click('#import-submit'),
    ]);
    assert.ok(upload.ok(), await upload.text());
    const result = page.locator('#import-result [data-state]');
    await result.waitFor({ timeout: 30_000 });
    assert.equal(await result.getAttribute('data-state'), 'done');

    const count = async (k) => {
      const el = page.locator(`#import-result [data-count=${k}] .num`);
      return (await el.count()) ? Number((await el.innerText()).replace(/,/g, '')) : 0;
    };
    assert.equal(await count('rows'), 3);
    assert.equal(await count('held'), 3);
    assert.match(await page.locator('#import-result [data-count=held]').innerText(), /暂扣待审核/);
    const sum = (await Promise.all(['inserted', 'updated', 'unchanged', 'rejected', 'held'].map(count))).reduce((a, b) => a + b, 0);
    assert.equal(sum, await count('rows'), 'the counts add up to the rows read');

    const messages = await page.locator('#messages').innerText();
    assert.doesNotMatch(messages, /全部数据通过校验/);
    assert.doesNotMatch(messages, /旧的提示/);
    assert.match(messages, /已转人社部门审核/);

    const rows = page.locator('#held-rows tbody tr');
    assert.ok(await rows.count() >= 3, 'one line per reason of each held row');
    const lines = [];
    for (let i = 0; i < await rows.count(); i++) {
      lines.push((await rows.nth(i).locator('td').allInnerTexts()).map((c) => c.trim()));
    }
    // 行, 字段, 内容, 原因, 依据条款, 审核编号
    assert.deepEqual([...new Set(lines.map((l) => l[0]))].sort(), ['2', '3', '4']);
    for (const [, field, , reason, clause, review] of lines) {
      assert.equal(field, '岗位要求');
      assert.match(reason, /可能构成(就业歧视|虚假、欺诈招聘)/);
      assert.doesNotMatch(reason, /审核编号/);
      assert.equal(clause, '正文（十八）');
      assert.match(review, /^\d+$/);
    }
    const sex = lines.find((l) => l[0] === '2' && /性别/.test(l[3]));
    assert.ok(sex, JSON.stringify(lines));
    // The review number is the ad waiting in the officers' queue.
    const queued = await (await page.request.get('/api/ads?status=pending')).json();
    const ad = queued.items.find((x) => String(x.ad_id) === sex[5]);
    assert.ok(ad, `ad ${sex[5]} is pending`);
    assert.equal(ad.ad.title, '前台文员');
    await screenshot(page, 'import-held');
    assert.deepEqual(page.errors, []);
  });

  it('refuses a file that is neither CSV nor XLSX before uploading', async () => {
    await page.goto('/app.html#/import');
    await page.reload();  // same URL as before: start from a fresh page
    await waitReady(page, 'import');
    let uploads = 0;
    page.on('request', (r) => { if (r.url().includes('/api/import/')) uploads++; });
    await page.setInputFiles('#import-form input[type=file]',
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.click('#import-submit');
    assert.match(await page.locator('#messages [role=alert]').innerText(), /请上传 CSV 或 XLSX/);
    assert.equal(uploads, 0);
  });
});
