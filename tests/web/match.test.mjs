// Person–job matching pages (issue #6): an officer sees a person's
// recommended jobs with the reasons and searches jobs in Chinese; a company
// sees the candidates for its own job with ID numbers masked. The generated
// province is dated 2025-06-30 (qjy gen), so matching runs on that date.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FULL_ID_RE, login, newPage, screenshot, usePlatform } from './harness.mjs';

process.env.QJY_MATCH_DATE = '2025-06-30';
process.env.QJY_MATCH_ALL_PERSONS = '1';

describe('matching pages', () => {
  const env = usePlatform();

  it('officer: recommendations with reasons, and keyword search', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'county');
    await Promise.all([page.waitForURL(/match\.html/), page.click('nav a[data-route="match.html"]')]);
    const person = env.platform.facts.inCounty[0].person_id;
    await page.fill('#person-form input[name=person]', String(person));
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
    await screenshot(page, 'match-candidates');
    const other = await page.request.get('/api/jobs?limit=200');
    const foreign = (await other.json()).items.find((j) => j.employer_credit_code !== env.platform.facts.employer.credit_code);
    if (foreign) {
      const r = await page.request.get(`/api/match/jobs/${foreign.job_id}/candidates`);
      assert.equal(r.status(), 404);
    }
    assert.deepEqual(page.errors, []);
  });
});
