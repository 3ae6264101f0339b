// 跨省比对监测 on the 目标监测 page (issue #18): what the comparison with
// partner provinces found in the dashboard's region and month, as the
// indicators of policy/indicators/linkage (GET /api/monitor/linkage) —
// outbound workers employed / unemployed / insured / returned
// (附件4（五）、附件2（一）), returned-unemployed persons served in time,
// 脱贫人口 found unemployed (附件4（九）) and benefit recipients found
// employed elsewhere (附件3（四）) with how many were verified. Each with a
// chart of the year month by month and the children regions. A fact the
// comparison does not hold shows 未知, never 0.
import { api } from '../api.js';
import { dataTable, h } from '../dom.js';

const COLORS = { green: '#1c7c4a', amber: '#9a6200', red: '#b3261e', no_target: '#5f6b67' };
const PALETTE = ['#0b5d4b', '#1f5fa8', '#b3261e', '#9a6200', '#6b4fa0', '#5f6b67'];
const num = (v) => (v == null ? '未知' : Number(v).toLocaleString('zh-CN'));
const shareText = (bp) => (bp == null ? '—' : `${(bp / 100).toFixed(1)}%`);

function badge(x) {
  return h('span', { class: `tag status-${x.status}`, 'data-status': x.status }, x.status_label);
}

function indicatorCard(ind, data, link) {
  const chart = h('div', { class: 'chart', role: 'img', 'aria-label': `${ind.name}逐月` });
  const card = h('article', { class: 'linkage-indicator', 'data-linkage': ind.id },
    h('h3', {}, ind.name, ' ', ind.share ? badge(ind) : null),
    h('p', { 'data-testid': `linkage-reason-${ind.id}` }, ind.reason),
    h('p', { class: 'muted' }, `${ind.clause}：${ind.target_text}`),
    h('dl', { class: 'fields' },
      ...ind.measures.flatMap((m) => [h('dt', {}, m.label),
        h('dd', { 'data-testid': `linkage-${ind.id}-${m.code}`, 'data-value': m.value == null ? '' : String(m.value) },
          m.value == null ? '未知' : `${num(m.value)} ${ind.unit}`)]),
      ind.share ? h('dt', {}, ind.share.label) : null,
      ind.share ? h('dd', { 'data-testid': `linkage-${ind.id}-share` }, shareText(ind.share_bp)) : null),
    h('details', {}, h('summary', {}, '指标定义与口径'),
      h('p', {}, ind.definition), h('p', { class: 'muted' }, `统计口径：${ind.source}`),
      ind.assumed ? h('p', { class: 'warn' }, `本平台的计算为近似（假设）：${ind.note}`) : null,
      ind.share ? h('p', { class: 'muted' }, `状态规则${ind.share.assumed ? '（假设）' : ''}：${ind.share.note}`) : null),
    chart,
    ind.children.length ? dataTable([
      { key: 'name', title: '区域', render: (k) => h('a', { href: link(k.code) }, k.name) },
      ...ind.measures.map((m, i) => ({ key: m.code, title: m.label, num: true, render: (k) => num(k.values[i]) })),
      ...(ind.share ? [{ key: 'share', title: ind.share.label, num: true, render: (k) => shareText(k.share_bp) },
        { key: 'status', title: '状态', render: badge }] : []),
    ], ind.children) : null);
  return { card, chart };
}

function drawChart(echarts, box, ind, data) {
  const months = Array.from({ length: data.month }, (_, i) => `${i + 1}月`);
  const series = ind.measures.map((m, i) => ({
    name: m.label, type: 'bar', barMaxWidth: 14, itemStyle: { color: PALETTE[i % PALETTE.length] },
    data: m.months.slice(0, data.month).map((v) => (v == null ? '-' : v)),
  }));
  const yAxis = [{ type: 'value', name: ind.unit, minInterval: 1 }];
  if (ind.share) {
    yAxis.push({ type: 'value', name: ind.share.label, min: 0, max: 100, axisLabel: { formatter: '{value}%' } });
    series.push({ name: ind.share.label, type: 'line', yAxisIndex: 1, connectNulls: false, itemStyle: { color: '#222' },
      data: ind.share.months.slice(0, data.month).map((v) => (v == null ? '-' : v / 100)),
      markLine: { symbol: 'none', lineStyle: { color: COLORS.amber }, label: { formatter: `要求 ${Math.round(ind.share.green_at * 100)}%（假设）` },
        data: [{ yAxis: ind.share.green_at * 100 }] } });
  }
  const c = echarts.init(box);
  c.setOption({
    tooltip: { trigger: 'axis', formatter: (ps) => [ps[0]?.axisValue, ...ps.map((x) => `${x.seriesName}：${x.value === '-' || x.value == null ? '未知' : x.value}`)].join('<br>') },
    legend: { data: series.map((x) => x.name) },
    grid: { left: 56, right: ind.share ? 56 : 16, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: months }, yAxis, series,
  });
  return c;
}

// Appends the panel to `page` and draws its charts into `charts`.
export async function linkagePanel(page, data, echarts, charts) {
  let d;
  try {
    d = await api.get('/api/monitor/linkage', { region: data.region, year: data.year, month: data.month });
  } catch (e) {
    page.append(h('section', { class: 'card', id: 'linkage-monitor' }, h('h2', {}, '跨省比对监测'),
      h('p', { class: 'warn' }, `比对指标暂无法显示：${e.message}`)));
    return;
  }
  const link = (code) => `#/monitor?region=${code}&year=${data.year}&month=${data.month}`;
  const section = h('section', { class: 'card', id: 'linkage-monitor', 'data-region': d.region },
    h('h2', {}, `跨省比对监测：${d.region_name || '全省'} ${d.year} 年 ${d.month} 月`),
    h('p', { class: 'muted' }, '与广东、浙江、福建、江苏等省及全国防止返贫监测系统的信息比对结果（附件4（五）、附件2（一）、附件4（九）、附件3（四））；',
      '合作方未提供的信息显示“未知”；比对名单和办理情况见 ', h('a', { href: '#/linkage' }, '跨省比对'), ' 页。'),
    d.note ? h('p', { class: 'muted', 'data-testid': 'linkage-note' }, d.note) : null);
  page.append(section);
  for (const ind of d.indicators) {
    const { card, chart } = indicatorCard(ind, d, link);
    section.append(card);
    if (echarts) charts.push(drawChart(echarts, chart, ind, d));
  }
}
