// Names everywhere (issue #14): people choose regions, occupations,
// employers and persons by name or pinyin initials in one searchable
// picker (web/js/picker.js); the forms send codes, the pages show none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PHONE, login, newPage, pick, usePlatform, waitReady } from './harness.mjs';

// A raw code in what a user reads: a region code (6–12 digits), a
// classification code ("4-01"), a credit code (18 characters).
const RAW_CODE = /(^|[^\d])(\d{6}|\d{9}|\d{12})([^\d]|$)|\b\d-\d\d\b|\b[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}\b/;

describe('searchable pickers', () => {
  const env = usePlatform();

  it('an employer posts an ad by choosing 白云区 and 电商主播 by name; the codes are sent', async () => {
    const page = await newPage(env.browser, env.platform.base, PHONE);
    await login(page, 'company');
    await page.goto('/ads-review.html');
    await page.waitForSelector('#ad-form');
    // The keyboard works: type, ↓ to the option, Enter chooses.
    const place = page.locator('#ad-form input[data-picker-for=place_region]');
    assert.equal(await place.getAttribute('role'), 'combobox');
    await place.fill('白云');
    const option = page.locator('#ad-form .picker[data-name=place_region] li[role=option][data-value="520113"]');
    await option.waitFor();
    assert.match(await option.innerText(), /白云区/);
    assert.equal(await place.getAttribute('aria-expanded'), 'true');
    // The list fits on a 390 px phone.
    const box = await page.locator('#ad-form .picker[data-name=place_region] [role=listbox]').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width + 1, JSON.stringify(box));
    for (let i = 0; i < 10 && (await place.getAttribute('aria-activedescendant')) !== await option.getAttribute('id'); i++) {
      await place.press('ArrowDown');
    }
    await place.press('Enter');
    assert.equal(await page.inputValue('#ad-form input[name=place_region]'), '520113');
    assert.equal(await place.inputValue(), '贵州省贵阳市白云区');

    const occupation = await pick(page, '#ad-form', 'occupation_code', '电商主播');
    assert.equal(occupation, '4-01');
    assert.equal(await page.locator('#ad-form input[data-picker-for=occupation_code]').inputValue(), '批发与零售服务人员');
    await page.fill('#ad-form input[name=title]', '直播带货主播');
    await page.fill('#ad-form input[name=wage_min]', '4000');
    await page.fill('#ad-form input[name=wage_max]', '6000');
    await page.fill('#ad-form textarea[name=requirements]', '男女不限，熟悉直播带货');
    const [req] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/api/jobs') && r.method() === 'POST'),
      page.click('[data-testid=post-ad]'),
    ]);
    const body = req.postDataJSON();
    assert.equal(body.place_region, '520113');
    assert.equal(body.occupation_code, '4-01');
    // The result shows names, not codes.
    const result = page.locator('#post-result section.card');
    await result.waitFor();
    const text = await result.innerText();
    assert.ok(text.includes('批发与零售服务人员') && text.includes('白云区'), text);
    assert.ok(!RAW_CODE.test(text.replace(/\d{4}-\d{2}-\d{2}/g, '')), text);
    assert.deepEqual(page.errors, []);
  });

  it('a province officer finds 白云区 by its pinyin initials', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'province');
    await page.goto('/match-batch.html');
    await page.waitForSelector('#batch-form');
    assert.equal(await pick(page, '#batch-form', 'region', 'byq', '520113'), '520113');
    assert.equal(await page.locator('#batch-form input[data-picker-for=region]').inputValue(), '贵州省贵阳市白云区');
    // A half-typed name is not a choice: the box is invalid, the form is not sent.
    const box = page.locator('#batch-form input[data-picker-for=region]');
    await box.fill('白云区没有这个地方');
    await page.waitForSelector('#batch-form li.picker-empty');
    assert.equal(await page.inputValue('#batch-form input[name=region]'), '');
    assert.equal(await box.evaluate((e) => e.checkValidity()), false);
    assert.deepEqual(page.errors, []);
  });

  it('no page with a picker shows a code in its form labels or boxes', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'county');
    const pages = [
      ['/gig.html', '#gig-form'], ['/match.html', '#person-form'], ['/policy.html', 'form.filters'],
      ['/match-batch.html', '#batch-form'], ['/app.html#/benefits', '#apply-form'],
      ['/app.html#/workbench', '#register-form'], ['/app.html#/jobs', 'form.filters'],
    ];
    for (const [url, form] of pages) {
      await page.goto(url);
      await page.waitForSelector(form);
      // Let the pickers resolve their initial codes to names.
      await page.waitForFunction((f) => [...document.querySelectorAll(`${f} .picker`)].every((p) =>
        !p.querySelector('input[type=hidden]').value || p.querySelector('input[role=combobox]').value), form);
      const shown = await page.locator(form).evaluate((f) => [
        ...[...f.querySelectorAll('label, legend, option')].map((l) => l.textContent),
        ...[...f.querySelectorAll('input:not([type=hidden]):not([type=date]):not([type=month]):not([type=number])')].map((i) => i.value),
      ]);
      for (const s of shown) {
        assert.ok(!/代码|编号|编码/.test(s), `${url}: "${s}"`);
        assert.ok(!RAW_CODE.test(s), `${url}: "${s}"`);
      }
    }
    assert.deepEqual(page.errors, []);
  });
});
