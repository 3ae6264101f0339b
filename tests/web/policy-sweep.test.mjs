// 政策找企业 as a background job, seen again after a reload and by the other
// officers of the region (GET /api/policy/sweep): the county officer starts
// a sweep on the page and reloads — the progress box shows it again, as
// theirs; a second officer of the county opening the page sees the same
// sweep with who started it. A township officer's sweep says that it covers
// the township's own persons in one step and never shows a bare 0/0.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { login, newPage, screenshot, sweepOnPage, usePlatform } from './harness.mjs';

describe('policy sweep job', () => {
  const env = usePlatform();

  async function openReview(page) {
    await page.goto('/policy-review.html');
    await page.waitForSelector('#list');
  }

  it('is found again after a reload and shown to the other officers of the county', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'county');
    await openReview(page);
    await page.fill('input[name=date]', '2023-09-01');
    const job = await sweepOnPage(page);
    assert.equal(job.state, 'done');
    assert.equal(job.started_by, 'county');

    await page.reload();
    await page.waitForSelector('#sweep-progress[data-state=done]');
    assert.match(await page.locator('[data-testid=sweep-who]').innerText(), /决定日期 2023-09-01，由本人于 .+ 发起/);
    assert.match(await page.locator('[data-testid=sweep-label]').innerText(), /^已完成/);

    const other = await newPage(env.browser, env.platform.base);
    await login(other, 'county2');
    await openReview(other);
    await other.waitForSelector('#sweep-progress[data-state=done]');
    assert.match(await other.locator('[data-testid=sweep-who]').innerText(), /决定日期 2023-09-01，由 county 于 .+ 发起/);
    assert.match(await other.locator('[data-testid=sweep-label]').innerText(), /找到 \d+ 项享受资格/);
    assert.equal(await other.locator('#messages [role=alert]').count(), 0, 'no error shown');
    await screenshot(other, 'policy-sweep-colleague');
    assert.deepEqual(page.errors, []);
    assert.deepEqual(other.errors, []);
    await page.context().close();
    await other.context().close();
  });

  it("explains a township officer's sweep instead of 0/0 counties", async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'township');
    await openReview(page);
    await page.fill('input[name=date]', '2023-09-01');
    const job = await sweepOnPage(page);
    assert.equal(job.state, 'done');
    const note = page.locator('[data-testid=sweep-scope-note]');
    assert.match(await note.innerText(), /只评估本乡镇（街道）的人员和单位/);
    const label = await page.locator('[data-testid=sweep-label]').innerText();
    assert.match(label, /^已完成：(没有找到享受资格，无需写入待审核清单|已一步写入所属县（市、区）的待审核清单)/);
    assert.doesNotMatch(await page.locator('#sweep-progress').innerText(), /0 \/ 0/);
    await screenshot(page, 'policy-sweep-township');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
