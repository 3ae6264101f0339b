// Person search: by name and by region through the region picker, results
// masked (no 18-digit ID anywhere on the page), keyset "下一页", and the
// person page with its sections.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FULL_ID_RE, launchBrowser, login, newPage, screenshot, startPlatform, waitReady } from './harness.mjs';

describe('person search', () => {
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

  async function openSearch() {
    await page.goto('/app.html#/persons');
    await page.reload();  // a fresh form, whatever the previous test left
    await waitReady(page, 'persons');
    await page.locator('[data-component=region-picker] select').first().waitFor();
  }

  async function search() {
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/persons?')),
      page.click('#person-search button[type=submit]'),
    ]);
    assert.equal(resp.status(), 200);
    await page.locator('#results .card').waitFor();
    return resp.json();
  }

  it('finds persons by 姓名, masked', async () => {
    await openSearch();
    await page.fill('input[name=name]', platform.facts.name);
    const data = await search();
    const rows = page.locator('#results tbody tr');
    assert.ok(await rows.count() >= Math.min(platform.facts.nameCount, 20), "every namesake of the county is listed");
    // Part of a name matches anywhere in it (#14), so a full name finds itself and longer names holding it.
    for (const name of await page.locator('#results tbody td:first-child').allInnerTexts()) {
      assert.ok(name.trim().includes(platform.facts.name), `${name} holds ${platform.facts.name}`);
    }
    const text = await page.locator('body').innerText();
    assert.doesNotMatch(text, FULL_ID_RE);
    assert.match(text, /\d{4}\*{10}[\dX]{4}/, 'masked ID numbers are shown');
    assert.ok(data.items.every((p) => !FULL_ID_RE.test(JSON.stringify(p))), 'the API answer is masked too');
    await screenshot(page, 'persons-by-name');
  });

  it('finds persons by region (township chosen in the picker)', async () => {
    await openSearch();
    const township = platform.facts.township;
    // The first select lists the county's townships.
    await page.locator('[data-component=region-picker] select').first().selectOption(township);
    const data = await search();
    assert.ok(data.items.length > 0, 'persons in the township');
    for (const p of data.items) {
      assert.ok(p.hukou_region.startsWith(township) || p.residence_region.startsWith(township),
        `${p.person_id} lives or is registered in ${township}`);
    }
    assert.equal(await page.locator('#results tbody tr').count(), data.items.length);
    assert.doesNotMatch(await page.locator('body').innerText(), FULL_ID_RE);
    await screenshot(page, 'persons-by-region');
  });

  it('pages with 下一页 and 上一页 (keyset)', async () => {
    assert.ok(platform.facts.countyPersons > 20, 'the county has more than one page of persons');
    await openSearch();
    const first = await search();
    assert.equal(first.items.length, 20);
    const firstIds = first.items.map((p) => p.person_id);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/persons?') && r.url().includes('after=')),
      page.click('#results .next-page'),
    ]);
    const second = await resp.json();
    assert.ok(second.items.length > 0);
    assert.ok(second.items.every((p) => p.person_id > Math.max(...firstIds)), 'page 2 continues after page 1');
    await page.locator('#results').getByText('第 2 页').waitFor();
    assert.doesNotMatch(await page.locator('body').innerText(), FULL_ID_RE);
    const [back] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/persons?')),
      page.click('#results button:has-text("上一页")'),
    ]);
    assert.deepEqual((await back.json()).items.map((p) => p.person_id), firstIds);
    await page.locator('#results').getByText('第 1 页').waitFor();
  });

  it('opens a person page with groups, contracts and history, still masked', async () => {
    const id = platform.facts.inCounty[0].person_id;
    await page.goto(`/app.html#/person/${id}`);
    await waitReady(page, 'person');
    const text = await page.locator('#page').innerText();
    for (const section of ['基本信息', '人员类别', '职业资格与技能等级证书', '劳动合同（就业登记）', '变更记录']) {
      assert.ok(text.includes(section), section);
    }
    assert.equal((await page.locator('[data-testid=person-name]').innerText()).split(/\s/)[0], platform.facts.inCounty[0].name);
    assert.match(await page.locator('[data-testid=id-number]').innerText(), /^\d{4}\*{10}[\dX]{4}$/);
    assert.doesNotMatch(await page.locator('body').innerText(), FULL_ID_RE);
    await screenshot(page, 'person-page');
    assert.deepEqual(page.errors, []);
  });

  it('reveals a full ID number only with the grant and a reason', async () => {
    const id = platform.facts.inCounty[0].person_id;
    await page.goto(`/app.html#/person/${id}`);
    await page.reload();
    await waitReady(page, 'person');
    await page.locator('[data-testid=reveal-form]').evaluate((f) => { f.closest('details').open = true; });
    await page.click('[data-testid=reveal-form] button[type=submit]');
    assert.match(await page.locator('#messages [role=alert]').innerText(), /请填写查看事由/);
    await page.fill('[data-testid=reveal-form] input[name=reason]', '办理失业登记核对身份');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/persons/${id}/reveal`)),
      page.click('[data-testid=reveal-form] button[type=submit]'),
    ]);
    assert.equal(resp.status(), 200);
    const shown = await page.locator('[data-testid=id-number]').innerText();
    assert.match(shown, /^\d{17}[\dX]$/);
    assert.match(shown, FULL_ID_RE);

    // An officer of the same county without the grant gets no form, and the
    // server refuses the call itself.
    const other = await newPage(browser, platform.base);
    await login(other, 'county2');
    await other.goto(`/app.html#/person/${id}`);
    await waitReady(other, 'person');
    assert.equal(await other.locator('[data-testid=reveal-form]').count(), 0);
    const token = await other.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const denied = await other.request.post(`/api/persons/${id}/reveal`, {
      data: { field: 'id_number', reason: '测试' }, headers: { 'X-CSRF-Token': token },
    });
    assert.equal(denied.status(), 403);
    await other.context().close();
  });
});
