// 岗位推荐与搜索: a seeker's recommended open jobs with the reasons
// (GET /api/match/persons/{id}/jobs) — an officer enters the person number —
// the person's job-search profile (match-profile.js), and keyword search over
// open jobs (GET /api/match/search).
import { api, me } from './api.js';
import { dataTable, h } from './dom.js';
import { markCurrent, renderLayout } from './layout.js';
import { JOB_COLUMNS, reasons } from './match-common.js';
import { profileForm } from './match-profile.js';
import { personPicker } from './picker.js';

const user = await me();
const { nav, page } = renderLayout(user);
markCurrent(nav, 'match.html');
page.append(h('h1', {}, '岗位推荐与搜索'));

// A recommended or found job names its employer and leads to the job's page
// (apply there).
const RECOMMENDED_COLUMNS = [
  { key: 'title', title: '岗位',
    render: (r) => h('a', { href: `app.html#/job/${r.job_id}`, 'data-testid': 'job-link' }, r.title) },
  { key: 'employer_name', title: '用人单位',
    render: (r) => h('span', { 'data-testid': 'job-employer' }, r.employer_name || '—') },
  ...JOB_COLUMNS.filter((c) => c.key !== 'title'),
];
const recOut = h('div', { id: 'recommendations' });
async function showRecommendations(personId) {
  const r = await api.get(`/api/match/persons/${encodeURIComponent(personId)}/jobs`, { k: 10 });
  const note = r.profile_derived
    ? '尚未填写求职意向，以下推荐依据登记信息（技能、常住地）生成。'
    : (r.registered_unemployed ? '登记失业人员' : '');
  recOut.replaceChildren(
    h('h2', {}, `为您推荐的岗位（${r.items.length} 个）`),
    h('p', { class: 'muted' }, note),
    dataTable([...RECOMMENDED_COLUMNS, { key: 'score', title: '匹配分', num: true },
      { key: 'reason_text', title: '推荐理由', render: reasons }], r.items,
    { empty: '暂无符合条件的在招岗位' }));
}

if (user.role === 'seeker') {
  const profileOut = h('div');
  page.append(profileOut, recOut);
  if (user.person_id) {
    profileOut.append(await profileForm(user.person_id, () => showRecommendations(user.person_id)));
    await showRecommendations(user.person_id);
  }
  else recOut.append(h('p', { class: 'muted' }, '您尚未在就业服务机构登记，暂无推荐岗位。'));
} else if (user.role === 'officer') {
  const form = h('form', { class: 'filters', id: 'person-form' },
    personPicker({ label: '求职者', name: 'person', required: true }),
    h('button', { type: 'submit' }, '查看推荐岗位'));
  const profileOut = h('div');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const person = new FormData(form).get('person').trim();
    try {
      await showRecommendations(person);
      profileOut.replaceChildren(await profileForm(person, () => showRecommendations(person)));
    } catch {
      profileOut.replaceChildren();
    }
  });
  page.append(h('h2', {}, '为求职者推荐岗位'), form, recOut, profileOut);
}

const searchOut = h('div', { id: 'search-results' });
const search = h('form', { class: 'filters', id: 'search-form', role: 'search' },
  h('label', {}, '关键词 ', h('input', { name: 'q', required: true, maxlength: 100, placeholder: '如：遵义 焊工、电商 直播' })),
  h('button', { type: 'submit' }, '搜索岗位'));
search.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const q = new FormData(search).get('q');
  try {
    const r = await api.get('/api/match/search', { q, k: 20 });
    searchOut.replaceChildren(h('p', { class: 'muted' }, `找到 ${r.items.length} 个在招岗位`),
      dataTable(RECOMMENDED_COLUMNS, r.items, { empty: '没有包含这些关键词的在招岗位' }));
  } catch {
    searchOut.replaceChildren();
  }
});
page.append(h('h2', {}, '搜索岗位'), search, searchOut);
