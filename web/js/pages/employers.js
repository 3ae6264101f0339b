// 用人单位 (#/employers): employers in the caller's region, by region and
// name; keyset pages. An employer account sees only itself.
import { api } from '../api.js';
import { dataTable, formValues, h } from '../dom.js';
import { EMPLOYER_TYPES, SIZES, label, yesNo } from '../labels.js';
import { PROVINCE_CODE, regionPicker, regionText } from '../regions.js';
import { keysetPager } from './pager.js';

const PAGE_SIZE = 20;

export const EMPLOYER_COLUMNS = [
  { key: 'name', title: '单位名称' },
  { key: 'credit_code', title: '统一社会信用代码' },
  { key: 'type', title: '类型', render: (e) => label(EMPLOYER_TYPES, e.type) },
  { key: 'size', title: '规模', render: (e) => label(SIZES, e.size) },
  { key: 'region', title: '所在地', render: (e) => regionText(e.region, e.region_name) },
  { key: 'insured_headcount', title: '参保人数', num: true },
  { key: 'key_enterprise', title: '重点企业', render: (e) => yesNo(e.key_enterprise) },
  { key: 'jobs', title: '岗位', render: (e) => h('a', { href: `#/jobs?employer=${encodeURIComponent(e.credit_code)}` }, '查看岗位') },
];

export async function render({ user, page }) {
  const root = user.region_code || PROVINCE_CODE;
  const form = h('form', { class: 'filters card', role: 'search' },
    h('label', {}, '单位名称、拼音首字母或信用代码', h('input', { name: 'q', maxlength: '60', placeholder: '如：南明 或 nmcs' })),
    h('div', { class: 'wide' }, h('label', {}, '所在区域'), regionPicker({ root, name: 'region' })),
    h('div', { class: 'actions wide' }, h('button', { type: 'submit' }, '查询')));
  const results = h('section', { id: 'results' });
  page.append(h('h1', {}, '用人单位'), form, results);

  const pager = keysetPager(results, {
    fetch: (query, after) => api.get('/api/employers', { ...query, after, limit: PAGE_SIZE }),
    idKey: 'employer_id',
    pageSize: PAGE_SIZE,
    table: (items) => dataTable(EMPLOYER_COLUMNS, items, { empty: '没有找到符合条件的用人单位' }),
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = formValues(form);
    pager.search({ q: v.q, region: v.region !== root ? v.region : '' });
  });
  await pager.search({});
}
