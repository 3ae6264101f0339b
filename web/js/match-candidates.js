// 岗位推荐人选: for one of the employer's own jobs (an officer: any job in
// the region), the best-matching seekers with reasons, registered unemployed
// first; ID and phone numbers masked (GET /api/match/jobs/{id}/candidates).
import { api, me } from './api.js';
import { dataTable, h } from './dom.js';
import { markCurrent, renderLayout } from './layout.js';
import { wage } from './match-common.js';

const user = await me();
const { nav, page } = renderLayout(user);
markCurrent(nav, 'match-candidates.html');
page.append(h('h1', {}, '岗位推荐人选'));

const out = h('div', { id: 'candidates' });
async function showCandidates(jobId) {
  const r = await api.get(`/api/match/jobs/${encodeURIComponent(jobId)}/candidates`, { k: 10 });
  const j = r.job;
  out.replaceChildren(
    h('h2', {}, `${j.title} · ${j.place_name} · ${wage(j.wage_min_fen, j.wage_max_fen)}`),
    dataTable([
      { key: 'name', title: '姓名' },
      { key: 'id_masked', title: '身份证号' },
      { key: 'phone_masked', title: '电话', render: (c) => c.phone_masked || '—' },
      { key: 'education', title: '学历' },
      { key: 'home_name', title: '常住地' },
      { key: 'registered_unemployed', title: '登记失业', render: (c) => (c.registered_unemployed ? '是' : '否') },
      { key: 'score', title: '匹配分', num: true },
      { key: 'reason_text', title: '推荐理由' },
    ], r.items, { empty: '暂无符合条件的求职者' }));
}

const form = h('form', { class: 'filters', id: 'job-form' },
  h('label', {}, '岗位 ', h('select', { name: 'job', required: true })),
  h('button', { type: 'submit' }, '查看推荐人选'));
const select = form.querySelector('select');
// Closed jobs too (marked): an employer still sees whom a finished posting reached.
const query = user.role === 'employer' ? { employer: user.credit_code, include_closed: '1', limit: 200 } : { include_closed: '1', limit: 200 };
const jobs = await api.get('/api/jobs', query);
for (const j of jobs.items) select.append(h('option', { value: j.job_id }, `${j.title}（编号 ${j.job_id}）${j.closed ? '（已截止）' : ''}`));
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  showCandidates(select.value).catch(() => {});
});
page.append(form, out);
const wanted = new URLSearchParams(location.search).get('job');
if (wanted) {
  select.value = wanted;
  await showCandidates(wanted).catch(() => {});
}
