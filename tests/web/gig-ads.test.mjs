// Issue #6 points 5–7: the ad-screening review queue and the gig-market
// board. A company posts a discriminatory ad and sees the findings and the
// warning; it is absent from the job list until the county officer approves
// it. The officer sees the per-county gig-market check (chart and table),
// posts a gig, matches a worker with registered free time, books and
// completes it; the person's record then shows a flexible-employment
// contract.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { login, newPage, pick, screenshot, usePlatform } from './harness.mjs';

// Today in Beijing: a gig can be booked up to its work date and completed
// from it on (issue 13 §4), so the whole journey happens on one day.
const beijingToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

describe('fair job ads and the gig market', () => {
  const env = usePlatform();

  it('a flagged ad waits for the county officer, who approves it', async () => {
    const { facts } = env.platform;
    const company = await newPage(env.browser, env.platform.base);
    await login(company, 'company');
    await Promise.all([company.waitForURL(/ads-review\.html/), company.click('nav a[data-route="ads-review.html"]')]);
    await company.waitForSelector('#ad-form');
    const title = `测试仓管员${Date.now() % 100000}`;
    await company.fill('input[name=title]', title);
    // Occupation and place by name: "仓库管理员" is under 4-02 (job title).
    await pick(company, '#ad-form', 'occupation_code', '仓库管理员', '4-02');
    await company.fill('input[name=wage_min]', '4000');
    await company.fill('input[name=wage_max]', '5000');
    await pick(company, '#ad-form', 'place_region', facts.county, facts.county);
    await company.fill('textarea[name=requirements]', '限男性，35岁以下，本地户口优先');
    const [resp] = await Promise.all([
      company.waitForResponse((r) => r.url().endsWith('/api/jobs') && r.request().method() === 'POST'),
      company.click('[data-testid=post-ad]'),
    ]);
    assert.equal(resp.status(), 202, await resp.text());
    const findings = await company.locator('#post-result [data-testid=findings]').innerText();
    for (const label of ['性别', '年龄', '户籍或地域']) assert.ok(findings.includes(label), `${label} flagged: ${findings}`);
    assert.ok(findings.includes('男女不限'), 'a neutral wording is suggested');
    assert.ok((await company.locator('#post-result [data-testid=warning]').innerText()).includes('黔府发〔2023〕12号'));
    await screenshot(company, 'ads-employer');
    const hidden = await company.request.get(`/api/jobs?q=${encodeURIComponent(title)}`);
    assert.equal((await hidden.json()).items.length, 0, 'not published before review');

    // A neutral ad is published at once.
    await company.fill('input[name=title]', `${title}B`);
    await company.fill('textarea[name=requirements]', '男女不限，年龄不限，男女宿舍分开，提供婚育礼金');
    const [ok] = await Promise.all([
      company.waitForResponse((r) => r.url().endsWith('/api/jobs') && r.request().method() === 'POST'),
      company.click('[data-testid=post-ad]'),
    ]);
    assert.equal(ok.status(), 201, await ok.text());

    const officer = await newPage(env.browser, env.platform.base);
    await login(officer, 'county');
    await Promise.all([officer.waitForURL(/ads-review\.html/), officer.click('nav a[data-route="ads-review.html"]')]);
    const card = officer.locator('section.card', { hasText: title }).first();
    await card.waitFor();
    const cardText = await card.innerText();
    assert.ok(cardText.includes('正文（十八）'));
    // The reviewer reads the company's and the occupation's names, not codes.
    assert.ok(cardText.includes(facts.employer.name), cardText);
    assert.ok(cardText.includes('交通运输、仓储物流和邮政业服务人员'), cardText);
    assert.ok(!cardText.includes(facts.employer.credit_code) && !cardText.includes('4-02'), cardText);
    await screenshot(officer, 'ads-review-queue');
    await Promise.all([
      officer.waitForResponse((r) => r.url().includes('/approve') && r.status() === 200),
      card.locator('[data-testid=approve]').click(),
    ]);
    const shown = await officer.request.get(`/api/jobs?q=${encodeURIComponent(title)}`);
    assert.equal((await shown.json()).items.length, 2, 'published after approval');
    // The township officer has no queue of the county.
    const other = await newPage(env.browser, env.platform.base);
    await login(other, 'township');
    const q = await other.request.get('/api/ads?status=all');
    assert.equal((await q.json()).items.length, 0);
    assert.deepEqual(company.errors, []);
    assert.deepEqual(officer.errors, []);
  });

  // Messages do not pile up: a held post after a published one leaves no
  // "已发布" banner; a refused post raises no uncaught error. An employer
  // whose ads are held three times or more is on the officers' list for
  // the labour inspection (GET /api/ads/inspection), with its ads as evidence.
  it('clears the previous outcome on each post; repeatedly held employers are listed for inspection', async () => {
    const { facts } = env.platform;
    const company = await newPage(env.browser, env.platform.base);
    await login(company, 'company');
    await company.goto('/ads-review.html');
    await company.waitForSelector('#ad-form');
    const stamp = Date.now() % 100000;
    await company.fill('input[name=title]', `测试保洁员${stamp}`);
    await pick(company, '#ad-form', 'occupation_code', '仓库管理员', '4-02');
    await company.fill('input[name=wage_min]', '4000');
    await company.fill('input[name=wage_max]', '5000');
    await pick(company, '#ad-form', 'place_region', facts.county, facts.county);
    await company.fill('textarea[name=requirements]', '男女不限，吃苦耐劳');
    const post = async () => {
      const [resp] = await Promise.all([
        company.waitForResponse((r) => r.url().endsWith('/api/jobs') && r.request().method() === 'POST'),
        company.click('[data-testid=post-ad]'),
      ]);
      return resp;
    };
    assert.equal((await post()).status(), 201);
    await company.locator('#messages', { hasText: '已发布（岗位编号' }).waitFor();

    await company.fill('input[name=title]', `测试前台${stamp}`);
    await company.fill('textarea[name=requirements]', '限女性，30岁以下');
    assert.equal((await post()).status(), 202);
    await company.locator('#messages', { hasText: '已转人社部门审核' }).waitFor();
    assert.doesNotMatch(await company.locator('#messages').innerText(), /已发布/, 'the earlier success is gone');
    assert.equal(await company.locator('#messages .msg').count(), 1);

    // Refused (no title): the reason shown, no uncaught ApiError.
    await company.fill('input[name=title]', '');
    assert.equal((await post()).status(), 400);
    await company.locator('#messages [role=alert]').waitFor();
    assert.doesNotMatch(await company.locator('#messages').innerText(), /已转人社部门审核/);
    assert.deepEqual(company.errors, []);

    // Two more held ads (through the API): three held in all.
    const csrf = await company.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    for (const [title, req] of [[`测试普工${stamp}`, '先交押金300元'], [`测试司机${stamp}`, '限男性，已婚']]) {
      const r = await company.request.post('/api/jobs', { headers: { 'X-CSRF-Token': csrf }, data: {
        title, occupation_code: '4-02', headcount: 1, wage_min_fen: 400000, wage_max_fen: 500000,
        place_region: facts.county, requirements: req } });
      assert.equal(r.status(), 202, await r.text());
    }

    const officer = await newPage(env.browser, env.platform.base);
    await login(officer, 'county');
    await officer.goto('/ads-review.html');
    const panel = officer.locator('#inspection');
    await panel.waitFor();
    const api = await (await officer.request.get('/api/ads/inspection')).json();
    const mine = api.items.find((k) => k.employer_credit_code === facts.employer.credit_code);
    assert.ok(mine && mine.held >= 3, JSON.stringify(api));
    const row = panel.locator('tbody tr', { hasText: facts.employer.name });
    assert.equal(await row.count(), 1);
    assert.match(await row.locator('[data-testid=held-count]').innerText(), new RegExp(`^${mine.held} 条`));
    const text = await row.innerText();
    for (const c of mine.categories) assert.ok(text.includes(c), `category ${c}`);
    assert.ok(mine.categories.includes('性别'));
    await row.locator('summary').click();
    for (const t of [`测试前台${stamp}`, `测试普工${stamp}`, `测试司机${stamp}`]) {
      assert.ok((await row.innerText()).includes(t), `evidence ${t}`);
    }
    assert.match(await panel.innerText(), /正文（十八）/);
    await screenshot(officer, 'ads-inspection');
    assert.deepEqual(officer.errors, []);
  });

  it('the officer checks coverage, posts a gig, books a worker and completes it', async () => {
    const { facts } = env.platform;
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'county');
    await Promise.all([page.waitForURL(/gig\.html/), page.click('nav a[data-route="gig.html"]')]);
    await page.waitForSelector('[data-testid=coverage-summary]');
    const summary = await page.locator('[data-testid=coverage-summary]').innerText();
    assert.match(summary, /共 1 个县（市、区）：按期达标 1 个/);
    await page.waitForSelector('#coverage-chart[data-ready="1"] canvas');
    const province = await page.request.get('/api/gig/markets?region=52');
    assert.equal((await province.json()).region, facts.county, 'an officer stays in the own region');

    // A worker of the county says when they are free (officer on their behalf).
    const worker = facts.inCounty[0];
    const day = beijingToday();
    const csrf = await page.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const av = await page.request.post('/api/gig/availability', {
      headers: { 'X-CSRF-Token': csrf },
      data: { person_id: worker.person_id, work_date: day, start: '07:00', end: '19:00', area_region: facts.county, min_day_pay_fen: 15000 },
    });
    assert.equal(av.status(), 201, await av.text());

    await page.fill('#gig-form input[name=title]', '搬运装卸');
    await pick(page, '#gig-form', 'employer_credit_code', facts.employer.name, facts.employer.credit_code);
    await page.fill('#gig-form input[name=work_date]', day);
    await pick(page, '#gig-form', 'place_region', facts.county, facts.county);
    await page.fill('#gig-form input[name=pay]', '220');
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/gig/posts') && r.request().method() === 'POST'),
      page.click('[data-testid=post-gig]'),
    ]);
    assert.equal(posted.status(), 201, await posted.text());
    const postId = (await posted.json()).post_id;
    await page.click(`[data-testid=match-${postId}]`);
    const panel = page.locator(`[data-testid=workers-${postId}]`);
    await panel.locator('[data-testid=book]').first().waitFor();
    assert.ok((await panel.innerText()).includes('同县'), 'reasons are shown');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/gig/posts/${postId}/book`) && r.status() === 201),
      panel.locator('[data-testid=book]').first().click(),
    ]);
    // Full now: a second booking of the same post is refused.
    const again = await page.request.post(`/api/gig/posts/${postId}/book`, {
      headers: { 'X-CSRF-Token': csrf }, data: { person_id: facts.inCounty[1].person_id } });
    assert.equal(again.status(), 409);
    // The first worker cannot come: cancelled on the page, the place is free
    // for a second worker (free that day too).
    page.once('dialog', (d) => d.accept());
    const cancel = page.locator('#gig-bookings button[data-testid^=cancel-]').first();
    await cancel.waitFor();
    const [cancelled] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/cancel')),
      cancel.click(),
    ]);
    assert.equal(cancelled.status(), 200, await cancelled.text());
    assert.equal((await cancelled.json()).status, 'cancelled');
    const second = facts.inCounty[1];
    const av2 = await page.request.post('/api/gig/availability', {
      headers: { 'X-CSRF-Token': csrf },
      data: { person_id: second.person_id, work_date: day, start: '07:00', end: '19:00', area_region: facts.county, min_day_pay_fen: 15000 },
    });
    assert.equal(av2.status(), 201, await av2.text());
    const rebook = await page.request.post(`/api/gig/posts/${postId}/book`, {
      headers: { 'X-CSRF-Token': csrf }, data: { person_id: second.person_id } });
    assert.equal(rebook.status(), 201, await rebook.text());
    await page.reload();
    await page.waitForSelector('#gig-bookings :text("已取消")');
    const complete = page.locator('#gig-bookings button[data-testid^=complete-]').first();
    await complete.waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/complete') && r.status() === 200),
      complete.click(),
    ]);
    await screenshot(page, 'gig-board');
    const person = await page.request.get(`/api/persons/${second.person_id}`);
    const contracts = (await person.json()).contracts;
    assert.ok(contracts.some((c) => c.flexible && c.start_on === day), 'a flexible-employment contract on the gig day');
    assert.deepEqual(page.errors, []);
  });
});
