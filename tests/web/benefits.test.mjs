// 失业保险金 (issue #16 §1): a county officer refuses an application of a
// person without contribution months (the count and the clause shown),
// grants one from the generated months, runs the first month (paid once,
// the medical fee with it), and stops the claim; no full ID number is shown.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { FULL_ID_RE, launchBrowser, login, newPage, pick, screenshot, startPlatform, waitReady } from './harness.mjs';

const run = promisify(execFile);
async function sql(db, query) {
  const { stdout } = await run('sqlite3', ['-json', '-readonly', db, query]);
  return stdout.trim() ? JSON.parse(stdout) : [];
}

// The first day of the month after "YYYY-MM".
function nextMonthFirst(month) {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

describe('unemployment-insurance benefits', () => {
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

  async function open() {
    await page.goto('/app.html#/benefits');
    await page.reload();
    await waitReady(page, 'benefits');
  }

  async function apply(personId, on) {
    // The officer chooses the applicant by name; the page sends the number.
    const [{ name }] = await sql(platform.db, `SELECT name FROM persons WHERE person_id = ${Number(personId)}`);
    await pick(page, '#apply-form', 'person_id', name, String(personId));
    await page.fill('#apply-form input[name=applied_on]', on);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/benefits/claims') && r.request().method() === 'POST'),
      page.click('#apply-form button[type=submit]'),
    ]);
    return { status: resp.status(), body: await resp.json() };
  }

  it('refuses too few months, grants, pays a month once and stops', async () => {
    const c = platform.facts.county;
    const [none] = await sql(platform.db, `SELECT person_id FROM persons WHERE county_code = '${c}'
      AND person_id NOT IN (SELECT person_id FROM contributions) ORDER BY person_id LIMIT 1`);
    assert.ok(none, 'the generated county has a person without contribution months');
    const candidates = await sql(platform.db, `SELECT person_id, MAX(month) AS last, COUNT(DISTINCT month) AS n
      FROM contributions WHERE county_code = '${c}' AND (kinds & 2) <> 0 GROUP BY person_id HAVING n >= 12
      ORDER BY n DESC, person_id LIMIT 40`);
    assert.ok(candidates.length > 0, 'someone in the county has 12 UI months');
    await open();

    const refused = await apply(none.person_id, '2025-03-04');
    assert.equal(refused.status, 201);
    assert.equal(refused.body.granted, false);
    assert.equal(refused.body.decision, '累计缴费0个月，不足12个月（《失业保险条例》第十四条）');
    await page.locator(`[data-testid=decision-${refused.body.claim_id}]`).getByText('第十四条').waitFor();

    // The month after the last contribution month, when no contract is in
    // force: the first candidate the registry shows unemployed then.
    let granted = null;
    for (const k of candidates) {
      const r = await apply(k.person_id, nextMonthFirst(k.last));
      if (r.status === 201 && r.body.granted) {
        granted = { ...r.body, months: k.n };
        break;
      }
    }
    assert.ok(granted, 'one candidate is granted');
    const expected = granted.months >= 120 ? 24 : granted.months >= 60 ? 18 : 12;
    assert.equal(granted.duration_months, expected);
    await page.locator(`[data-testid=status-${granted.claim_id}]`).getByText('在领').waitFor();

    for (let i = 0; i < 2; ++i) {
      await page.fill('#run-form input[name=month]', granted.first_month);
      const [resp] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/benefits/runs')),
        page.click('#run-form button[type=submit]'),
      ]);
      assert.equal(resp.status(), 200);
      const body = await resp.json();
      assert.equal(body.paid + body.stopped, i === 0 ? 1 : 0, 'the month is handled once');
    }
    const list = await page.evaluate(async () => (await fetch('/api/benefits/claims')).json());
    const claim = list.items.find((x) => x.claim_id === granted.claim_id);
    assert.ok(claim.months_paid === 1 || claim.status === 'stopped');

    if (claim.status === 'active') {
      await page.click(`[data-testid=status-${granted.claim_id}] >> xpath=ancestor::tr >> summary`);
      const form = page.locator(`[data-testid=stop-form-${granted.claim_id}]`);
      await form.locator('select[name=reason]').selectOption('迁出');
      await form.locator('input[name=month]').fill(nextMonthFirst(granted.first_month).slice(0, 7));
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/stop') && r.status() === 200),
        form.locator('button[type=submit]').click(),
      ]);
      await page.locator(`[data-testid=status-${granted.claim_id}]`).getByText('迁出').waitFor();
    }
    const text = await page.locator('#page').innerText();
    assert.doesNotMatch(text, FULL_ID_RE, 'no full ID number on the page');
    assert.doesNotMatch(text, /\bactive\b|\brefused\b/, 'codes are not shown');
    await screenshot(page, 'benefits');
  });
});
