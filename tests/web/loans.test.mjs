// 贷款 (issue #16 §3): a county officer sees the county's guaranteed loan —
// opened from an approved R14 entitlement, disbursed from the bank's file,
// subsidised for two months — with its status, counter-guarantee and the
// subsidy paid, in Chinese with no codes; the status filter narrows the list.
// The borrower, signed in as a seeker, sees 我的贷款 with each month's subsidy.
// Then the officer handles a second loan in the page: applies from the
// approved entitlement, approves, disburses (after a confirmation), uploads
// the bank's repayment file with one bad row (the row error is listed and
// nothing is written), fixes it and sees the balance; an auditor sees the
// loans but none of the controls.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PASSWORD, QJY_BIN, launchBrowser, login, newPage, screenshot, startPlatform, waitReady } from './harness.mjs';

const run = promisify(execFile);
const BORROWER_ID = '520102200001010013';
const qjy = (args) => run(QJY_BIN, args, { maxBuffer: 16 << 20 });

describe('guaranteed start-up loans', () => {
  let platform, browser, page;
  before(async () => {
    platform = await startPlatform();
    const { db, dir, facts } = platform;
    // The borrower: a person with a known ID number, and a seeker account on it.
    const persons = join(dir, 'borrower.csv');
    await writeFile(persons, `身份证号,姓名,户籍地,人员类别\n${BORROWER_ID},贷款测试人,${facts.county},农村劳动力\n`);
    await qjy(['import', 'persons', persons, '--db', db, '-q']);
    const { stdout } = await run('sqlite3', ['-json', db, "SELECT person_id FROM persons WHERE name = '贷款测试人'"]);
    const person = JSON.parse(stdout)[0].person_id;
    const pw = join(dir, 'borrower-password.txt');
    await writeFile(pw, `${PASSWORD}\n`, { mode: 0o600 });
    await qjy(['accounts', 'create', '--db', db, '--username', 'borrower', '--password-file', pw, '--role', 'seeker',
      '--display-name', '贷款测试人', '--id-number', BORROWER_ID]);
    await qjy(['loans', 'list', '--db', db]);  // the loan and ledger tables
    await run('sqlite3', [db, `INSERT INTO policy_entitlements (once_key, rule, title, beneficiary, person_id,
      employer_code, period, fund, county_code, amount_fen, loan, decided_on, explanation, status, created_at)
      VALUES ('R14|web', 'R14', '个人创业担保贷款', '测试借款人', ${Number(person)}, '', '2023', 'guaranteed_loan',
      '${facts.county}', 10000000, 1, '2023-07-01', '{}', 'approved', '2023-07-01T00:00:00Z')`]);
    await qjy(['loans', 'create', '--db', db, '--entitlement', 'R14|web', '--amount', '100000', '--term', '24',
      '--bank', '贵阳农商银行', '--fund', '县创业担保贷款担保基金', '--loan-no', 'DK-WEB-1', '--date', '2023-08-25']);
    const file = join(dir, '放款.csv');
    await writeFile(file, '贷款编号,放款日期,放款金额（元）,年利率（%）\nDK-WEB-1,2023-09-01,100000,5.00\n');
    await qjy(['loans', 'import', '--db', db, '--kind', '放款', '--file', file]);
    await qjy(['loans', 'subsidy-run', '--db', db, '--through', '2023-11-01']);
    // A second approved entitlement with no loan yet: the page opens it.
    await run('sqlite3', [db, `INSERT INTO policy_entitlements (once_key, rule, title, beneficiary, person_id,
      employer_code, period, fund, county_code, amount_fen, loan, decided_on, explanation, status, created_at)
      VALUES ('R14|web2', 'R14', '个人创业担保贷款', '第二借款人', ${Number(person)}, '', '2024', 'guaranteed_loan',
      '${facts.county}', 5000000, 1, '2024-02-01', '{}', 'approved', '2024-02-01T00:00:00Z')`]);
    browser = await launchBrowser();
    page = await newPage(browser, platform.base);
    await login(page, 'county');
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('lists the loan with status, counter-guarantee and subsidy, and filters by status', async () => {
    await page.goto('/app.html#/loans');
    await waitReady(page, 'loans');
    const summary = await page.locator('[data-testid=loan-summary]').innerText();
    assert.match(summary, /共 1 笔/);
    assert.match(summary, /已贴息 508\.34 元/);  // 2 × 254.17
    assert.equal(await page.locator('[data-testid=status-DK-WEB-1]').innerText(), '已放款');
    const text = await page.locator('#page').innerText();
    assert.match(text, /免除反担保/);
    assert.match(text, /测试借款人/);
    assert.match(text, /5\.00%/);
    assert.doesNotMatch(text, /\bdisbursed\b|\bperson\b|R14/, 'codes are not shown');
    await screenshot(page, 'loans-officer');

    await page.selectOption('[data-testid=loan-status]', 'overdue');
    await page.locator('text=辖区内没有创业担保贷款').waitFor();
    await page.selectOption('[data-testid=loan-status]', 'disbursed');
    await page.locator('[data-testid=status-DK-WEB-1]').waitFor();
    assert.deepEqual(page.errors, []);
  });

  it('shows the borrower 我的贷款 with each month of subsidy and the history', async () => {
    const mine = await newPage(browser, platform.base);
    await login(mine, 'borrower');
    await mine.goto('/app.html#/loans');
    await waitReady(mine, 'loans');
    const card = await mine.locator('[data-testid=my-loan-DK-WEB-1]').innerText();
    assert.match(card, /个人创业担保贷款 DK-WEB-1：已放款/);
    assert.match(card, /第 1 个月（2023-09-01—2023-10-01）/);
    assert.match(card, /第 2 个月（2023-10-01—2023-11-01）/);
    assert.equal((card.match(/254\.17 元/g) ?? []).length, 2, 'one subsidy line per month');
    assert.match(card, /508\.34 元（2 个月）/);
    assert.match(card, /放款 100,000\.00元/);
    assert.match(card, /免除反担保/);
    await screenshot(mine, 'loans-mine');
    assert.deepEqual(mine.errors, []);
  });

  it('lets the officer apply, approve, disburse and upload the repayment file with its row errors', async () => {
    await page.goto('/app.html#/loans');
    await page.reload();  // the same hash: start again without the status filter of the first test
    await waitReady(page, 'loans');
    const apply = page.locator('[data-testid=apply-form]');
    assert.match(await apply.innerText(), /第二借款人/);
    await apply.locator('input[name=amount]').fill('50,000');
    await apply.locator('input[name=term]').fill('12');
    await apply.locator('input[name=bank]').fill('贵阳农商银行');
    await apply.locator('input[name=fund]').fill('县创业担保贷款担保基金');
    await apply.locator('input[name=on]').fill('2024-03-01');
    await apply.locator('button[type=submit]').click();
    const approve = page.locator('[data-testid=approve-form]');
    await approve.waitFor();
    assert.match(await page.locator('#loan-actions').innerText(), /第二借款人（已受理待审批）/);
    const { stdout } = await run('sqlite3', ['-json', platform.db, "SELECT loan_no, amount_fen FROM loans WHERE entitlement_key = 'R14|web2'"]);
    const [{ loan_no: no, amount_fen: fen }] = JSON.parse(stdout);
    assert.equal(fen, 5000000, '50,000 元 stored as fen');
    await approve.locator('input[name=on]').fill('2024-03-02');
    await approve.locator('button[type=submit]').click();

    const disburse = page.locator('[data-testid=disburse-form]');
    await disburse.waitFor();
    assert.equal(await disburse.locator('input[name=amount]').inputValue(), '50000.00');
    await disburse.locator('input[name=on]').fill('2024-03-05');
    await disburse.locator('input[name=rate]').fill('3.85');
    await disburse.locator('button[type=submit]').click();
    const dialog = page.locator('#confirm-dialog');
    assert.match(await dialog.innerText(), /放款金额：50,000 元/);
    await page.locator('#confirm-ok').click();
    await page.locator(`[data-testid=status-${no}]`, { hasText: '已放款' }).waitFor();
    assert.equal(await page.locator(`[data-testid=balance-${no}]`).innerText(), '50,000 元');

    // The bank's repayment file, one row dated before the disbursement.
    const upload = page.locator('[data-testid=bank-form]');
    const send = async (csv) => {
      await upload.locator('select[name=kind]').selectOption('还款');
      await upload.locator('input[type=file]').setInputFiles({ name: '还款.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await upload.locator('button[type=submit]').click();
    };
    const head = '贷款编号,银行流水号,还款日期,还款本金（元）\n';
    await send(`${head}${no},WEB-R1,2024-04-05,10000\n${no},WEB-R2,2024-03-01,5000\n`);
    const errors = page.locator('[data-testid=bank-errors]');
    await errors.waitFor();
    assert.match(await errors.innerText(), /文件 还款\.csv 第 3 行 字段 还款日期：还款日期 2024-03-01 早于放款日期 2024-03-05/);
    await screenshot(page, 'loans-bank-file-errors');
    assert.equal(await page.locator(`[data-testid=balance-${no}]`).innerText(), '50,000 元', 'nothing written');
    await send(`${head}${no},WEB-R1,2024-04-05,10000\n${no},WEB-R2,2024-05-05,5000.50\n`);
    await page.locator('[data-testid=bank-result]', { hasText: '登记 2 行' }).waitFor();
    await page.locator(`[data-testid=balance-${no}]`, { hasText: '34,999.5 元' }).waitFor();
    assert.equal(await errors.count(), 0);
    assert.equal(await page.locator(`[data-testid=status-${no}]`).innerText(), '还款中');
    const text = await page.locator('#page').innerText();
    assert.doesNotMatch(text, /\brepaying\b|R14\|/, 'codes are not shown');
    await screenshot(page, 'loans-officer-handled');
    assert.deepEqual(page.errors, []);

    // An auditor reads the same loans without any control.
    const audit = await newPage(browser, platform.base);
    await login(audit, 'auditor1');
    await audit.goto('/app.html#/loans');
    await waitReady(audit, 'loans');
    await audit.locator(`[data-testid=status-${no}]`).waitFor();
    assert.equal(await audit.locator('[data-testid=bank-form], [data-testid=apply-form], [data-testid^=act-]').count(), 0);
    assert.deepEqual(audit.errors, []);
  });
});
