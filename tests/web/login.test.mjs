// Login: a wrong password shows the Chinese reason and stays on the login
// page; the right one lands on the role's home with role and region shown;
// logout returns to the login page and the session is gone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { login, newPage, PASSWORD, screenshot, usePlatform, waitReady } from './harness.mjs';

describe('login', () => {
  const env = usePlatform();

  it('shows 用户名或密码错误 for a bad password and stays on the login page', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await page.goto('/index.html');
    await page.fill('#username', 'county');
    await page.fill('#password', 'wrong-password-1');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/login')),
      page.click('#login-submit'),
    ]);
    assert.equal(resp.status(), 401);
    const alert = page.locator('#messages [role=alert]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /用户名或密码错误/);
    assert.match(page.url(), /index\.html/);
    await screenshot(page, 'login-bad-password');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  it('lands a county officer on the 工作台 with role, region and the chart', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'county');
    assert.match(page.url(), /app\.html#\/home$/);
    assert.equal(await page.locator('[data-testid=role]').innerText(), '经办人员');
    const region = await page.locator('[data-testid=region]').innerText();
    assert.ok(region.length > 0 && !/^\d+$/.test(region), `region shown by name, got "${region}"`);
    assert.match(await page.locator('header').innerText(), /黔就业/);
    // Counts: the county's persons as the generator wrote them.
    const persons = page.locator('[data-stat=persons] .num');
    await persons.waitFor();
    const shown = Number((await persons.innerText()).replace(/[^\d]/g, ''));
    assert.equal(shown, env.platform.facts.countyPersons);
    // The ECharts bar chart drew into a canvas.
    await page.locator('#child-chart canvas').first().waitFor({ timeout: 10_000 });
    // What each number counts: the headline (household, residence or owning
    // county) and the chart (household only), with the difference explained
    // and adding up.
    assert.equal(await page.locator('[data-testid=def-persons]').innerText(), '户籍地、常住地或所属县在本区划的人员，每人计一次');
    assert.match(await page.locator('#child-chart').locator('xpath=..').locator('h2').innerText(), /各下级区划登记人员数（按户籍地）/);
    const basis = await page.locator('[data-testid=child-basis]').innerText();
    const perChild = await page.evaluate(() => [...document.querySelectorAll('#child-chart ~ details tbody tr')]
      .map((tr) => Number(tr.cells[1].textContent.replace(/[^\d]/g, ''))));
    assert.ok(perChild.length > 1, 'the data table lists the townships');
    const sum = perChild.reduce((a, b) => a + b, 0);
    const num = (s) => Number(s.replace(/,/g, ''));
    const m = /按户籍地统计，每人只计入一个下级区划，合计 ([\d,]+) 人。(?:上方“登记人员” ([\d,]+) 人还包括户籍地不在各下级区划、常住地或所属县在本区划的 ([\d,]+) 人。|与上方“登记人员”总数一致。)/.exec(basis);
    assert.ok(m, basis);
    assert.equal(num(m[1]), sum);
    if (m[2]) {
      assert.equal(num(m[2]), shown);
      assert.equal(sum + num(m[3]), shown);
    } else {
      assert.equal(sum, shown);
    }
    const navText = await page.locator('nav').innerText();
    for (const item of ['工作台', '人员查询', '用人单位', '岗位信息', '台账导入']) assert.ok(navText.includes(item), item);
    await screenshot(page, 'officer-home-desktop');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  it('logs out back to the login page and the old session no longer works', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'county');
    await Promise.all([page.waitForURL(/index\.html/), page.click('header button:has-text("退出登录")')]);
    const me = await page.request.get('/api/me');
    assert.equal(me.status(), 401);
    await page.goto('/app.html#/persons');
    await page.waitForURL(/index\.html\?next=/);
    await page.context().close();
  });

  it('shows each role its own home', async () => {
    const cases = [
      { user: 'company', role: '用人单位', text: '单位信息', nav: ['单位首页', '岗位信息'], no: '人员查询' },
      { user: 'auditor1', role: '审计人员', text: '审计日志查询', nav: ['审计查询'], no: '台账导入' },
      { user: 'province', role: '经办人员', text: '就业工作台', nav: ['人员查询'], no: '台账导入' },
    ];
    for (const c of cases) {
      const page = await newPage(env.browser, env.platform.base);
      await login(page, c.user, PASSWORD);
      await waitReady(page, 'home');
      assert.equal(await page.locator('[data-testid=role]').innerText(), c.role, c.user);
      if (c.user === 'company') {
        // Trial 3: the employer by name in the header, never its credit code.
        const { name, credit_code: credit } = env.platform.facts.employer;
        assert.equal((await page.locator('[data-testid=region]').innerText()).trim(), name);
        assert.ok(!(await page.locator('header').innerText()).includes(credit), 'no credit code in the header');
      }
      assert.match(await page.locator('#page').innerText(), new RegExp(c.text), c.user);
      const nav = await page.locator('nav').innerText();
      for (const n of c.nav) assert.ok(nav.includes(n), `${c.user} nav has ${n}`);
      assert.ok(!nav.includes(c.no), `${c.user} nav lacks ${c.no}`);
      await screenshot(page, `home-${c.user}`);
      assert.deepEqual(page.errors, [], c.user);
      await page.context().close();
    }
  });
});
