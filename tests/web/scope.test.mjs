// Region scope: a township officer asking for another region's persons gets
// 无权访问 on the page after the server's 403; opening a person of another
// prefecture shows 无权访问 too, the server answering exactly as for a
// person that does not exist (no existence leak).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { login, newPage, screenshot, usePlatform, waitReady } from './harness.mjs';

describe('region scope', () => {
  const env = usePlatform();

  it('denies a township officer a search in another region: 403 and 无权访问', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'township');
    const elsewhere = env.platform.facts.outside.county_code;
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/persons?') && r.url().includes(`region=${elsewhere}`)),
      page.goto(`/app.html#/persons?region=${elsewhere}`),
    ]);
    assert.equal(resp.status(), 403);
    const alert = page.locator('#messages [role=alert]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /^无权访问/);
    assert.equal(await page.locator('#results tbody tr').count(), 0, 'no rows shown');
    await screenshot(page, 'scope-denied-search');
    await page.context().close();
  });

  it('shows a person outside the township as 无权访问, answered like a missing one', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'township');
    const outside = env.platform.facts.outside;
    assert.ok(outside, 'the generated province has a person outside the prefecture');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/persons/${outside.person_id}`)),
      page.goto(`/app.html#/person/${outside.person_id}`),
    ]);
    // The server does not reveal that the person exists: same answer as
    // for an id nobody has.
    const missing = await page.request.get('/api/persons/999999999');
    assert.equal(resp.status(), missing.status());
    assert.deepEqual(await resp.json(), await missing.json());
    assert.ok([403, 404].includes(resp.status()), `status ${resp.status()}`);
    await waitReady(page, 'person');
    assert.match(await page.locator('#page h1').innerText(), /无权访问/);
    assert.ok(!(await page.locator('#page').innerText()).includes(outside.name), 'no data of the person shown');
    await screenshot(page, 'scope-denied-person');
    await page.context().close();
  });

  it('lets the same officer open a person of the township', async () => {
    const page = await newPage(env.browser, env.platform.base);
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
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'province');
    await page.goto('/app.html#/import');
    await waitReady(page, 'import');
    assert.equal(await page.locator('#page h1').innerText(), '无权访问');
    await page.context().close();
  });
});
