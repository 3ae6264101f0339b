// 求职意向: the job-search profile of a seeker (GET/PUT
// /api/match/persons/{id}/profile). The seeker fills in their own; an officer
// fills it in at the counter for a person in their region. Saving answers the
// stored profile; the caller then reloads the recommendations.
import { api } from './api.js';
import { h } from './dom.js';
import { JOB_TYPES } from './labels.js';
import { clearMessages } from './messages.js';
import { occupationPicker } from './picker.js';

const SCOPES = { county: '本县（市、区）', prefecture: '本市（州）', province: '全省' };
// Provinces where Guizhou's outbound workers mostly go (labour cooperation).
const OUTBOUND = { 44: '广东', 33: '浙江', 35: '福建', 32: '江苏', 31: '上海' };

function options(table, selected, blank) {
  const out = blank ? [h('option', { value: '' }, blank)] : [];
  for (const [v, t] of Object.entries(table)) {
    out.push(h('option', { value: v, selected: v === selected ? true : undefined }, t));
  }
  return out;
}

// Renders the form for `personId` into a new element; `onSaved()` runs after
// a successful save. Errors of the server (field named in Chinese) show in
// the shared message area.
export async function profileForm(personId, onSaved) {
  const r = await api.get(`/api/match/persons/${encodeURIComponent(personId)}/profile`);
  const p = r.profile;
  // Chosen by name (2022 classification); the form sends the codes.
  const occ = (i) => occupationPicker({
    label: `期望职业 ${i + 1}`, name: `occ${i}`, value: p.desired_occupations[i]?.code ?? '',
    text: p.desired_occupations[i]?.name ?? '',
  });
  const form = h('form', { class: 'filters', id: 'profile-form' },
    occ(0), occ(1), occ(2),
    h('label', {}, '技能证书 ', h('input', { name: 'skills', value: p.skills.join('，'), placeholder: '用逗号分隔，如 电焊，叉车' })),
    h('label', {}, '工作年限 ', h('input', { name: 'experience_years', type: 'number', min: 0, max: 60, value: p.experience_years })),
    h('label', {}, '就业地域 ', h('select', { name: 'scope' }, ...options(SCOPES, p.scope))),
    h('fieldset', { class: 'inline wide' }, h('legend', {}, '意向外出省份'),
      ...Object.entries(OUTBOUND).map(([code, name]) => h('label', {},
        h('input', { type: 'checkbox', name: 'outbound', value: code,
          checked: p.outbound_provinces.some((o) => o.code === code) ? true : undefined }), ` ${name}`))),
    h('label', {}, '期望月薪（元） ', h('input', { name: 'wage', type: 'number', min: 0, step: 1,
      value: p.expected_wage_fen ? Math.round(p.expected_wage_fen / 100) : '' })),
    h('label', {}, '工作类型 ', h('select', { name: 'work_type' }, ...options(JOB_TYPES, p.work_type ?? '', '不限'))),
    h('label', {}, '可到岗日期 ', h('input', { name: 'available_from', type: 'date', value: p.available_from })),
    h('button', { type: 'submit' }, '保存求职意向'));
  const status = h('p', { class: 'muted', id: 'profile-status' },
    r.derived ? '尚未填写求职意向，下列内容依据登记信息推出；填写后推荐更准确。'
      : `已保存的求职意向（常住地：${p.home_name}；学历：${p.education_label}）。`);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const body = {
      desired_occupations: ['occ0', 'occ1', 'occ2'].map((k) => f.get(k).trim()).filter(Boolean),
      skills: f.get('skills').split(/[，,、\s]+/).map((s) => s.trim()).filter(Boolean),
      experience_years: Number(f.get('experience_years') || 0),
      scope: f.get('scope'),
      outbound_provinces: f.getAll('outbound'),
      expected_wage_fen: Math.round(Number(f.get('wage') || 0)) * 100,
      work_type: f.get('work_type') || null,
      available_from: f.get('available_from'),
    };
    try {
      await api.put(`/api/match/persons/${encodeURIComponent(personId)}/profile`, body);
      clearMessages();
      status.textContent = '求职意向已保存，推荐岗位已按新的意向更新。';
      await onSaved();
    } catch {
      // the message area shows the server's reason
    }
  });
  return h('section', { id: 'profile' }, h('h2', {}, '求职意向'), status, form);
}
