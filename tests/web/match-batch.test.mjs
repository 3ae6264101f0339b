// The officer's batch recommendation page (issue #6 points 4 and 7): a run
// for the county with progress, every seeker at most 3 distinct jobs, no job
// over its recommendation capacity (the naive top-3 beside it piles up), the
// spread charts drawn from the result, and the run scoped to the officer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { login, newPage, screenshot, usePlatform } from './harness.mjs';

process.env.QJY_MATCH_DATE = '2025-06-30';
process.env.QJY_MATCH_ALL_PERSONS = '1';

describe('batch recommendation page', () => {
  const env = usePlatform();

  it('county officer runs the batch: 3 each where feasible, capacity kept, spread charts', async () => {
    const { facts } = env.platform;
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'county');
    await Promise.all([page.waitForURL(/match-batch\.html/), page.click('nav a[data-route="match-batch.html"]')]);
    assert.equal(await page.inputValue('#batch-form input[name=region]'), facts.county);
    await page.uncheck('#batch-form input[name=registered_only]');  // the generated county has no registrations
    const [started] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/match/batch') && r.request().method() === 'POST'),
      page.click('#batch-form button[type=submit]'),
    ]);
    assert.equal(started.status(), 202, await started.text());
    const { batch_id: id } = await started.json();
    await page.waitForSelector('#batch-progress[data-state=done]', { timeout: 60000 });
    const r = (await (await page.request.get(`/api/match/batch/${id}`)).json()).result;
    assert.ok(r.seekers > 0, 'seekers of the county took part');
    assert.equal(r.seekers, facts.countyPersons, 'every person of the county (all seekers), no one else');
    assert.equal(r.ours.jobs_over_capacity, 0, 'no job over multiple x headcount');
    assert.ok(r.served <= r.demand && r.demand <= 3 * r.seekers);
    if (r.short_seekers === 0) assert.equal(r.served, r.demand);
    for (const item of r.items) {
      const ids = item.jobs.map((j) => j.job_id);
      assert.equal(new Set(ids).size, ids.length, 'distinct jobs');
      assert.ok(ids.length <= 3);
      if (ids.length < 3) assert.ok(item.shortfall.length > 0, 'a shortfall says why');
      for (const j of item.jobs) assert.ok(j.reasons.length > 0);
    }
    const sum = (a) => a.reduce((x, y) => x + y, 0);
    assert.equal(sum(r.ours.seekers_by_count), r.seekers);
    assert.equal(r.ours.load_buckets[11], 0, 'the over-capacity bucket is empty');
    assert.ok(r.score <= r.naive_score, 'the naive top-3 scores at least as much (it ignores capacity)');
    const text = await page.locator('[data-testid=batch-summary]').innerText();
    assert.ok(text.includes(`${r.seekers.toLocaleString('zh-CN')} 人参与`), text);
    await page.waitForSelector('#load-chart[data-ready="1"] canvas');
    await page.waitForSelector('#count-chart[data-ready="1"] canvas');
    await screenshot(page, 'match-batch');

    // Scope: another county is refused; someone else cannot read this run.
    const csrf = await page.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const outside = await page.request.post('/api/match/batch', { headers: { 'X-CSRF-Token': csrf }, data: { region: '5201' } });
    assert.equal(outside.status(), 404);
    const other = await newPage(env.browser, env.platform.base);
    await login(other, 'township');
    assert.equal((await other.request.get(`/api/match/batch/${id}`)).status(), 404);
    const company = await newPage(env.browser, env.platform.base);
    await login(company, 'company');
    const csrf2 = await company.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const denied = await company.request.post('/api/match/batch', { headers: { 'X-CSRF-Token': csrf2 }, data: {} });
    assert.equal(denied.status(), 403);
    assert.notEqual((await denied.json()).error, 'csrf');
    assert.deepEqual(page.errors, []);
  });
});
