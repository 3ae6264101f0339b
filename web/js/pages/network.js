// 服务网络 (#/network, officers; auditors read): the service network
// against every duty of 附件4 — offices at county, township and village
// level, gig markets, HR agencies, recruitment events per week/month,
// full-employment communities — as a chart of each duty's attainment, a
// table with the clause and the places missing, and the forms with which an
// officer registers a site or a recruitment event (the report reloads); the
// registry of sites, each editable (dates, details, a community's
// recognition; the history keeps the old values), and the 就业帮扶车间
// registry with its recognition and the number of 脱贫人口 employed (each
// editable); labour brands, work-relief projects and key enterprises
// (network-programmes.js); HR-agency ratings and the institutions' annual
// evaluations (network-quality.js); full-employment communities' applications
// and assessments (network-communities.js). A labour-cooperation station links to
// its page with its monthly work (network-station.js).
import { api, today } from '../api.js';
import { loadEcharts } from '../charts.js';
import { dataTable, formValues, h } from '../dom.js';
import { showOk } from '../messages.js';
import { employerPicker } from '../picker.js';
import { regionPicker } from '../regions.js';
import { basesCard } from './network-bases.js';
import { communitiesCard } from './network-communities.js';
import { brandsCard, keyEnterprisesCard, reliefCard, workshopEditForm } from './network-programmes.js';
import { agencyRatingsCard, evaluationsCard } from './network-quality.js';

const STATUS_CLASS = { met: 'ok', late: 'warn', missing: 'bad', pending: 'muted', info: 'muted' };
const KINDS = [
  ['employment_office', '公共就业服务机构'], ['gig_market', '零工市场'], ['hr_agency', '人力资源服务机构'],
  ['full_employment_community', '充分就业社区'], ['labour_station', '劳务协作站'],
];
const RECOGNITION = [['', '未登记'], ['none', '未认定'], ['prefecture', '市州级'], ['province', '省级'], ['national', '国家级']];
const WORKSHOP_STATUS = [['applied', '申报中'], ['recognised', '已认定'], ['rejected', '未予认定'], ['revoked', '已撤销认定']];
const label = (pairs, v) => (pairs.find(([k]) => k === v) || [v, v])[1];
const TIERS = [['township', '乡镇级'], ['village', '村级'], ['county', '县级'], ['prefecture', '市州级'], ['province', '省级']];

// The share a duty reaches, 0–100, for the chart.
function attainment(d) {
  if (d.periods > 0) return (100 * d.periods_met) / d.periods;
  if (d.required <= 0) return 100;
  const base = d.places > 0 ? d.places : d.required;
  return Math.min(100, (100 * d.covered) / base);
}

// `text` in lines of at most `n` characters (whole characters).
function wrapLabel(text, n) {
  const chars = [...text];
  const lines = [];
  for (let i = 0; i < chars.length; i += n) lines.push(chars.slice(i, i + n).join(''));
  return lines.join('\n');
}

function current(d) {
  if (d.progress) return d.progress;
  if (d.outbound_share) {
    const known = d.outbound - d.unrecorded;
    const share = known > 0 ? `${(Math.floor((d.organised * 10000) / known) / 100).toFixed(2)}%` : '—';
    return `外出务工 ${d.outbound} 人，有组织输出 ${d.organised} 人，组织方式未记录 ${d.unrecorded} 人，组织化程度 ${share}；${d.places} 个县可判定，${d.covered} 个达到要求`;
  }
  if (d.periods > 0) return `${d.period_from}—${d.period_to}：${d.places} 个单位中 ${d.covered} 个每期达标（单位·期 ${d.periods_met}/${d.periods}）`;
  if (d.places > 0 && !d.deadline) return `${d.places} 个项目中 ${d.covered} 个达到要求`;
  if (d.places > 0) return `${d.covered}/${d.places}（应达 ${d.required}，期限前 ${d.covered_by_deadline}）`;
  return `现有 ${d.covered}，期限前 ${d.covered_by_deadline}，应达 ${d.required}`;
}

export async function render({ user, page, params }) {
  const officer = user.role === 'officer';
  const own = officer ? (user.region_code.length > 9 ? user.region_code.slice(0, 9) : user.region_code) : '52';
  const region = params.get('region') || own;
  const asOf = h('input', { type: 'date', value: params.get('as_of') || today(), max: today(), 'data-testid': 'as-of' });
  const from = h('input', { type: 'date', value: params.get('from') || `${today().slice(0, 4)}-01-01`, 'data-testid': 'from' });
  const xlsx = h('a', { class: 'button secondary', id: 'coverage-xlsx', download: '' }, '下载达标情况（XLSX）');
  const chartCard = h('section', { class: 'card' });
  const tableCard = h('section', { class: 'card' });
  page.append(h('h1', {}, '服务网络达标情况'),
    h('p', { class: 'muted' }, '依据《省人民政府关于促进高质量充分就业的意见》（黔府发〔2023〕12号）附件4 各项要求，按区划和日期核查；缺口列出未达标的区划或周、月。'),
    h('div', { class: 'filters card' }, h('label', {}, '截至日期', asOf), h('label', {}, '招聘活动自', from), xlsx),
    chartCard, tableCard);

  async function load() {
    const q = { region, as_of: asOf.value, from: from.value };
    xlsx.href = `/api/network/coverage?${new URLSearchParams({ ...q, format: 'xlsx' })}`;
    const r = await api.get('/api/network/coverage', q);
    const s = r.summary;
    const chartBox = h('div', { class: 'chart', id: 'coverage-chart', role: 'img', 'aria-label': '各项职责达成程度柱状图' });
    chartCard.replaceChildren(
      h('h2', {}, `${r.scope_name}（截至 ${r.as_of}）：`,
        h('span', { 'data-testid': 'summary' }, `达标 ${s.met} 项，逾期达标 ${s.late} 项，未达标 ${s.missing} 项，期限未到 ${s.pending} 项`)),
      chartBox);
    const rows = r.duties.map((d) => ({ ...d, current: d.applicable ? current(d) : '—' }));
    const charted = rows.filter((d) => d.applicable);
    const table = dataTable([
      { key: 'title', title: '职责', render: (d) => h('span', { dataset: { duty: d.id } }, d.title) },
      { key: 'clause', title: '条款' },
      { key: 'requirement', title: '要求', render: (d) => h('span', { title: d.quote }, d.requirement + (d.deadline ? `（${d.deadline} 前）` : '')) },
      { key: 'current', title: '现状', render: (d) => h('span', { dataset: { testid: `current-${d.id}` } }, d.current,
        d.outbound_counties?.length ? h('details', {}, h('summary', {}, '各县'), h('ul', { class: 'gaps' },
          ...d.outbound_counties.map((t) => h('li', {}, `${t.county}：外出 ${t.outbound}，有组织 ${t.organised}，未记录 ${t.unrecorded}，${t.share_bp == null ? '无法判定' : `${(t.share_bp / 100).toFixed(2)}%`}`)))) : null) },
      { key: 'status_label', title: '达标情况', render: (d) => h('span', { class: `tag ${STATUS_CLASS[d.status] || ''}`, dataset: { testid: `status-${d.id}` } }, d.status_label) },
      { key: 'gaps', title: '缺口', render: (d) => (d.gap_count === 0 ? '—' : h('details', {},
        h('summary', {}, `${d.gap_count} 处`),
        h('ul', { class: 'gaps' }, ...d.gaps.slice(0, 50).map((g) => h('li', {}, `${g.name}：${g.detail}`)),
          d.gap_count > 50 ? h('li', { class: 'muted' }, `……其余 ${d.gap_count - 50} 处见 XLSX`) : null))) },
    ], rows, { empty: '没有职责' });
    tableCard.replaceChildren(h('h2', {}, '各项职责'), table);
    const echarts = await loadEcharts();
    if (!echarts) {
      chartBox.remove();
      return;
    }
    chartBox.style.height = `${Math.max(260, charted.length * 40 + 60)}px`;
    // SVG, so the labels are text in the page (read by screen readers and
    // the tests); ECharts 4 has no axisLabel width/overflow, so long duty
    // titles are wrapped here and containLabel keeps them inside the chart.
    const chart = echarts.init(chartBox, null, { renderer: 'svg' });
    const color = { met: '#2e7d32', late: '#f9a825', missing: '#c62828', pending: '#90a4ae', info: '#90a4ae' };
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 56, top: 10, bottom: 24, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: charted.map((d) => d.title), inverse: true, axisLabel: { formatter: (t) => wrapLabel(t, 13), lineHeight: 14 } },
      tooltip: { trigger: 'axis', formatter: (p) => `${p[0].name}<br/>${charted[p[0].dataIndex].current}<br/>${charted[p[0].dataIndex].status_label}` },
      series: [{
        type: 'bar',
        data: charted.map((d) => ({ value: +attainment(d).toFixed(1), itemStyle: { color: color[d.status] } })),
        label: { show: true, position: 'right', formatter: '{c}%' },
      }],
    });
  }

  if (officer) {
    const sitePicker = regionPicker({ root: user.region_code, name: 'region' });
    const siteForm = h('form', { class: 'filters card', id: 'site-form' },
      h('h2', { class: 'wide' }, '登记服务网点'),
      h('label', {}, '类型', h('select', { name: 'kind' }, ...KINDS.filter(([k]) => k !== 'labour_station').map(([v, t]) => h('option', { value: v }, t)))),
      h('label', {}, '层级', h('select', { name: 'tier' }, ...TIERS.map(([v, t]) => h('option', { value: v }, t)))),
      h('label', { class: 'wide' }, '所在区划', sitePicker),
      h('label', {}, '名称', h('input', { name: 'name', required: true, maxlength: 100 })),
      h('label', {}, '地址', h('input', { name: 'address', maxlength: 200 })),
      h('label', {}, '工作人员数', h('input', { name: 'staff', type: 'number', min: 0 })),
      h('label', {}, '开办日期', h('input', { name: 'opened_on', type: 'date', max: today() })),
      h('label', {}, h('input', { name: 'online', type: 'checkbox' }), ' 线上'),
      h('button', { type: 'submit' }, '登记网点'));
    siteForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(siteForm);
      const body = { kind: v.kind, tier: v.tier, region: v.region, name: v.name, address: v.address || '', online: !!v.online };
      if (v.staff) body.staff = Number(v.staff);
      if (v.opened_on) body.opened_on = v.opened_on;
      const r = await api.post('/api/network/sites', body);
      showOk(`已登记服务网点：${r.name}（${r.region_name}）`);
      siteForm.reset();
      await Promise.all([load(), loadSites()]);
    });
    // 附件4（十七） numbers the visits of province and prefecture teams only
    // (policy/network/duties.yaml); a county or township records its own
    // team's visits (结合实际常态化开展) and is told they count for no duty.
    // The server's answer carries the same note, from the duties file.
    const teamNote = h('p', { class: 'wide muted', id: 'event-team-note', hidden: true },
      '本级无考核要求，不计入就业创业服务团队服务活动次数（附件4（十七）只对省级、市（州）级规定了次数）；照常登记，作为本级常态化开展的记录。');
    const kindSelect = h('select', { name: 'kind' }, h('option', { value: 'comprehensive' }, '综合性招聘'), h('option', { value: 'special' }, '专场招聘'), h('option', { value: 'service_team' }, '就业创业服务团队活动（进校园、进社区、进企业）'));
    const updateTeamNote = () => {
      teamNote.hidden = !(kindSelect.value === 'service_team' && eventPicker.value().length >= 6);
    };
    const eventPicker = regionPicker({ root: user.region_code, name: 'region', onChange: () => updateTeamNote() });
    kindSelect.addEventListener('change', updateTeamNote);
    const eventForm = h('form', { class: 'filters card', id: 'event-form' },
      h('h2', { class: 'wide' }, '登记招聘活动或服务团队活动'),
      h('label', { class: 'wide' }, '主办区划', eventPicker),
      h('label', {}, '活动类型', kindSelect),
      teamNote,
      h('label', {}, '活动名称', h('input', { name: 'title', required: true, maxlength: 100 })),
      h('label', {}, '举办日期', h('input', { name: 'held_on', type: 'date', required: true })),
      h('label', {}, '地点', h('input', { name: 'place', maxlength: 200 })),
      h('label', {}, '参会单位数', h('input', { name: 'employers', type: 'number', min: 0 })),
      h('label', {}, '提供岗位数', h('input', { name: 'jobs', type: 'number', min: 0 })),
      h('label', {}, '参会人数', h('input', { name: 'attendance', type: 'number', min: 0 })),
      h('label', {}, '达成就业意向人数', h('input', { name: 'hires', type: 'number', min: 0 })),
      h('label', {}, h('input', { name: 'planned', type: 'checkbox' }), ' 尚未举办（计划）'),
      h('button', { type: 'submit' }, '登记活动'));
    eventForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(eventForm);
      const body = { region: v.region, kind: v.kind, title: v.title, held_on: v.held_on, place: v.place || '', planned: !!v.planned };
      for (const k of ['employers', 'jobs', 'attendance', 'hires']) if (v[k]) body[k] = Number(v[k]);
      const r = await api.post('/api/network/events', body);
      showOk(r.note ? `已登记活动：${r.title}。${r.note}` : `已登记活动：${r.title}`);
      eventForm.reset();
      updateTeamNote();
      await load();
    });
    page.append(siteForm, eventForm);
  }
  // The registry of sites under the region, each editable by an officer.
  const kindFilter = h('select', { 'data-testid': 'site-kind' }, h('option', { value: '' }, '全部类型'),
    ...KINDS.map(([v, t]) => h('option', { value: v }, t)));
  const sitesBox = h('div', {});
  const editBox = h('div', {});
  page.append(h('section', { class: 'card', id: 'sites' }, h('h2', {}, '服务网点名录'),
    h('div', { class: 'filters' }, h('label', {}, '类型', kindFilter)), editBox, sitesBox));

  function editForm(site) {
    const community = site.kind === 'full_employment_community';
    const form = h('form', { class: 'filters card', id: 'site-edit-form' },
      h('h3', { class: 'wide' }, `编辑：${site.name}（${site.kind_label}，${site.region_name}）`),
      h('label', {}, '名称', h('input', { name: 'name', required: true, maxlength: 100, value: site.name })),
      h('label', {}, '地址', h('input', { name: 'address', maxlength: 200, value: site.address })),
      h('label', {}, '开放时间', h('input', { name: 'hours', maxlength: 100, value: site.hours })),
      h('label', {}, '服务内容', h('input', { name: 'services', maxlength: 200, value: site.services })),
      h('label', {}, '工作人员数', h('input', { name: 'staff', type: 'number', min: 0, value: site.staff >= 0 ? String(site.staff) : '' })),
      h('label', {}, '开办日期', h('input', { name: 'opened_on', type: 'date', max: today(), value: site.opened_on })),
      h('label', {}, '关闭日期', h('input', { name: 'closed_on', type: 'date', max: today(), value: site.closed_on })),
      community ? h('label', {}, '认定级别', h('select', { name: 'recognition_level' },
        ...RECOGNITION.map(([v, t]) => h('option', { value: v, selected: v === site.recognition_level }, t)))) : null,
      community ? h('label', {}, '认定日期', h('input', { name: 'recognised_on', type: 'date', max: today(), value: site.recognised_on })) : null,
      h('label', {}, h('input', { name: 'online', type: 'checkbox', checked: site.online }), ' 线上'),
      h('button', { type: 'submit' }, '保存修改'),
      h('button', { type: 'button', class: 'secondary', onclick: () => editBox.replaceChildren() }, '取消'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(form);
      const body = { name: v.name, address: v.address || '', hours: v.hours || '', services: v.services || '',
        staff: v.staff === '' || v.staff === undefined ? null : Number(v.staff),
        opened_on: v.opened_on || '', closed_on: v.closed_on || '', online: !!v.online };
      if (community) Object.assign(body, { recognition_level: v.recognition_level || '', recognised_on: v.recognised_on || '' });
      const r = await api.put(`/api/network/sites/${site.site_id}`, body);
      showOk(`已保存服务网点：${r.name}（修改前的内容已留存）`);
      editBox.replaceChildren();
      await Promise.all([loadSites(), load()]);
    });
    editBox.replaceChildren(form);
    form.querySelector('input[name=name]').focus();
  }

  // Loads may overlap (a save reloads the list while the officer changes the
  // type filter): only the latest one's answer is shown, whichever returns last.
  let sitesLoad = 0;
  async function loadSites() {
    const mine = ++sitesLoad;
    const q = { region };
    if (kindFilter.value) q.kind = kindFilter.value;
    const r = await api.get('/api/network/sites', q);
    if (mine !== sitesLoad) return;
    const rows = r.items.slice(0, 200);
    const table = dataTable([
      { key: 'name', title: '名称', render: (s) => (s.kind === 'labour_station'
        ? h('a', { href: `#/station/${s.site_id}`, dataset: { site: s.site_id } }, s.name)
        : h('span', { dataset: { site: s.site_id } }, s.name)) },
      { key: 'kind_label', title: '类型' },
      { key: 'tier_label', title: '层级' },
      { key: 'region_name', title: '所在区划' },
      { key: 'opened_on', title: '开办日期' },
      { key: 'closed_on', title: '关闭日期', render: (s) => s.closed_on || (s.open ? '运行中' : '—') },
      { key: 'recognition_level', title: '认定', render: (s) => (s.kind === 'full_employment_community'
        ? `${label(RECOGNITION, s.recognition_level)}${s.recognised_on ? `（${s.recognised_on}）` : ''}` : '—') },
      ...(officer ? [{ key: 'edit', title: '操作', render: (s) => h('button', { type: 'button', class: 'secondary', dataset: { edit: s.site_id }, onclick: () => editForm(s) }, '编辑') }] : []),
    ], rows, { empty: '本区划尚未登记服务网点', caption: r.total > rows.length ? `共 ${r.total} 个，显示前 ${rows.length} 个；可按类型筛选` : `共 ${r.total} 个` });
    sitesBox.replaceChildren(table);
  }
  kindFilter.addEventListener('change', loadSites);

  // 就业帮扶车间（基地）: the registry R5 and the one-time award read.
  const workshopsBox = h('div', {});
  const workshopEditBox = h('div', {});
  const workshopCard = h('section', { class: 'card', id: 'workshops' }, h('h2', {}, '就业帮扶车间（基地）名录'),
    h('p', { class: 'muted' }, '正文（九）、附件2（十四）：吸纳脱贫人口（含监测对象）就业人数是认定的基本标准；一次性奖补和一次性吸纳就业补贴读取本名录的认定状态。登记库中没有运营单位劳动合同时，按此处录入的人数（须注明来源）判断，两者皆无为“未知”。'),
    workshopEditBox, workshopsBox);
  page.append(workshopCard);
  async function loadWorkshops() {
    const r = await api.get('/api/network/workshops', { region });
    workshopsBox.replaceChildren(dataTable([
      { key: 'name', title: '车间名称' },
      { key: 'region_name', title: '所在区划' },
      { key: 'operator_name', title: '运营单位', render: (w) => w.operator_name || w.operator_credit_code },
      { key: 'status_label', title: '认定状态', render: (w) => `${w.status_label}${w.recognised_on ? `（${w.recognised_on}）` : ''}${w.revoked_on ? `，撤销 ${w.revoked_on}` : ''}` },
      { key: 'poverty_employed', title: '录入的脱贫人口人数', render: (w) => (w.poverty_employed == null ? '未录入' : `${w.poverty_employed} 人（${w.poverty_source}${w.poverty_as_of ? `，截至 ${w.poverty_as_of}` : ''}）`) },
      ...(officer ? [{ key: 'edit', title: '操作', render: (w) => h('button', { type: 'button', class: 'secondary', dataset: { editWorkshop: w.workshop_id }, onclick: () => workshopEditForm(w, workshopEditBox, loadWorkshops) }, '编辑') }] : []),
    ], r.items, { empty: '本区划尚未登记就业帮扶车间' }));
  }
  if (officer) {
    const picker = regionPicker({ root: user.region_code, name: 'region' });
    const form = h('form', { class: 'filters card', id: 'workshop-form' },
      h('h3', { class: 'wide' }, '登记就业帮扶车间'),
      h('label', { class: 'wide' }, '所在区划（县或乡镇）', picker),
      h('label', {}, '车间名称', h('input', { name: 'name', required: true, maxlength: 100 })),
      employerPicker({ label: '运营单位', name: 'operator_credit_code', required: true }),
      h('label', {}, '地址', h('input', { name: 'address', maxlength: 200 })),
      h('label', {}, '认定状态', h('select', { name: 'status' }, ...WORKSHOP_STATUS.map(([v, t]) => h('option', { value: v }, t)))),
      h('label', {}, '认定日期', h('input', { name: 'recognised_on', type: 'date', max: today() })),
      h('label', {}, '撤销日期', h('input', { name: 'revoked_on', type: 'date', max: today() })),
      h('label', {}, '吸纳脱贫人口（含监测对象）人数', h('input', { name: 'poverty_employed', type: 'number', min: 0 })),
      h('label', {}, '人数来源', h('input', { name: 'poverty_source', maxlength: 100 })),
      h('label', {}, '统计日期', h('input', { name: 'poverty_as_of', type: 'date', max: today() })),
      h('button', { type: 'submit' }, '登记车间'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(form);
      const body = { region: v.region, name: v.name, operator_credit_code: v.operator_credit_code, address: v.address || '', status: v.status };
      for (const k of ['recognised_on', 'revoked_on', 'poverty_source', 'poverty_as_of']) if (v[k]) body[k] = v[k];
      if (v.poverty_employed) body.poverty_employed = Number(v.poverty_employed);
      const r = await api.post('/api/network/workshops', body);
      showOk(`已登记就业帮扶车间：${r.name}（${r.region_name}）`);
      form.reset();
      await loadWorkshops();
    });
    workshopCard.append(form);
  }

  const brands = brandsCard({ user, region, officer, reload: load });
  const relief = reliefCard({ user, region, officer, reload: load });
  const keys = keyEnterprisesCard({ user, region, officer });
  const bases = basesCard({ user, region, officer, reload: load });
  page.append(brands.card, relief.card, keys.card, bases.card);
  const ratings = agencyRatingsCard({ region, officer, reload: load });
  const evaluations = evaluationsCard({ region, officer, reload: load });
  const communities = communitiesCard({ region, officer, reload: load });
  page.append(ratings.card, evaluations.card, communities.card);

  for (const input of [asOf, from]) input.addEventListener('change', load);
  await Promise.all([load(), loadSites(), loadWorkshops(), brands.load(), relief.load(), keys.load(), bases.load(),
                     ratings.load(), evaluations.load(), communities.load()]);
}
