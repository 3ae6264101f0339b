// 劳务协作站 (#/station/{site_id}, officers of the region that set it up;
// auditors read): a labour-cooperation station (正文（十四）“省级总站+市州分站
// +县级工作站”) with its host place, the Guizhou region running it and its
// parent station, and its work month by month (附件2（三）“岗位收集、信息发布、
// 劳动维权”, 附件4（四）绩效考核): jobs collected, workers placed and kept in
// work, rights cases handled — a chart of the months, the table, and for
// officers the form recording (or correcting) a month. Region-scoped by
// the API.
import { api, today } from '../api.js';
import { loadEcharts } from '../charts.js';
import { dataTable, formValues, h } from '../dom.js';
import { showOk } from '../messages.js';

const SERIES = [
  ['jobs_collected', '收集岗位（个）'], ['placed', '输出就业（人）'], ['retained', '稳岗（人）'], ['rights_cases', '维权案件（件）'],
];

export async function render({ page, arg }) {
  const id = Number.parseInt(arg, 10);
  if (!(id > 0)) {
    page.append(h('p', { class: 'muted' }, '没有该劳务协作站'));
    return;
  }
  const head = h('section', { class: 'card', id: 'station' });
  const chartCard = h('section', { class: 'card' });
  const tableCard = h('section', { class: 'card', id: 'station-months' });
  const formBox = h('div', {});
  page.append(head, chartCard, tableCard, formBox);

  async function load() {
    const r = await api.get(`/api/network/stations/${id}/work`);
    const s = r.station;
    head.replaceChildren(
      h('h1', {}, s.name),
      h('p', {}, `${s.tier_label}，设在${s.region_name}，由${s.owner_name}设立`,
        s.parent ? `，上级站：${s.parent.name}（${s.parent.tier_label}）` : '',
        `；设立 ${s.opened_on || '日期未登记'}${s.closed_on ? `，${s.closed_on} 撤销` : ''}。`),
      h('p', { class: 'muted' }, '附件2（三）：做好岗位收集、信息发布、劳动维权等服务；附件4（四）：健全驻外协作站（点）工作绩效考核机制。'),
      h('p', { 'data-testid': 'station-totals' }, `已登记 ${r.months.length} 个月：收集岗位 ${r.totals.jobs_collected} 个，输出就业 ${r.totals.placed} 人，稳岗 ${r.totals.retained} 人，维权案件 ${r.totals.rights_cases} 件。`));
    tableCard.replaceChildren(h('h2', {}, '月度工作'), dataTable([
      { key: 'month', title: '月份', render: (m) => h('span', { dataset: { month: m.month } }, m.month) },
      ...SERIES.map(([k, t]) => ({ key: k, title: t })),
      { key: 'note', title: '备注', render: (m) => m.note || '—' },
    ], r.months, { empty: '尚未登记月度工作' }));
    const chartBox = h('div', { class: 'chart chart-320', id: 'station-chart', role: 'img', 'aria-label': '劳务协作站各月工作折线图' });
    chartCard.replaceChildren(h('h2', {}, '各月工作'), r.months.length ? chartBox : h('p', { class: 'muted' }, '尚未登记月度工作'));
    if (r.may_record) formBox.replaceChildren(recordForm(r));
    if (!r.months.length) return;
    const echarts = await loadEcharts();
    if (!echarts) {
      chartBox.remove();
      return;
    }
    const chart = echarts.init(chartBox, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      legend: { data: SERIES.map(([, t]) => t) },
      grid: { left: 8, right: 16, top: 36, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: r.months.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: SERIES.map(([k, t]) => ({ name: t, type: k === 'jobs_collected' ? 'bar' : 'line', data: r.months.map((m) => m[k]) })),
    });
  }

  function recordForm(r) {
    const thisMonth = today().slice(0, 7);
    const form = h('form', { class: 'filters card', id: 'station-work-form' },
      h('h2', { class: 'wide' }, '登记月度工作（已登记的月份勾选“更正”，原记录留存）'),
      h('label', {}, '月份', h('input', { name: 'month', type: 'month', max: thisMonth, required: true })),
      ...SERIES.map(([k, t]) => h('label', {}, t, h('input', { name: k, type: 'number', min: 0, required: true }))),
      h('label', { class: 'wide' }, '备注', h('input', { name: 'note', maxlength: 200 })),
      h('label', {}, h('input', { name: 'replace', type: 'checkbox' }), ' 更正已登记的月份'),
      h('button', { type: 'submit' }, '登记'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(form);
      const body = { month: v.month, note: v.note || '', replace: !!v.replace };
      for (const [k] of SERIES) body[k] = Number(v[k]);
      await api.post(`/api/network/stations/${r.station.site_id}/work`, body);
      showOk(`已${body.replace ? '更正' : '登记'} ${body.month} 的工作`);
      form.reset();
      await load();
    });
    return form;
  }

  await load();
}
