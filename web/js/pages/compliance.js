// 服务达标看板 (#/compliance, officers at county level and above): the
// share of service obligations met on time per township (ECharts bar
// chart, with the table behind it), and the "四级三类" counts.
import { api, today } from '../api.js';
import { loadEcharts } from '../charts.js';
import { dataTable, h } from '../dom.js';

function pct(x) { return `${(100 * x).toFixed(1)}%`; }

export async function render({ user, page, params }) {
  const region = params.get('region') || user.region_code || '52';
  const asOf = h('input', { type: 'date', value: params.get('as_of') || today(), 'data-testid': 'as-of' });
  // A prefecture (or the province) looks at its counties first.
  const wide = region.length <= 4;
  const by = h('select', { 'data-testid': 'group-by' },
    h('option', { value: 'township', selected: !wide }, '按乡镇'),
    h('option', { value: 'county', selected: wide }, '按县（市、区）'),
    h('option', { value: 'officer' }, '按经办人'));
  const chartCard = h('section', { class: 'card' });
  const classCard = h('section', { class: 'card' });
  page.append(h('h1', {}, '服务达标看板'),
    h('p', { class: 'muted' }, '按时率 = 按期完成的服务事项 ÷（按期完成 + 逾期完成 + 已逾期）；登记在期限前注销的事项不计。'),
    h('div', { class: 'filters card' }, h('label', {}, '统计日期', asOf), h('label', {}, '分组', by)),
    chartCard, classCard);

  async function load() {
    const c = await api.get('/api/services/compliance', { region, as_of: asOf.value, by: by.value });
    const rows = c.rows;
    const table = dataTable([
      { key: 'name', title: { officer: '经办人', county: '县（市、区）' }[by.value] ?? '乡镇（街道）', render: (r) => r.name || r.key },
      { key: 'met_on_time', title: '按时完成', num: true },
      { key: 'met_late', title: '逾期完成', num: true },
      { key: 'overdue', title: '已逾期', num: true },
      { key: 'due', title: '待办', num: true },
      { key: 'on_time_share', title: '按时率', num: true, render: (r) => pct(r.on_time_share) },
    ], rows, { empty: '该区域暂无服务事项', caption: `合计按时率 ${pct(c.total.on_time_share)}` });
    const chartBox = h('div', { class: 'chart', id: 'compliance-chart', role: 'img', 'aria-label': '各乡镇按时率柱状图' });
    chartCard.replaceChildren(h('h2', {}, `${c.region_name || c.region} 按时服务率：`, h('span', { 'data-testid': 'total-share' }, pct(c.total.on_time_share))), chartBox,
      h('details', {}, h('summary', { class: 'muted' }, '查看数据表'), table));
    const echarts = await loadEcharts();
    if (!echarts || !rows.length) {
      chartBox.replaceWith(table);
    } else {
      chartBox.style.height = `${Math.max(240, rows.length * 30 + 60)}px`;
      const chart = echarts.init(chartBox);
      chart.setOption({
        animation: false,
        grid: { left: 140, right: 40, top: 20, bottom: 30 },
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', data: rows.map((r) => r.name || r.key), inverse: true },
        tooltip: { trigger: 'axis', formatter: (p) => `${p[0].name}<br/>按时率 ${p[0].value}%` },
        series: [{ type: 'bar', data: rows.map((r) => +(100 * r.on_time_share).toFixed(1)), label: { show: true, position: 'right', formatter: '{c}%' } }],
      });
    }
    const k = await api.get('/api/services/classify', { region, as_of: asOf.value });
    const krows = k.levels.map((l, i) => ({ level: l.label, ...Object.fromEntries(k.categories.map((cat, j) => [cat.code, k.cells[i][j]])) }));
    classCard.replaceChildren(h('h2', {}, '登记失业人员“四级三类”'),
      dataTable([{ key: 'level', title: '等级' }, ...k.categories.map((cat) => ({ key: cat.code, title: cat.label, num: true }))], krows),
      h('p', { class: 'muted' }, `合计 ${k.total} 人，其中尚未评估 ${k.unassessed} 人（按档案建议归类），求职登记 ${k.job_seeking} 人。`));
  }
  asOf.addEventListener('change', load);
  by.addEventListener('change', load);
  await load();
}
