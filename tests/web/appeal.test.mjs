// 复核/申诉 (issue #17 §2): the county's policy officer opens an entitlement
// found by a sweep in the appeal view — the decision replayed from its record
// ("当时的决定", checked byte for byte) beside the decision under today's
// parameters ("按现行参数") — with names, clauses as the document writes them
// and amounts in 元; an officer whose region does not hold it cannot open it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FULL_ID_RE, PHONE, login, newPage, screenshot, sweepOnPage, usePlatform } from './harness.mjs';

describe('appeal view', () => {
  const env = usePlatform();

  it('shows the stored decision replayed beside today\'s', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'county');
    await page.goto('/policy-review.html');
    await page.fill('input[name=date]', '2023-09-01');
    const job = await sweepOnPage(page);
    assert.equal(job.state, 'done', JSON.stringify(job));
    await page.waitForSelector('#list table tbody tr [data-appeal]');
    const button = page.locator('[data-appeal]').first();
    const id = await button.getAttribute('data-appeal');
    const [replay] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/policy/entitlements/${id}/replay`)),
      button.click(),
    ]);
    assert.equal(replay.status(), 200);
    const body = await replay.json();
    assert.equal(body.replay.reproduced, true, body.replay.mismatch);
    await page.waitForSelector('#appeal-dialog [data-testid="appeal-then"]');
    const text = await page.locator('#appeal-dialog').innerText();
    assert.ok(text.includes('当时的决定'));
    assert.ok(text.includes('按现行参数'));
    assert.ok(text.includes('与原决定逐字一致'), 'the replay is checked against the stored decision');
    assert.ok(text.includes('差异'));
    assert.match(text, /[\d,]+\.\d\d元/, 'amounts in 元');
    assert.ok(text.includes(body.title), 'the policy by its name');
    assert.ok(!/main\(|A[1-4]\(/.test(text), 'clauses as the document writes them');
    assert.ok(!/r\d+\.[a-z_]+/.test(text), 'no parameter keys');
    assert.ok(!FULL_ID_RE.test(text), 'identity numbers masked');
    // Side by side.
    const a = await page.locator('[data-testid="appeal-then"]').boundingBox();
    const b = await page.locator('[data-testid="appeal-now"]').boundingBox();
    assert.ok(b.x > a.x + a.width / 2 && Math.abs(a.y - b.y) < 5, 'the two decisions side by side');
    await screenshot(page, 'policy-appeal');
    await page.click('#appeal-close');
    // The dialog leaves the page on its 'close' event, which the browser
    // fires after the click returns: wait for it rather than count at once.
    await page.locator('#appeal-dialog').waitFor({ state: 'detached', timeout: 5000 });
    assert.equal(await page.locator('#appeal-dialog').count(), 0);

    // On a phone (390×844) the two decisions stack in one column, each
    // whole within the screen (none cut off at the right).
    await page.setViewportSize(PHONE);
    await button.click();
    await page.waitForSelector('#appeal-dialog [data-testid="appeal-now"]');
    const then = await page.locator('[data-testid="appeal-then"]').boundingBox();
    const now = await page.locator('[data-testid="appeal-now"]').boundingBox();
    assert.ok(now.y >= then.y + then.height - 1, 'stacked: today\'s decision under the stored one');
    for (const box of [then, now]) assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, JSON.stringify(box));
    const clipped = await page.locator('#appeal-dialog').evaluate((d) => d.scrollWidth - d.clientWidth);
    assert.ok(clipped <= 1, `the dialog scrolls sideways by ${clipped}px`);
    await screenshot(page, 'policy-appeal-phone');
    await page.click('#appeal-close');
    await page.locator('#appeal-dialog').waitFor({ state: 'detached', timeout: 5000 });

    // An officer whose region does not hold the entitlement's county (a
    // township's, as the review list scopes it): not found.
    const other = await newPage(env.browser, env.platform.base);
    await login(other, 'township');
    const r = await other.request.get(`/api/policy/entitlements/${id}/replay`);
    assert.equal(r.status(), 404);
    assert.deepEqual(page.errors, []);
  });
});
