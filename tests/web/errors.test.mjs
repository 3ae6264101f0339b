// Chinese messages for failures: a locked account (423, from the real
// server after repeated bad passwords), an expired session (401 → login
// page), and the answers the server gives rarely (413, 500, no network),
// simulated by intercepting the request in the browser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { login, newPage, PASSWORD, usePlatform, waitReady } from './harness.mjs';

describe('error messages', () => {
  const env = usePlatform();

  it('shows 账户已锁定 once an account is locked, even with the right password', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await page.goto('/index.html');
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      await page.fill('#username', 'auditor1');
      await page.fill('#password', `wrong-${i}`);
      const [r] = await Promise.all([
        page.waitForResponse((x) => x.url().endsWith('/api/login')),
        page.click('#login-submit'),
      ]);
      statuses.push(r.status());
    }
    assert.equal(statuses[0], 401);
    assert.equal(statuses.at(-1), 423);
    await page.fill('#username', 'auditor1');
    await page.fill('#password', PASSWORD);
    const [r] = await Promise.all([
      page.waitForResponse((x) => x.url().endsWith('/api/login')),
      page.click('#login-submit'),
    ]);
    assert.equal(r.status(), 423);
    assert.match(await page.locator('#messages [role=alert]').last().innerText(), /账户已锁定/);
    assert.match(page.url(), /index\.html/);
    await page.context().close();
  });

  it('sends an expired session back to the login page, then back to the page asked for', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'county');
    await page.goto('/app.html#/persons');
    await waitReady(page, 'persons');
    await page.context().clearCookies();
    await Promise.all([page.waitForURL(/index\.html\?next=/), page.click('#person-search button[type=submit]')]);
    await page.fill('#username', 'county');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/app\.html#\/persons/), page.click('#login-submit')]);
    await waitReady(page, 'persons');
    await page.context().close();
  });

  const simulated = [
    { what: 'a file too large (413)', route: '**/api/import/persons', status: 413, expect: /文件过大/ },
    { what: 'a server error (500)', route: '**/api/import/persons', status: 500, expect: /服务器内部错误/ },
    { what: 'no network', route: '**/api/import/persons', abort: true, expect: /无法连接服务器/ },
  ];
  for (const c of simulated) {
    it(`explains ${c.what} in Chinese`, async () => {
      const page = await newPage(env.browser, env.platform.base);
      await login(page, 'county');
      await page.goto('/app.html#/import');
      await waitReady(page, 'import');
      await page.route(c.route, (r) => (c.abort ? r.abort('internetdisconnected')
        : r.fulfill({ status: c.status, contentType: 'application/json', body: JSON.stringify({ error: 'x' }) })));
      await page.setInputFiles('#import-form input[type=file]',
        { name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from('身份证号,姓名\r\n') });
      await page.click('#import-submit');
      const alert = page.locator('#messages [role=alert]');
      await alert.waitFor();
      assert.match(await alert.innerText(), c.expect);
      assert.equal(await page.locator('#import-submit').isDisabled(), false, 'the form can be used again');
      await page.context().close();
    });
  }
});
