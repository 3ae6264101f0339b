// 劳务协作站 monthly work (issue #15, 附件2（三）, 附件4（四）): a county
// officer opens its county's station (outside Guizhou) from the 服务网点名录,
// records two months through the form and sees them in the table, the
// totals and the chart; a negative count and the same month twice are
// refused naming the field, nothing stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, login, newPage, screenshot, startPlatform, waitReady } from './harness.mjs';

describe('labour-cooperation station work', () => {
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

  const post = async (url, data) => {
    const csrf = await page.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const res = await page.request.post(url, { headers: { 'X-CSRF-Token': csrf }, data });
    return { status: res.status(), body: await res.json() };
  };
  const get = (url) => page.evaluate(async (u) => (await fetch(u)).json(), url);
  const month = (back) => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - back);
    return d.toISOString().slice(0, 7);
  };

  it('records months on the station page and sees the chart', async () => {
    await page.goto('/app.html#/network');
    await waitReady(page, 'network');
    // The generated county runs a 县级工作站 outside Guizhou.
    const sites = await get('/api/network/sites?kind=labour_station');
    const station = sites.items.find((x) => x.tier_label === '县级' && x.open);
    assert.ok(station, 'the generated county runs a 县级工作站');
    const id = station.site_id;

    await page.reload();
    await waitReady(page, 'network');
    await page.selectOption('[data-testid=site-kind]', 'labour_station');
    await page.locator(`#sites a[data-site="${id}"]`).click();
    await page.locator('#station h1').getByText(station.name).waitFor();
    assert.match(await page.locator('#station').innerText(), /县级工作站，设在/);

    // The generated province already holds this station's months up to its
    // as-of date; the two recorded here are added to them.
    const base = await get(`/api/network/stations/${id}/work`);
    for (const [m, values] of [[month(2), [120, 30, 25, 2]], [month(1), [80, 12, 10, 0]]]) {
      await page.fill('#station-work-form input[name=month]', m);
      for (const [k, v] of ['jobs_collected', 'placed', 'retained', 'rights_cases'].map((k, i) => [k, values[i]])) {
        await page.fill(`#station-work-form input[name=${k}]`, String(v));
      }
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/network/stations/${id}/work`) && r.request().method() === 'POST' && r.status() === 201),
        page.click('#station-work-form button[type=submit]'),
      ]);
      await page.locator(`#station-months [data-month="${m}"]`).waitFor();
    }
    const t = base.totals;
    await page.locator('[data-testid=station-totals]').getByText(
      `已登记 ${base.months.length + 2} 个月：收集岗位 ${t.jobs_collected + 200} 个，输出就业 ${t.placed + 42} 人，` +
      `稳岗 ${t.retained + 35} 人，维权案件 ${t.rights_cases + 2} 件`).waitFor();
    await page.locator('#station-chart svg').waitFor();
    // The month axis (labels thin out when the generated months are many).
    assert.match(await page.locator('#station-chart').innerText(), base.months.length ? /\d{4}-\d{2}/ : new RegExp(month(2)));

    // Bad input: a negative count, the same month twice — refused, nothing stored.
    let bad = await post(`/api/network/stations/${id}/work`, { month: month(0), jobs_collected: 1, placed: -1, retained: 0, rights_cases: 0 });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /输出就业人数：-1 不能为负数/);
    bad = await post(`/api/network/stations/${id}/work`, { month: month(1), jobs_collected: 1, placed: 1, retained: 0, rights_cases: 0 });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /月份：该站 .* 已有工作记录/);
    assert.equal((await get(`/api/network/stations/${id}/work`)).months.length, base.months.length + 2);
    await screenshot(page, 'network-station');
  });
});
