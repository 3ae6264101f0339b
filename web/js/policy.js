// 企业找政策: every policy of 黔府发〔2023〕12号 for one employer or person on
// a date — what it qualifies for, why, and why not (GET /api/policy/eval).
// A seeker or an employer sees their own evaluation instead (policy-own.js).
import { api, me, today } from './api.js';
import { h } from './dom.js';
import { employerPicker, personPicker } from './picker.js';
import { decisionBlock, policyShell } from './policy-common.js';
import { ownPolicies } from './policy-own.js';

const own = ['seeker', 'employer'].includes((await me()).role);
const { user, page } = await policyShell(own ? '我能享受的政策' : '政策查询（企业找政策）');
const out = h('div', { id: 'results' });
// Officers choose the employer or the person by name (pickers); the query
// sends the credit code or the person number.
const officer = user.role === 'officer';
const pickers = officer ? {
  employer: employerPicker({ label: '用人单位', name: 'employer', required: true }),
  person: personPicker({ label: '个人', name: 'person' }),
} : null;
const kindSelect = h('select', { name: 'kind' },
  h('option', { value: 'employer' }, officer ? '用人单位' : '用人单位（统一社会信用代码）'),
  h('option', { value: 'person' }, officer ? '个人' : '个人（人员编号）'));
if (pickers) {
  const show = () => {
    for (const [k, el] of Object.entries(pickers)) {
      el.hidden = kindSelect.value !== k;
      el.input.required = kindSelect.value === k;
      el.input.disabled = kindSelect.value !== k;
    }
  };
  kindSelect.addEventListener('change', show);
  show();
}
const form = h('form', { class: 'filters' },
  h('label', {}, '对象 ', kindSelect),
  ...(pickers ? Object.values(pickers) : [h('label', {}, '编号 ', h('input', { name: 'id', required: true }))]),
  h('label', {}, '日期 ', h('input', { name: 'date', type: 'date', value: today(), required: true })),
  h('button', { type: 'submit' }, '查询'));
form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(form);
  const kind = f.get('kind');
  const query = { date: f.get('date'), [kind]: (pickers ? f.get(kind) : f.get('id')).trim() };
  const r = await api.get('/api/policy/eval', query);
  const yes = r.decisions.filter((d) => d.eligible);
  const no = r.decisions.filter((d) => !d.eligible);
  out.replaceChildren(
    h('h2', {}, `可享受 ${yes.length} 项`), ...yes.map(decisionBlock),
    h('h2', {}, `暂不符合 ${no.length} 项（及原因）`), ...no.map(decisionBlock));
});
if (own) await ownPolicies(user, page);
else page.append(form, out);
