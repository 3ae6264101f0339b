// 服务网络 quality (issue #15): a county officer sees the institutions its
// county must evaluate for last year (正文（十三）), enters an evaluation
// for one not yet evaluated and sees it listed with its result and the
// county's missing count fall; a score above the criterion's points is
// refused naming the criterion and nothing changes; the HR agencies show
// their rating in force or 未评级 (附件4（二）).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, login, newPage, screenshot, startPlatform, waitReady } from './harness.mjs';

describe('service network evaluations and agency ratings', () => {
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

  const get = (url) => page.evaluate(async (u) => (await fetch(u)).json(), url);

  it('enters an evaluation and sees the county evaluated', async () => {
    await page.goto('/app.html#/network');
    await page.reload();
    await waitReady(page, 'network');
    await page.locator('[data-testid=evaluation-summary]').waitFor();
    const before = await get('/api/network/evaluations');
    assert.equal(before.scheme.clause, '正文（十三）');
    assert.ok(before.due > 0, 'the generated county has institutions to evaluate');
    const text = await page.locator('#evaluations').innerText();
    assert.match(text, /每年组织对就业公共服务机构进行评估/);
    assert.match(text, /均等化/);
    assert.match(text, new RegExp(`应评估 ${before.due} 个机构，已评估 ${before.evaluated} 个`));

    // An institution not yet evaluated; if the generator evaluated them all,
    // a correction of the first one.
    const target = before.items.find((x) => !x.evaluation) || before.items[0];
    const wasMissing = !target.evaluation;

    // A score above the criterion's points: refused, naming it; nothing stored.
    const csrf = await page.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const res = await page.request.post(`/api/network/sites/${target.site_id}/evaluations`, {
      headers: { 'X-CSRF-Token': csrf },
      data: { year: before.year, scores: { equal: 25, smart: 10, precise: 10, diverse: 10, standard: 10 }, evaluated_on: `${before.year + 1}-01-15`, evaluator: '测试' },
    });
    const bad = { status: res.status(), body: await res.json() };
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /评分「均等化」：25 须在 0—20 分之间/);
    assert.equal((await get('/api/network/evaluations')).evaluated, before.evaluated);

    await page.selectOption('#evaluation-form select[name=site_id]', String(target.site_id));
    for (const [id, v] of [['equal', 19], ['smart', 18], ['precise', 18], ['diverse', 17], ['standard', 19]]) {
      await page.fill(`#evaluation-form input[name=score_${id}]`, String(v));
    }
    await page.fill('#evaluation-form input[name=evaluated_on]', `${before.year + 1}-01-15`);
    await page.fill('#evaluation-form input[name=evaluator]', '测试县人力资源和社会保障局');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/network/sites/${target.site_id}/evaluations`) && r.status() === 201),
      page.click('#evaluation-form button[type=submit]'),
    ]);
    await page.locator('.messages').getByText('总分 91，优秀').waitFor();
    await page.locator(`[data-testid=evaluation-${target.site_id}]`).getByText('优秀').waitFor();
    const after = await get('/api/network/evaluations');
    assert.equal(after.evaluated, before.evaluated + (wasMissing ? 1 : 0));
    assert.equal(after.missing, before.missing - (wasMissing ? 1 : 0));
    await page.locator('[data-testid=evaluation-summary]').getByText(`已评估 ${after.evaluated} 个`).waitFor();
    await screenshot(page, 'network-evaluation');
  });

  it('shows each HR agency with its rating or 未评级, and the duty counts only 优质', async () => {
    const r = await get('/api/network/agency-ratings');
    assert.equal(r.scheme.clause, '附件4（二）');
    const text = await page.locator('#agency-ratings').innerText();
    assert.match(text, /评为优质/);
    for (const a of r.items) {
      assert.equal(await page.locator(`[data-testid=rating-${a.site_id}]`).innerText(), a.current_label);
    }
    const coverage = await get('/api/network/coverage');
    const duty = coverage.duties.find((d) => d.id === 'hr_agency_county');
    assert.match(duty.requirement, /评为优质/);
    assert.equal(duty.covered, r.summary.quality > 0 ? 1 : 0);
  });

  it('records a lapsed licence on a 优质 agency through the form and it stops counting', async () => {
    let before = await get('/api/network/agency-ratings');
    assert.equal(before.scope_scheme.clause, '第十八条');
    // The target: an agency counted as 优质 with no licence recorded yet (the
    // generated province records licences for most agencies, some lapsed).
    const candidate = (items) => items.find((a) => a.counted && a.licence_state === '未登记');
    if (!candidate(before.items)) {
      // None: rate one without a licence 优质 today.
      const unlicensed = before.items.find((a) => a.licence_state === '未登记');
      assert.ok(unlicensed, 'an agency of the county has no licence recorded');
      const csrf = await page.evaluate(() => sessionStorage.getItem('qjy.csrf'));
      const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
      const res = await page.request.post(`/api/network/sites/${unlicensed.site_id}/ratings`, {
        headers: { 'X-CSRF-Token': csrf }, data: { grade: 'quality', rated_on: today, rated_by: '测试市人社局' } });
      assert.equal(res.status(), 201, await res.text());
      await page.reload();
      await waitReady(page, 'network');
      await page.locator('#licence-form').waitFor();
      before = await get('/api/network/agency-ratings');
    }
    const target = candidate(before.items);
    assert.ok(target, 'an agency of the county is rated 优质');
    await page.selectOption('#licence-form select[name=site_id]', String(target.site_id));
    await page.fill('#licence-form input[name=licence_no]', '（黔）人服证字〔2022〕第0099号');
    await page.fill('#licence-form input[name=issuer]', '测试市人力资源和社会保障局');
    await page.fill('#licence-form input[name=valid_from]', '2022-01-01');
    await page.fill('#licence-form input[name=valid_to]', '2024-12-31');
    await page.check('#licence-form input[name=scope][value=job_fair]');
    await page.check('#licence-form input[name=scope][value=online_recruit]');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/network/sites/${target.site_id}/licences`) && r.status() === 201),
      page.click('#licence-form button[type=submit]'),
    ]);
    await page.locator(`[data-testid=licence-${target.site_id}]`).getByText('已过有效期').waitFor();
    assert.equal(await page.locator(`[data-testid=scope-${target.site_id}]`).innerText(), '组织开展现场招聘会、开展网络招聘');
    const after = await get('/api/network/agency-ratings');
    assert.equal(after.summary.quality, before.summary.quality - 1);
    assert.equal(after.summary.lapsed, before.summary.lapsed + 1);
    await page.locator('[data-testid=agency-summary]').getByText(`许可证已过有效期（不计入）${after.summary.lapsed} 个`).waitFor();
    if (after.summary.quality === 0) {
      const duty = (await get('/api/network/coverage')).duties.find((d) => d.id === 'hr_agency_county');
      assert.equal(duty.covered, 0);
      assert.match(duty.gaps[0].detail, new RegExp(`许可证已过有效期 ${after.summary.lapsed} 个（不计入）`));
    }
    await screenshot(page, 'network-agency-licence');
  });
});
