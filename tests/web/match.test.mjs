// Person–job matching pages (issue #6): an officer sees a person's
// recommended jobs with the reasons and searches jobs in Chinese; a company
// sees the candidates for its own job with ID numbers masked. The generated
// province is dated 2025-06-30 (qjy gen), so matching runs on that date.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FULL_ID_RE, login, newPage, pick, screenshot, usePlatform } from './harness.mjs';

process.env.QJY_MATCH_DATE = '2025-06-30';
process.env.QJY_MATCH_ALL_PERSONS = '1';

describe('matching pages', () => {
  const env = usePlatform();

  it('officer: recommendations with reasons, and keyword search', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'county');
    await Promise.all([page.waitForURL(/match\.html/), page.click('nav a[data-route="match.html"]')]);
    const { person_id: person, name } = env.platform.facts.inCounty[0];
    // The officer chooses the person by name; the page sends the number.
    await pick(page, '#person-form', 'person', name, String(person));
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/match/persons/${person}/jobs`)),
      page.click('#person-form button[type=submit]'),
    ]);
    assert.equal(resp.status(), 200);
    const body = await resp.json();
    assert.ok(body.items.length > 0, 'the person has recommendations');
    for (let i = 1; i < body.items.length; i++) assert.ok(body.items[i - 1].score >= body.items[i].score);
    await page.waitForSelector('#recommendations table tbody tr');
    const reasons = await page.locator('#recommendations [data-testid=reasons]').first().innerText();
    assert.match(reasons, /同县|同市州|省内/);
    await screenshot(page, 'match-recommendations');

    await page.fill('#search-form input[name=q]', '焊工');
    const [s] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/match/search')),
      page.click('#search-form button[type=submit]'),
    ]);
    const found = await s.json();
    for (const item of found.items) assert.ok(item.title.includes('焊') || item.occupation_name.includes('焊'));
    await page.fill('#search-form input[name=q]', '，。！');
    const [bad] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/match/search')),
      page.click('#search-form button[type=submit]'),
    ]);
    assert.equal(bad.status(), 400);
    await page.waitForSelector('.messages :text("没有可检索的文字")');
    assert.deepEqual(page.errors, []);
  });

  it('officer: fills in a person\'s job-search profile; bad code refused, good one changes the recommendations', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'county');
    await Promise.all([page.waitForURL(/match\.html/), page.click('nav a[data-route="match.html"]')]);
    const { person_id: person, name } = env.platform.facts.inCounty[1];
    await pick(page, '#person-form', 'person', name, String(person));
    const [first] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/match/persons/${person}/jobs`)),
      page.click('#person-form button[type=submit]'),
    ]);
    const before = await first.json();
    assert.ok(before.items.length > 0);
    await page.waitForSelector('#profile-form');
    // A code outside the 2022 classification cannot be chosen: nothing is
    // offered, and the form is not sent while the box holds unchosen text.
    const occ0 = page.locator('#profile-form input[data-picker-for=occ0]');
    await occ0.fill('9-99-99');
    await page.waitForSelector('#profile-form .picker[data-name=occ0] li.picker-empty');
    assert.equal(await occ0.evaluate((e) => e.checkValidity()), false);
    assert.equal(await page.inputValue('#profile-form input[name=occ0]'), '');
    // The occupation of a job in the home county, county only.
    const county = (await (await page.request.get(`/api/match/persons/${person}/profile`)).json()).profile.home_county;
    const local = before.items.find((j) => j.place_region.startsWith(county)) ?? before.items[0];
    await pick(page, '#profile-form', 'occ0', local.occupation_code, local.occupation_code);
    await page.selectOption('#profile-form select[name=scope]', 'county');
    await page.fill('#profile-form input[name=wage]', '3000');
    const [saved, again] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/match/persons/${person}/profile`) && r.request().method() === 'PUT'),
      page.waitForResponse((r) => r.url().includes(`/api/match/persons/${person}/jobs`)),
      page.click('#profile-form button[type=submit]'),
    ]);
    assert.equal(saved.status(), 200);
    const profile = await saved.json();
    assert.equal(profile.derived, false);
    assert.equal(profile.profile.expected_wage_fen, 300000);
    assert.deepEqual(profile.profile.desired_occupations.map((o) => o.code), [local.occupation_code]);
    const after = await again.json();
    assert.ok(after.items.length > 0, 'still recommendations in the home county');
    assert.equal(after.profile_derived, false);
    for (const j of after.items) assert.ok(j.place_region.startsWith(county), `${j.place_region} is in ${county}`);
    const same = after.items.filter((j) => j.occupation_code === local.occupation_code);
    assert.ok(same.length > 0 && same.every((j) => j.reason_text.includes('职业相同')), JSON.stringify(after.items[0]));
    await page.waitForSelector('#profile-status:text("已保存")');
    await screenshot(page, 'match-profile');
    assert.deepEqual(page.errors, []);
  });

  it('company: candidates for its own job, IDs masked; not for another job', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'company');
    await Promise.all([page.waitForURL(/match-candidates\.html/), page.click('nav a[data-route="match-candidates.html"]')]);
    await page.waitForSelector('#job-form select option', { state: 'attached' });
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/candidates')),
      page.click('#job-form button[type=submit]'),
    ]);
    assert.equal(resp.status(), 200);
    const text = await resp.text();
    assert.ok(!FULL_ID_RE.test(text), 'no full ID number in the response');
    const body = JSON.parse(text);
    assert.ok(body.items.length > 0, 'candidates found');
    assert.ok(body.items.every((c) => c.id_masked.includes('*')));
    await page.waitForSelector('#candidates table tbody tr');
    // Trial 3: a candidate without a phone shows —, never a blank cell.
    for (const cell of await page.locator('#candidates td[data-label=电话]').allInnerTexts()) assert.ok(cell.trim(), 'phone cell filled');
    await screenshot(page, 'match-candidates');
    const other = await page.request.get('/api/jobs?limit=200&include_closed=1');
    const foreign = (await other.json()).items.find((j) => j.employer_credit_code !== env.platform.facts.employer.credit_code);
    if (foreign) {
      const r = await page.request.get(`/api/match/jobs/${foreign.job_id}/candidates`);
      assert.equal(r.status(), 404);
    }
    assert.deepEqual(page.errors, []);
  });
});
