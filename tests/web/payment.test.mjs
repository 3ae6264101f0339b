// Safe payment (issue #14): the county's policy officer reviews the
// entitlements a sweep found — each explanation opens in its own row — and
// submits them for approval; the batch shows count and total per fund,
// loans apart, names with masked ID numbers. The submitter has no 审批支付
// control and is refused by the API; a second officer holding the grant
// approves after a confirmation, and each entitlement is paid once. An
// approver may not approve a batch of their own (two-person rule). A
// proposal that today's rules no longer grant (as one an older release made)
// is withdrawn at submission, and the page says how many and why.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { FULL_ID_RE, login, newPage, screenshot, sweepAndWait, sweepOnPage, usePlatform } from './harness.mjs';

const DATE = '2023-09-01';

// A POST with the page's CSRF token, as the app's api.js sends it.
async function post(page, path, data) {
  const csrf = await page.evaluate(() => sessionStorage.getItem('qjy.csrf'));
  return page.request.post(path, { headers: { 'X-CSRF-Token': csrf }, data });
}

describe('safe payment', () => {
  const env = usePlatform();
  let batchId = 0;

  it('the policy officer reviews and submits; the submit control confirms first', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'county');
    await page.goto('/policy-review.html');
    await page.waitForSelector('#submit-batch');
    // The rule filter offers the subsidies by title, never by code.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=rule-filter] option').length > 10);
    const rules = await page.locator('[data-testid=rule-filter] option').allInnerTexts();
    assert.ok(rules.includes('全部政策'), rules.join('|'));
    assert.ok(rules.some((t) => t.includes('一次性吸纳就业补贴')), rules.join('|'));
    assert.ok(!rules.some((t) => /^R\d+/.test(t)), rules.join('|'));
    assert.doesNotMatch(await page.locator('#list').innerText().catch(() => ''), /\bR\d{1,2}\b/);
    // No approval control for an account without the grant.
    assert.equal(await page.locator('#approve-batch').count(), 0);
    await page.fill('input[name=date]', DATE);
    // The sweep runs as a job; the page shows its progress by county.
    const job = await sweepOnPage(page);
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.equal(job.counties_done, job.counties_total);
    assert.equal(await page.locator('#sweep-progress progress').getAttribute('value'), '100');
    const found = job.result;
    assert.ok(found.entitlements > 0, 'the sweep finds entitlements in the county');
    await page.waitForSelector('#list table tbody tr');
    // The reason opens inside its own row, not at the foot of the page.
    const row = page.locator('#list table tbody tr').first();
    await row.locator('details.reason summary').click();
    const block = row.locator('[data-testid^="decision-"]');
    await block.waitFor();
    const rb = await row.boundingBox();
    const bb = await block.boundingBox();
    assert.ok(bb.y >= rb.y && bb.y - rb.y < 200, `explanation inline (row ${rb.y}, block ${bb.y})`);

    // Cancel first: nothing is submitted.
    await page.click('#submit-batch');
    await page.waitForSelector('#confirm-dialog');
    assert.match(await page.locator('#confirm-dialog').innerText(), /补贴 \d+ 笔，合计/);
    await page.click('#confirm-cancel');
    assert.equal((await (await page.request.get('/api/policy/batches')).json()).batches.length, 0);

    // A stale proposal, as an older release could have left: a copy of one
    // in the county under a key today's engine does not produce.
    const county = env.platform.facts.county;
    execFileSync('sqlite3', [env.platform.db, `INSERT INTO policy_entitlements (once_key, rule, title, beneficiary,
      person_id, employer_code, period, fund, county_code, amount_fen, loan, decided_on, explanation, status, created_at)
      SELECT once_key || '|old', rule, title, beneficiary, person_id, employer_code, 'old', fund, county_code, amount_fen,
      loan, decided_on, explanation, 'proposed', created_at FROM policy_entitlements WHERE status = 'proposed'
      AND loan = 0 AND county_code LIKE '${county}%' ORDER BY entitlement_id LIMIT 1`]);

    await page.click('#submit-batch');
    await page.waitForSelector('#confirm-dialog');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/policy/batches') && r.request().method() === 'POST'),
      page.click('#confirm-ok'),
    ]);
    assert.equal(resp.status(), 201);
    const batch = await resp.json();
    batchId = batch.batch_id;
    assert.ok(batch.count > 0);
    assert.equal(batch.submitted_by, 'county');
    assert.equal(batch.withdrawn, 1);
    assert.match(batch.message, /已撤回 1 项按现行规则不再符合的享受资格/);
    await page.waitForSelector('#messages .msg-info');
    assert.match(await page.locator('#messages').innerText(), /已撤回 1 项.*不会支付/s);
    const stale = JSON.parse(execFileSync('sqlite3', ['-json', env.platform.db,
      "SELECT status FROM policy_entitlements WHERE once_key LIKE '%|old'"]).toString());
    assert.deepEqual(stale, [{ status: 'withdrawn' }]);
    const card = page.locator(`[data-testid="batch-${batchId}"]`);
    await card.waitFor();
    const text = await card.innerText();
    assert.match(text, /按资金汇总/);
    assert.match(text, /补贴合计 [\d,]+\.\d\d元/);
    assert.ok(!FULL_ID_RE.test(text), 'identity numbers are masked');
    // Times in China time to the minute, never raw ISO; the limit of the
    // two-person rule (0 in the shipped parameters) not shown as an amount.
    const china = new Date(Date.parse(batch.submitted_at) + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');
    assert.ok(text.includes(`提交审批：county（${china}）`), text);
    assert.doesNotMatch(text, /\d{4}-\d\d-\d\dT\d\d:/);
    assert.equal(await card.locator('[data-testid=two-person]').innerText(), '两人审批：每个批次均须由提交人以外的人员审批');
    // The submitter sees no approval control and the API refuses them.
    assert.equal(await page.locator('#approve-batch').count(), 0);
    const self = await post(page, `/api/policy/batches/${batchId}/approve`, {});
    assert.equal(self.status(), 403);
    assert.match((await self.json()).message, /审批支付权限/);
    // The review list marks what is frozen into the batch: no second submission.
    await page.waitForSelector(`#list >> text=已提交批次 ${batchId}`);
    assert.equal(await page.locator('#list input.pick').count(), 0);
    await screenshot(page, 'payment-submitted');
    assert.deepEqual(page.errors, []);
  });

  it('a second officer with the grant approves after a confirmation, once', async () => {
    assert.ok(batchId > 0);
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'approver');
    await page.goto('/policy-review.html');
    await page.click(`button[data-batch="${batchId}"]`);
    const card = page.locator(`[data-testid="batch-${batchId}"]`);
    await card.waitFor();
    const text = await card.innerText();
    assert.match(text, /提交审批：county/);
    assert.ok(!FULL_ID_RE.test(text), 'identity numbers are masked');
    // Names of the beneficiaries, and each explanation inline.
    const first = card.locator('table').last().locator('tbody tr').first();
    assert.ok((await first.innerText()).length > 0);
    await first.locator('details.reason summary').click();
    await first.locator('[data-testid^="decision-"]').waitFor();

    await page.click('#approve-batch');
    await page.waitForSelector('#confirm-dialog');
    const dialog = await page.locator('#confirm-dialog').innerText();
    assert.match(dialog, /支付补贴合计 [\d,]+\.\d\d元/);
    assert.match(dialog, /提交人：county；审批人：approver/);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/policy/batches/${batchId}/approve`)),
      page.click('#confirm-ok'),
    ]);
    assert.equal(resp.status(), 200);
    const done = await resp.json();
    assert.equal(done.status, 'paid');
    assert.equal(done.approved_by, 'approver');
    assert.ok(done.results.every((r) => r.outcome === 'paid' || r.outcome === 'referred'));
    await page.waitForSelector(`[data-testid="batch-${batchId}"] >> text=已审批支付`);
    assert.equal(await page.locator('#approve-batch').count(), 0);
    // Approving again pays nothing.
    const again = await post(page, `/api/policy/batches/${batchId}/approve`, {});
    assert.equal(again.status(), 409);
    await screenshot(page, 'payment-approved');
    assert.deepEqual(page.errors, []);
  });

  it('an approver may not approve a batch they submitted themselves', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'approver');
    const region = env.platform.facts.county.slice(0, 4);
    await page.goto('/policy-review.html');
    await page.waitForSelector('#submit-batch');
    const { start, job } = await sweepAndWait(page, { date: DATE, region });
    assert.equal(start.status(), 202);
    assert.equal(job.state, 'done', JSON.stringify(job));
    const sub = await post(page, '/api/policy/batches', { all: true, region });
    assert.equal(sub.status(), 201, await sub.text());
    const own = await sub.json();
    await page.reload();
    await page.click(`button[data-batch="${own.batch_id}"]`);
    await page.waitForSelector('#why-not-approve');
    assert.equal(await page.locator('#approve-batch').count(), 0);
    const r = await post(page, `/api/policy/batches/${own.batch_id}/approve`, {});
    assert.equal(r.status(), 403);
    assert.match((await r.json()).message, /两人审批/);
    assert.deepEqual(page.errors, []);
  });
});
