// Issue 14, "Finding people" and "One page per person": a county officer
// searches by part of a name ("张", then part of one person's name), opens
// the person page, sees the registration and the services owed with their
// deadlines, records a job recommendation (a job of the county picked by
// name; a job that does not exist is refused naming the field) and sees it
// on the page; an officer of another county can neither find nor open that
// person.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { FULL_ID_RE, QJY_BIN, launchBrowser, login, newPage, screenshot, startPlatform, waitReady } from './harness.mjs';

const run = promisify(execFile);

function idCheck(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return '10X98765432'[sum % 11];
}

// Today in Beijing, as the page's date fields default to it, and a day
// two weeks before (the registration: its "1311" is overdue by today, so
// the queue lists it).
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const twoWeeksAgo = () => new Date(Date.now() + 8 * 3600 * 1000 - 14 * 86400 * 1000).toISOString().slice(0, 10);

async function sql(db, query) {
  const { stdout } = await run('sqlite3', ['-json', '-readonly', db, query]);
  return stdout.trim() ? JSON.parse(stdout) : [];
}

describe('person search and person page', () => {
  let platform, browser, page, personId;
  const NAME = '张黔就';
  before(async () => {
    platform = await startPlatform();
    const county = platform.facts.county;
    const body = `${county}19880611${'529'}`;
    const id = body + idCheck(body);
    const dir = platform.dir;
    await writeFile(join(dir, 'pp-person.csv'), `身份证号,姓名,民族,户籍地,文化程度\r\n${id},${NAME},汉族,${county},高中\r\n`);
    await run(QJY_BIN, ['import', 'persons', join(dir, 'pp-person.csv'), '--db', platform.db, '--quiet', '--no-rejects']);
    const credit = platform.facts.employer.credit_code;
    await writeFile(join(dir, 'pp-jobs.csv'), '统一社会信用代码,岗位名称,职业编码,招聘人数,最低月薪(元),最高月薪(元),工作地点,岗位类型,岗位要求,发布日期,截止日期\r\n'
      + `${credit},人员页测试仓管员,,2,3000,4000,${county},,,2025-01-01,\r\n`);
    await run(QJY_BIN, ['import', 'jobs', join(dir, 'pp-jobs.csv'), '--db', platform.db, '--quiet', '--no-rejects']);
    [{ person_id: personId }] = await sql(platform.db, `SELECT person_id FROM persons WHERE name = '${NAME}'`);
    browser = await launchBrowser();
    page = await newPage(browser, platform.base);
    await login(page, 'county');
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  async function search(text) {
    await page.goto('/app.html#/persons');
    await page.reload();
    await waitReady(page, 'persons');
    await page.fill('[data-testid=person-q]', text);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/persons?')),
      page.click('#person-search button[type=submit]'),
    ]);
    assert.equal(resp.status(), 200, await resp.text());
    await page.locator('#results .card').waitFor();
    return resp.json();
  }

  it('finds persons by part of a name, with names of places and masked numbers', async () => {
    const data = await search('张');
    const [{ n }] = await sql(platform.db, `SELECT COUNT(*) AS n FROM persons WHERE name LIKE '%张%'
      AND (county_code = '${platform.facts.county}' OR hukou_region LIKE '${platform.facts.county}%' OR residence_region LIKE '${platform.facts.county}%')`);
    assert.ok(n >= 1);
    assert.equal(data.items.length, Math.min(n, 20), 'every 张 of the county, a page at a time');
    for (const name of await page.locator('#results tbody td:first-child').allInnerTexts()) assert.match(name, /张/);
    const table = await page.locator('#results table').innerText();
    assert.doesNotMatch(table, /\d{6,}/, 'no region code or full number in the results');
    assert.doesNotMatch(await page.locator('body').innerText(), FULL_ID_RE);
    await screenshot(page, 'person-search-zhang');
  });

  it('opens the person page: registration, obligations with deadlines, records a service and sees it', async () => {
    await search('黔就');
    const link = page.locator(`#results a[href="#/person/${personId}"]`);
    assert.equal(await link.innerText(), NAME);
    await link.click();
    await waitReady(page, 'person');
    assert.match(await page.locator('[data-testid=registrations]').innerText(), /暂无失业登记/);

    // Register (the workbench does this; here through the API, as the officer).
    const token = await page.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const reg = await page.request.post('/api/services/registrations', {
      data: { person_id: personId, on: twoWeeksAgo() }, headers: { 'X-CSRF-Token': token },
    });
    assert.equal(reg.status(), 201, await reg.text());
    await page.reload();
    await waitReady(page, 'person');
    const regs = await page.locator('[data-testid=registrations]').innerText();
    assert.match(regs, /登记中/);
    assert.match(regs, new RegExp(twoWeeksAgo()));
    const obligations = page.locator('[data-testid=obligations]');
    assert.match(await obligations.innerText(), /1311/);
    assert.match(await obligations.innerText(), /\d{4}-\d{2}-\d{2}/, 'deadlines are shown');
    assert.match(await page.locator('[data-testid=level-category]').innerText(), /服务等级/);

    // A job that does not exist is refused, naming the field.
    const token2 = await page.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const bad = await page.request.post('/api/services/records', {
      data: { person_id: personId, kind: 'job_recommendation', job_id: 9999999, on: today() },
      headers: { 'X-CSRF-Token': token2 },
    });
    assert.equal(bad.status(), 400);
    assert.match((await bad.json()).message, /推荐岗位：岗位编号 9999999 不存在/);

    // Record a recommendation with the form, the job picked by name.
    await page.fill('[data-testid=rec-job-q]', '仓管员');
    const option = page.locator('[data-testid=rec-job] option', { hasText: '人员页测试仓管员' });
    await option.waitFor({ state: 'attached' });
    const chosen = await option.getAttribute('value');
    await page.selectOption('[data-testid=rec-job]', chosen);
    // The list reloads ~300 ms after typing: the choice survives a reload,
    // also one whose list lacks the chosen job.
    for (const q of ['仓管', '没有这个岗位名称']) {
      const loads = Number(await page.locator('[data-testid=rec-job]').getAttribute('data-loads'));
      await page.fill('[data-testid=rec-job-q]', q);
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid=rec-job]').dataset.loads) > n, loads);
      assert.equal(await page.locator('[data-testid=rec-job]').inputValue(), chosen, `kept after filtering by ${q}`);
    }
    await page.fill('[data-testid=rec-outcome]', '已电话告知，本人愿意面试');
    const [rec] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/services/records')),
      page.click('[data-testid=rec-submit]'),
    ]);
    assert.equal(rec.status(), 201, await rec.text());
    await page.locator('[data-testid=records] tbody tr').first().waitFor();
    const records = await page.locator('[data-testid=records]').innerText();
    assert.match(records, /岗位推荐/);
    assert.match(records, /人员页测试仓管员/);
    assert.match(await page.locator('[data-testid=recommendations]').innerText(), /人员页测试仓管员/);
    assert.match(await page.locator('[data-testid=recommendations]').innerText(), new RegExp(platform.facts.employer.name));
    const text = await page.locator('#page').innerText();
    assert.doesNotMatch(text, FULL_ID_RE);
    assert.doesNotMatch(text, /\b(proposed|overdue|job_recommendation|employment_subsidy)\b/, 'no English codes');
    assert.deepEqual(page.errors, []);
    await screenshot(page, 'person-page-services');
  });

  // Trial 3: a township officer records a 岗位推荐 of a job outside the
  // township (a county job; townships have few of their own), and the
  // benefits section, which the role may not read (403), says so instead
  // of "try again later".
  it('a township officer recommends a county job; the benefits section says it is not for the role', async () => {
    const [p] = await sql(platform.db, `SELECT person_id FROM persons
      WHERE hukou_region LIKE '${platform.facts.township}%' AND birth_date BETWEEN '1970-01-01' AND '2004-01-01'
        AND person_id NOT IN (SELECT person_id FROM contracts) ORDER BY person_id LIMIT 1`);
    assert.ok(p, 'a person of the township without a contract');
    const town = await newPage(browser, platform.base);
    await login(town, 'township');
    const token = await town.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const reg = await town.request.post('/api/services/registrations', {
      data: { person_id: p.person_id, on: today() }, headers: { 'X-CSRF-Token': token },
    });
    assert.equal(reg.status(), 201, await reg.text());
    assert.equal((await town.request.get(`/api/benefits/persons/${p.person_id}`)).status(), 403);
    await town.goto(`/app.html#/person/${p.person_id}`);
    await waitReady(town, 'person');
    const text = await town.locator('#page').innerText();
    assert.match(text, /您的岗位无权查看失业保险待遇/);
    assert.doesNotMatch(text, /暂时无法加载/);

    await town.fill('[data-testid=rec-job-q]', '仓管员');
    const option = town.locator('[data-testid=rec-job] option', { hasText: '人员页测试仓管员' });
    await option.waitFor({ state: 'attached' });
    await town.selectOption('[data-testid=rec-job]', await option.getAttribute('value'));
    const [rec] = await Promise.all([
      town.waitForResponse((r) => r.url().endsWith('/api/services/records')),
      town.click('[data-testid=rec-submit]'),
    ]);
    assert.equal(rec.status(), 201, await rec.text());
    await town.locator('[data-testid=recommendations] tbody tr').first().waitFor();
    assert.match(await town.locator('[data-testid=recommendations]').innerText(), /人员页测试仓管员/);
    assert.deepEqual(town.errors, []);
    await town.context().close();
  });

  it('the workbench queue names the person and links to the page', async () => {
    await page.goto('/app.html#/workbench');
    await waitReady(page, 'workbench');
    const link = page.locator(`#queue a[href="#/person/${personId}"]`).first();
    await link.waitFor();
    assert.equal(await link.innerText(), NAME);
  });

  it('an officer of another county can neither find nor open the person', async () => {
    const [other] = await sql(platform.db, `SELECT county_code FROM persons
      WHERE substr(county_code, 1, 4) <> '${platform.facts.county.slice(0, 4)}' LIMIT 1`);
    const context = await browser.newContext({ baseURL: platform.base, locale: 'zh-CN' });
    const elsewhere = await context.newPage();
    elsewhere.errors = [];
    await run(QJY_BIN, ['accounts', 'create', '--db', platform.db, '--username', 'elsewhere', '--password-file',
      join(platform.dir, 'password.txt'), '--role', 'officer', '--display-name', '外县经办', '--region', other.county_code]);
    await login(elsewhere, 'elsewhere');
    const found = await elsewhere.request.get('/api/persons?q=' + encodeURIComponent('黔就'));
    assert.equal(found.status(), 200);
    assert.deepEqual((await found.json()).items, []);
    await elsewhere.goto(`/app.html#/person/${personId}`);
    await waitReady(elsewhere, 'person');
    assert.match(await elsewhere.locator('#page').innerText(), /无权访问或人员不存在/);
    assert.doesNotMatch(await elsewhere.locator('#page').innerText(), new RegExp(NAME));
    await context.close();
  });
});
