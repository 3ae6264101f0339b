// The policy pages (issue #5) reached from the officer's navigation: the
// parameter browser shows each value with its clause, the policy finder
// explains an employer's decisions (why and why not), and a company sees
// the finder for itself but is refused another company's evaluation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { login, newPage, pick, screenshot, usePlatform } from './harness.mjs';

describe('policy pages', () => {
  const env = usePlatform();

  it('officer browses parameters with their clauses and evaluates an employer', async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'county');
    await Promise.all([page.waitForURL(/policy-params\.html/), page.click('nav a[data-route="policy-params.html"]')]);
    await page.waitForSelector('table tbody tr');
    const params = await page.locator('main').innerText();
    assert.ok(params.includes('正文（七）'), 'R1 parameters cite 正文（七）');
    assert.ok(params.includes('附件1（一）'), 'R2 parameters cite 附件1（一）');
    assert.ok(!/main\(|A[1-4]\(/.test(params), 'no internal clause codes are shown');
    // Amounts in 元 and rates in %, not 分 and 基点 (R1's layoff-rate limit is 550 bp).
    assert.match(params, /自 2023-06-15：5\.5%/);
    assert.match(params, /自 2023-06-15：[\d,]+\.\d\d 元/);
    assert.ok(!/r1\.layoff_rate_limit_bp/.test(params), 'parameter keys are not shown');
    // Notes in Chinese: no file paths, no raw false/true/null.
    assert.doesNotMatch(params, /[\w-]+\/[\w./-]+\.(md|ya?ml|csv)\b/, 'no file paths');
    assert.doesNotMatch(params, /(?<![A-Za-z_])(false|true|null)(?![A-Za-z_])/, 'no raw literals');
    assert.match(params, /贵州省最低工资标准核查记录/);
    assert.match(params, /县可设为 否/);
    await screenshot(page, 'policy-params');

    await page.goto('/policy.html');
    await page.selectOption('select[name=kind]', 'employer');
    // The officer chooses the employer by name; the query carries its credit code.
    const { employer } = env.platform.facts;
    await pick(page, 'form.filters', 'employer', employer.name, employer.credit_code);
    await page.fill('input[name=date]', '2023-09-01');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/policy/eval')),
      page.click('form.filters button[type=submit]'),
    ]);
    assert.equal(resp.status(), 200);
    await page.waitForSelector('[data-testid^="decision-"]');
    const text = await page.locator('#results').innerText();
    assert.match(text, /可享受 \d+ 项/);
    assert.match(text, /暂不符合 \d+ 项/);
    assert.ok(text.includes('R1'), 'the stabilisation refund is explained');
    assert.ok(/[✓✗] \[/.test(text), 'each condition shows its clause and result');
    await screenshot(page, 'policy-finder');
    assert.deepEqual(page.errors, []);
  });

  it("a company may not evaluate another company", async () => {
    const page = await newPage(env.browser, env.platform.base);
    await login(page, 'company');
    assert.equal(await page.locator('nav a[data-route="policy.html"]').count(), 1);
    const own = await page.request.get(`/api/policy/eval?date=2023-09-01&employer=${env.platform.facts.employer.credit_code}`);
    assert.equal(own.status(), 200);
    const other = await page.request.get('/api/policy/eval?date=2023-09-01&employer=91520102MA6DGQJY0X');
    assert.equal(other.status(), 404);
    const sweep = await page.request.post('/api/policy/sweep', { data: { date: '2023-09-01' } });
    assert.equal(sweep.status(), 403);

    // The company's own page: its record evaluated on opening, what it may
    // receive (amount, fund, 免申即享 or an application), what it nearly
    // meets with what to do, the rest folded away.
    const [evalResp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/policy/eval')),
      page.click('nav a[data-route="policy.html"]'),
    ]);
    assert.ok(evalResp.url().includes(`employer=${env.platform.facts.employer.credit_code}`), evalResp.url());
    const body = await evalResp.json();
    await page.getByTestId('near-heading').waitFor();
    const text = await page.locator('#results').innerText();
    const count = (c) => body.decisions.filter((d) => d.closeness === c).length;
    assert.ok(text.includes(`可享受 ${count('eligible')} 项`), text.slice(0, 300));
    assert.ok(text.includes(`差一点就符合 ${count('near')} 项`));
    assert.ok(text.includes(`其他 ${count('far')} 项暂不符合`));
    assert.equal(await page.locator('details[data-testid=far]').getAttribute('open'), null, 'the rest is folded');
    for (const d of body.decisions.filter((x) => x.closeness === 'near')) {
      assert.ok(d.conditions.filter((c) => !c.pass && !c.unknown).length <= 1, 'near: at most one failed condition');
    }
    if (count('near') > 0) assert.match(text, /办理：携带相关材料联系/);
    // No stray null (replaceChildren(null) inserts the text "null").
    assert.doesNotMatch(text, /^\s*(null|undefined)\s*$/m);
    if (count('eligible') > 0) assert.match(text, /免申即享|向经办银行申请/);
    assert.ok(!/R\d+\||E:[0-9A-Z]|P:\d+/.test(text), 'no raw codes');
    await screenshot(page, 'policy-employer-own');
    assert.deepEqual(page.errors, []);
  });
});
