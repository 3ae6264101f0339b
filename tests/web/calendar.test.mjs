// Next year's holidays (issue #13 §1): a deadline that runs into a year no
// State Council notice covers yet is shown as 暂定 with the note; a
// province-level officer loads the notice on the 节假日安排 page; the
// county officer's deadline is recomputed and the change is listed. The
// server runs the demo province as if on 2026-12-20 (the deadline crosses
// into 2027) and on 2027-03-01 (today itself is past the calendar):
// `qjy serve --today`, so the test does not depend on the real date.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { QJY_BIN, REPO, launchBrowser, login, newPage, screenshot, startPlatform, waitReady } from './harness.mjs';

const run = promisify(execFile);

function idCheck(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return '10X98765432'[sum % 11];
}

const { stdout: status } = await run(QJY_BIN, ['calendar', 'status']);
const covered2027 = !status.includes('2027 年节假日安排尚未公布');

for (const today of ['2026-12-20', '2027-03-01']) describe(`holiday notices, today ${today}`, { skip: covered2027 && 'the shipped calendar covers 2027 already' }, () => {
  let platform, browser, page, id;
  before(async () => {
    platform = await startPlatform({ serveArgs: ['--today', today] });
    const county = platform.facts.county;
    const body = `${county}19880411${'523'}`;
    id = body + idCheck(body);
    const csv = join(platform.dir, 'cal-person.csv');
    await writeFile(csv, `身份证号,姓名,民族,户籍地,文化程度\r\n${id},日历测试乙,汉族,${county},高中\r\n`);
    await run(QJY_BIN, ['import', 'persons', csv, '--db', platform.db, '--quiet', '--no-rejects']);
    browser = await launchBrowser();
    page = await newPage(browser, platform.base);
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const levelDeadline = async () => {
    const row = page.locator('#timeline tr:has([data-package=level_short])');
    await row.waitFor();
    return row.locator('td[data-label=期限]').innerText();
  };

  it('shows provisional deadlines, loads the notice as the province and moves them', async () => {
    await login(page, 'county');
    await page.goto('/app.html#/workbench');
    await waitReady(page, 'workbench');
    await page.fill('[data-testid=reg-id]', id);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/services/registrations')),
      page.click('[data-testid=reg-submit]'),
    ]);
    assert.equal(resp.status(), 201, await resp.text());
    const registration = await resp.json();
    assert.equal(registration.registered_on, today, 'the server runs on the --today date');
    const personId = registration.person_id;
    // Registered today: the short-term level ends in 2027, whose notice is
    // not out: the deadline is 暂定.
    const before = await levelDeadline();
    const m = before.match(/^(2027-\d\d-\d\d)（暂定）$/);
    assert.ok(m, `expected a provisional 2027 deadline, got ${before}`);
    const old = m[1];
    await screenshot(page, `calendar-person-provisional-${today}`);

    await page.goto('/app.html#/calendar');
    await waitReady(page, 'calendar');
    assert.match(await page.locator('[data-testid=provisional-note]').innerText(), /2027(、\d+)* 年节假日安排尚未公布/);
    assert.equal(await page.locator('#notice-form').count(), 0, 'a county officer cannot load notices');

    // The province officer loads a notice that makes that day a holiday.
    await page.context().clearCookies();
    await login(page, 'province');
    await page.goto('/app.html#/calendar');
    await waitReady(page, 'calendar');
    const base = await readFile(join(REPO, 'src/services/testdata/notice-2027-test.yaml'), 'utf8');
    const yaml = `${base}  - name: 测试假日\n    off: [${old}, ${old}]\n`;
    await page.setInputFiles('[data-testid=notice-file]', { name: 'notice-2027.yaml', mimeType: 'text/yaml', buffer: Buffer.from(yaml) });
    const [load] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/calendar/notices')),
      page.click('[data-testid=notice-submit]'),
    ]);
    assert.equal(load.status(), 201, await load.text());
    const next = new Date(`${old}T00:00:00Z`);
    do next.setUTCDate(next.getUTCDate() + 1); while ([0, 6].includes(next.getUTCDay()));
    const moved = next.toISOString().slice(0, 10);
    await page.locator('#deadline-changes tbody tr').first().waitFor();
    assert.match(await page.locator('#deadline-changes').innerText(), new RegExp(`${old}[\\s\\S]*${moved}`));
    assert.match(await page.locator('table.data').first().innerText(), /测试〔2026〕1号/);
    await screenshot(page, `calendar-notice-loaded-${today}`);

    // Back as the county officer: the deadline is final and the change listed.
    await page.context().clearCookies();
    await login(page, 'county');
    await page.goto(`/app.html#/workbench?person=${personId}`);
    await waitReady(page, 'workbench');
    assert.equal(await levelDeadline(), moved);
    assert.match(await page.locator('#queue').innerText(), /因载入节假日安排而变化的期限/);
  });
});
