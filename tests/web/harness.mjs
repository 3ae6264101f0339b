// Browser-test harness: a throwaway platform per test file.
//
// startPlatform() generates a small province into a temp SQLite database
// (`qjy gen … --seed 7`), reads from it the regions and records the tests
// need (a county with many persons, a township in it, a person far outside
// it, an employer), creates the test accounts with `qjy accounts create` —
// once per binary, into a template that each test file copies — then
// starts `qjy serve --web-root <repo>/web` on a free port and waits until it
// answers. stop() ends the server and removes the temp directory.
//
// launchBrowser() starts Debian's chromium through playwright-core. The
// binary under test is $QJY_BIN (default <repo>/build/qjy); a missing binary
// or chromium is an error, never a skip.
import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const run = promisify(execFile);

import { after, before } from 'node:test';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_ROOT = join(REPO, 'web');
export const ARTIFACTS = join(REPO, 'test-artifacts/web');
export const QJY_BIN = process.env.QJY_BIN || join(REPO, 'build/qjy');
export const CHROMIUM = process.env.QJY_CHROMIUM || '/usr/bin/chromium';
export const PASSWORD = 'Qjy#Test-2024-pass';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

// 18-digit resident ID anywhere in a text (what must never be on a page).
export const FULL_ID_RE = /(?<![0-9])[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])/;

async function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function qjy(args, opts = {}) {
  try {
    const { stdout } = await run(QJY_BIN, args, { maxBuffer: 64 << 20, ...opts });
    return stdout;
  } catch (e) {
    throw new Error(`qjy ${args.join(' ')} failed (exit ${e.code}):\n${e.stderr || e.message}`);
  }
}

async function sql(db, query) {
  const { stdout } = await run('sqlite3', ['-json', '-readonly', db, query]);
  return stdout.trim() ? JSON.parse(stdout) : [];
}

const digits = (s) => {
  if (!/^\d+$/.test(String(s))) throw new Error(`unexpected region code ${s}`);
  return String(s);
};

// What the tests look for, read straight from the generated database.
async function readFacts(db) {
  const [county] = await sql(db,
    'SELECT county_code AS code, COUNT(*) AS n FROM persons GROUP BY county_code ORDER BY n DESC, code LIMIT 1');
  const c = digits(county.code);
  const [town] = await sql(db,
    `SELECT substr(hukou_region, 1, 9) AS code, COUNT(*) AS n FROM persons
      WHERE county_code = '${c}' AND length(hukou_region) >= 9 GROUP BY code ORDER BY n DESC, code LIMIT 1`);
  const t = digits(town.code);
  const inCounty = await sql(db,
    `SELECT person_id, name FROM persons WHERE county_code = '${c}' ORDER BY person_id LIMIT 200`);
  // A name held by someone in the county (the most frequent, for a search with results).
  const [named] = await sql(db,
    `SELECT name, COUNT(*) AS n FROM persons WHERE county_code = '${c}' GROUP BY name ORDER BY n DESC, name LIMIT 1`);
  const [outside] = await sql(db,
    `SELECT person_id, name, county_code FROM persons
      WHERE substr(county_code, 1, 4) <> '${c.slice(0, 4)}'
        AND hukou_region NOT LIKE '${t}%' AND residence_region NOT LIKE '${t}%'
        AND work_region NOT LIKE '${t}%' AND insured_region NOT LIKE '${t}%'
      ORDER BY person_id LIMIT 1`);
  const [employer] = await sql(db, `SELECT credit_code, name FROM employers WHERE county_code = '${c}' ORDER BY employer_id LIMIT 1`)
    .then((r) => (r.length ? r : sql(db, 'SELECT credit_code, name FROM employers ORDER BY employer_id LIMIT 1')));
  return { county: c, countyPersons: county.n, township: t, townshipPersons: town.n, inCounty, name: named.name,
    nameCount: named.n, outside, employer };
}

// The accounts the tests log in with; username → spec.
export function accountSpecs(facts) {
  return {
    province: { role: 'officer', region: '52', display: '省厅经办' },
    county: { role: 'officer', region: facts.county, display: '县级经办', grants: ['reveal'] },
    county2: { role: 'officer', region: facts.county, display: '县级经办（无查看授权）' },
    township: { role: 'officer', region: facts.township, display: '乡镇经办' },
    // 审批支付 of payment batches (issue #14): the prefecture's approver.
    approver: { role: 'officer', region: facts.county.slice(0, 4), display: '市级审批支付', grants: ['approve_payment'] },
    company: { role: 'employer', credit: facts.employer.credit_code, display: facts.employer.name },
    auditor1: { role: 'auditor', display: '审计员' },
    // 账号管理 (issue #14): the system administrator.
    admin: { role: 'sysadmin', display: '系统管理员' },
    // Parameter changes (issue #14): two province officers who may approve them.
    policya: { role: 'officer', region: '52', display: '省厅政策处甲', grants: ['approve_params'] },
    policyb: { role: 'officer', region: '52', display: '省厅政策处乙', grants: ['approve_params'] },
    // Fund supervision (issue #17 §1): the prefecture's supervisor (资金监管).
    supervisor: { role: 'officer', region: facts.county.slice(0, 4), display: '市级资金监管', grants: ['supervise_funds'] },
  };
}

// `qjy accounts create` reads the password from a file (or stdin).
async function createAccounts(db, dir, specs) {
  const passwordFile = join(dir, 'password.txt');
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  for (const [username, s] of Object.entries(specs)) {
    const args = ['accounts', 'create', '--db', db, '--username', username, '--password-file', passwordFile,
      '--role', s.role, '--display-name', s.display];
    if (s.region) args.push('--region', s.region);
    if (s.credit) args.push('--credit-code', s.credit);
    for (const g of s.grants ?? []) args.push('--grant', g);
    await qjy(args);
  }
}

async function waitForServer(base, child, log) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`qjy serve exited with ${child.exitCode}:\n${log()}`);
    try {
      const r = await fetch(`${base}/index.html`);
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`qjy serve did not answer within 30 s:\n${log()}`);
}

// The generated province with its accounts is the same for every test file
// of a run (same binary, same seed), so it is made once into a template
// directory keyed by the binary and this harness, and each file works on a
// copy of it (saves ~8 s of generating and Argon2id hashing per file).
async function templateProvince() {
  const bin = await stat(QJY_BIN);
  const self = await stat(fileURLToPath(import.meta.url));
  const key = createHash('sha256').update(`${QJY_BIN}|${bin.size}|${bin.mtimeMs}|${self.mtimeMs}`).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `qjy-web-template-${key}`);
  if (await access(join(dir, 'facts.json')).then(() => true, () => false)) return dir;
  const work = await mkdtemp(join(tmpdir(), 'qjy-web-template-tmp-'));
  try {
    const db = join(work, 'web.db');
    await qjy(['gen', '--db', db, '--persons', '2000', '--employers', '100', '--jobs', '200', '--seed', '7']);
    const facts = await readFacts(db);
    await createAccounts(db, work, accountSpecs(facts));
    await writeFile(join(work, 'facts.json'), JSON.stringify(facts));
    await rename(work, dir);  // complete or not there at all
  } catch (e) {
    await rm(work, { recursive: true, force: true });
    // Another process of the same run may have finished it first.
    if (await access(join(dir, 'facts.json')).then(() => true, () => false)) return dir;
    throw e;
  }
  return dir;
}

// `serveArgs`: more arguments for `qjy serve` (e.g. ['--today', '2026-12-20']).
export async function startPlatform({ serveArgs = [] } = {}) {
  await access(QJY_BIN).catch(() => {
    throw new Error(`qjy binary not found at ${QJY_BIN} (build it, or set QJY_BIN)`);
  });
  const template = await templateProvince();
  const dir = await mkdtemp(join(tmpdir(), 'qjy-web-'));
  const db = join(dir, 'web.db');
  for (const f of await readdir(template)) {
    if (f !== 'facts.json') await copyFile(join(template, f), join(dir, f));
  }
  const facts = JSON.parse(await readFile(join(template, 'facts.json'), 'utf8'));
  const specs = accountSpecs(facts);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(QJY_BIN, ['serve', '--db', db, '--port', String(port), '--web-root', WEB_ROOT, ...serveArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  await waitForServer(base, child, () => output);
  return {
    base, db, dir, facts, specs,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  await access(CHROMIUM).catch(() => { throw new Error(`chromium not found at ${CHROMIUM}`); });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A fresh context (own cookies) and page at `size`, recording page errors.
export async function newPage(browser, base, size = DESKTOP) {
  const context = await browser.newContext({ viewport: size, baseURL: base, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

// Logs in through the login form and waits for the role's home.
export async function login(page, username, password = PASSWORD) {
  await page.goto('/index.html');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(/app\.html/), page.click('#login-submit')]);
  await waitReady(page, 'home');
}

// Waits until the app has rendered `route` (app.js sets data-state=ready).
export async function waitReady(page, route) {
  await page.waitForSelector(`#page[data-route="${route}"][data-state="ready"]`, { timeout: 15_000 });
}

// A screenshot is an artifact for people, not an assertion: on a loaded
// machine a full-page capture can time out, which is reported, not failed.
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  try {
    await page.screenshot({ path, fullPage: true, timeout: 60_000 });
  } catch (e) {
    console.warn(`screenshot ${name} not taken: ${e.message.split('\n')[0]}`);
    return null;
  }
  return path;
}

// Registers before/after hooks in the enclosing describe(): one platform
// (startPlatform) and one browser for its tests, stopped afterwards. The
// returned object's .platform and .browser are set once before() ran;
// `setup(env)`, when given, runs after both are up (e.g. to open a page).
export function usePlatform(setup) {
  const env = { platform: null, browser: null };
  before(async () => {
    env.platform = await startPlatform();
    env.browser = await launchBrowser();
    if (setup) await setup(env);
  });
  after(async () => {
    await env.browser?.close();
    await env.platform?.stop();
  });
  return env;
}

// Chooses in a searchable picker (web/js/picker.js): types `typed` into the
// visible box of the field `name` (within `scope`, a CSS prefix such as
// '#ad-form') and clicks the option whose value is `value` (the first
// option when no value is given). Returns the chosen option's value.
export async function pick(page, scope, name, typed, value) {
  const box = page.locator(`${scope} input[data-picker-for="${name}"]`);
  await box.fill('');
  await box.fill(typed);
  const list = page.locator(`${scope} .picker[data-name="${name}"] [role=listbox]`);
  const option = value === undefined
    ? list.locator('li[role=option]:not(.picker-empty)').first()
    : list.locator(`li[role=option][data-value="${value}"]`);
  await option.waitFor({ timeout: 10_000 });
  const chosen = await option.getAttribute('data-value');
  await option.click();
  await page.waitForFunction(([s, n, v]) => document.querySelector(`${s} .picker[data-name="${n}"] input[type=hidden]`)?.value === v,
    [scope, name, chosen]);
  return chosen;
}

// Runs 政策找企业 through the API as `page`'s user and waits for its job (a
// sweep runs in the background: POST /api/policy/sweep answers 202 with a
// job id, GET /api/policy/sweep/{id} shows it). Returns { start, job }: the
// POST's response and the job's final view (null when the POST was refused).
export async function sweepAndWait(page, data) {
  const csrf = await page.evaluate(() => sessionStorage.getItem('qjy.csrf'));
  const start = await page.request.post('/api/policy/sweep', { headers: { 'X-CSRF-Token': csrf }, data });
  if (start.status() !== 202) return { start, job: null };
  const { job_id: id } = await start.json();
  for (;;) {
    const job = await (await page.request.get(`/api/policy/sweep/${id}`)).json();
    if (job.state !== 'running') return { start, job };
    await new Promise((res) => setTimeout(res, 200));
  }
}

// Clicks the policy page's 查找享受资格 and waits for the sweep's job to end
// on the page (its progress bar done). Returns the job's final view.
export async function sweepOnPage(page) {
  const [start] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/policy/sweep') && r.request().method() === 'POST'),
    page.click('form.filters button[type=submit] >> text=查找享受资格'),
  ]);
  if (start.status() !== 202) throw new Error(`sweep refused: ${start.status()} ${await start.text()}`);
  const { job_id: id } = await start.json();
  await page.waitForSelector('#sweep-progress[data-state=done] progress', { timeout: 120000 });
  return (await page.request.get(`/api/policy/sweep/${id}`)).json();
}
