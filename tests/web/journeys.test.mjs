// The seeker's and the employer's journey (issue #14). Two people of the
// county, unemployed today, get seeker accounts; the company posts an ad
// that screening holds, edits it and resubmits it, and it publishes. Seeker
// A registers online (线上) and sees the services owed with deadlines, opens
// the job page (employer, place, pay, contact masked) and applies once.
// The company sees A among the applicants (name, ID and phone masked);
// seeker B registers online afterwards and at once appears among the
// recommended candidates; the company invites B, who finds the invitation on
// the home page. The county officer assigns A's online registration to an
// officer, who finds it in their own queue; A sees the policies they may
// receive or nearly, recommendations naming employers and the gig posts of
// their area first. Each page of the journey is
// checked for raw codes, serious accessibility violations and, at 390 px,
// horizontal scrolling.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { request } from 'playwright-core';
import { FULL_ID_RE, PASSWORD, PHONE, QJY_BIN, login, pick, screenshot, usePlatform, waitReady } from './harness.mjs';
import { accessibility, newPage, overflow, problemsOn } from './page-checks.mjs';

const run = promisify(execFile);
const beijingToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

async function sql(db, query) {
  const { stdout } = await run('sqlite3', ['-json', '-readonly', db, query]);
  return stdout.trim() ? JSON.parse(stdout) : [];
}

// Raw codes, axe (unless the same page was checked already) and, at phone
// width, overflow of the page as it is now.
async function pageProblems(page, where, { axe = true } = {}) {
  const out = (await problemsOn(page)).map((p) => `${where}: ${p}`);
  if (axe) for (const a of await accessibility(page)) out.push(`${where}: ${a}`);
  if ((page.viewportSize()?.width ?? 0) <= 400) {
    const px = await overflow(page);
    if (px > 0) out.push(`${where}: ${px}px wider than the phone`);
  }
  const text = await page.locator('body').innerText();
  if (FULL_ID_RE.test(text)) out.push(`${where}: an unmasked ID number`);
  return out;
}

describe('the seeker\'s and the employer\'s journey', () => {
  const env = usePlatform();

  it('register online, apply, see the applicant, invite a candidate, fix a held ad', async () => {
    const { platform } = env;
    const county = platform.facts.county;
    const today = beijingToday();
    const month = today.slice(0, 7);
    const adult = (years) => `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
    // Two people living in the county, of working age, with no contract in
    // force and no contribution this month: unemployed by the facts.
    const seekers = await sql(platform.db, `
      SELECT person_id, name FROM persons p
       WHERE county_code = '${county}' AND residence_region LIKE '${county}%'
         AND birth_date BETWEEN '${adult(45)}' AND '${adult(22)}'
         AND NOT EXISTS (SELECT 1 FROM contracts c WHERE c.person_id = p.person_id
                          AND c.start_on <= '${today}' AND (c.end_on IS NULL OR c.end_on >= '${today}'))
         AND NOT EXISTS (SELECT 1 FROM contributions k WHERE k.person_id = p.person_id AND k.month >= '${month}')
       ORDER BY person_id LIMIT 2`);
    assert.equal(seekers.length, 2, 'two unemployed people in the county');
    const [occ] = await sql(platform.db, 'SELECT occupation_code AS code FROM jobs ORDER BY job_id LIMIT 1');

    // Their accounts, bound to their ID numbers (read through the audited reveal).
    const officer = await request.newContext({ baseURL: platform.base });
    const { csrf_token: csrf } = await (await officer.post('/api/login', { data: { username: 'county', password: PASSWORD } })).json();
    const passwordFile = join(platform.dir, 'seeker-password.txt');
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    await Promise.all(seekers.map(async (s, i) => {
      const r = await officer.post(`/api/persons/${s.person_id}/reveal`, {
        headers: { 'x-csrf-token': csrf }, data: { field: 'id_number', reason: '开通求职者线上账号' } });
      assert.equal(r.status(), 200, await r.text());
      s.username = `seeker_${i}`;
      await run(QJY_BIN, ['accounts', 'create', '--db', platform.db, '--username', s.username, '--password-file', passwordFile,
        '--role', 'seeker', '--display-name', `求职者${i}`, '--id-number', (await r.json()).value]);
    }));
    await officer.dispose();
    const [a, b] = seekers;
    const failures = [];

    // 1. The company's ad is held, edited, resubmitted and published.
    const company = await newPage(env.browser, platform.base);
    await login(company, 'company');
    await Promise.all([company.waitForURL(/ads-review\.html/), company.click('nav a[data-route="ads-review.html"]')]);
    await company.waitForSelector('#ad-form');
    const title = `仓储管理员${Date.now() % 100000}`;
    for (const [name, value] of [['title', title], ['wage_min', '4000'], ['wage_max', '5500'],
      ['contact_name', '王女士'], ['contact_phone', '13800001111']]) {
      await company.fill(`input[name=${name}]`, value);
    }
    // Occupation and place are chosen in the pickers (typed code → its entry).
    await pick(company, '#ad-form', 'occupation_code', occ.code, occ.code);
    await pick(company, '#ad-form', 'place_region', county, county);
    await company.fill('textarea[name=requirements]', '限男性，35岁以下');
    const [held] = await Promise.all([
      company.waitForResponse((r) => r.url().endsWith('/api/jobs') && r.request().method() === 'POST'),
      company.click('[data-testid=post-ad]'),
    ]);
    assert.equal(held.status(), 202, await held.text());
    const adId = (await held.json()).ad_id;
    await company.click(`[data-testid=edit-${adId}]`);
    assert.equal(await company.inputValue('input[name=title]'), title, 'the form carries the held ad');
    await company.fill('textarea[name=requirements]', '男女不限，年龄不限，持证上岗优先');
    const [published] = await Promise.all([
      company.waitForResponse((r) => r.url().endsWith(`/api/ads/${adId}/resubmit`)),
      company.click('[data-testid=post-ad]'),
    ]);
    assert.equal(published.status(), 201, await published.text());
    const jobId = (await published.json()).job_id;
    assert.ok(jobId > 0);
    await company.locator('#my-ads', { hasText: '已发布' }).waitFor();
    failures.push(...await pageProblems(company, 'company ads'));

    // 2. Seeker A registers online and sees what is owed, then applies.
    const seekerA = await newPage(env.browser, platform.base, PHONE);
    await login(seekerA, a.username);
    await seekerA.locator('#register-online').waitFor();
    const [reg] = await Promise.all([
      seekerA.waitForResponse((r) => r.url().endsWith('/api/me/registration')),
      seekerA.click('[data-testid=register-online]'),
    ]);
    assert.equal(reg.status(), 201, await reg.text());
    await seekerA.getByTestId('registration-status').waitFor();
    const caseText = await seekerA.locator('#my-registration').innerText();
    assert.ok(caseText.includes('登记有效'), caseText);
    assert.ok(caseText.includes('线上'), 'the channel');
    assert.ok(caseText.includes('经办机构应为您提供的服务'), caseText);
    assert.ok(await seekerA.locator('#my-registration tbody tr').count() > 0, 'obligations with deadlines');
    failures.push(...await pageProblems(seekerA, 'seeker home after registering'));
    await screenshot(seekerA, 'journey-seeker-registered');

    // 2b. The online registration waits for an officer: the county officer
    // assigns county2 from the workbench; county2 finds A in their own queue.
    const regId = (await reg.json()).registration_id;
    const officer1 = await newPage(env.browser, platform.base);
    await login(officer1, 'county');
    await officer1.goto('/app.html#/workbench');
    await waitReady(officer1, 'workbench');
    const waiting = officer1.locator('#online-queue');
    await waiting.getByTestId(`assign-${regId}`).waitFor();
    const row = await waiting.locator('tr', { has: officer1.getByTestId(`assign-${regId}`) }).innerText();
    assert.ok(row.includes(a.name), row);
    assert.match(row, /\d{4}\*{10}\d{3}[\dX]/, 'the ID is masked');
    await officer1.getByTestId(`assignee-${regId}`).selectOption('county2');
    const [assigned] = await Promise.all([
      officer1.waitForResponse((r) => r.url().endsWith(`/api/services/online-registrations/${regId}/assign`)),
      officer1.getByTestId(`assign-${regId}`).click(),
    ]);
    assert.equal(assigned.status(), 200, await assigned.text());
    await waiting.locator('.empty').waitFor();
    failures.push(...await pageProblems(officer1, 'county workbench online queue'));
    const officer2 = await newPage(env.browser, platform.base);
    // Straight to the workbench (the officer's home is not part of this step).
    await officer2.goto(`/index.html?next=${encodeURIComponent('/app.html#/workbench')}`);
    await officer2.fill('#username', 'county2');
    await officer2.fill('#password', PASSWORD);
    await Promise.all([officer2.waitForURL(/app\.html#\/workbench/), officer2.click('#login-submit')]);
    await officer2.waitForSelector('#page[data-route="workbench"][data-state="ready"]', { timeout: 60_000 });
    await Promise.all([
      officer2.waitForResponse((r) => r.url().includes('/api/services/queue') && r.url().includes('officer=county2')),
      officer2.getByTestId('queue-mine').check(),
    ]);
    await officer2.locator('#queue [data-testid=queue-person]', { hasText: a.name }).first().waitFor();
    await officer1.close();
    await officer2.close();

    // 2c. Seeker A's own policy page, recommendations with employers, and
    // the gig market of A's area with the free-time form on the first screen.
    await seekerA.goto('/policy.html');
    await seekerA.getByTestId('near-heading').waitFor();
    const policyText = await seekerA.locator('#results').innerText();
    assert.match(policyText, /可享受 \d+ 项/);
    assert.match(policyText, /差一点就符合 \d+ 项/);
    assert.match(policyText, /其他 \d+ 项暂不符合/);
    failures.push(...await pageProblems(seekerA, 'seeker policy page'));
    await screenshot(seekerA, 'journey-seeker-policy');
    await seekerA.goto('/match.html');
    await seekerA.locator('#recommendations table tbody tr, #recommendations .empty').first().waitFor();
    if (await seekerA.locator('#recommendations [data-testid=job-link]').count() > 0) {
      assert.match(await seekerA.locator('#recommendations [data-testid=job-link]').first().getAttribute('href'),
        /app\.html#\/job\/\d+$/);
      assert.ok((await seekerA.locator('#recommendations [data-testid=job-employer]').first().innerText()).trim().length > 1,
        'the employer is named');
    }
    failures.push(...await pageProblems(seekerA, 'seeker recommendations'));
    await seekerA.goto('/gig.html');
    await seekerA.locator('#page[data-state=ready]').waitFor();
    await seekerA.locator('#gig-posts table, #gig-posts .empty').first().waitFor();
    const formTop = await seekerA.locator('#availability-form').evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
    assert.ok(formTop < 844, `the free-time form starts on the first screen (${formTop}px)`);
    assert.match(await seekerA.getByTestId('gig-near').innerText(), /优先显示/);
    assert.ok(await seekerA.locator('#gig-posts tbody tr').count() <= 20, 'one page of posts');
    failures.push(...await pageProblems(seekerA, 'seeker gig market'));
    await screenshot(seekerA, 'journey-seeker-gig');

    await seekerA.goto(`/app.html#/job/${jobId}`);
    await waitReady(seekerA, 'job');
    assert.equal((await seekerA.getByTestId('job-title').innerText()).trim(), title);
    assert.equal((await seekerA.getByTestId('job-employer').innerText()).trim(), platform.facts.employer.name);
    assert.equal((await seekerA.getByTestId('job-contact').innerText()).trim(), '王女士 138****1111');
    const [applied] = await Promise.all([
      seekerA.waitForResponse((r) => r.url().endsWith(`/api/jobs/${jobId}/applications`)),
      seekerA.click('[data-testid=apply]'),
    ]);
    assert.equal(applied.status(), 201, await applied.text());
    await seekerA.getByTestId('applied').waitFor();
    const again = await seekerA.evaluate(async (id) => {
      const r = await fetch(`/api/jobs/${id}/applications`, { method: 'POST', headers: { 'Content-Type': 'application/json',
        'X-CSRF-Token': sessionStorage.getItem('qjy.csrf') }, body: '{}' });
      return r.status;
    }, jobId);
    assert.equal(again, 409, 'a second application is refused');
    failures.push(...await pageProblems(seekerA, 'seeker job page'));
    await screenshot(seekerA, 'journey-seeker-applied');

    // 3. The company sees A among the applicants, masked (and so loads
    // matching: B, who registers next, must still be recommended).
    await company.goto(`/app.html#/job/${jobId}`);
    await waitReady(company, 'job');
    const applicants = await company.locator('#applicants').innerText();
    assert.ok(applicants.includes(`${a.name[0]}${'*'.repeat(a.name.length - 1)}`), applicants);
    assert.ok(!applicants.includes(a.name), 'the applicant\'s name is masked');
    await company.locator('#candidates table, #candidates .empty').first().waitFor();

    // 4. Seeker B registers online and is recommended for the county's jobs.
    const seekerB = await newPage(env.browser, platform.base);
    await login(seekerB, b.username);
    await seekerB.locator('#register-online').waitFor();
    const [regB] = await Promise.all([
      seekerB.waitForResponse((r) => r.url().endsWith('/api/me/registration')),
      seekerB.click('[data-testid=register-online]'),
    ]);
    assert.equal(regB.status(), 201, await regB.text());

    await company.reload();
    await waitReady(company, 'job');
    const invite = company.getByTestId(`invite-${b.person_id}`).last();
    await invite.waitFor();
    const [sent] = await Promise.all([
      company.waitForResponse((r) => r.url().endsWith(`/api/jobs/${jobId}/invitations`)),
      invite.click(),
    ]);
    assert.equal(sent.status(), 201, await sent.text());
    failures.push(...await pageProblems(company, 'company job page'));
    await screenshot(company, 'journey-employer-job');

    // 5. B finds the invitation at home.
    await seekerB.goto('/app.html#/home');
    await seekerB.reload();
    await waitReady(seekerB, 'home');
    const invitations = await seekerB.locator('#my-invitations').innerText();
    assert.ok(invitations.includes(title) && invitations.includes(platform.facts.employer.name), invitations);
    failures.push(...await pageProblems(seekerB, 'seeker home with an invitation', { axe: false }));

    // 6. Trial 3: B accepts on the home page; the company then sees B's
    // phone for this job (masked before), and 已接受 on its home.
    const accept = seekerB.locator('#my-invitations [data-testid^=accept-]').first();
    const [answered] = await Promise.all([
      seekerB.waitForResponse((r) => /\/api\/me\/invitations\/\d+\/answer$/.test(r.url())),
      accept.click(),
    ]);
    assert.equal(answered.status(), 200, await answered.text());
    await seekerB.locator('#my-invitations', { hasText: '已接受' }).waitFor();
    const seen = await (await company.request.get(`/api/applications?job_id=${jobId}`)).json();
    const inv = seen.invitations.find((i) => i.person_id === b.person_id);
    assert.equal(inv.answer, 'accepted');
    if (inv.phone_masked) {
      assert.match(inv.phone ?? '', /^1\d{10}$/, 'the full phone after accepting');
      assert.equal(inv.phone.slice(-4), inv.phone_masked.slice(-4));
    }
    await company.goto('/app.html#/home');
    await company.reload();
    await waitReady(company, 'home');
    const sentBox = await company.locator('#employer-invitations').innerText();
    assert.match(sentBox, /已接受/);
    if (inv.phone) assert.ok(sentBox.includes(inv.phone), sentBox);

    for (const p of [company, seekerA, seekerB]) failures.push(...p.errors.map((e) => `script error ${e}`));
    assert.deepEqual(failures, []);
  });
});
