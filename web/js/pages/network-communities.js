// 充分就业社区 on the 服务网络 page (#15, 附件4（十五）): each community with
// its recognition (省级 / 市州级 / 未认定, or 未评估 — unknown, which is
// what R17 then says), its applications (申报) with the facts given and
// each assessment's (评估) result per criterion; the criteria as cited
// data with what is assumed; for officers the form filing an application
// and, for applications awaiting assessment, the form assessing one (the
// server lets only the recognising level assess). Region-scoped by the API.
import { api, today } from '../api.js';
import { dataTable, formValues, h } from '../dom.js';
import { showOk } from '../messages.js';

const FACTS = [
  ['able_willing', '有就业能力和就业愿望的居民（人）'], ['employed', '其中已就业（人）'],
  ['hard_to_employ', '就业困难人员（人）'], ['hard_to_employ_employed', '其中已就业（人）'],
  ['zero_employment_families', '“零就业家庭”（户）'], ['service_staff', '专兼职就业服务人员（人）'],
];

export function communitiesCard({ region, officer, reload }) {
  const note = h('p', { class: 'muted' });
  const box = h('div', {});
  const formBox = h('div', {});
  const card = h('section', { class: 'card', id: 'communities' }, h('h2', {}, '充分就业社区申报与评估'), note, box, formBox);
  async function load() {
    const r = await api.get('/api/network/communities', { region });
    const s = r.scheme;
    note.replaceChildren(`${s.document}${s.clause}：“${s.quote}”评估标准：${s.standard}。指标：${s.criteria.map((c) => c.label).join('、')}。`,
      ...(s.assumed ? [h('br'), `标准为假定：${s.reason}`] : []));
    const lastApp = (c) => c.applications[c.applications.length - 1];
    box.replaceChildren(dataTable([
      { key: 'name', title: '社区' },
      { key: 'region_name', title: '所在区划' },
      { key: 'recognition_label', title: '认定', render: (c) => h('span', { class: `tag ${['province', 'national', 'prefecture'].includes(c.recognition_level) ? 'ok' : (c.recognition_level === 'none' ? 'bad' : 'muted')}`, dataset: { testid: `community-${c.site_id}` } }, `${c.recognition_label}${c.recognised_on ? `（${c.recognised_on}）` : ''}`) },
      { key: 'applications', title: '最近申报与评估', render: (c) => {
        const a = lastApp(c);
        if (!a) return '未申报';
        if (!a.assessed) return `${a.applied_on} 申报${a.level_label}，待评估`;
        return h('details', {}, h('summary', {}, `${a.applied_on} 申报${a.level_label}，${a.assessed_on} ${a.assessor}评估：${a.passed ? '通过' : '未通过'}`),
          h('ul', {}, ...a.results.map((x) => h('li', { class: x.met ? '' : 'bad' }, `${x.label}：${x.seen}（要求 ${x.required}）${x.met ? '' : ' ✗'}`))));
      } },
    ], r.items, { empty: '本区划没有登记充分就业社区', caption: r.total > r.items.length ? `共 ${r.total} 个，显示前 ${r.items.length} 个` : '' }));
    if (!officer) return;
    const pending = r.items.flatMap((c) => c.applications.filter((a) => !a.assessed).map((a) => ({ ...a, name: c.name })));
    const apply = h('form', { class: 'filters card', id: 'community-apply-form' },
      h('h3', { class: 'wide' }, '充分就业社区申报'),
      h('label', {}, '社区', h('select', { name: 'site_id', required: true }, ...r.items.map((c) => h('option', { value: String(c.site_id) }, `${c.name}（${c.region_name}）`)))),
      h('label', {}, '申报级别', h('select', { name: 'level' }, ...s.levels.map((l) => h('option', { value: l.code }, l.label)))),
      h('label', {}, '申报日期', h('input', { name: 'applied_on', type: 'date', max: today(), required: true })),
      ...FACTS.map(([k, t]) => h('label', {}, t, h('input', { name: k, type: 'number', min: 0, required: true }))),
      h('label', {}, h('input', { name: 'service_desk', type: 'checkbox' }), ' 已设立就业创业服务窗口'),
      h('button', { type: 'submit' }, '提交申报'));
    apply.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(apply);
      const body = { level: v.level, applied_on: v.applied_on, service_desk: !!v.service_desk };
      for (const [k] of FACTS) body[k] = Number(v[k]);
      await api.post(`/api/network/sites/${v.site_id}/applications`, body);
      showOk('已提交申报，待评估');
      await load();
    });
    const assess = h('form', { class: 'filters card', id: 'community-assess-form' },
      h('h3', { class: 'wide' }, '评估申报（省级由省、市州级由市州评估；全部指标达标即按申报级别认定）'),
      h('label', { class: 'wide' }, '申报', h('select', { name: 'application_id', required: true }, ...pending.map((a) => h('option', { value: String(a.application_id) }, `${a.name}：${a.applied_on} 申报${a.level_label}`)))),
      h('label', {}, '评估日期', h('input', { name: 'assessed_on', type: 'date', max: today(), required: true })),
      h('label', {}, '评估单位', h('input', { name: 'assessor', maxlength: 100, required: true })),
      h('label', {}, '认定文件或评估报告', h('input', { name: 'basis', maxlength: 200 })),
      h('button', { type: 'submit' }, '评估'));
    assess.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(assess);
      const out = await api.post(`/api/network/community-applications/${v.application_id}/assess`, { assessed_on: v.assessed_on, assessor: v.assessor, basis: v.basis || '' });
      showOk(out.passed ? `评估通过，认定为${out.level_label}充分就业社区` : `评估未通过：${out.results.filter((x) => !x.met).map((x) => x.label).join('、')}`);
      await Promise.all([load(), reload()]);
    });
    formBox.replaceChildren(r.items.length ? apply : h('p', { class: 'muted' }, '本区划没有可申报的社区。'), ...(pending.length ? [assess] : []));
  }
  return { card, load };
}
