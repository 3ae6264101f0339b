// 人员查询 (#/persons): search the labour-force 台账 with one box — part of
// a name, 拼音首字母, a full or masked 公民身份号码 or phone, or the last 4
// characters of either — plus 村（社区）, region and 人员类别, within the
// caller's region (the server scopes it). Results come masked from the
// server, with names of places; pages are keyset ("下一页").
import { api } from '../api.js';
import { dataTable, formValues, h } from '../dom.js';
import { GROUPS, SEX, label } from '../labels.js';
import { keysetPager } from './pager.js';
import { PROVINCE_CODE, regionPicker, regionText } from '../regions.js';

const PAGE_SIZE = 20;
// A full ID number or phone is not left on the screen after the search.
const FULL_NUMBER_RE = /^(\d{17}[\dXx]|1\d{10})$/;

export function groupNames(groups) {
  return (groups ?? []).map((g) => label(GROUPS, typeof g === 'string' ? g : g.group)).join('、') || '—';
}

export async function render({ user, page, params }) {
  const root = user.region_code || PROVINCE_CODE;
  // A region handed over in the link (#/persons?region=…, from the home
  // chart) applies until the picker is used.
  let presetRegion = params.get('region') ?? '';
  const form = h('form', { class: 'filters card', id: 'person-search', role: 'search' },
    h('label', { class: 'wide' }, '姓名 / 拼音首字母 / 身份证号 / 手机号',
      h('input', { name: 'name', maxlength: '30', autocomplete: 'off', 'data-testid': 'person-q',
        placeholder: '如：张、张伟、zw、5201**********123X、139****1234、末 4 位' })),
    h('label', {}, '村（社区）', h('input', { name: 'village', maxlength: '30', autocomplete: 'off', placeholder: '村或社区名称，可只输部分' })),
    h('label', {}, '人员类别', h('select', { name: 'group' }, h('option', { value: '' }, '全部类别'),
      Object.entries(GROUPS).map(([v, t]) => h('option', { value: v }, t)))),
    h('div', { class: 'wide' }, h('label', {}, '所在区域（户籍地、常住地）'), regionPicker({ root, name: 'region', onChange: () => { presetRegion = ''; } })),
    h('div', { class: 'actions wide' },
      h('button', { type: 'submit' }, '查询'),
      h('button', { type: 'reset', class: 'secondary' }, '清空')));
  const results = h('section', { id: 'results', 'aria-live': 'polite' });
  page.append(h('h1', {}, '人员查询'),
    h('p', { class: 'muted' }, '查询范围限于本人管辖区域；身份证号码、手机号码均已脱敏显示。'), form, results);

  const pager = keysetPager(results, {
    fetch: (query, after) => api.get('/api/persons', { ...query, after, limit: PAGE_SIZE }),
    idKey: 'person_id',
    pageSize: PAGE_SIZE,
    table: (items) => dataTable([
      // Auditors list persons but open no record (server/access.h).
      { key: 'name', title: '姓名', render: (p) => (user.role === 'officer' ? h('a', { href: `#/person/${p.person_id}` }, p.name) : p.name) },
      { key: 'id_number', title: '公民身份号码' },
      { key: 'phone', title: '联系电话', render: (p) => p.phone || '—' },
      { key: 'sex', title: '性别', render: (p) => label(SEX, p.sex) },
      { key: 'birth_year', title: '出生年份', render: (p) => p.birth_year ?? p.birth_date?.slice(0, 4) },
      { key: 'hukou_region', title: '户籍地', render: (p) => regionText(p.hukou_region, p.hukou_region_name) },
      { key: 'residence_region', title: '常住地', render: (p) => regionText(p.residence_region, p.residence_region_name) },
      { key: 'groups', title: '人员类别', render: (p) => groupNames(p.groups) },
    ], items, { empty: '没有找到符合条件的人员' }),
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = formValues(form);
    const query = {
      q: v.name,
      village: v.village,
      group: v.group,
      region: v.region && v.region !== root ? v.region : presetRegion,  // the root is the default scope
    };
    await pager.search(query);
    if (FULL_NUMBER_RE.test(v.name)) form.name.value = '';  // never leave a full number on the screen
  });

  if (params.get('name') || params.get('group') || params.get('region')) {
    form.name.value = params.get('name') ?? '';
    form.group.value = params.get('group') ?? '';
    form.requestSubmit();
  }
}
