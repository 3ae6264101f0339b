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
    const cards = page.locator('section.indicator:not(.monthly)');
    assert.equal(await cards.count(), 3);
    assert.equal(await page.locator('section.indicator.monthly').count(), 2);
    const reemployed = page.locator('[data-indicator=reemployed]');
    assert.match(await reemployed.locator('h2').innerText(), /失业人员再就业人数/);
    assert.match(await page.locator('[data-testid=reason-reemployed]').innerText(), /截至 12 月完成 \d+人/);
    assert.ok(['green', 'amber', 'red'].includes(await reemployed.locator('h2 [data-status]').getAttribute('data-status')));
    // Nine prefectures, each a link; charts drawn (trend, bars and the map per indicator).
    assert.equal(await reemployed.locator('tbody tr').count(), 9);
    assert.ok(Number(await page.locator('#page .page-body').getAttribute('data-charts')) >= 9);
    assert.equal(await reemployed.locator('canvas').count() >= 3, true);
    await screenshot(page, 'monitor-province');

    const first = reemployed.locator('tbody tr a').first();
    const name = await first.innerText();
    await first.click();
    await page.waitForFunction((n) => document.querySelector('h1')?.textContent.includes(n), name);
    await waitReady(page, 'monitor');
    assert.ok(await page.locator('[data-indicator=reemployed] tbody tr').count() > 1, 'counties of the prefecture');
    await screenshot(page, 'monitor-prefecture');

    // On to a county: its townships (what the generated contracts place
    // there, jobs at the employer's township), the unplaced rest, and back
    // up by the breadcrumb.
    const jobs = page.locator('[data-indicator=new_urban_jobs]');
    const county = jobs.locator('tbody tr a').first();
    const countyName = await county.innerText();
    await county.click();
    await page.waitForFunction((n) => document.querySelector('h1')?.textContent.includes(n), countyName);
    await waitReady(page, 'monitor');
    const table = page.locator('[data-indicator=new_urban_jobs] [data-testid=township-table]');
    const rows = table.locator('tbody tr');
    assert.ok(await rows.count() > 2, `townships of the county: ${await page.locator('#page').innerText()}`);
    assert.match(await rows.last().innerText(), /未落到乡镇/);
    assert.match(await page.locator('[data-testid=township-note]').innerText(), /乡镇不设目标/);
    const counts = await page.evaluate(() => [...document.querySelectorAll('[data-indicator=new_urban_jobs] [data-testid=township-table] tbody tr')]
      .map((tr) => Number(tr.children[1].textContent.replace(/[^0-9-]/g, '')) || 0));
    const total = (await (await page.request.get(`/api/monitor/indicators?region=${new URL(page.url().replace('#/', '')).searchParams.get('region')}&year=2024&month=12`)).json())
      .indicators.find((i) => i.id === 'new_urban_jobs').progress.actual;
    assert.equal(counts.reduce((a, b) => a + b, 0), total, 'townships plus the unplaced rest add up to the county');
    assert.ok(counts.slice(0, -1).some((n) => n > 0), 'some jobs placed in a township');
    await screenshot(page, 'monitor-county-townships');
    const placed = await page.evaluate(() => [...document.querySelectorAll('[data-indicator=new_urban_jobs] [data-testid=township-table] tbody tr')]
      .findIndex((tr) => Number(tr.children[1].textContent.replace(/[^0-9-]/g, '')) > 0));
    const town = rows.nth(placed).locator('a');
    const townName = await town.innerText();
    await town.click();
    await page.waitForFunction((n) => document.querySelector('h1')?.textContent.includes(n), townName);
    await waitReady(page, 'monitor');
    assert.notEqual(await page.locator('[data-indicator=new_urban_jobs] dd').nth(1).innerText(), '0 人（—）');
    const crumbs = page.locator('[data-testid=monitor-breadcrumb] a');
    assert.equal(await crumbs.count(), 3);
    assert.equal(await crumbs.nth(2).innerText(), countyName);
    await crumbs.first().click();
    // The province's page has finished drawing (not the township's still
    // on screen) before the next test navigates.
    await page.waitForFunction((t) => location.hash.includes('region=52&') && !document.querySelector('h1')?.textContent.includes(t)
      && document.querySelector('#page')?.dataset.state === 'ready', townName);
    assert.equal(await page.locator('[data-testid=report-quarter]').count(), 1);
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
    // The service network's duties (附件4) at the quarter's end, as the
    // coverage API counts them for the province.
    assert.match(text, /四、服务网络达标情况（附件4）/);
    const cov = await (await page.request.get('/api/network/coverage?region=52&as_of=2025-06-30&from=2025-01-01')).json();
    const s = cov.summary;
    assert.ok(text.replace(/\s+/g, '').includes(`达标${s.met}项，逾期达标${s.late}项，未达标${s.missing}项，期限未到${s.pending}项`),
      `coverage summary ${JSON.stringify(s)} in the report`);
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

  // 登记失业率 beside 调查失业率 (正文（二）：5.5%左右): the province officer
  // enters the statistics bureau's figure on the page and sees it beside the
  // registered rate computed from the registry; a prefecture officer may
  // enter only the prefecture's own (403 for another prefecture).
  it('enters the surveyed rate beside the registered rate, region-scoped', async () => {
    await page.context().clearCookies();
    await login(page, 'province');
    await page.goto('/app.html#/monitor?year=2025&month=6');
    await waitReady(page, 'monitor');
    const card = page.locator('[data-indicator=registered_unemployment_rate]');
    assert.match(await card.locator('h2').innerText(), /城镇登记失业率/);
    assert.match(await card.locator('h2 [data-status]').innerText(), /^(未超过目标|略高于目标|明显高于目标)$/);
    assert.match(await page.locator('[data-testid=value-registered_unemployment_rate]').innerText(), /^\d+\.\d{2}%$/);
    assert.match(await page.locator('[data-testid=surveyed-reason]').innerText(), /尚未录入/);
    assert.equal(await card.locator('canvas').count() >= 1, true);
    await page.selectOption('[data-testid=surveyed-region]', '52');
    await page.fill('[data-testid=surveyed-rate]', '5.3');
    await page.fill('[data-testid=surveyed-source]', '国家统计局贵州调查总队 2025 年 7 月发布');
    await page.click('[data-testid=surveyed-submit]');
    await page.waitForFunction(() => document.querySelector('[data-testid=surveyed-value]')?.textContent.startsWith('5.30%'));
    await waitReady(page, 'monitor');
    assert.match(await page.locator('[data-testid=surveyed-value]').innerText(), /5\.30%（国家统计局贵州调查总队/);
    assert.match(await page.locator('[data-testid=surveyed-reason]').innerText(), /城镇调查失业率 5\.30%，目标 5\.50% 左右，未超过目标/);
    assert.equal(await page.locator('[data-testid=surveyed-reason] [data-status]').getAttribute('data-status'), 'green');
    // The registered rate is shown beside it, computed from the registry.
    const dash = await (await page.request.get('/api/monitor/indicators?year=2025&month=6')).json();
    const reg = dash.monthly.find((m) => m.id === 'registered_unemployment_rate');
    assert.equal(reg.surveyed.value, 530);
    assert.ok(reg.denominator > 0, 'employed persons in the registry');
    assert.equal(await page.locator('[data-testid=value-registered_unemployment_rate]').innerText(), `${(reg.value / 100).toFixed(2)}%`);
    // A correction is a new row; both are kept.
    await page.fill('[data-testid=surveyed-rate]', '5.2');
    await page.fill('[data-testid=surveyed-source]', '国家统计局贵州调查总队修订');
    await page.fill('[data-testid=surveyed-note]', '更正');
    await page.click('[data-testid=surveyed-submit]');
    await page.waitForFunction(() => document.querySelector('[data-testid=surveyed-value]')?.textContent.startsWith('5.20%'));
    await waitReady(page, 'monitor');
    assert.match(await page.locator('[data-testid=surveyed-history] summary').innerText(), /录入记录 2 条/);
    // Monitoring objects employed, with its trend chart.
    const mo = page.locator('[data-indicator=monitoring_objects_employed]');
    assert.match(await mo.locator('h2').innerText(), /防返贫监测对象就业人数/);
    assert.match(await page.locator('[data-testid=reason-monitoring_objects_employed]').innerText(), /2025 年 6 月末防返贫监测对象就业人数 \d+人/);
    assert.equal(await mo.locator('canvas').count() >= 1, true);
    await screenshot(page, 'monitor-rates');

    // The prefecture officer: the form offers the prefecture only; another
    // prefecture is refused (403) and nothing is written.
    const own = platform.facts.county.slice(0, 4);
    const otherPref = own === '5203' ? '5201' : '5203';
    await page.context().clearCookies();
    await login(page, 'approver');
    await page.goto('/app.html#/monitor?year=2025&month=6');
    await waitReady(page, 'monitor');
    const options = await page.locator('[data-testid=surveyed-region] option').evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(options, [own]);
    const csrf = await page.evaluate(() => sessionStorage.getItem('qjy.csrf'));
    const refused = await page.request.post('/api/monitor/surveyed-rate', { headers: { 'X-CSRF-Token': csrf },
      data: { region: otherPref, month: '2025-06', rate_bp: 480, source: '调查队' } });
    assert.equal(refused.status(), 403);
    const ownOk = await page.request.post('/api/monitor/surveyed-rate', { headers: { 'X-CSRF-Token': csrf },
      data: { region: own, month: '2025-06', rate_bp: 610, source: '调查队' } });
    assert.equal(ownOk.status(), 201);
    const seen = await (await page.request.get(`/api/monitor/indicators?region=${otherPref}&year=2025&month=6`)).status();
    assert.equal(seen, 403);
    // The county officer sees the prefecture's figure and has no form.
    await page.context().clearCookies();
    await login(page, 'county');
    await page.goto('/app.html#/monitor?year=2025&month=6');
    await waitReady(page, 'monitor');
    assert.match(await page.locator('[data-testid=surveyed-value]').innerText(), /^6\.10%/);
    assert.equal(await page.locator('#surveyed-form').count(), 0);
  });

  // The service network's duties (附件4) of the region beside the
  // indicators: the counts and the worst duties are those of the coverage
  // API for the same region and dates, and the link opens its page.
  it('shows the service network duties of the region as the coverage API reports them', async () => {
    await page.context().clearCookies();
    await login(page, 'county');
    await page.goto('/app.html#/monitor?year=2025&month=6');
    await waitReady(page, 'monitor');
    const panel = page.locator('#coverage');
    assert.equal(await panel.getAttribute('data-region'), platform.facts.county);
    assert.match(await panel.locator('h2').innerText(), /服务网络达标情况（附件4）.*截至 2025-06-30/);
    const cov = await (await page.request.get(`/api/network/coverage?region=${platform.facts.county}&as_of=2025-06-30&from=2025-01-01`)).json();
    assert.equal(await panel.locator('[data-met]').getAttribute('data-met'), String(cov.summary.met));
    assert.equal(await panel.locator('[data-late]').getAttribute('data-late'), String(cov.summary.late));
    assert.equal(await panel.locator('[data-missing]').getAttribute('data-missing'), String(cov.summary.missing));
    const worst = cov.duties.filter((d) => d.applicable && (d.status === 'missing' || d.status === 'late'))
      .sort((a, b) => (a.status === b.status ? b.gap_count - a.gap_count : a.status === 'missing' ? -1 : 1)).slice(0, 5);
    const shown = await panel.locator('[data-testid=coverage-worst] li').evaluateAll((lis) => lis.map((li) => [li.dataset.duty, li.dataset.status]));
    assert.deepEqual(shown, worst.map((d) => [d.id, d.status]));
    if (worst.length) assert.ok((await panel.locator('[data-testid=coverage-worst] li').first().innerText()).includes(worst[0].title));
    else assert.equal(await panel.locator('[data-testid=coverage-none]').count(), 1);
    await screenshot(page, 'monitor-coverage');
    await panel.locator('[data-testid=coverage-link]').click();
    await waitReady(page, 'network');
    assert.match(await page.locator('[data-testid=summary]').innerText(), new RegExp(`未达标 ${cov.summary.missing} 项`));
    assert.equal(await page.locator('[data-testid=as-of]').inputValue(), '2025-06-30');
  });

  // The page runs under the server's Content-Security-Policy (default-src
  // 'self', no inline styles): its status and warning tags are coloured by
  // the stylesheet's classes, and nothing on it is refused by the policy.
  it('logs no Content-Security-Policy errors and colours its tags by class', async () => {
    const fresh = await newPage(browser, platform.base);
    const refused = [];
    fresh.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) refused.push(m.text()); });
    await login(fresh, 'province');
    await fresh.goto('/app.html#/monitor?year=2025&month=6');
    await waitReady(fresh, 'monitor');
    await fresh.waitForLoadState('networkidle');
    const tags = fresh.locator('.tag[data-status], #warnings .tag[class*=level-]');
    assert.ok(await tags.count() > 0, 'status tags on the page');
    assert.equal(await fresh.locator('#page [style*=background]').count(), 0, 'no inline colour styles');
    const colours = await tags.evaluateAll((els) => els.map((e) => [e.className, getComputedStyle(e).backgroundColor, getComputedStyle(e).color]));
    for (const [cls, bg, fg] of colours) {
      if (/no_target/.test(cls)) continue;
      assert.notEqual(bg, 'rgb(232, 244, 241)', `${cls}: coloured by its status, not the plain tag`);
      assert.equal(fg, 'rgb(255, 255, 255)', cls);
    }
    assert.deepEqual(refused.slice(0, 3), [], `${refused.length} CSP errors`);
    assert.deepEqual(fresh.errors, []);
    await fresh.context().close();
  });

  it('keeps a county officer to the county', async () => {
    await page.context().clearCookies();
    await login(page, 'county');
    await page.goto('/app.html#/monitor?region=52');
    await waitReady(page, 'monitor');
    assert.match(await page.locator('body').innerText(), /不在您的权限范围内/);
  });
});
