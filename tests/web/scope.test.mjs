// Region scope: a township officer opening a person of another prefecture
// gets 无权访问 on the page, and the server itself answered 403.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, login, newPage, screenshot, startPlatform, waitReady } from './harness.mjs';

describe('region scope', () => {
  let platform, browser;
  before(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('denies a township officer a person outside the township', async () => {
    const page = await newPage(browser, platform.base);
    await login(page, 'township');
    const outside = platform.facts.outside;
    assert.ok(outside, 'the generated province has a person outside the prefecture');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/persons/${outside.person_id}`)),
      page.goto(`/app.html#/person/${outside.person_id}`),
    ]);
    assert.equal(resp.status(), 403);
    await waitReady(page, 'person');
    assert.equal(await page.locator('#page h1').innerText(), '无权访问');
    assert.match(await page.locator('#messages [role=alert]').innerText(), /无权访问/);
    assert.ok(!(await page.locator('#page').innerText()).includes(outside.name), 'no data of the person shown');
    await screenshot(page, 'scope-denied');
    await page.context().close();
  });

  it('lets the same officer open a person of the township', async () => {
    const page = await newPage(browser, platform.base);
    await login(page, 'township');
    await page.goto('/app.html#/persons');
    await waitReady(page, 'persons');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/persons?')),
      page.click('#person-search button[type=submit]'),
    ]);
    const items = (await resp.json()).items;
    assert.ok(items.length > 0, 'the township has persons');
    await page.locator('#results tbody a').first().click();
    await waitReady(page, 'person');
    assert.equal((await page.locator('[data-testid=person-name]').innerText()).split(/\s/)[0], items[0].name);
    await page.context().close();
  });

  it('does not offer the import to a province officer and refuses the route', async () => {
    const page = await newPage(browser, platform.base);
    await login(page, 'province');
    await page.goto('/app.html#/import');
    await waitReady(page, 'import');
    assert.equal(await page.locator('#page h1').innerText(), '无权访问');
    await page.context().close();
  });
});
