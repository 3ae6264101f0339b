// 职业培训 (issue #16 §2): a county officer sees the county's course — set
// up with `qjy training`: a registered unemployed trainee who completed it,
// obtained a 四级 certificate and was paid both subsidies, and one who fell
// below the attendance share — with the rates in a chart and a table, and
// the course's enrolments in Chinese with no codes. The trainee, signed in
// as a seeker, sees 我的培训 with the certificate and the subsidies. On the
// trainee's person page the officer sees a course recommended for a skill
// gap against the open jobs of the prefecture (on the matching date), with
// its reason, and puts it into the plan (一人一策).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PASSWORD, PHONE, QJY_BIN, launchBrowser, login, newPage, screenshot, startPlatform, waitReady } from './harness.mjs';

// The generated province's jobs are open on its date (as in match.test.mjs).
process.env.QJY_MATCH_DATE = '2025-06-30';

const run = promisify(execFile);
const TRAINEE_ID = '520102199001010018';
const OTHER_ID = '520102199202020028';
const qjy = (args) => run(QJY_BIN, args, { maxBuffer: 16 << 20 });

describe('vocational training', () => {
  let platform, browser, page, courseId, adviceCourse, traineeId, futureCourse;
  before(async () => {
    platform = await startPlatform();
    const { db, dir, facts } = platform;
    const persons = join(dir, 'trainees.csv');
    await writeFile(persons, `身份证号,姓名,户籍地,人员类别\n${TRAINEE_ID},培训测试人,${facts.county},\n${OTHER_ID},培训未结业人,${facts.county},\n`);
    await qjy(['import', 'persons', persons, '--db', db, '-q']);
    const pw = join(dir, 'trainee-password.txt');
    await writeFile(pw, `${PASSWORD}\n`, { mode: 0o600 });
    await qjy(['accounts', 'create', '--db', db, '--username', 'trainee', '--password-file', pw, '--role', 'seeker',
      '--display-name', '培训测试人', '--id-number', TRAINEE_ID]);
    await qjy(['register', '--db', db, '--id-number', TRAINEE_ID, '--on', '2024-02-01', '--region', facts.county]);
    const { stdout: ids } = await run('sqlite3', ['-json', db,
      "SELECT person_id, name FROM persons WHERE name IN ('培训测试人', '培训未结业人') ORDER BY name"]);
    const byName = Object.fromEntries(JSON.parse(ids).map((r) => [r.name, r.person_id]));
    const db_ = ['--db', db, '--json'];
    const provider = JSON.parse((await qjy(['training', 'providers', ...db_, '--add', '--county', facts.county,
      '--name', '县职业技能培训学校'])).stdout);
    const course = JSON.parse((await qjy(['training', 'courses', ...db_, '--add', '--provider', String(provider.provider_id),
      '--title', '焊工培训班', '--occupation', '6-18-02-04', '--level', '4', '--kind', '就业技能培训', '--hours', '40',
      '--from', '2024-03-01', '--to', '2024-03-10', '--place', facts.county, '--capacity', '20'])).stdout);
    courseId = course.course_id;
    const enrol = async (name) => JSON.parse((await qjy(['training', 'enrol', ...db_, '--course', String(courseId),
      '--person', String(byName[name]), '--on', '2024-02-20'])).stdout).enrolment_id;
    const a = await enrol('培训测试人');
    const b = await enrol('培训未结业人');
    await qjy(['training', 'attend', ...db_, '--enrolment', String(a), '--on', '2024-03-01', '--hours', '8', '--days', '5']);
    await qjy(['training', 'attend', ...db_, '--enrolment', String(b), '--on', '2024-03-01', '--hours', '8', '--days', '3']);
    await qjy(['training', 'complete', ...db_, '--enrolment', String(a), '--on', '2024-03-10']);
    await assert.rejects(qjy(['training', 'complete', '--db', db, '--enrolment', String(b), '--on', '2024-03-10']),
      (e) => /低于结业要求 80\.00%/.test(e.stderr));
    await qjy(['training', 'certify', ...db_, '--enrolment', String(a), '--kind', '职业技能等级证书', '--level', '4',
      '--on', '2024-03-20', '--number', 'S2024-1']);
    await qjy(['training', 'pay', '--db', db, '--course', String(courseId), '--on', '2024-04-01']);
    // An occupation with open jobs in the prefecture on the matching date,
    // which the trainee (a 焊工 certificate) does not hold: its course is
    // recommended.
    const prefecture = facts.county.slice(0, 4);
    const { stdout: occ } = await run('sqlite3', ['-json', db,
      `SELECT occupation_code AS code, COUNT(*) AS n FROM jobs
        WHERE substr(CASE WHEN place_region <> '' THEN place_region ELSE county_code END, 1, 4) = '${prefecture}'
          AND open_on <= '2025-06-30' AND (close_on IS NULL OR close_on >= '2025-06-30')
          AND occupation_code NOT LIKE '6-18%' AND occupation_code NOT IN ('3-01', '4-09')
        GROUP BY occupation_code ORDER BY n DESC, code LIMIT 1`]);
    const [{ code }] = JSON.parse(occ);
    adviceCourse = JSON.parse((await qjy(['training', 'courses', ...db_, '--add', '--provider', String(provider.provider_id),
      '--title', '推荐测试培训班', '--occupation', code, '--level', '5', '--kind', '就业技能培训', '--hours', '40',
      '--from', '2025-07-20', '--to', '2025-07-30', '--place', facts.county, '--capacity', '20'])).stdout).course_id;
    traineeId = byName['培训测试人'];
    // A course still to come on the server's date (today): editable.
    const day = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);
    futureCourse = JSON.parse((await qjy(['training', 'courses', ...db_, '--add', '--provider', String(provider.provider_id),
      '--title', '待开课培训班', '--occupation', '6-31-01-03', '--level', '4', '--kind', '就业技能培训', '--hours', '40',
      '--from', day(30), '--to', day(40), '--place', facts.county, '--capacity', '10'])).stdout).course_id;
    browser = await launchBrowser();
    page = await newPage(browser, platform.base);
    await login(page, 'county');
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows the course with its rates as a chart and table, and its enrolments', async () => {
    await page.goto('/app.html#/training');
    await waitReady(page, 'training');
    const summary = await page.locator('[data-testid=training-summary]').innerText();
    assert.match(summary, /课程 3 个，报名 2 人，结业 1 人（50\.0%）/);
    assert.match(summary, /已付补贴 1,350 元/);  // 1,200 (四级) + 5 days × 30
    await page.locator('#training-chart canvas').waitFor();
    await page.click(`[data-testid=course-${courseId}]`);
    await page.locator('[data-testid=course-title]').waitFor();
    const detail = await page.locator('[data-testid=course-detail]').innerText();
    assert.match(detail, /焊工培训班（就业技能培训）学员 2 人/);
    assert.match(detail, /职业技能等级证书（四级\/中级工）/);
    assert.match(detail, /职业培训补贴 1,200 元；生活费补贴 150 元/);
    assert.match(detail, /在训/);
    assert.match(detail, /5201\*+/);  // ID numbers masked
    assert.doesNotMatch(detail, new RegExp(TRAINEE_ID));
    assert.doesNotMatch(detail, /\bcompleted\b|\benrolled\b|skill_level|T1\|/, 'codes are not shown');
    await screenshot(page, 'training-officer');
    assert.deepEqual(page.errors, []);
  });

  it('edits a course before it starts, the field named when wrong', async () => {
    await page.click(`[data-testid=course-${futureCourse}]`);
    const form = page.locator('[data-testid=course-edit]');
    await page.locator('[data-testid=course-detail] summary', { hasText: '开课前修改课程' }).click();
    await form.locator('input[name=end_on]').fill('2020-01-01');
    await form.locator('button[type=submit]').click();
    await page.locator('#messages', { hasText: '结束日期（end_on）：不能早于开始日期（start_on）' }).waitFor();
    await form.locator('input[name=end_on]').fill(await form.locator('input[name=start_on]').inputValue());
    await form.locator('input[name=title]').fill('待开课培训班（周末）');
    await form.locator('input[name=capacity]').fill('12');
    await form.locator('button[type=submit]').click();
    await page.locator('[data-testid=course-title]', { hasText: '待开课培训班（周末）' }).waitFor();
    assert.match(await page.locator('[data-testid=course-detail]').innerText(), /0\/12/);
    assert.deepEqual(page.errors, []);
  });

  it('fits a phone with the course open', async () => {
    const phone = await newPage(browser, platform.base, PHONE);
    await login(phone, 'county');
    await phone.goto('/app.html#/training');
    await waitReady(phone, 'training');
    await phone.click(`[data-testid=course-${courseId}]`);
    await phone.locator('[data-testid=course-title]').waitFor();
    const { scroll, width } = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
    assert.ok(scroll <= width + 1, `${scroll}px wide in a ${width}px window`);
    assert.deepEqual(phone.errors, []);
    await phone.context().close();
  });

  it('shows the officer a recommended course with its reason on the person page, and puts it into the plan', async () => {
    await page.goto(`/app.html#/person/${traineeId}`);
    await waitReady(page, 'person');
    const advice = page.locator('[data-testid=training-advice]');
    await advice.waitFor();
    const reason = await page.locator(`[data-testid=advice-reason-${adviceCourse}]`).innerText();
    assert.match(reason, /^附近 \d+ 个\S+岗位在招（共招 \d+ 人），本人尚无该职业的技能或证书；本课程「推荐测试培训班」/);
    assert.match(reason, /2025-07-20 开课，余 20 个名额）结业可考取 \S+ 五级\/初级工 证书/);
    assert.doesNotMatch(await advice.innerText(), /\bemployment\b|undefined|null/);
    await page.click(`[data-testid=plan-${adviceCourse}]`);
    await page.locator('[data-testid=training-plan] td[data-label=课程]', { hasText: '推荐测试培训班' }).waitFor();
    const plan = await page.locator('[data-testid=training-plan]').innerText();
    assert.match(plan, /推荐测试培训班/);
    assert.match(plan, /未报名/);
    assert.match(plan, /附近 \d+ 个/);
    assert.match(await page.locator('[data-testid=records]').innerText(), /一人一策：列入培训课程「推荐测试培训班」/);
    // Planned, it is no longer offered.
    assert.equal(await page.locator(`[data-testid=advice-reason-${adviceCourse}]`).count(), 0);
    await screenshot(page, 'training-person-plan');
    assert.deepEqual(page.errors, []);
  });

  it('shows the trainee 我的培训 with the certificate and the subsidies', async () => {
    const mine = await newPage(browser, platform.base);
    await login(mine, 'trainee');
    await mine.goto('/app.html#/training');
    await waitReady(mine, 'training');
    const text = await mine.locator('#page').innerText();
    assert.match(text, /焊工培训班：已结业/);
    assert.match(text, /40\/40 学时，5 日/);
    assert.match(text, /职业技能等级证书（四级\/中级工）/);
    assert.match(text, /职业培训补贴\s+1,200 元/);
    assert.match(text, /生活费补贴\s+150 元/);
    assert.doesNotMatch(text, /培训未结业人/);
    assert.match(text, /一人一策·培训计划[\s\S]*推荐测试培训班/);
    await screenshot(mine, 'training-seeker');
    assert.deepEqual(mine.errors, []);
  });
});
