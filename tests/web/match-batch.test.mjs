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

    // Names, not numbers: each listed person by name (a link to their page),
    // each job with its employer's name.
    const first = r.items.find((i) => i.jobs.length > 0);
    assert.ok(first, 'someone got a recommendation');
    assert.ok(first.name.length > 0 && first.county_name.length > 0, JSON.stringify(first));
    for (const j of first.jobs) assert.ok(j.employer_name.length > 0, `employer named: ${JSON.stringify(j)}`);
    const firstRow = page.locator('#batch-result table').last().locator('tbody tr').first();
    assert.equal(await firstRow.locator('a').first().innerText(), r.items[0].name || '（未登记姓名）');
    assert.ok(!(await page.locator('#batch-result').innerText()).includes('人员编号'));

    // Recorded as 岗位推荐 service records: only persons with an open
    // registration (here the first one, registered now), once per job.
    const token = await page.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const reg = await page.request.post('/api/services/registrations', {
      data: { person_id: first.person_id, on: today }, headers: { 'X-CSRF-Token': token },
    });
    assert.equal(reg.status(), 201, await reg.text());
    const record = async () => {
      page.once('dialog', (d) => d.accept());
      const [resp] = await Promise.all([
        page.waitForResponse((x) => x.url().endsWith(`/api/match/batch/${id}/record`)),
        page.click('[data-testid=batch-record]'),
      ]);
      assert.equal(resp.status(), 200, await resp.text());
      return resp.json();
    };
    const once = await record();
    assert.equal(once.added, first.jobs.length, JSON.stringify(once));
    assert.equal(once.already, 0);
    assert.ok(once.not_registered > 0, 'the unregistered seekers are counted, not recorded');
    const twice = await record();
    assert.equal(twice.added, 0, 'a second record adds nothing');
    assert.equal(twice.already, first.jobs.length);
    assert.match(await page.locator('[data-testid=batch-recorded]').innerText(), /已记录 0 条/);
    const timeline = await (await page.request.get(`/api/services/persons/${first.person_id}`)).text();
    assert.ok(timeline.includes('批量推荐'), 'the records are on the person\'s timeline');

    // Exported as a workbook by the officer who ran it, and nobody else.
    const xlsx = await page.request.get(`/api/match/batch/${id}/export`);
    assert.equal(xlsx.status(), 200);
    assert.match(xlsx.headers()['content-type'], /spreadsheetml/);
    const bytes = await xlsx.body();
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    assert.equal(await page.getAttribute('[data-testid=batch-export]', 'href'), `/api/match/batch/${id}/export`);

    // Scope: another county is refused; someone else cannot read this run.
    const csrf = await page.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const outside = await page.request.post('/api/match/batch', { headers: { 'X-CSRF-Token': csrf }, data: { region: '5201' } });
    assert.equal(outside.status(), 404);
    const other = await newPage(env.browser, env.platform.base);
    await login(other, 'township');
    assert.equal((await other.request.get(`/api/match/batch/${id}`)).status(), 404);
    assert.equal((await other.request.get(`/api/match/batch/${id}/export`)).status(), 404);
    const company = await newPage(env.browser, env.platform.base);
    await login(company, 'company');
    const csrf2 = await company.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const denied = await company.request.post('/api/match/batch', { headers: { 'X-CSRF-Token': csrf2 }, data: {} });
    assert.equal(denied.status(), 403);
    assert.notEqual((await denied.json()).error, 'csrf');
    assert.deepEqual(page.errors, []);
  });
});
