// 适老化 larger-text mode (issue #14): the switch in the shared header (and
// on the login page) scales the text by at least 1.25, is remembered across
// pages and visits, and at 390×844 no page scrolls sideways with it on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PHONE, login, screenshot, usePlatform, waitReady } from './harness.mjs';
import { newPage, overflow } from './page-checks.mjs';

const fontPx = (page, selector) => page.locator(selector).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));

describe('larger text for older users', () => {
  const env = usePlatform();

  it('turns on at phone size, grows the text, keeps every page within the screen', async () => {
    const page = await newPage(env.browser, env.platform.base, PHONE);
    await page.goto('/index.html');
    await page.getByTestId('text-size').waitFor();
    const loginBefore = await fontPx(page, 'label');
    await page.getByTestId('text-size').click();
    const loginAfter = await fontPx(page, 'label');
    assert.ok(loginAfter >= loginBefore * 1.25, `login page ${loginBefore} → ${loginAfter}`);
    assert.equal(await overflow(page), 0, 'login page fits the phone');
    await page.getByTestId('text-size').click();  // off again: the signed-in pages turn it on themselves
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('large-text')), false);

    await login(page, 'county');
    const before = await fontPx(page, '#page p, #page td, #page h1');
    assert.equal(await page.getByTestId('text-size').getAttribute('aria-pressed'), 'false');
    await page.getByTestId('text-size').click();
    assert.equal(await page.getByTestId('text-size').getAttribute('aria-pressed'), 'true');
    const after = await fontPx(page, '#page p, #page td, #page h1');
    assert.ok(after >= before * 1.25, `home ${before} → ${after}`);
    const problems = [];
    if (await overflow(page) > 0) problems.push(`home: ${await overflow(page)}px too wide`);
    await screenshot(page, 'large-text-home');

    // Remembered on the hash routes and on the stand-alone pages.
    for (const [url, ready] of [['/app.html#/persons', 'persons'], ['/app.html#/workbench', 'workbench'],
      ['/policy.html', null], ['/gig.html', null], ['/policy-params.html', null]]) {
      await page.goto(url);
      if (ready) await waitReady(page, ready);
      else await page.locator('#page h1').waitFor();
      await page.waitForLoadState('networkidle').catch(() => {});
      assert.ok(await page.evaluate(() => document.documentElement.classList.contains('large-text')), `${url} remembers`);
      const h1 = await fontPx(page, '#page h1');
      assert.ok(h1 >= 1.35 * 15 * 1.25, `${url}: heading ${h1}px`);
      const px = await overflow(page);
      if (px > 0) problems.push(`${url}: ${px}px wider than the phone`);
    }
    await screenshot(page, 'large-text-gig');
    assert.deepEqual(problems, []);
    assert.deepEqual(page.errors, []);
  });
});
