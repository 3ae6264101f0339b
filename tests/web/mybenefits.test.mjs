// 我的失业保险金 and 转介民政 (issue #16 §1): a person granted 失业保险金,
// paid two months, then stopped (迁出), and referred to civil affairs whose
// answer (临时救助 纳入) was imported from the returned file — the person,
// signed in as a seeker, sees the months paid, the stop with its reason and
// the answer; the county officer sees the same on the person page.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { FULL_ID_RE, PASSWORD, QJY_BIN, launchBrowser, login, newPage, screenshot, startPlatform, waitReady } from './harness.mjs';

const run = promisify(execFile);
const ID = '520102199001010026';
const qjy = (args) => run(QJY_BIN, args, { maxBuffer: 16 << 20 });

describe('my benefits and the referral to civil affairs', () => {
  let platform, browser, person;
  before(async () => {
    platform = await startPlatform();
    const { db, dir, facts } = platform;
    const persons = join(dir, 'beneficiary.csv');
    await writeFile(persons, `身份证号,姓名,户籍地\n${ID},失业测试人,${facts.county}\n`);
    await qjy(['import', 'persons', persons, '--db', db, '-q']);
    const { stdout } = await run('sqlite3', ['-json', db, "SELECT person_id, county_code FROM persons WHERE name = '失业测试人'"]);
    const p = JSON.parse(stdout)[0];
    person = Number(p.person_id);
    const pw = join(dir, 'beneficiary-password.txt');
    await writeFile(pw, `${PASSWORD}\n`, { mode: 0o600 });
    await qjy(['accounts', 'create', '--db', db, '--username', 'beneficiary', '--password-file', pw, '--role', 'seeker',
      '--display-name', '失业测试人', '--id-number', ID]);
    // 24 months insured with the employer, the contract ran out on 2025-02-28.
    const employer = facts.employer.credit_code;
    const months = [];
    for (let i = 0; i < 24; i++) {
      const y = 2023 + Math.floor((2 + i) / 12), m = ((2 + i) % 12) + 1;
      months.push(`('${p.county_code}', ${person}, '${employer}', '${y}-${String(m).padStart(2, '0')}', 15, 400000, 'x', 'x')`);
    }
    await run('sqlite3', [db, `INSERT INTO contributions (county_code, person_id, employer_credit_code, month, kinds, base_fen,
      created_at, updated_at) VALUES ${months.join(',')};
      INSERT INTO contracts (county_code, person_id, employer_credit_code, start_on, end_on, social_insurance_months,
      flexible, new_form, work_region, created_at, updated_at) VALUES ('${p.county_code}', ${person}, '${employer}',
      '2023-03-01', '2025-02-28', 24, 0, 0, '${p.county_code}', 'x', 'x')`]);
    await qjy(['register', '--db', db, '--id-number', ID, '--on', '2025-03-02', '--region', facts.county,
      '--flags', 'living_difficulty']);
    const claim = JSON.parse((await qjy(['benefits', 'apply', '--db', db, '--person', String(person), '--on', '2025-03-05',
      '--json'])).stdout);
    assert.equal(claim.granted, true, claim.decision);
    for (const m of ['2025-03', '2025-04']) await qjy(['benefits', 'run', '--db', db, '--month', m, '--region', facts.county]);
    await qjy(['benefits', 'stop', '--db', db, '--claim', String(claim.claim_id), '--reason', '迁出', '--month', '2025-05']);
    // The referral file out, the answer back.
    const out = join(dir, '转介民政.csv');
    await qjy(['benefits', 'refer-export', '--db', db, '--region', facts.county, '--out', out, '--on', '2025-03-06']);
    const text = await readFile(out, 'utf8');
    assert.doesNotMatch(text, FULL_ID_RE, 'the file carries masked ID numbers only');
    const row = text.split('\r\n').find((l) => l.includes('失业测试人'));
    assert.ok(row, text);
    const referral = row.split(',')[0];
    const answer = join(dir, '民政答复.csv');
    await writeFile(answer, `转介编号,姓名,救助类别,审批结果,决定日期,说明\n${referral},失业测试人,临时救助,纳入,2025-03-20,\n`);
    await qjy(['benefits', 'refer-import', '--db', db, answer]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows the seeker the months paid, the stop with its reason and the answer', async () => {
    const page = await newPage(browser, platform.base);
    await login(page, 'beneficiary');
    await page.goto('/app.html#/benefits');
    await waitReady(page, 'benefits');
    const claims = await page.locator('[data-testid=benefit-claims]').innerText();
    assert.match(claims, /2\/12 个月：2025-03、2025-04/);
    assert.match(claims, /停止领取：迁出（自 2025-05）/);
    assert.match(claims, /1701\.00 元／180\.00 元/);
    const referrals = await page.locator('[data-testid=referrals]').innerText();
    assert.match(referrals, /临时救助：纳入（2025-03-20）/);
    assert.match(await page.locator('[data-testid=paid-total]').innerText(), /3402\.00 元/);
    const all = await page.locator('#page').innerText();
    assert.doesNotMatch(all, FULL_ID_RE);
    assert.doesNotMatch(all, /\b(active|stopped|granted|temporary_assistance)\b/, 'no codes shown');
    await screenshot(page, 'benefits-mine');
    assert.deepEqual(page.errors, []);
  });

  it('shows the county officer the answer on the person page', async () => {
    const page = await newPage(browser, platform.base);
    await login(page, 'county');
    await page.goto(`/app.html#/person/${person}`);
    await waitReady(page, 'person');
    const referrals = await page.locator('[data-testid=referrals]').innerText();
    assert.match(referrals, /临时救助：纳入（2025-03-20）/);
    assert.match(await page.locator('[data-testid=benefit-claims]').innerText(), /停止领取：迁出/);
    assert.deepEqual(page.errors, []);
  });
});
