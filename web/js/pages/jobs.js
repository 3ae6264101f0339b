// 岗位信息 (#/jobs): jobs by keyword, region and employer, keyset pages.
// Everyone signed in may browse; an employer sees its own by default.
// A title opens the job page (#/job/{id}, pages/job.js).
import { api } from '../api.js';
import { dataTable, formValues, h } from '../dom.js';
import { JOB_TYPES, label, yuan } from '../labels.js';
import { PROVINCE_CODE, regionPicker, regionText } from '../regions.js';
import { keysetPager } from './pager.js';
import { employerPicker } from '../picker.js';

const PAGE_SIZE = 20;

export function wage(j) {
  if (!j.wage_min_fen && !j.wage_max_fen) return '面议';
  if (j.wage_min_fen === j.wage_max_fen || !j.wage_max_fen) return `${yuan(j.wage_min_fen)}/月`;
  return `${yuan(j.wage_min_fen).replace(' 元', '')}–${yuan(j.wage_max_fen)}/月`;
}

export const JOB_COLUMNS = [
  { key: 'title', title: '岗位名称', render: (j) => h('a', { href: `#/job/${j.job_id}` }, j.title) },
  { key: 'employer', title: '用人单位', render: (j) => j.employer_name || '（未登记的单位）' },
  { key: 'type', title: '岗位类型', render: (j) => label(JOB_TYPES, j.type) },
  { key: 'headcount', title: '招聘人数', num: true },
  { key: 'wage', title: '月薪', render: wage },
  { key: 'place_region', title: '工作地点', render: (j) => regionText(j.place_region, j.place_name ?? j.place_region_name) },
  { key: 'open_on', title: '发布日期' },
  { key: 'close_on', title: '截止日期', render: closeCell },
];

// A job whose recruitment period ended before the server's today says so.
function closeCell(j) {
  const text = j.close_on || '长期有效';
  return j.closed ? h('span', {}, text, ' ', h('span', { class: 'tag bad', 'data-testid': 'job-closed' }, '已截止')) : text;
}

export async function render({ user, page, params }) {
  const root = user.role === 'officer' && user.region_code ? user.region_code : PROVINCE_CODE;
  const employer = params.get('employer') ?? (user.role === 'employer' ? user.credit_code ?? '' : '');
  const form = h('form', { class: 'filters card', role: 'search' },
    h('label', {}, '关键词（岗位名称、要求、县市）', h('input', { name: 'q', maxlength: '60', placeholder: '如：焊工 遵义（空格分隔，须全部符合）' })),
    // Officers and employers choose the employer by name; others keep a
    // link's employer (#/jobs?employer=…) without seeing its code.
    user.role === 'officer' || user.role === 'employer'
      ? employerPicker({ label: '用人单位', name: 'employer', value: employer })
      : h('input', { type: 'hidden', name: 'employer', value: employer }),
    h('div', { class: 'wide' }, h('label', {}, '工作地点'), regionPicker({ root, name: 'region' })),
    // Seekers see only jobs open today; officers and employers may add the closed ones.
    user.role === 'officer' || user.role === 'employer'
      ? h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'include_closed', value: '1', 'data-testid': 'jobs-include-closed' }), '含已截止')
      : null,
    h('div', { class: 'actions wide' }, h('button', { type: 'submit' }, '查询')));
  const results = h('section', { id: 'results' });
  page.append(h('h1', {}, '岗位信息'),
    h('p', { class: 'muted' }, '含全职、兼职、零工市场、就业见习岗位和公益性岗位；默认只列出今天在招聘期内的岗位。'), form, results);

  const pager = keysetPager(results, {
    fetch: (query, after) => api.get('/api/jobs', { ...query, after, limit: PAGE_SIZE }),
    idKey: 'job_id',
    pageSize: PAGE_SIZE,
    table: (items) => dataTable(JOB_COLUMNS, items, { empty: '没有找到符合条件的岗位' }),
  });
  const query = () => {
    const v = formValues(form);
    return { q: v.q, employer: v.employer, region: v.region !== root ? v.region : '', include_closed: v.include_closed ? '1' : '' };
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    pager.search(query());
  });
  await pager.search(query());
}
