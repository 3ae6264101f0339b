// The quality of the service network on the 服务网络 page (#15): market HR
// agencies with their rating in force (附件4（二）"优质"; 未评级 shown as
// such), their 人力资源服务许可证 (number, authority, validity, 经营范围 by
// name; a lapsed licence is flagged and not counted as 优质) and the forms
// rating one and recording a licence; the annual evaluation of public
// employment service institutions (正文（十三）): per year, the institutions
// due with their scores and result, how many each place has evaluated and
// is missing, and the form entering (or correcting) an evaluation. Both
// schemes are cited data (policy/network/*.yaml), shown with their
// assumptions. Region-scoped by the API.
import { api, today } from '../api.js';
import { dataTable, formValues, h } from '../dom.js';
import { showOk } from '../messages.js';

// The agencies card: the ratings, and for officers a form rating an agency.
export function agencyRatingsCard({ region, officer, reload }) {
  const box = h('div', {});
  const note = h('p', { class: 'muted' });
  const formBox = h('div', {});
  const licenceBox = h('div', {});
  const card = h('section', { class: 'card', id: 'agency-ratings' }, h('h2', {}, '市场化人力资源服务机构评级与许可证'),
    note, box, formBox, licenceBox);
  const licenceText = (a) => {
    if (!a.licences.length) return h('span', { class: 'tag muted', dataset: { testid: `licence-${a.site_id}` } }, '未登记');
    const l = a.licence ?? a.licences[a.licences.length - 1];
    return h('span', {},
      h('span', { class: `tag ${a.licence ? 'ok' : 'bad'}`, dataset: { testid: `licence-${a.site_id}` } }, a.licence_state),
      ` ${l.licence_no}，${l.issuer}，${l.valid_from} 至 ${l.valid_to || '长期'}`);
  };
  async function load() {
    const r = await api.get('/api/network/agency-ratings', { region });
    const s = r.scheme;
    note.replaceChildren(`${s.clause}：“${s.quote}”。只有评为“${s.grades.filter((g) => g.quality).map((g) => g.label).join('、')}”的机构计入达标；未评级的机构在达标情况中列为“评级未知”。`,
      ...(s.assumed ? [h('br'), `评级办法为假定：${s.reason}`] : []));
    box.replaceChildren(
      h('p', { 'data-testid': 'agency-summary' }, `在运行的机构 ${r.summary.open} 个：评为优质 ${r.summary.quality} 个，未评级 ${r.summary.unrated} 个${r.summary.lapsed ? `，评为优质但许可证已过有效期（不计入）${r.summary.lapsed} 个` : ''}。`),
      dataTable([
        { key: 'name', title: '机构', render: (a) => h('span', { dataset: { agency: a.site_id } }, a.name) },
        { key: 'region_name', title: '所在区划' },
        { key: 'current_label', title: '现行评级', render: (a) => h('span', { class: `tag ${a.current ? (a.quality ? 'ok' : 'warn') : 'muted'}`, dataset: { testid: `rating-${a.site_id}` } }, a.current_label) },
        { key: 'current', title: '评级日期与评定单位', render: (a) => (a.current ? `${a.current.rated_on}，${a.current.rated_by}${a.current.basis ? `（${a.current.basis}）` : ''}` : '—') },
        { key: 'history', title: '此前评级', render: (a) => (a.history.length > 1 ? a.history.slice(0, -1).map((x) => `${x.rated_on} ${x.grade_label}`).join('；') : '—') },
        { key: 'licence', title: '人力资源服务许可证', render: licenceText },
        { key: 'scope', title: '经营范围', render: (a) => { const l = a.licence ?? a.licences[a.licences.length - 1]; return l ? h('span', { dataset: { testid: `scope-${a.site_id}` } }, l.scope_labels.join('、')) : '—'; } },
      ], r.items, { empty: '本区划没有在运行的市场化人力资源服务机构' }));
    if (officer) {
      const form = h('form', { class: 'filters card', id: 'rating-form' },
        h('h3', { class: 'wide' }, '录入机构评级'),
        h('label', {}, '机构', h('select', { name: 'site_id', required: true }, ...r.items.map((a) => h('option', { value: String(a.site_id) }, `${a.name}（${a.region_name}）`)))),
        h('label', {}, '评级', h('select', { name: 'grade' }, ...s.grades.map((g) => h('option', { value: g.code }, g.label)))),
        h('label', {}, '评级日期', h('input', { name: 'rated_on', type: 'date', max: today(), required: true })),
        h('label', {}, '评定单位', h('input', { name: 'rated_by', maxlength: 100, required: true })),
        h('label', {}, '评定依据', h('input', { name: 'basis', maxlength: 200 })),
        h('button', { type: 'submit' }, '录入评级'));
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const v = formValues(form);
        const out = await api.post(`/api/network/sites/${v.site_id}/ratings`, { grade: v.grade, rated_on: v.rated_on, rated_by: v.rated_by, basis: v.basis || '' });
        showOk(`已录入评级：${out.grade_label}（此前的评级已留存）`);
        await Promise.all([load(), reload()]);
      });
      formBox.replaceChildren(r.items.length ? form : h('p', { class: 'muted' }, '本区划没有可评级的机构。'));
      const sc = r.scope_scheme;
      const lform = h('form', { class: 'filters card', id: 'licence-form' },
        h('h3', { class: 'wide' }, '登记人力资源服务许可证（换发的许可证按新编号登记，原许可证留存）'),
        h('label', {}, '机构', h('select', { name: 'site_id', required: true }, ...r.items.map((a) => h('option', { value: String(a.site_id) }, `${a.name}（${a.region_name}）`)))),
        h('label', {}, '许可证编号', h('input', { name: 'licence_no', maxlength: 60, required: true })),
        h('label', {}, '发证机关', h('input', { name: 'issuer', maxlength: 100, required: true })),
        h('label', {}, '有效期起', h('input', { name: 'valid_from', type: 'date', max: today(), required: true })),
        h('label', {}, '有效期止（长期有效不填）', h('input', { name: 'valid_to', type: 'date' })),
        h('fieldset', { class: 'wide' }, h('legend', {}, '经营范围'),
          ...sc.scopes.map((x) => h('label', {}, h('input', { type: 'checkbox', name: 'scope', value: x.code }), `${x.label}${x.licensed ? '' : '（备案）'}`))),
        h('p', { class: 'muted wide' }, `${sc.document}${sc.clause}。${sc.assumed ? `经营范围列表为假定：${sc.reason}` : ''}`),
        h('button', { type: 'submit' }, '登记许可证'));
      lform.addEventListener('submit', async (e) => {
        e.preventDefault();
        const v = formValues(lform);
        const scope = [...lform.querySelectorAll('input[name=scope]:checked')].map((x) => x.value);
        await api.post(`/api/network/sites/${v.site_id}/licences`, { licence_no: v.licence_no, issuer: v.issuer, valid_from: v.valid_from, valid_to: v.valid_to || null, scope });
        showOk('已登记许可证');
        await Promise.all([load(), reload()]);
      });
      licenceBox.replaceChildren(r.items.length ? lform : h('p', { class: 'muted' }, ''));
    }
  }
  return { card, load };
}

// The evaluations card: a year, per place the institutions evaluated and
// missing, the institutions with their scores, and for officers the form.
export function evaluationsCard({ region, officer, reload }) {
  const last = Number(today().slice(0, 4)) - 1;
  const year = h('input', { type: 'number', min: 2023, max: last + 1, value: String(last), 'data-testid': 'evaluation-year' });
  const note = h('p', { class: 'muted' });
  const placesBox = h('div', {});
  const box = h('div', {});
  const formBox = h('div', {});
  const card = h('section', { class: 'card', id: 'evaluations' }, h('h2', {}, '就业公共服务机构年度评估'), note,
    h('div', { class: 'filters' }, h('label', {}, '评估年度', year)), placesBox, box, formBox);
  async function load() {
    const r = await api.get('/api/network/evaluations', { region, year: year.value });
    const s = r.scheme;
    note.replaceChildren(`${s.clause}：“${s.quote}”。评估指标：${s.criteria.map((c) => `${c.label} ${c.max_points} 分`).join('、')}（满分 ${s.max_total}）；等次：${s.results.map((x) => `${x.label} ≥ ${x.min_points}`).join('，')}。县级、乡级机构每年评估。`,
      ...(s.assumed ? [h('br'), `指标分值和等次为假定：${s.reason}`] : []));
    placesBox.replaceChildren(
      h('p', { 'data-testid': 'evaluation-summary' }, `${r.region_name} ${r.year} 年度：应评估 ${r.due} 个机构，已评估 ${r.evaluated} 个，未评估 ${r.missing} 个。`),
      dataTable([
        { key: 'name', title: '区划' },
        { key: 'due', title: '应评估' },
        { key: 'evaluated', title: '已评估' },
        { key: 'missing', title: '未评估', render: (p) => h('span', { class: p.missing ? 'tag bad' : 'tag ok' }, String(p.missing)) },
      ], r.places, { empty: '本区划该年度没有应评估的机构' }));
    const criteria = s.criteria;
    box.replaceChildren(dataTable([
      { key: 'name', title: '机构', render: (x) => h('span', { dataset: { institution: x.site_id } }, x.name) },
      { key: 'tier_label', title: '层级' },
      { key: 'region_name', title: '所在区划' },
      ...criteria.map((c) => ({ key: c.id, title: c.label, render: (x) => (x.evaluation ? String(x.evaluation.scores[c.id] ?? '—') : '—') })),
      { key: 'total', title: '总分', render: (x) => (x.evaluation ? String(x.evaluation.total) : '—') },
      { key: 'result', title: '等次', render: (x) => h('span', { class: `tag ${x.evaluation ? (x.evaluation.result === 'fail' ? 'bad' : 'ok') : 'muted'}`, dataset: { testid: `evaluation-${x.site_id}` } }, x.evaluation ? x.evaluation.result_label : '未评估') },
      { key: 'by', title: '评估日期与单位', render: (x) => (x.evaluation ? `${x.evaluation.evaluated_on}，${x.evaluation.evaluator}` : '—') },
    ], r.items.slice(0, 200), { empty: '本区划该年度没有应评估的机构', caption: r.items.length > 200 ? `显示前 200 个，共 ${r.due} 个` : '' }));
    if (officer) {
      const form = h('form', { class: 'filters card', id: 'evaluation-form' },
        h('h3', { class: 'wide' }, `录入 ${r.year} 年度评估（已评估的机构再次录入即更正，原评分留存）`),
        h('label', { class: 'wide' }, '机构', h('select', { name: 'site_id', required: true },
          ...r.items.map((x) => h('option', { value: String(x.site_id) }, `${x.name}（${x.region_name}）${x.evaluation ? ' — 已评估' : ''}`)))),
        ...criteria.map((c) => h('label', {}, `${c.label}（0—${c.max_points} 分）`, h('input', { name: `score_${c.id}`, type: 'number', min: 0, max: c.max_points, required: true }))),
        h('label', {}, '评估日期', h('input', { name: 'evaluated_on', type: 'date', max: today(), required: true })),
        h('label', {}, '评估单位', h('input', { name: 'evaluator', maxlength: 100, required: true })),
        h('label', {}, '备注', h('input', { name: 'note', maxlength: 200 })),
        h('button', { type: 'submit' }, '录入评估'));
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const v = formValues(form);
        const scores = Object.fromEntries(criteria.map((c) => [c.id, Number(v[`score_${c.id}`])]));
        const out = await api.post(`/api/network/sites/${v.site_id}/evaluations`,
          { year: r.year, scores, evaluated_on: v.evaluated_on, evaluator: v.evaluator, note: v.note || '' });
        showOk(`已录入评估：总分 ${out.total}，${out.result_label}`);
        await Promise.all([load(), reload()]);
      });
      formBox.replaceChildren(r.items.length ? form : h('p', { class: 'muted' }, '本区划该年度没有应评估的机构。'));
    }
  }
  year.addEventListener('change', load);
  return { card, load };
}
