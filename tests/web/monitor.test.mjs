// 目标监测 (issue #12 §3): the targets of 正文（二） in the officer's region
// with red/amber/green status and charts, drilled down from the province
// to a prefecture; the history comes from `qjy services gen-history`.
// The risk warnings of 正文（十九）: 25 layoffs planted at one employer of the
// test county in June 2025 (the separations table, as `qjy import
// separations` would record them) show as a mass-layoff warning with the
// employer's name, its persons listed for the county's officer.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { QJY_BIN, launchBrowser, login, newPage, screenshot, startPlatform, waitReady } from './harness.mjs';

const run = promisify(execFile);

describe('target monitoring', () => {
  let platform, browser, page;
  before(async () => {
    platform = await startPlatform();
    await run(QJY_BIN, ['services', 'gen-history', '--db', platform.db, '--seed', '7', '--to', '2025-06-30']);
    const { county, employer, inCounty } = platform.facts;
    const rows = inCounty.slice(0, 25).map((p, i) =>
      `('${county}', ${Number(p.person_id)}, '${employer.credit_code}', '2025-06-${String(2 + (i % 20)).padStart(2, '0')}', 'layoff', '2025-07-01T00:00:00Z', '2025-07-01T00:00:00Z')`);
    await run('sqlite3', [platform.db, `INSERT INTO separations (county_code, person_id, employer_credit_code, separated_on, reason, created_at, updated_at) VALUES ${rows.join(', ')}`]);
    browser = await launchBrowser();
    page = await newPage(browser, platform.base);
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows each target with its status, charts and prefectures, and drills down', async () => {
    await login(page, 'province');
    await page.goto('/app.html#/monitor?year=2024&month=12');
    await waitReady(page, 'monitor');
    const cards = page.locator('section.indicator');
    assert.equal(await cards.count(), 3);
    const reemployed = page.locator('[data-indicator=reemployed]');
    assert.match(await reemployed.locator('h2').innerText(), /失业人员再就业人数/);
    assert.match(await page.locator('[data-testid=reason-reemployed]').innerText(), /截至 12 月完成 \d+人/);
    assert.ok(['green', 'amber', 'red'].includes(await reemployed.locator('h2 [data-status]').getAttribute('data-status')));
    // Nine prefectures, each a link; charts drawn (trend, bars and the map per indicator).
    assert.equal(await reemployed.locator('tbody tr').count(), 9);
    assert.ok(Number(await page.locator('#page').getAttribute('data-charts')) >= 9);
    assert.equal(await reemployed.locator('canvas').count() >= 3, true);
    await screenshot(page, 'monitor-province');

    const first = reemployed.locator('tbody tr a').first();
    const name = await first.innerText();
    await first.click();
    await page.waitForFunction((n) => document.querySelector('h1')?.textContent.includes(n), name);
    await waitReady(page, 'monitor');
    assert.ok(await page.locator('[data-indicator=reemployed] tbody tr').count() > 1, 'counties of the prefecture');
    await screenshot(page, 'monitor-prefecture');
  });

  // The quarterly analysis (正文（二十）) downloaded from the page: the PDF
  // (text read by poppler's pdftotext) holds each indicator with the same
  // year-to-date value as the dashboard; the annex has its sheets.
  it('downloads the quarterly report and its annex', async () => {
    await page.goto('/app.html#/monitor?year=2025&month=6');
    await waitReady(page, 'monitor');
    assert.equal(await page.locator('[data-testid=report-quarter]').inputValue(), '2025Q2');
    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.click('#report-pdf')]);
    const pdfPath = await pdf.path();
    const { stdout: text } = await run('pdftotext', ['-layout', pdfPath, '-']);
    assert.match(text, /贵州省2025年第二季度就业形势分析/);
    assert.match(text, /正文（二十）/);
    assert.match(text, /风险预警/);
    const dash = await (await page.request.get('/api/monitor/indicators?year=2025&month=6')).json();
    for (const ind of dash.indicators) {
      assert.ok(text.includes(ind.name), ind.name);
      const ytd = ind.progress.actual.toLocaleString('en-US');
      assert.ok(text.includes(ytd), `${ind.name} ${ytd}`);
    }
    const [annex] = await Promise.all([page.waitForEvent('download'), page.click('#report-annex')]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await annex.path());
    const names = book.worksheets.map((w) => w.name);
    assert.deepEqual([names[0], names.at(-1)], ['汇总', '指标说明']);
    for (const ind of dash.indicators) assert.ok(names.includes(ind.name), ind.name);
    const sheet = book.getWorksheet(dash.indicators[0].name);
    assert.equal(sheet.getCell('A2').value, '贵州省');
    assert.equal(sheet.rowCount, 1 + 1 + 9 + 88);  // header, province, prefectures, counties
  });

  it('shows the risk warnings of 正文（十九） with the employer and, in scope, the persons', async () => {
    const { employer } = platform.facts;
    await page.context().clearCookies();
    await login(page, 'province');
    await page.goto('/app.html#/monitor?year=2025&month=6');
    await waitReady(page, 'monitor');
    const layoff = page.locator('#warnings article[data-kind=mass_layoff]');
    assert.equal(await layoff.count(), 1);
    assert.match(await layoff.locator('h3').innerText(), new RegExp(`用人单位集中裁员：.+ · ${employer.name}`));
    assert.match(await page.locator('[data-testid=warning-reason-mass_layoff]').innerText(), /离职 25 人.*正文（十九）/);
    assert.match(await layoff.innerText(), /劳动合同法》第四十一条|假设/);
    await screenshot(page, 'monitor-warnings');
    // The county's officer sees the persons behind it, ID numbers masked.
    await page.context().clearCookies();
    await login(page, 'county');
    await page.goto('/app.html#/monitor?year=2025&month=6');
    await waitReady(page, 'monitor');
    const mine = page.locator('#warnings article[data-kind=mass_layoff]');
    await mine.locator('summary').click();
    assert.equal(await mine.locator('tbody tr').count(), 25);
    assert.match(await mine.locator('tbody tr').first().innerText(), /\d{4}\*+\w{4}/);
    // Before the window: no mass layoff.
    await page.goto('/app.html#/monitor?year=2025&month=2');
    await page.waitForFunction(() => document.querySelector('#warnings h2')?.textContent.includes('2025 年 2 月'));
    await waitReady(page, 'monitor');
    assert.equal(await page.locator('#warnings article[data-kind=mass_layoff]').count(), 0);
  });

  it('keeps a county officer to the county', async () => {
    await page.context().clearCookies();
    await login(page, 'county');
    await page.goto('/app.html#/monitor?region=52');
    await waitReady(page, 'monitor');
    assert.match(await page.locator('body').innerText(), /不在您的权限范围内/);
  });
});
