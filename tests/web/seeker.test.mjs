// A job seeker's home: GET /api/me names the person bound to the seeker's
// ID (person_id), and the home page shows that person's own record — name,
// masked ID, groups and contracts — read through GET /api/persons/{id}.
// The seeker is `qjy demo-accounts`'s seeker1, bound to the first person.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { FULL_ID_RE, QJY_BIN, PHONE, login, newPage, screenshot, startPlatform, launchBrowser } from './harness.mjs';

const run = promisify(execFile);
const DEMO_PASSWORD = 'Qjy-Demo-2023!';  // src/server/demo_accounts.h

async function sql(db, query) {
  const { stdout } = await run('sqlite3', ['-json', '-readonly', db, query]);
  return stdout.trim() ? JSON.parse(stdout) : [];
}

describe('seeker home', () => {
  let platform, browser, person, contracts;
  before(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    await run(QJY_BIN, ['demo-accounts', '--db', platform.db]);
    [person] = await sql(platform.db,
      'SELECT person_id, name FROM persons WHERE person_id = (SELECT MIN(person_id) FROM persons)');
    [contracts] = await sql(platform.db, `SELECT COUNT(*) AS n FROM contracts WHERE person_id = ${Number(person.person_id)}`);
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows the seeker their own record with the ID masked', async () => {
    const page = await newPage(browser, platform.base, PHONE);
    const [personResp] = await Promise.all([
      page.waitForResponse((r) => /\/api\/persons\/\d+$/.test(r.url())),
      login(page, 'seeker1', DEMO_PASSWORD),
    ]);
    const me = await (await page.request.get('/api/me')).json();
    assert.equal(me.user.role, 'seeker');
    assert.equal(me.user.person_id, person.person_id, 'person_id is the bound person');
    assert.equal(personResp.status(), 200);
    assert.ok(personResp.url().endsWith(`/api/persons/${person.person_id}`), personResp.url());

    assert.equal(await page.getByTestId('person-name').evaluate((e) => e.firstChild.textContent.trim()), person.name);
    const id = (await page.getByTestId('id-number').innerText()).trim();
    assert.match(id, /^\d{4}\*{10}\d{3}[\dX]$/, `masked ID: ${id}`);
    const text = await page.locator('#page').innerText();
    assert.ok(text.includes('人员类别'), 'groups shown');
    assert.ok(text.includes('劳动合同（就业登记）'), 'contracts shown');
    if (contracts.n > 0) {
      const rows = await page.locator('section:has(h2:text("劳动合同（就业登记）")) tbody tr').count();
      assert.equal(rows, contracts.n, 'one row per contract');
    } else {
      assert.ok(text.includes('暂无劳动合同记录'));
    }
    assert.ok(!FULL_ID_RE.test(text), 'no unmasked ID on the page');
    assert.ok(!text.includes('返回人员查询'), 'no officer navigation for a seeker');
    // Trial 3: the header says 求职者 once, the person's masked name and a
    // place by name; the heading has no internal number.
    const header = await page.locator('header').innerText();
    assert.equal(header.split('求职者').length - 1, 1, header);
    assert.equal((await page.getByTestId('user-name').innerText()).trim(), me.user.person_name_masked);
    assert.ok(me.user.person_name_masked && me.user.person_name_masked !== person.name, me.user.person_name_masked);
    assert.match(await page.getByTestId('region').innerText(), /[\u4e00-\u9fff]/);
    assert.doesNotMatch(await page.getByTestId('person-name').innerText(), /编号/);
    assert.deepEqual(page.errors, []);
    await screenshot(page, 'seeker-home');
    await page.context().close();
  });

  it('refuses the seeker any other person', async () => {
    const page = await newPage(browser, platform.base);
    await login(page, 'seeker1', DEMO_PASSWORD);
    const [other] = await sql(platform.db, `SELECT person_id FROM persons WHERE person_id <> ${Number(person.person_id)} LIMIT 1`);
    const r = await page.request.get(`/api/persons/${other.person_id}`);
    assert.equal(r.status(), 404);
    await page.context().close();
  });
});
