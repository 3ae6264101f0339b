// Parameters officials can edit (issue #14): province officer A proposes a
// new amount of 一次性交通补助 (r7) from a date with its citation; A cannot
// approve it; officer B approves it; the page then shows the new value from
// its date and the change in the history, in 元 and dates.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PASSWORD, newPage, screenshot, usePlatform } from './harness.mjs';

// Logs in and goes straight to the parameter page (not waiting for the
// province officer's home with its charts).
async function loginTo(page, username) {
  await page.goto('/index.html');
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(/app\.html/), page.click('#login-submit')]);
  await openParams(page);
}

async function openParams(page) {
  await page.goto('/policy-params.html');
  await page.locator('[data-testid="values-r7.amount"]').waitFor();
}

describe('policy parameters officials can edit', () => {
  const env = usePlatform();

  it('A proposes, A cannot approve, B approves, the new value applies from its date', async () => {
    const from = new Date(Date.now() + 40 * 86400000).toISOString().slice(0, 10);
    const a = await newPage(env.browser, env.platform.base);
    await loginTo(a, 'policya');
    assert.doesNotMatch(await a.locator('[data-testid="values-r7.amount"]').innerText(), /150\.00/);
    await a.locator('[data-testid="propose-r7.amount"]').click();
    const form = a.locator('[data-testid=propose-form]');
    await form.locator('input[name=value]').fill('150');
    await form.locator('input[name=from]').fill(from);
    await form.locator('input[name=document]').fill('黔人社发〔2026〕9号');
    await form.locator('input[name=clause]').fill('第三条');
    await form.locator('textarea[name=reason]').fill('交通成本上涨，按新文件提高');
    const [resp] = await Promise.all([
      a.waitForResponse((r) => r.url().endsWith('/api/policy/param-changes') && r.request().method() === 'POST'),
      form.locator('button[type=submit]').click(),
    ]);
    assert.equal(resp.status(), 201);
    const id = (await resp.json()).change_id;
    // Pending: A sees it as their own, with no approve button.
    const pending = await a.locator(`[data-testid=pending-${id}]`).innerText();
    assert.equal(pending, `自 ${from} 起 100.00 元 → 150.00 元`);
    await a.locator(`[data-testid=own-${id}]`).waitFor();
    assert.equal(await a.locator(`[data-testid=approve-${id}]`).count(), 0);
    // Nor can A approve it by calling the API directly.
    const direct = await a.evaluate(async (changeId) => {
      const me = await (await fetch('/api/me')).json();
      const r = await fetch(`/api/policy/param-changes/${changeId}/approve`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: '{}' });
      return { status: r.status, body: await r.json() };
    }, id);
    assert.equal(direct.status, 403);
    assert.match(direct.body.message, /不能审批自己/);
    await screenshot(a, 'params-proposed');

    // B approves; the values now change from the date, and the history says so.
    const b = await newPage(env.browser, env.platform.base);
    await loginTo(b, 'policyb');
    await Promise.all([
      b.waitForEvent('load'),
      b.locator(`[data-testid=approve-${id}]`).click(),
    ]);
    await b.locator('[data-testid="values-r7.amount"]').waitFor();
    const values = await b.locator('[data-testid="values-r7.amount"]').innerText();
    assert.match(values, /自 2023-06-15：100\.00 元/);
    assert.match(values, new RegExp(`自 ${from}：150\\.00 元`));
    const status = await b.locator(`[data-testid=history-status-${id}]`).innerText();
    assert.equal(status, '已批准，待生效');
    const row = await b.locator('#param-history tr', { has: b.locator(`[data-testid=history-status-${id}]`) }).innerText();
    assert.match(row, /黔人社发〔2026〕9号 第三条/);
    assert.match(row, /省厅政策处甲/);
    assert.match(row, /省厅政策处乙/);
    await screenshot(b, 'params-approved');
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
    await a.context().close();
    await b.context().close();
  });
});
