// 目标监测 (issue #12 §3): the targets of 正文（二） in the officer's region
// with red/amber/green status and charts, drilled down from the province
// to a prefecture; the history comes from `qjy services gen-history`.
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

  it('keeps a county officer to the county', async () => {
    await page.context().clearCookies();
    await login(page, 'county');
    await page.goto('/app.html#/monitor?region=52');
    await waitReady(page, 'monitor');
    assert.match(await page.locator('body').innerText(), /不在您的权限范围内/);
  });
});
