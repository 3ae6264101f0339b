// Every page as every role (issue #14): each navigation entry of each demo
// role is opened at desktop width (and each distinct page once at phone
// width and through axe-core), and fails on what a user
// should never see — raw codes (`R8|P:1|…` once-only keys, `P:123` /
// `E:9152…` object keys, parameter keys like `r1.layoff_rate_limit_bp`,
// clause codes like `main(十八)`), an English enum value as a whole table
// cell, an ISO timestamp in UTC (`2025-07-01T08:00:00Z`), a script error, a
// page that never finishes, horizontal scrolling at 390 px, and any serious
// or critical accessibility violation found by axe-core (WCAG 2 A/AA rules).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, PHONE, QJY_BIN, launchBrowser, login, screenshot, startPlatform } from './harness.mjs';
import { accessibility, newPage, problemsOn, settle } from './page-checks.mjs';

const run = promisify(execFile);

describe('every page as every role', () => {
  let platform, browser;
  before(async () => {
    platform = await startPlatform();
    // Pages with something in them: history, facts, a sweep's review list,
    // recruitment events (as the demo has).
    const db = ['--db', platform.db];
    await run(QJY_BIN, ['policy', 'gen-facts', ...db, '--seed', '7']);
    await run(QJY_BIN, ['services', 'gen-history', ...db, '--seed', '7', '--to', '2025-06-30']);
    await run(QJY_BIN, ['network', 'gen-events', ...db, '--seed', '7', '--from', '2025-01-01', '--to', '2025-06-30']);
    await run(QJY_BIN, ['policy', 'sweep', ...db, '--date', '2025-06-30']);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  // Every role opens each page of its navigation at desktop width (the data
  // differ by scope, so raw codes are looked for in each). The checks that
  // depend on the page's structure rather than its data — accessibility, and
  // the phone width (390 px: no horizontal scrolling) — run once per page,
  // for the first role that has it, which keeps the walk within the CI budget.
  const structureChecked = new Set();
  for (const user of ['province', 'county', 'township', 'company', 'auditor1', 'admin']) {
    it(`${user}: no raw codes, no errors, fits a phone`, async () => {
      const failures = [];
      const firstHere = [];
      for (const [size, label] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
        if (size === PHONE && firstHere.length === 0) continue;
        const page = await newPage(browser, platform.base, size);
        await login(page, user);
        const links = await page.$$eval('nav.site-nav a', (as) => as.map((a) => [a.getAttribute('href'), a.textContent.trim()]));
        assert.ok(links.length > 0, `${user} has a navigation`);
        if (size === DESKTOP) {
          for (const [href] of links) if (!structureChecked.has(href)) { structureChecked.add(href); firstHere.push(href); }
        }
        for (const [href, text] of links) {
          if (size === PHONE && !firstHere.includes(href)) continue;
          const url = href.startsWith('#') ? `/app.html${href}` : `/${href.replace(/^\//, '')}`;
          page.errors.length = 0;
          await page.goto(url);
          await settle(page);
          const where = `${user} ${label} ${text} (${url})`;
          for (const p of await problemsOn(page)) failures.push(`${where}: ${p}`);
          for (const e of page.errors) failures.push(`${where}: script error ${e}`);
          if (size === DESKTOP && firstHere.includes(href)) for (const a of await accessibility(page)) failures.push(`${where}: ${a}`);
          if (size === PHONE) {
            const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
            if (scroll > width + 1) failures.push(`${where}: ${scroll}px wide in a ${width}px window`);
          }
        }
        if (size === PHONE) await screenshot(page, `walk-${user}-phone`);
        await page.context().close();
      }
      assert.deepEqual(failures, []);
    });
  }

  // Pages reached from lists rather than the navigation: a person's page
  // (identity, registrations, services, entitlements after the sweep).
  it('county: a person page shows no raw codes', async () => {
    const failures = [];
    const page = await newPage(browser, platform.base, DESKTOP);
    await login(page, 'county');
    for (const p of platform.facts.inCounty.slice(0, 5)) {
      await page.goto(`/app.html#/person/${p.person_id}`);
      await settle(page);
      const where = `county person ${p.person_id}`;
      for (const x of await problemsOn(page)) failures.push(`${where}: ${x}`);
      for (const e of page.errors) failures.push(`${where}: script error ${e}`);
      for (const a of await accessibility(page)) failures.push(`${where}: ${a}`);
    }
    await page.context().close();
    assert.deepEqual(failures, []);
  });
});
