// 目标监测 (#/monitor, officers and auditors): the targets of 正文（二）
// in the officer's region — per indicator the target (the province's,
// allocated down), the actual so far, the pace against the seasonal
// profile with a red/amber/green status and its reason, this year against
// last year month by month, and the children regions (prefectures on the
// Guizhou map, counties as bars) coloured by pace. ?region=&year=&month=.
// Then the month-end indicators: the registered unemployment rate beside
// the surveyed rate (entered here by province and prefecture officers from
// the statistics bureau's release, POST /api/monitor/surveyed-rate) against
// the 5.5 % of 正文（二）, and the monitoring objects employed against the
// same month a year earlier, each with its trend lines and children.
// Beside the warnings, the service network's duties (monitor-coverage.js);
// after the indicators, what the comparison with partner provinces found
// (monitor-linkage.js, 跨省比对监测).
// The figures come from the server's kept snapshot: its as-of time is
// shown, and "正在准备…" while the first one is counted.
import { api } from '../api.js';
import { loadEcharts, loadGuizhouMap } from '../charts.js';
import { dataTable, h } from '../dom.js';
import { showOk } from '../messages.js';
import { regionName } from '../regions.js';
import { coveragePanel } from './monitor-coverage.js';
import { linkagePanel } from './monitor-linkage.js';

const COLORS = { green: '#1c7c4a', amber: '#9a6200', red: '#b3261e', no_target: '#5f6b67', not_due: '#4a6fa5' };
const STATUS_INDEX = { green: 0, amber: 1, red: 2, no_target: 3, not_due: 4 };
const pct = (v) => `${(v * 100).toFixed(1)}%`;
const num = (v) => (v == null ? '—' : Number(v).toLocaleString('zh-CN'));

function badge(p) {
  return h('span', { class: `tag status-${p.status}`, 'data-status': p.status }, p.status_label);
}


const THRESHOLD_LABELS = {
  count: (v) => `${v} 人`, share: (v) => `占参保人数 ${pct(v)}`, factor: (v) => `季节基线的 ${v} 倍`,
  fall: (v) => `同比下降 ${pct(v)}`, floor: (v) => `按时完成率低于 ${pct(v)}`, drop: (v) => `比上月下降 ${(v * 100).toFixed(1)} 个百分点`,
};
const thresholdText = (values) => Object.entries(values).map(([k, v]) => (THRESHOLD_LABELS[k] ? THRESHOLD_LABELS[k](v) : `${k} ${v}`)).join('或');

function basisText(b) {
  return b.assumed ? `假设：${b.note}` : `依据：${b.source}`;
}

async function warningsPanel(data) {
  const month = `${data.year}-${String(data.month).padStart(2, '0')}`;
  let w;
  try {
    w = await api.get('/api/monitor/warnings', { region: data.region, month });
  } catch (e) {
    return h('section', { class: 'card warnings', id: 'warnings' }, h('h2', {}, '风险预警（正文（十九）规模性失业风险）'),
      h('p', { class: 'warn' }, `预警暂无法显示：${e.message}`));
  }
  const panel = h('section', { class: 'card warnings', id: 'warnings', 'data-count': String(w.warnings.length) },
    h('h2', {}, `风险预警（正文（十九）规模性失业风险）：${w.region_name || '全省'} ${data.year} 年 ${data.month} 月`),
    w.note ? h('p', { class: 'muted' }, w.note) : null);
  if (!w.warnings.length) {
    panel.append(h('p', { 'data-testid': 'no-warnings' }, '本月未发现达到预警阈值的情况。'));
  }
  for (const x of w.warnings) {
    const who = [x.region_name, x.employer?.name].filter(Boolean).join(' · ');
    const item = h('article', { class: 'warning', 'data-kind': x.kind, 'data-level': x.level },
      h('h3', {}, h('span', { class: `tag level-${x.level}` }, x.level_label),
        ' ', x.name, '：', who),
      h('p', { 'data-testid': `warning-reason-${x.kind}` }, x.reason),
      h('p', { class: 'muted' }, `${x.measure}（${basisText(x.threshold_basis)}）`));
    if (x.persons.length || x.persons_note) {
      const table = x.persons.length ? dataTable([
        { key: 'name', title: '姓名', render: (p) => (p.name ? h('a', { href: `#/person/${p.person_id}` }, p.name) : '—') },
        { key: 'id_number', title: '身份证号', render: (p) => p.id_number ?? '—' },
        { key: 'region_name', title: '所在地', render: (p) => p.region_name || '—' },
        { key: 'detail', title: '情况' },
      ], x.persons) : null;
      item.append(h('details', {}, h('summary', {}, `涉及人员 ${x.persons_total} 人`),
        x.persons_note ? h('p', { class: 'muted' }, x.persons_note) : null, table));
    }
    panel.append(item);
  }
  panel.append(h('details', {}, h('summary', {}, '预警规则与阈值'),
    ...w.definitions.map((d) => h('p', {}, h('strong', {}, d.name), `（${d.clause}）：${d.definition}`,
      h('br'), `关注：${thresholdText(d.amber.values)}；${basisText(d.amber)}`,
      h('br'), `预警：${thresholdText(d.red.values)}；${basisText(d.red)}`))));
  return panel;
}

// When the snapshot's facts were read, in Beijing time, and whether newer
// facts are being counted.
function snapshotNote(snap) {
  if (!snap) return null;
  const at = new Date(snap.as_of).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return h('p', { class: 'muted', 'data-testid': 'snapshot', 'data-stale': String(snap.stale) },
    `统计数据读取于 ${at}`, snap.stale ? '；数据已有更新，正在重新统计，稍后刷新页面可见' : '');
}

export async function render({ user, page, params, isCurrent }) {
  const q = {};
  for (const k of ['region', 'year', 'month']) if (params.get(k)) q[k] = params.get(k);
  let data = await api.get('/api/monitor/indicators', q);
  // The server counts the whole province once (then keeps it): the first
  // visit may find it still preparing.
  while (data.preparing) {
    page.replaceChildren(h('p', { class: 'muted', 'data-testid': 'monitor-preparing' }, data.message || '正在准备…'));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    if (isCurrent && !isCurrent()) return;
    data = await api.get('/api/monitor/indicators', q);
  }
  page.replaceChildren();
  const period = `${data.year} 年 1—${data.month} 月`;
  const link = (code) => `#/monitor?region=${code}&year=${data.year}&month=${data.month}`;
  page.append(...[h('h1', {}, `目标监测：${data.region_name || '全省'}`), await breadcrumb(data.region, link),
    h('p', { class: 'muted' }, `《省人民政府关于促进高质量充分就业的意见》（黔府发〔2023〕12号）正文（二）目标任务。统计期：${period}`,
      data.data_through ? `；数据截至 ${data.data_through.replace('-', ' 年 ')} 月` : '', data.note ? `；${data.note}` : ''),
    data.township_note ? h('p', { class: 'muted', 'data-testid': 'township-note' }, data.township_note) : null,
    snapshotNote(data.snapshot)].filter(Boolean));
  const townships = data.level === 3;

  const form = h('form', { class: 'filters card', id: 'period-form' },
    h('label', {}, '年份', h('input', { name: 'year', type: 'number', min: '2023', max: '2100', value: data.year, 'data-testid': 'mon-year' })),
    h('label', {}, '月份', h('input', { name: 'month', type: 'number', min: '1', max: '12', value: data.month, 'data-testid': 'mon-month' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, '查看')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    location.hash = `#/monitor?region=${data.region}&year=${f.get('year')}&month=${f.get('month')}`;
  });
  page.append(form);
  page.append(await warningsPanel(data));
  page.append(await coveragePanel(data));

  // 季度就业形势分析 (正文（二十）): the PDF report and its XLSX annex for
  // this region, printed by the server (GET /api/monitor/report[/annex]).
  const reportQuarter = h('select', { name: 'quarter', 'data-testid': 'report-quarter' },
    ...[1, 2, 3, 4].map((n) => h('option', { value: `${data.year}Q${n}`, selected: n === Math.ceil(data.month / 3) },
      `${data.year} 年第${'一二三四'[n - 1]}季度`)));
  const reportLink = h('a', { class: 'button', id: 'report-pdf', download: '' }, '下载季度分析报告（PDF）');
  const annexLink = h('a', { class: 'button secondary', id: 'report-annex', download: '' }, '下载数据附件（XLSX）');
  const setLinks = () => {
    const qs = `quarter=${encodeURIComponent(reportQuarter.value)}&region=${encodeURIComponent(data.report_region ?? data.region)}`;
    reportLink.href = `/api/monitor/report?${qs}`;
    annexLink.href = `/api/monitor/report/annex?${qs}`;
  };
  reportQuarter.addEventListener('change', setLinks);
  setLinks();
  page.append(h('section', { class: 'card', id: 'quarterly-report' },
    h('h2', {}, '季度就业形势分析'),
    h('p', { class: 'muted' }, '依据正文（二十），生成本区域的季度分析报告（指标、图表、地图、风险预警）与数据附件；生成 PDF 需数秒。'),
    h('div', { class: 'actions' }, h('label', {}, '季度', reportQuarter), reportLink, annexLink)));

  const echarts = await loadEcharts();
  const charts = [];
  for (const ind of data.indicators) {
    const p = ind.progress;
    const trend = h('div', { class: 'chart', role: 'img', 'aria-label': `${ind.name}逐月累计：今年与上年` });
    const kids = h('div', { class: 'chart', role: 'img', 'aria-label': `${ind.name}下级区域进度` });
    const card = h('section', { class: 'card indicator', 'data-indicator': ind.id },
      h('h2', {}, ind.name, ' ', badge(p)),
      h('p', { 'data-testid': `reason-${ind.id}` }, p.reason),
      h('p', { class: 'muted' }, `${ind.clause}：${ind.target_text}`),
      h('dl', { class: 'fields' },
        h('dt', {}, '目标'), h('dd', {}, `${num(p.target)} ${ind.unit}`),
        h('dt', {}, '完成'), h('dd', {}, `${num(p.actual)} ${ind.unit}（${p.target ? pct(p.attainment) : '—'}）`),
        h('dt', {}, '应完成'), h('dd', {}, `${num(p.expected)} ${ind.unit}（${p.profile}）`),
        h('dt', {}, '上年同期'), h('dd', {}, `${num(p.last_year)} ${ind.unit}`)),
      h('details', {}, h('summary', {}, '指标定义与口径'),
        h('p', {}, ind.definition), h('p', { class: 'muted' }, `统计口径：${ind.source}`),
        ind.assumed ? h('p', { class: 'warn' }, `本平台的计算为近似（假设）：${ind.note}`) : null,
        h('p', { class: 'muted' }, `目标分解：${ind.allocation_note}`),
        h('p', { class: 'muted' }, `状态规则：${ind.status_note}`)),
      trend, ind.children.length ? kids : null,
      ind.children.length && !townships ? dataTable([
        { key: 'name', title: '区域', render: (k) => h('a', { href: link(k.code) }, k.name) },
        { key: 'target', title: '目标', num: true, render: (k) => num(k.target) },
        { key: 'actual', title: '完成', num: true, render: (k) => num(k.actual) },
        { key: 'pace', title: '进度', num: true, render: (k) => (k.target == null ? '—' : pct(k.pace)) },
        { key: 'status', title: '状态', render: badge },
      ], ind.children) : null,
      ind.children.length && townships ? townshipTable(ind, link) : null);
    page.append(card);
    if (!echarts) continue;
    const cum = (arr) => arr.reduce((acc, v) => [...acc, (acc.at(-1) ?? 0) + v], []);
    const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
    const t = echarts.init(trend);
    t.setOption({
      tooltip: { trigger: 'axis' }, legend: { data: [`${data.year}年`, `${data.year - 1}年`] },
      grid: { left: 60, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months }, yAxis: { type: 'value', name: ind.unit },
      series: [
        { name: `${data.year}年`, type: 'line', data: cum(ind.this_year).slice(0, data.month), itemStyle: { color: '#0b5d4b' } },
        { name: `${data.year - 1}年`, type: 'line', data: cum(ind.last_year), lineStyle: { type: 'dashed' }, itemStyle: { color: '#9aa5a1' } },
      ],
    });
    charts.push(t);
    if (ind.children.length && townships) {
      // Townships have no target: bars of what is placed in each.
      const rows = [...ind.children].sort((a, b) => b.actual - a.actual);
      kids.style.height = `${Math.max(240, rows.length * 22 + 40)}px`;
      const k = echarts.init(kids);
      k.setOption({
        tooltip: { trigger: 'item', formatter: (x) => `${x.name}：${num(x.value)} ${ind.unit}` },
        grid: { left: 130, right: 24, top: 12, bottom: 24 },
        xAxis: { type: 'value', name: ind.unit },
        yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { interval: 0 } },
        series: [{ type: 'bar', barMaxWidth: 16, data: rows.map((r) => r.actual), itemStyle: { color: '#0b5d4b' } }],
      });
      k.on('click', (x) => { location.hash = link(rows[x.dataIndex].code); });
      charts.push(k);
    } else if (ind.children.length) {
      const k = echarts.init(kids);
      const rows = ind.children;
      k.setOption({
        tooltip: { trigger: 'item', formatter: (x) => `${x.name}：进度 ${pct(rows[x.dataIndex].pace)}` },
        grid: { left: 110, right: 24, top: 12, bottom: 24 },
        xAxis: { type: 'value', axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } },
        yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { interval: 0 } },
        series: [{ type: 'bar', barMaxWidth: 18, data: rows.map((r) => ({ value: r.target == null ? 0 : r.pace, itemStyle: { color: COLORS[r.status] } })) }],
      });
      k.on('click', (x) => { location.hash = `#/monitor?region=${rows[x.dataIndex].code}&year=${data.year}&month=${data.month}`; });
      charts.push(k);
    }
    if (data.region === '52' && ind.children.length && await loadGuizhouMap(echarts)) {
      const mapBox = h('div', { class: 'chart', role: 'img', 'aria-label': `${ind.name}各市（州）进度地图` });
      kids.after(mapBox);
      const m = echarts.init(mapBox);
      m.setOption({
        tooltip: { trigger: 'item', formatter: (x) => `${x.name}：进度 ${x.data?.pace == null ? '—' : pct(x.data.pace)}` },
        // Coloured by each prefecture's status (the indicator file's own
        // thresholds), not by fixed pace bands.
        visualMap: { type: 'piecewise', left: 8, bottom: 8, pieces: [
          { value: 0, label: '进度正常', color: COLORS.green }, { value: 1, label: '略有滞后', color: COLORS.amber },
          { value: 2, label: '明显滞后', color: COLORS.red }, { value: 3, label: '无目标', color: COLORS.no_target },
          { value: 4, label: '尚未到考核进度', color: COLORS.not_due }] },
        series: [{ type: 'map', map: 'guizhou', roam: false, layoutSize: '95%',
          data: ind.children.map((r) => ({ name: r.name, value: STATUS_INDEX[r.status], pace: r.target == null ? null : r.pace })) }],
      });
      m.on('click', (x) => {
        const row = ind.children.find((r) => r.name === x.name);
        if (row) location.hash = `#/monitor?region=${row.code}&year=${data.year}&month=${data.month}`;
      });
      charts.push(m);
    }
  }
  for (const ind of data.monthly ?? []) monthlyCard(page, ind, data, echarts, charts);
  // What the comparison with partner provinces found (monitor-linkage.js).
  await linkagePanel(page, data, echarts, charts);
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
  page.dataset.charts = String(charts.length);
}

// 全省 › 市（州） › 县 › 乡镇: links to each level above `code`.
async function breadcrumb(code, link) {
  const levels = [2, 4, 6, 9].filter((n) => n < code.length);
  const names = await Promise.all(levels.map((n) => (n === 2 ? '全省' : regionName(code.slice(0, n)))));
  return h('nav', { class: 'breadcrumb', 'aria-label': '区域层级', 'data-testid': 'monitor-breadcrumb' },
    ...levels.flatMap((n, i) => [h('a', { href: link(code.slice(0, n)) }, names[i]), ' › ']));
}

// A county's townships: what is placed in each this year and the same
// months last year, then the county's part placed in no township.
function townshipTable(ind, link) {
  const rows = [...ind.children];
  if (ind.unplaced != null) rows.push({ code: '', name: '未落到乡镇（登记在县、工作地点只到县、自然减员）', actual: ind.unplaced, last_year: null, unplaced: true });
  return h('div', { 'data-testid': 'township-table' }, dataTable([
    { key: 'name', title: '乡镇（街道）', render: (k) => (k.unplaced ? h('span', { class: 'muted' }, k.name) : h('a', { href: link(k.code) }, k.name)) },
    { key: 'actual', title: '完成', num: true, render: (k) => num(k.actual) },
    { key: 'last_year', title: '上年同期', num: true, render: (k) => num(k.last_year) },
  ], rows));
}

// Basis points as a percentage: 530 → "5.30%".
const bpText = (v) => (v == null ? '—' : `${(v / 100).toFixed(2)}%`);

function surveyedForm(s, data) {
  const month = `${data.year}-${String(data.month).padStart(2, '0')}`;
  const region = h('select', { name: 'region', 'data-testid': 'surveyed-region' },
    ...s.may_enter.map((r) => h('option', { value: r.code, selected: r.code === s.region }, r.name)));
  const rate = h('input', { name: 'rate', type: 'number', min: '0', max: '100', step: '0.01', required: true, 'data-testid': 'surveyed-rate' });
  const form = h('form', { class: 'filters', id: 'surveyed-form' },
    h('h3', { class: 'wide' }, `录入${s.name}（统计部门发布数）`),
    h('label', {}, '区域', region),
    h('label', {}, '月份', h('input', { name: 'month', type: 'month', value: month, required: true, 'data-testid': 'surveyed-month' })),
    h('label', {}, '调查失业率（%）', rate),
    h('label', { class: 'wide' }, '数据来源', h('input', { name: 'source', required: true, placeholder: '如：国家统计局贵州调查总队 2025 年 7 月发布', 'data-testid': 'surveyed-source' })),
    h('label', { class: 'wide' }, '说明（更正时写明原因）', h('input', { name: 'note', 'data-testid': 'surveyed-note' })),
    h('div', { class: 'actions wide' }, h('button', { type: 'submit', 'data-testid': 'surveyed-submit' }, '保存')),
    h('p', { class: 'muted wide' }, '更正时再录入一次：新记录生效，原记录保留备查。'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const body = { region: f.get('region'), month: f.get('month'), rate_bp: Math.round(Number(f.get('rate')) * 100),
      source: f.get('source').trim(), note: f.get('note').trim() };
    try {
      const r = await api.post('/api/monitor/surveyed-rate', body);
      showOk(`已录入${r.region_name} ${r.month} ${s.name} ${bpText(r.rate_bp)}`);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch { /* shown by api.js */ }
  });
  return form;
}

function monthlyCard(page, ind, data, echarts, charts) {
  const rate = ind.kind === 'rate';
  const show = (v) => (rate ? bpText(v) : v == null ? '—' : `${num(v)} ${ind.unit}`);
  const s = ind.surveyed;
  const trend = h('div', { class: 'chart', role: 'img', 'aria-label': `${ind.name}逐月：今年与上年` });
  const card = h('section', { class: 'card indicator monthly', 'data-indicator': ind.id },
    h('h2', {}, ind.name, ' ', badge(ind)),
    h('p', { 'data-testid': `reason-${ind.id}` }, ind.reason),
    s ? h('p', { 'data-testid': 'surveyed-reason' }, s.status_label === '未录入' ? '' : badge(s), ' ', s.reason) : null,
    h('p', { class: 'muted' }, `${ind.clause}：${ind.target_text}`),
    h('dl', { class: 'fields' },
      h('dt', {}, `${data.month} 月末${ind.name}`), h('dd', { 'data-testid': `value-${ind.id}` }, show(ind.value)),
      s ? h('dt', {}, `${s.name}（${s.region_name}）`) : null,
      s ? h('dd', { 'data-testid': 'surveyed-value' }, bpText(s.value), s.entry ? `（${s.entry.source}）` : '') : null,
      rate ? h('dt', {}, '目标') : null, rate ? h('dd', {}, `${bpText(ind.target_bp)} 左右`) : null,
      h('dt', {}, '上年同月'), h('dd', {}, show(ind.last_year_value))),
    s?.note ? h('p', { class: 'muted' }, s.note) : null,
    h('details', {}, h('summary', {}, '指标定义与口径'),
      h('p', {}, ind.definition), h('p', { class: 'muted' }, `统计口径：${ind.source}`),
      ind.assumed ? h('p', { class: 'warn' }, `本平台的计算为近似（假设）：${ind.note}`) : null,
      s ? h('p', {}, `${s.name}：${s.definition}`) : null, s ? h('p', { class: 'muted' }, `来源：${s.source}`) : null,
      h('p', { class: 'muted' }, `状态规则：${ind.status_note}`)),
    s?.history.length > 1 ? h('details', { 'data-testid': 'surveyed-history' }, h('summary', {}, `本月${s.name}录入记录 ${s.history.length} 条`),
      dataTable([
        { key: 'rate_bp', title: '数值', render: (e) => bpText(e.rate_bp) },
        { key: 'source', title: '来源' }, { key: 'note', title: '说明' },
        { key: 'entered_by', title: '录入人' }, { key: 'entered_at', title: '录入时间' },
      ], s.history)) : null,
    trend,
    ind.children.length ? dataTable([
      { key: 'name', title: '区域', render: (k) => h('a', { href: `#/monitor?region=${k.code}&year=${data.year}&month=${data.month}` }, k.name) },
      { key: 'value', title: ind.name, num: true, render: (k) => show(k.value) },
      { key: 'last_year', title: '上年同月', num: true, render: (k) => show(k.last_year) },
      { key: 'status', title: '状态', render: badge },
    ], ind.children) : null,
    s?.may_enter.length ? surveyedForm(s, data) : null);
  page.append(card);
  if (!echarts) return;
  const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
  const pctOf = (arr) => arr.map((v) => (v == null ? null : v / 100));
  const series = rate ? [
    { name: `登记 ${data.year}年`, type: 'line', data: pctOf(ind.this_year), connectNulls: true, itemStyle: { color: '#0b5d4b' },
      markLine: { symbol: 'none', label: { position: 'insideEndTop', formatter: `目标 ${bpText(ind.target_bp)}` }, lineStyle: { color: COLORS.amber }, data: [{ yAxis: ind.target_bp / 100 }] } },
    { name: `登记 ${data.year - 1}年`, type: 'line', data: pctOf(ind.last_year), connectNulls: true, lineStyle: { type: 'dashed' }, itemStyle: { color: '#9aa5a1' } },
  ] : [
    { name: `${data.year}年`, type: 'line', data: ind.this_year, connectNulls: true, itemStyle: { color: '#0b5d4b' } },
    { name: `${data.year - 1}年`, type: 'line', data: ind.last_year, connectNulls: true, lineStyle: { type: 'dashed' }, itemStyle: { color: '#9aa5a1' } },
  ];
  if (s) {
    series.push({ name: `调查 ${data.year}年`, type: 'line', data: pctOf(s.this_year), connectNulls: true, itemStyle: { color: '#1f5fa8' } },
      { name: `调查 ${data.year - 1}年`, type: 'line', data: pctOf(s.last_year), connectNulls: true, lineStyle: { type: 'dashed' }, itemStyle: { color: '#8fb0d8' } });
  }
  const t = echarts.init(trend);
  t.setOption({
    tooltip: { trigger: 'axis' }, legend: { data: series.map((x) => x.name) },
    grid: { left: 60, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: months }, yAxis: { type: 'value', name: rate ? '%' : ind.unit },
    series,
  });
  charts.push(t);
}
