// The 粤黔“一县一企”“一县多企”稳岗就业基地 card on the 服务网络 page (#15,
// 附件2（一）): each county's bases with the partner enterprise and city,
// the posts offered and the Guizhou workers employed there (from the
// registry's contracts, else the number entered with its source, else
// unknown); an officer registers a base or edits one (the coverage report
// above reloads: each county needs at least one base).
import { api, today } from '../api.js';
import { dataTable, formValues, h } from '../dom.js';
import { showOk } from '../messages.js';
import { employerPicker } from '../picker.js';
import { regionPicker } from '../regions.js';

function workers(b) {
  if (b.workers == null) return '未知';
  return `${b.workers} 人（${b.workers_from === 'contracts' ? '登记库劳动合同' : b.workers_note}）`;
}

// The fields a base has besides its county and partner, for both forms.
function detailFields(b = {}) {
  return [
    h('label', {}, '协作城市（区划代码，如 4419 东莞市）', h('input', { name: 'partner_city', required: true, maxlength: 12, value: b.partner_city || '' })),
    h('label', {}, '签约日期', h('input', { name: 'signed_on', type: 'date', max: today(), value: b.signed_on || '' })),
    h('label', {}, '终止日期', h('input', { name: 'closed_on', type: 'date', max: today(), value: b.closed_on || '' })),
    h('label', {}, '提供岗位数', h('input', { name: 'posts_offered', type: 'number', min: 0, value: b.posts_offered ?? '' })),
    h('label', {}, '吸纳贵州籍务工人数（登记库无合同时录入）', h('input', { name: 'workers_entered', type: 'number', min: 0, value: b.workers_entered ?? '' })),
    h('label', {}, '人数来源', h('input', { name: 'workers_source', maxlength: 100, value: b.workers_source || '' })),
    h('label', {}, '人数统计日期', h('input', { name: 'workers_as_of', type: 'date', max: today(), value: b.workers_as_of || '' })),
  ];
}

// The body of a form: dates ("") and numbers (null) left empty are cleared.
function detailBody(v) {
  const body = { partner_city: v.partner_city, workers_source: v.workers_source || '' };
  for (const k of ['signed_on', 'closed_on', 'workers_as_of']) body[k] = v[k] || '';
  for (const k of ['posts_offered', 'workers_entered']) body[k] = v[k] === '' || v[k] == null ? null : Number(v[k]);
  return body;
}

export function basesCard({ user, region, officer, reload }) {
  const box = h('div', {});
  const editBox = h('div', {});
  const card = h('section', { class: 'card', id: 'employment-bases' }, h('h2', {}, '粤黔“一县一企”“一县多企”稳岗就业基地'),
    h('p', { class: 'muted' }, '附件2（一）：推进粤黔“一县一企”“一县多企”农村劳动力稳岗就业基地建设。'),
    box, editBox);
  async function load() {
    const r = await api.get('/api/network/bases', { region });
    box.replaceChildren(dataTable([
      { key: 'name', title: '基地', render: (b) => h('span', { dataset: { base: b.base_id } }, b.name) },
      { key: 'county_name', title: '所属县' },
      { key: 'partner_name', title: '合作企业', render: (b) => b.partner_name + (b.partner_region_name ? `（${b.partner_region_name}）` : '') },
      { key: 'partner_city_name', title: '协作城市', render: (b) => b.partner_city_name || h('span', { class: 'tag bad' }, '未登记') },
      { key: 'signed_on', title: '签约 / 终止', render: (b) => (b.signed_on || '未登记') + (b.closed_on ? `，${b.closed_on} 终止` : '') },
      { key: 'posts_offered', title: '提供岗位', render: (b) => (b.posts_offered == null ? '未登记' : String(b.posts_offered)) },
      { key: 'workers', title: '贵州籍务工人员', render: workers },
      ...(officer ? [{ key: 'edit', title: '操作', render: (b) => h('button', { type: 'button', class: 'secondary', dataset: { editBase: b.base_id }, onclick: () => editForm(b) }, '编辑') }] : []),
    ], r.items, { empty: '本区划尚未登记稳岗就业基地', caption: `共 ${r.total} 个（人数统计日 ${r.on}）` }));
  }
  function editForm(b) {
    const form = h('form', { class: 'filters card', id: 'base-edit-form' },
      h('h3', { class: 'wide' }, `编辑：${b.name}`),
      h('label', {}, '基地名称', h('input', { name: 'name', required: true, maxlength: 100, value: b.name })),
      ...detailFields(b),
      h('label', { class: 'wide' }, '备注', h('input', { name: 'note', maxlength: 200, value: b.note || '' })),
      h('button', { type: 'submit' }, '保存'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(form);
      await api.put(`/api/network/bases/${b.base_id}`, { ...detailBody(v), name: v.name, note: v.note || '' });
      showOk('已保存（修改前的值保留在变更记录中）');
      editBox.replaceChildren();
      await Promise.all([load(), reload?.()]);
    });
    editBox.replaceChildren(form);
  }
  if (officer) {
    const picker = regionPicker({ root: user.region_code.slice(0, 6), name: 'county' });
    const form = h('form', { class: 'filters card', id: 'base-form' },
      h('h3', { class: 'wide' }, '登记稳岗就业基地'),
      h('label', { class: 'wide' }, '所属县', picker),
      h('label', {}, '基地名称', h('input', { name: 'name', required: true, maxlength: 100 })),
      employerPicker({ label: '合作企业（登记库内）', name: 'partner_credit_code' }),
      h('label', {}, '或：合作企业名称（登记库外）', h('input', { name: 'partner_name', maxlength: 100 })),
      h('label', {}, '其所在省市（区划代码）', h('input', { name: 'partner_region', maxlength: 12 })),
      ...detailFields(),
      h('button', { type: 'submit' }, '登记基地'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(form);
      const body = { ...detailBody(v), county: v.county, name: v.name };
      if (v.partner_credit_code) body.partner_credit_code = v.partner_credit_code;
      else Object.assign(body, { partner_name: v.partner_name || '', partner_region: v.partner_region || '' });
      const r = await api.post('/api/network/bases', body);
      showOk(`已登记稳岗就业基地：${r.name}（${r.county_name}）`);
      form.reset();
      await Promise.all([load(), reload?.()]);
    });
    card.append(form);
  }
  return { card, load };
}
