// 账号管理 (issue #14): the system administrator lands on the accounts
// page, creates a county officer with the region chosen by name (the
// generated password shown once), the officer logs in, the administrator
// disables the account: the officer's open page is sent back to the login,
// and the login is refused in Chinese. The administrator's own row has no
// 停用 button.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DESKTOP, PHONE, login, newPage, screenshot, usePlatform, waitReady } from './harness.mjs';

describe('account administration', () => {
  const env = usePlatform();

  it('creates an officer who logs in, then disables them', async () => {
    const admin = await newPage(env.browser, env.platform.base, DESKTOP);
    await login(admin, 'admin');
    await admin.getByRole('heading', { name: '账号管理' }).waitFor();
    assert.equal(await admin.locator('nav.site-nav a').first().innerText(), '账号管理');
    // Names, not codes: the test county officer is listed with its region's name.
    const county = await admin.locator('tr', { has: admin.locator('[data-testid=account-county]') }).innerText();
    assert.match(county, /贵州省/);
    assert.doesNotMatch(county, new RegExp(env.platform.facts.county));
    // Never oneself.
    assert.equal(await admin.locator('[data-testid=disable-admin]').count(), 0);

    // Create: 贵阳市 › 南明区, chosen by name; no password typed.
    const form = admin.locator('#account-form');
    await form.locator('input[name=username]').fill('nanming_new');
    await form.locator('input[name=display_name]').fill('南明新经办');
    await form.locator('select[aria-label="选择市（州）"]').selectOption({ label: '贵阳市' });
    await form.locator('select[aria-label="选择县（市、区）"]').selectOption({ label: '南明区' });
    const [created] = await Promise.all([
      admin.waitForResponse((r) => r.url().endsWith('/api/accounts') && r.request().method() === 'POST'),
      form.locator('button[type=submit]').click(),
    ]);
    assert.equal(created.status(), 201);
    const password = (await admin.locator('[data-testid=new-password]').innerText()).trim();
    assert.match(password, /^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    await admin.locator('[data-testid=status-nanming_new]').getByText('正常').waitFor();
    const row = await admin.locator('tr', { has: admin.locator('[data-testid=account-nanming_new]') }).innerText();
    assert.match(row, /南明区/);
    assert.match(row, /经办人员/);
    await screenshot(admin, 'accounts-created-desktop');

    // The officer logs in with it and sees their county.
    const officer = await newPage(env.browser, env.platform.base, DESKTOP);
    await login(officer, 'nanming_new', password);
    assert.equal(await officer.locator('[data-testid=role]').innerText(), '经办人员');
    assert.match(await officer.locator('[data-testid=region]').innerText(), /南明区/);

    // Disabled (after a confirmation): the status changes at once.
    admin.once('dialog', (d) => d.accept());
    await admin.locator('[data-testid=disable-nanming_new]').click();
    await admin.locator('[data-testid=status-nanming_new]').getByText('已停用').waitFor();
    await admin.locator('[data-testid=enable-nanming_new]').waitFor();

    // The officer's session has ended: the next page goes to the login …
    await Promise.all([officer.waitForURL(/index\.html/), officer.reload()]);
    // … and the login is refused in Chinese.
    await officer.fill('#username', 'nanming_new');
    await officer.fill('#password', password);
    const [refused] = await Promise.all([
      officer.waitForResponse((r) => r.url().endsWith('/api/login')),
      officer.click('#login-submit'),
    ]);
    assert.equal(refused.status(), 403);
    const alert = officer.locator('#messages [role=alert]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /该账号已被停用/);
    assert.match(officer.url(), /index\.html/);
    await screenshot(officer, 'accounts-disabled-login');
    assert.deepEqual(officer.errors, []);
    assert.deepEqual(admin.errors, []);
    await officer.context().close();
    await admin.context().close();
  });

  it('fits a phone', async () => {
    const page = await newPage(env.browser, env.platform.base, PHONE);
    await login(page, 'admin');
    await waitReady(page, 'home');
    await page.getByRole('heading', { name: '账号管理' }).waitFor();
    const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
    assert.ok(scroll <= width + 1, `${scroll}px wide in a ${width}px window`);
    await screenshot(page, 'accounts-phone');
    await page.context().close();
  });
});
