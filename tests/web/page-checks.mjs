// What every page must never show, shared by the walker (walk.test.mjs)
// and the journey tests: raw codes, English enum values in table cells, UTC
// ISO timestamps (problemsOn), serious or critical axe-core violations
// (accessibility), and horizontal scrolling at phone width (overflow).
import { createRequire } from 'node:module';

// As harness.newPage, but the test may inject axe-core past the server's
// Content-Security-Policy (the pages themselves still run under it).
export async function newPage(browser, base, size) {
  const context = await browser.newContext({ viewport: size, baseURL: base, locale: 'zh-CN', bypassCSP: true });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

export const RAW = [
  [/\bR\d{1,2}\|/, 'once-only key'],
  [/(?<![A-Za-z])[PE]:[0-9A-Z]{1,}/, 'object key'],
  [/\br\d{1,2}\.[a-z_]+/, 'parameter key'],
  [/\b(main|annex\d)\([一二三四五六七八九十]+\)/, 'clause code'],
  [/\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(\.\d+)?Z/, 'UTC ISO timestamp'],
];
// A whole table cell that is an English identifier (snake_case or a known
// status word) where a Chinese label belongs.
const ENUM_CELL = /^(?:[a-z]+_[a-z_]+|proposed|approved|paid|reversed|submitted|pending|held|open|closed|active|employer|officer|auditor|seeker|green|amber|red)$/;

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// Serious and critical axe-core violations of the page, one line each.
export async function accessibility(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `a11y ${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}${v.nodes.length > 3 ? ` 等 ${v.nodes.length} 处` : ''}`);
  });
}

export async function settle(page) {
  // app.html pages flag readiness; the stand-alone .html pages are done
  // when the network is idle.
  await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => {});
  const state = await page.locator('#page').getAttribute('data-state').catch(() => null);
  if (state !== null && state !== 'ready' && state !== 'error') {
    await page.waitForSelector('#page[data-state="ready"], #page[data-state="error"]', { timeout: 20_000 });
  }
}

export async function problemsOn(page) {
  return page.evaluate(([raw, enumCell]) => {
    const found = [];
    const text = document.body.innerText;
    for (const [src, what] of raw) {
      const m = text.match(new RegExp(src));
      if (m) found.push(`${what}: “${m[0]}” in “${text.slice(Math.max(0, m.index - 30), m.index + 40).replace(/\s+/g, ' ')}”`);
    }
    // A null or undefined appended as a node (append(null) inserts "null").
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (/^\s*(null|undefined|NaN)\s*$/.test(n.nodeValue)) found.push(`stray text “${n.nodeValue.trim()}” in <${n.parentElement?.tagName.toLowerCase()}>`);
    }
    for (const td of document.querySelectorAll('td')) {
      const t = td.innerText.trim();
      if (new RegExp(enumCell).test(t)) found.push(`English value in a table cell: “${t}”`);
    }
    return found;
  }, [RAW.map(([re, what]) => [re.source, what]), ENUM_CELL.source]);
}

// Pixels wider than the window (0 when the page fits).
export async function overflow(page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  return Math.max(0, scroll - width - 1);
}
