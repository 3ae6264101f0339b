// Phone width (390 px): no horizontal scrolling on the main pages, the
// navigation reachable, result tables laid out as cards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, login, newPage, PHONE, screenshot, startPlatform, waitReady } from './harness.mjs';

async function noHorizontalScroll(page, what) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `${what}: page is ${scroll}px wide in a ${width}px window`);
}

describe('phone width', () => {
  let platform, browser, page;
  before(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    page = await newPage(browser, platform.base, PHONE);
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('login page fits', async () => {
    await page.goto('/index.html');
    await noHorizontalScroll(page, 'login');
    const box = await page.locator('#login-submit').boundingBox();
    assert.ok(box.width >= 250 && box.x >= 0 && box.x + box.width <= PHONE.width, 'full-width login button');
    await screenshot(page, 'phone-login');
  });

  it('home, search results and person page fit and stay usable', async () => {
    await login(page, 'county');
    await page.locator('#child-chart canvas').first().waitFor({ timeout: 10_000 });
    await noHorizontalScroll(page, 'home');
    await screenshot(page, 'phone-home');

    // Every nav entry can be scrolled into view and tapped.
    const link = page.locator('nav a[data-route=import]');
    await link.scrollIntoViewIfNeeded();
    assert.ok(await link.isVisible());

    await page.goto('/app.html#/persons');
    await waitReady(page, 'persons');
    await page.fill('input[name=name]', platform.facts.name);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/persons?')),
      page.click('#person-search button[type=submit]'),
    ]);
    await page.locator('#results tbody tr').first().waitFor();
    await noHorizontalScroll(page, 'persons');
    const theadDisplay = await page.locator('#results thead').evaluate((e) => getComputedStyle(e).display);
    assert.equal(theadDisplay, 'none', 'rows become cards on a phone');
    const label = await page.locator('#results tbody td').nth(1).evaluate((e) => getComputedStyle(e, '::before').content);
    assert.equal(label, '"公民身份号码"');
    await screenshot(page, 'phone-persons');

    await page.locator('#results tbody a').first().click();
    await waitReady(page, 'person');
    await noHorizontalScroll(page, 'person');
    await screenshot(page, 'phone-person');
    assert.deepEqual(page.errors, []);
  });
});
