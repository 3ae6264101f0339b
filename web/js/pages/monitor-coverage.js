// The service network's duties (附件4) on the monitoring dashboard: for the
// dashboard's region, the counts per status and the duties not met (未达标
// first, then 逾期达标, most places missing first), each linking to the
// coverage page (#/network). Read from GET /api/network/coverage — the same
// computation as that page and the quarterly report's section — judged at
// the end of the dashboard's month (today while it runs), recruitment
// events counted from 1 January of its year as on the coverage page.
import { api, today } from '../api.js';
import { h } from '../dom.js';

const STATUS_CLASS = { met: 'ok', late: 'warn', missing: 'bad' };
const WORST = 5;

// The last day of the month, or today while the month runs.
function asOf(year, month) {
  const end = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return end < today() ? end : today();
}

export async function coveragePanel(data) {
  const title = h('h2', {}, '服务网络达标情况（附件4）');
  const panel = h('section', { class: 'card', id: 'coverage' }, title);
  const q = { region: data.region, as_of: asOf(data.year, data.month), from: `${data.year}-01-01` };
  const more = `#/network?${new URLSearchParams(q)}`;
  let r;
  try {
    r = await api.get('/api/network/coverage', q, { quiet: true });
  } catch (e) {
    panel.append(h('p', { class: 'warn', 'data-testid': 'coverage-error' }, `服务网络达标情况暂无法显示：${e.message}`));
    return panel;
  }
  const s = r.summary;
  panel.dataset.region = r.scope;
  title.append(`：${r.scope_name}（截至 ${r.as_of}）`);
  panel.append(h('p', { 'data-testid': 'coverage-summary' },
    h('span', { 'data-met': String(s.met) }, `达标 ${s.met} 项`), '，',
    h('span', { 'data-late': String(s.late) }, `逾期达标 ${s.late} 项`), '，',
    h('span', { 'data-missing': String(s.missing) }, `未达标 ${s.missing} 项`), '，',
    `期限未到 ${s.pending} 项`));
  const worst = r.duties.filter((d) => d.applicable && (d.status === 'missing' || d.status === 'late'))
    .sort((a, b) => (a.status === b.status ? b.gap_count - a.gap_count : a.status === 'missing' ? -1 : 1))
    .slice(0, WORST);
  if (!worst.length) {
    panel.append(h('p', { 'data-testid': 'coverage-none' }, '各项职责均已达标或期限未到。'));
  } else {
    panel.append(h('ul', { 'data-testid': 'coverage-worst' }, ...worst.map((d) => h('li', { 'data-duty': d.id, 'data-status': d.status },
      h('span', { class: `tag ${STATUS_CLASS[d.status] || ''}` }, d.status_label), ' ',
      h('a', { href: more }, d.title), `（${d.clause}）：${d.requirement}`,
      d.gap_count ? h('span', { class: 'muted' }, `，缺口 ${d.gap_count} 处${d.gaps.length ? `，如 ${d.gaps.slice(0, 3).map((g) => g.name).join('、')}` : ''}`) : null))));
  }
  panel.append(h('p', {}, h('a', { href: more, 'data-testid': 'coverage-link' }, '查看服务网络达标情况全表 →')));
  return panel;
}
