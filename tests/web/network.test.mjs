// 服务网络 (issue #15): a county officer sees every duty of 附件4 with its
// clause and gaps, registers a village office where the county has none and
// a recruitment event last week, and sees the coverage change; a bad date is
// refused with the field named and nothing changes; an officer edits a site
// (a closing date before its opening date is refused naming the field, the
// saved values show in the registry and the old ones stay in the history);
// a 以工代赈 project paying less than 30 % as labour remuneration shows as a
// gap of its duty, and a 贵州技工 brand counts for the county.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WEB_ROOT, launchBrowser, login, newPage, screenshot, startPlatform, waitReady } from './harness.mjs';

// Monday of last week (Beijing time), as YYYY-MM-DD.
function lastWeekMonday() {
  const now = new Date(Date.now() + 8 * 3600 * 1000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 7));
  const dow = (d.getUTCDay() + 6) % 7;  // Monday = 0
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}

describe('service network coverage', () => {
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

  async function open(from) {
    await page.goto(`/app.html#/network?from=${from}`);
    await page.reload();
    await waitReady(page, 'network');
    await page.locator('[data-testid=current-offices_village]').waitFor();
  }

  async function coverage(from) {
    return page.evaluate(async (f) => {
      const r = await fetch(`/api/network/coverage?from=${f}`);
      return r.json();
    }, from);
  }

  const duty = (report, id) => report.duties.find((d) => d.id === id);

  it('shows each duty with its clause, and a village office and an event change it', async () => {
    const from = lastWeekMonday();
    await open(from);
    const before = await coverage(from);
    assert.equal(before.scope, platform.facts.county);
    const village = duty(before, 'offices_village');
    assert.equal(village.clause, '附件4（一）');
    assert.ok(village.gap_count > 0, 'the generated county has villages without an office');
    const text = await page.locator('#page').innerText();
    assert.match(text, /附件4（十一）/);
    assert.match(text, /村级就业公共服务覆盖率/);
    assert.doesNotMatch(text, /employment_office|gig_market|\bmissing\b/, 'codes are not shown');
    assert.equal(await page.locator('#coverage-chart svg').count(), 1, 'the chart is drawn');
    const weekBefore = duty(before, 'events_county_week');
    assert.equal(weekBefore.periods_met, 0);

    // A village office in the first village missing one.
    const target = village.gaps[0].code;
    await page.selectOption('#site-form select[name=tier]', 'village');
    const selects = page.locator('#site-form [data-component=region-picker] select');
    await selects.first().selectOption(target.slice(0, 9));
    await selects.nth(1).waitFor();
    await selects.nth(1).selectOption(target);
    await page.fill('#site-form input[name=name]', '测试村就业服务站');
    await page.fill('#site-form input[name=opened_on]', from);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/network/sites') && r.status() === 201),
      page.click('#site-form button[type=submit]'),
    ]);
    await page.locator('.messages').getByText('已登记服务网点').waitFor();

    // A recruitment event of the county last Monday.
    await page.selectOption('#event-form select[name=kind]', 'special');
    await page.fill('#event-form input[name=title]', '测试县周招聘会');
    await page.fill('#event-form input[name=held_on]', from);
    await page.fill('#event-form input[name=attendance]', '300');
    await page.fill('#event-form input[name=hires]', '40');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/network/events') && r.status() === 201),
      page.click('#event-form button[type=submit]'),
    ]);
    await page.locator('.messages').getByText('已登记活动').waitFor();

    const after = await coverage(from);
    assert.equal(duty(after, 'offices_village').covered, village.covered + 1);
    assert.equal(duty(after, 'offices_village').gap_count, village.gap_count - 1);
    assert.equal(duty(after, 'events_county_week').periods_met, 1);
    await page.waitForFunction((n) => document.querySelector('[data-testid=current-offices_village]')
      ?.textContent.startsWith(`${n}/`), village.covered + 1);
    await screenshot(page, 'network-coverage');
  });

  it('edits a site: a closing date before the opening is refused, a valid edit is saved', async () => {
    const from = lastWeekMonday();
    await open(from);
    // A gig market registered here, then found in the registry by its kind.
    await page.selectOption('#site-form select[name=kind]', 'gig_market');
    await page.selectOption('#site-form select[name=tier]', 'county');
    await page.locator('#site-form [data-component=region-picker] select').first().waitFor();
    await page.fill('#site-form input[name=name]', '测试零工驿站');
    await page.fill('#site-form input[name=opened_on]', '2024-03-01');
    await page.fill('#site-form input[name=staff]', '2');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/network/sites') && r.request().method() === 'POST'),
      page.click('#site-form button[type=submit]'),
    ]);
    assert.equal(created.status(), 201, await created.text());
    const id = (await created.json()).site_id;
    await page.selectOption('[data-testid=site-kind]', 'gig_market');
    const edit = page.locator(`#sites button[data-edit="${id}"]`);
    await edit.waitFor();
    await edit.click();
    const form = page.locator('#site-edit-form');
    assert.equal(await form.locator('input[name=name]').inputValue(), '测试零工驿站');
    assert.equal(await form.locator('input[name=opened_on]').inputValue(), '2024-03-01');

    await form.locator('input[name=closed_on]').fill('2024-02-01');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/network/sites/${id}`)),
      form.locator('button[type=submit]').click(),
    ]);
    assert.equal(refused.status(), 400);
    await page.locator('.messages').getByText('关闭日期').waitFor();

    await form.locator('input[name=closed_on]').fill('');
    await form.locator('input[name=staff]').fill('6');
    await form.locator('input[name=address]').fill('人民大道1号');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/network/sites/${id}`)),
      form.locator('button[type=submit]').click(),
    ]);
    assert.equal(saved.status(), 200, await saved.text());
    await page.locator('.messages').getByText('已保存服务网点').waitFor();
    const site = await page.evaluate(async (siteId) => {
      const r = await fetch('/api/network/sites?kind=gig_market');
      return (await r.json()).items.find((s) => s.site_id === siteId);
    }, id);
    assert.equal(site.staff, 6);
    assert.equal(site.address, '人民大道1号');
    assert.equal(site.closed_on, '');
    assert.equal(site.opened_on, '2024-03-01');
    await screenshot(page, 'network-site-edit');
  });

  it('draws every duty title whole and inside the chart', async () => {
    await open(lastWeekMonday());
    await page.locator('#coverage-chart svg text').first().waitFor();
    const labels = await page.evaluate(() => {
      const svg = document.querySelector('#coverage-chart svg').getBoundingClientRect();
      return [...document.querySelectorAll('#coverage-chart svg text')].map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent, inside: r.left >= svg.left - 1 && r.right <= svg.right + 1 && r.top >= svg.top - 1 && r.bottom <= svg.bottom + 1 };
      });
    });
    const report = await coverage(lastWeekMonday());
    const titles = report.duties.filter((d) => d.applicable).map((d) => d.title);
    assert.ok(titles.some((t) => [...t].length > 13), 'some title is long enough to wrap');
    const all = labels.map((l) => l.text).join('');
    for (const t of titles) assert.ok(all.includes(t.slice(0, 13)), `${t} is drawn`);
    assert.deepEqual(labels.filter((l) => !l.inside || /\.\.\.|…/.test(l.text)), [], 'no label cut off or truncated');
  });

  it('serves the favicon every page links', async () => {
    const icon = await page.evaluate(async () => {
      const link = document.querySelector('link[rel=icon]');
      const r = await fetch(link.href);
      return { href: link.getAttribute('href'), status: r.status, type: r.headers.get('content-type'), body: await r.text() };
    });
    assert.equal(icon.href, 'favicon.svg');
    assert.equal(icon.status, 200);
    assert.equal(icon.type, 'image/svg+xml');
    assert.match(icon.body, /^<svg /);
    const { readdirSync, readFileSync } = await import('node:fs');
    const pages = readdirSync(WEB_ROOT).filter((f) => f.endsWith('.html'));
    assert.ok(pages.length >= 10);
    for (const f of pages) {
      assert.match(readFileSync(`${WEB_ROOT}/${f}`, 'utf8'), /<link rel="icon" href="favicon\.svg" type="image\/svg\+xml">/, f);
    }
  });

  it('records a county team visit with the note that no duty counts it', async () => {
    const from = lastWeekMonday();
    await open(from);
    const note = page.locator('#event-team-note');
    assert.equal(await note.isVisible(), false);
    await page.selectOption('#event-form select[name=kind]', 'service_team');
    await note.waitFor({ state: 'visible' });
    assert.match(await note.innerText(), /本级无考核要求，不计入就业创业服务团队服务活动次数（附件4（十七）只对省级、市（州）级规定了次数）/);
    await page.fill('#event-form input[name=title]', '就业服务进社区');
    await page.fill('#event-form input[name=held_on]', from);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/network/events')),
      page.click('#event-form button[type=submit]'),
    ]);
    assert.equal(resp.status(), 201, await resp.text());
    assert.equal((await resp.json()).counted, false);
    await page.locator('.messages').getByText('已登记活动：就业服务进社区。本级无考核要求').waitFor();
    assert.equal(await note.isVisible(), false, 'the form is reset to a recruitment event');
  });

  it('refuses an event dated in the future, naming the field', async () => {
    const from = lastWeekMonday();
    await open(from);
    const before = await coverage(from);
    await page.fill('#event-form input[name=title]', '明年的招聘会');
    await page.fill('#event-form input[name=held_on]', '2099-01-05');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/network/events')),
      page.click('#event-form button[type=submit]'),
    ]);
    assert.equal(resp.status(), 400);
    await page.locator('.messages').getByText('举办日期').waitFor();
    const after = await coverage(from);
    assert.deepEqual(duty(after, 'events_county_week'), duty(before, 'events_county_week'));
  });
  it('registers a work-relief project below the 30 % share and a 贵州技工 brand, and the report counts them', async () => {
    const from = lastWeekMonday();
    await open(from);
    const before = await coverage(from);
    const labour = duty(before, 'relief_labour_share');
    assert.equal(labour.clause, '附件2（六）');
    const skills = duty(before, 'skill_brand_county');

    const form = page.locator('#relief-form');
    await form.locator('[data-component=region-picker] select').first().waitFor();
    await form.locator('input[name=name]').fill('测试产业路硬化项目');
    await form.locator('input[name=year]').fill(from.slice(0, 4));
    await form.locator('input[name=central]').fill('100000');
    await form.locator('input[name=labour]').fill('25000.50');
    await form.locator('input[name=posts]').fill('40');
    await form.locator('input[name=local_employed]').fill('30');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/network/relief-projects') && r.request().method() === 'POST'),
      form.locator('button[type=submit]').click(),
    ]);
    assert.equal(created.status(), 201, await created.text());
    await page.locator('.messages').getByText('已登记以工代赈项目').waitFor();
    const row = page.locator('#relief tr', { hasText: '测试产业路硬化项目' });
    await row.waitFor();
    assert.match(await row.innerText(), /25\.00%/);
    assert.match(await row.innerText(), /25,000\.50/);

    const brand = page.locator('#brand-form');
    await brand.locator('select[name=kind]').selectOption('skill_brand');
    await brand.locator('input[name=name]').fill('测试焊工');
    const [made] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/network/brands') && r.request().method() === 'POST'),
      brand.locator('button[type=submit]').click(),
    ]);
    assert.equal(made.status(), 201, await made.text());
    await page.locator('#brands tr', { hasText: '测试焊工' }).waitFor();

    const after = await coverage(from);
    const labourAfter = duty(after, 'relief_labour_share');
    assert.equal(labourAfter.places, labour.places + 1);
    assert.equal(labourAfter.gap_count, labour.gap_count + 1);
    assert.equal(labourAfter.status, 'missing');
    assert.ok(labourAfter.gaps.some((g) => g.name.startsWith('测试产业路硬化项目') && g.detail.includes('25.00%')));
    await page.waitForFunction(() => document.querySelector('[data-testid=status-relief_labour_share]')?.textContent === '未达标');
    const text = await page.locator('#page').innerText();
    assert.doesNotMatch(text, /labour_brand|skill_brand|relief_labour_share/, 'codes are not shown');
    // The county's count of 贵州技工 brands rose by one (3 make the county covered).
    const mine = (r) => r.gaps.find((g) => g.code === platform.facts.county);
    const had = mine(skills) ? Number(/(\d+) 个/.exec(mine(skills).detail)[1]) : 3;
    const afterSkills = duty(after, 'skill_brand_county');
    if (had + 1 < 3) assert.match(mine(afterSkills).detail, new RegExp(`${had + 1} 个`));
    else assert.equal(mine(afterSkills), undefined);
    await screenshot(page, 'network-relief');
  });
});
