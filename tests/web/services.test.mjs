// Officer workbench (黔府发〔2023〕12号 annexes 3-4): the registration form
// validates the resident ID as it is typed; a county officer registers a
// person, records three job recommendations for three different jobs and
// sees the short-term obligation (A3(六)2: 不少于3次岗位推荐) met, while
// "1311" is still due; the compliance dashboard draws its chart.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { FULL_ID_RE, QJY_BIN, launchBrowser, login, newPage, pick, screenshot, startPlatform, waitReady } from './harness.mjs';

const run = promisify(execFile);

// GB 11643 check character of the first 17 digits.
function idCheck(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return '10X98765432'[sum % 11];
}

describe('services workbench', () => {
  let platform, browser, page, id, jobs;
  before(async () => {
    platform = await startPlatform();
    const county = platform.facts.county;
    const body = `${county}19900307${'917'}`;
    id = body + idCheck(body);
    const csv = join(platform.dir, 'svc-person.csv');
    await writeFile(csv, `身份证号,姓名,民族,户籍地,文化程度\r\n${id},服务测试甲,汉族,${county},高中\r\n`);
    await run(QJY_BIN, ['import', 'persons', csv, '--db', platform.db, '--quiet', '--no-rejects']);
    // Three jobs of the county open on the test's dates: a recommendation
    // must name a job that exists, is open and is in the officer's region (#14).
    const jobsCsv = join(platform.dir, 'svc-jobs.csv');
    const credit = platform.facts.employer.credit_code;
    await writeFile(jobsCsv, '统一社会信用代码,岗位名称,职业编码,招聘人数,最低月薪(元),最高月薪(元),工作地点,岗位类型,岗位要求,发布日期,截止日期\r\n'
      + ['服务测试焊工', '服务测试电工', '服务测试保洁'].map((t) => `${credit},${t},,2,3000,4000,${county},,,2025-01-01,\r\n`).join(''));
    await run(QJY_BIN, ['import', 'jobs', jobsCsv, '--db', platform.db, '--quiet', '--no-rejects']);
    const { stdout } = await run('sqlite3', ['-json', platform.db,
      "SELECT job_id FROM jobs WHERE title LIKE '服务测试%' ORDER BY job_id"]);
    jobs = JSON.parse(stdout).map((r) => r.job_id);
    browser = await launchBrowser();
    page = await newPage(browser, platform.base);
    await login(page, 'county');
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('validates the ID as you type, registers, records three recommendations and shows the obligation met', async () => {
    await page.goto('/app.html#/workbench');
    await waitReady(page, 'workbench');
    const hint = page.locator('[data-testid=reg-id-hint]');
    const submit = page.locator('[data-testid=reg-submit]');
    // Trial 3: nothing typed is no error yet; the 生活困难 checkbox sits on
    // its label's line at a checkbox's size; a township's full name fits.
    assert.notEqual(await hint.getAttribute('class'), 'bad');
    assert.doesNotMatch(await hint.innerText(), /请输入/);
    const box = await page.locator('[data-testid=reg-living]').boundingBox();
    assert.ok(box.width < 30 && box.height < 30, `checkbox ${box.width}×${box.height}`);
    // The label's text starts on the checkbox's line, not below it.
    const gap = await page.locator('[data-testid=reg-living]').evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el.parentElement.lastChild);
      const text = range.getClientRects()[0];
      const b = el.getBoundingClientRect();
      return Math.abs((text.top + text.bottom) / 2 - (b.top + b.bottom) / 2);
    });
    assert.ok(gap < 12, `checkbox on the label's first line (centres ${gap} px apart)`);
    const fits = await page.locator('[data-testid=reg-region]').evaluate((el) => {
      const before = el.value;
      el.value = '贵州省毕节市七星关区水箐镇';
      const ok = el.scrollWidth <= el.clientWidth;
      el.value = before;
      return ok;
    });
    assert.ok(fits, 'the place of registration is not cut off');
    await page.fill('[data-testid=reg-id]', id.slice(0, 10));
    assert.match(await hint.innerText(), /还差 8 位/);
    assert.ok(await submit.isDisabled());
    const wrong = id.slice(0, 17) + '0123456789X'.split('').find((c) => c !== id.at(-1));
    await page.fill('[data-testid=reg-id]', wrong);
    assert.match(await hint.innerText(), /校验码错误/);
    assert.ok(await submit.isDisabled());
    await page.fill('[data-testid=reg-id]', id);
    assert.match(await hint.innerText(), /号码有效/);
    assert.ok(await submit.isEnabled());

    await page.fill('[data-testid=as-of]', '2025-03-04');
    await page.fill('[data-testid=reg-on]', '2025-03-03');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/services/registrations')),
      submit.click(),
    ]);
    assert.equal(resp.status(), 201, await resp.text());
    await page.locator('#timeline [data-package=level_short]').waitFor();
    assert.equal(await page.locator('#timeline [data-package=level_short]').getAttribute('data-status'), 'due');
    assert.match(await page.locator('[data-testid=level]').innerText(), /短期失业/);

    // Registering again while open is refused.
    await page.fill('[data-testid=reg-id]', id);
    const [again] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/services/registrations')),
      page.click('[data-testid=reg-submit]'),
    ]);
    assert.equal(again.status(), 409);

    let n = 0;
    assert.equal(jobs.length, 3);
    for (const job of jobs) {
      await page.selectOption('[data-testid=rec-kind]', 'job_recommendation');
      await page.fill('[data-testid=rec-on]', '2025-03-04');
      await pick(page, '#record-form', 'job_id', '服务测试', String(job));  // chosen by title
      const [r] = await Promise.all([
        page.waitForResponse((x) => x.url().includes('/api/services/records')),
        page.click('[data-testid=rec-submit]'),
      ]);
      assert.equal(r.status(), 201, await r.text());
      await page.locator(`#timeline[data-records="${++n}"]`).waitFor();
    }
    // Trial 3: a refused recommendation (the job not yet open on the day)
    // says why once, without the general prefix; then 职业指导 is recorded
    // without the job left in the form.
    await page.fill('[data-testid=rec-on]', '2024-12-01');
    await pick(page, '#record-form', 'job_id', '服务测试', String(jobs[0]));
    const [refused] = await Promise.all([
      page.waitForResponse((x) => x.url().includes('/api/services/records')),
      page.click('[data-testid=rec-submit]'),
    ]);
    assert.equal(refused.status(), 400);
    await page.locator('#messages').getByText('不在招聘期内').waitFor();
    assert.doesNotMatch(await page.locator('#messages').innerText(), /请求内容有误/);
    await page.selectOption('[data-testid=rec-kind]', 'career_guidance');
    await page.fill('[data-testid=rec-on]', '2025-03-04');
    const [guided] = await Promise.all([
      page.waitForResponse((x) => x.url().includes('/api/services/records')),
      page.click('[data-testid=rec-submit]'),
    ]);
    assert.equal(guided.status(), 201, await guided.text());
    await page.locator(`#timeline[data-records="${++n}"]`).waitFor();
    const shortTerm = page.locator('#timeline [data-package=level_short]');
    await page.waitForFunction(() => document.querySelector('#timeline [data-package=level_short]')?.dataset.status === 'met');
    assert.equal(await shortTerm.innerText(), '按时完成');
    assert.equal(await page.locator('#timeline [data-package="1311"]').getAttribute('data-status'), 'due');
    assert.equal(await page.locator('#timeline table').last().locator('tbody tr').count(), 1);
    assert.doesNotMatch(await page.locator('body').innerText(), FULL_ID_RE);
    await screenshot(page, 'services-workbench');
  });

  it('shows the compliance dashboard', async () => {
    await page.goto('/app.html#/compliance?as_of=2025-03-20');
    await waitReady(page, 'compliance');
    const text = await page.locator('#page').innerText();
    assert.match(text, /按时服务率/);
    assert.match(text, /短期失业/);
    // One registration: its "1311" is overdue and its short-term package met
    // on time as of 2025-03-20, so the county's on-time share is 50.0%.
    await page.locator('#compliance-chart canvas, #page table').first().waitFor();
    const compliance = await page.request.get('/api/services/compliance?as_of=2025-03-20');
    assert.equal(compliance.status(), 200);
    const total = (await compliance.json()).total;
    assert.equal(total.met_on_time, 1);
    assert.equal(total.overdue, 1);
    assert.match(await page.locator('#page').innerText(), /50\.0%/);
    assert.deepEqual(page.errors, []);
    await screenshot(page, 'services-compliance');
  });
});
