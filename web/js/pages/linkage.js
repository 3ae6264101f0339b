// 跨省比对 (#/linkage, officers; issue #18): the partner files of the
// officer's counties (Guangdong, Zhejiang, Fujian, Jiangsu, the national
// anti-poverty system), the clerical-review pairs side by side (masked ID
// numbers and phones, each field's comparison in words) decided with
// 是同一人 / 不是同一人, and this month's per-county counts of outbound
// workers employed, unemployed, insured and returned as a chart. A "same
// person" decision that finds a returned, unemployed worker puts a
// 返乡未就业人员跟踪服务 item into the county's queue (就业服务). The
// 比对提示 card lists what the comparisons found for the 就业帮扶台账
// (附件4（九）: poverty-alleviated persons a partner calls unemployed) and
// the benefit cross-check (附件3（四）: benefit recipients a partner calls
// employed); an officer closes each with what was verified. The
// 隐私保护比对 card lists the pairs of partners' encoded files (keyed Bloom
// filters, no plain data): our person masked, the partner's record only as
// its opaque id, each field's similarity band; review-band pairs decided
// with the same two buttons.
import { api } from '../api.js';
import { loadEcharts } from '../charts.js';
import { dataTable, h } from '../dom.js';
import { showOk } from '../messages.js';

const SIDE_FIELDS = [
  ['name', '姓名'], ['id_number', '身份证号'], ['birth_date', '出生日期'], ['sex', '性别'],
  ['division_code', '户籍地'], ['phone', '手机号'], ['employer', '工作单位'], ['status', '就业状态'],
  ['insured_months', '参保月数'],
];

function side(title, r) {
  return h('div', { class: 'card side' },
    h('h3', {}, `${title}：${r.source} 第 ${r.row} 行`),
    h('dl', {}, ...SIDE_FIELDS.flatMap(([k, label]) => [
      h('dt', {}, label),
      h('dd', { dataset: { field: k } }, r[k] === '' || r[k] === null || r[k] === -1 ? '—' : String(r[k])),
    ])));
}

export async function render({ page }) {
  const batchCard = h('section', { class: 'card', id: 'batches' });
  const reviewCard = h('section', { class: 'card', id: 'review' });
  const summaryCard = h('section', { class: 'card', id: 'summary' });
  const flagCard = h('section', { class: 'card', id: 'flags' });
  const encodedCard = h('section', { class: 'card', id: 'encoded' });
  page.append(h('h1', {}, '跨省比对'),
    h('p', { class: 'muted' }, '与广东、浙江、福建、江苏等省及全国防止返贫监测系统比对外出务工人员信息（附件4（五）、附件2（一））。'
      + '机器判断不了的记录对由经办人员复核；判定为同一人后，返乡且未就业的人员进入本县“就业服务”待办。'),
    summaryCard, flagCard, reviewCard, encodedCard, batchCard);

  async function loadFlags() {
    const r = await api.get('/api/linkage/flags');
    const close = (f) => {
      const input = h('input', { type: 'text', name: 'outcome', placeholder: '核实情况，如：已电话联系，已推荐岗位', 'aria-label': '核实情况' });
      const form = h('form', { class: 'inline', dataset: { flag: String(f.flag_id) } }, input,
        h('button', { type: 'submit' }, '核实办结'));
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        try {
          await api.post(`/api/linkage/flags/${f.flag_id}`, { outcome: input.value.trim() });
        } catch {
          return;  // api.js has shown the server's message (e.g. 核实情况不能为空)
        }
        showOk(`比对提示 ${f.flag_id} 已核实办结`);
        await loadFlags();
      });
      return form;
    };
    flagCard.replaceChildren(h('h2', {}, `比对提示（${r.items.filter((f) => f.status === 'open').length} 条待核实）`),
      h('p', { class: 'muted' }, '就业帮扶台账：脱贫人口、易地搬迁群众等比对为未就业（附件4（九））；'
        + '失业保险待遇核查：领取失业保险金的人员比对为已就业（附件3（四））。'),
      dataTable([
        { key: 'month', title: '月份' },
        { key: 'kind_label', title: '类型', render: (f) => `${f.kind_label}（${f.clause}）` },
        { key: 'county_name', title: '县（市、区）' },
        { key: 'person_name', title: '姓名', render: (f) => h('a', { href: `#/person/${f.person_id}` }, f.person_name || `人员 ${f.person_id}`) },
        { key: 'id_number', title: '身份证号' },
        { key: 'partner_status', title: '比对结果', render: (f) => `${f.partner}：${f.partner_status}` },
        { key: 'status_label', title: '状态', render: (f) => (f.status === 'open' ? close(f) : `已办结：${f.outcome}`) },
      ], r.items, { empty: '没有比对提示' }));
  }

  async function loadBatches() {
    const r = await api.get('/api/linkage/batches');
    batchCard.replaceChildren(h('h2', {}, '合作方文件批次'), dataTable([
      { key: 'batch_id', title: '批次' },
      { key: 'partner', title: '合作方' },
      { key: 'county_name', title: '导入县' },
      { key: 'rows', title: '记录数' },
      { key: 'linked', title: '已关联（含复核判定）' },
      { key: 'review_open', title: '待复核' },
      { key: 'status_label', title: '状态' },
      { key: 'created_at', title: '导入时间', render: (b) => new Date(b.created_at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) },
    ], r.batches, { empty: '还没有导入合作方文件' }));
  }

  async function loadReview() {
    const r = await api.get('/api/linkage/review', { status: 'open' });
    const list = r.items.map((it) => {
      const decide = async (decision) => {
        const res = await api.post(`/api/linkage/review/${it.review_id}`, { decision });
        showOk(`复核项 ${it.review_id} 已判定为${res.decision_label}`
          + (res.followups_created > 0 ? `，已为 ${res.followups_created} 名返乡未就业人员生成跟踪服务待办` : ''));
        await Promise.all([loadReview(), loadBatches(), loadSummary(), loadFlags()]);
      };
      return h('article', { class: 'card review-pair', dataset: { review: String(it.review_id) } },
        h('h3', {}, `复核项 ${it.review_id}（${it.county_name}）`),
        h('div', { class: 'pair' }, side('新记录', it.record), side('已有记录', it.candidate)),
        h('p', { class: 'explanation', dataset: { testid: 'explanation' } }, it.explanation),
        h('div', { class: 'actions' },
          h('button', { type: 'button', dataset: { decision: 'match' }, onclick: () => decide('match') }, '是同一人'),
          h('button', { type: 'button', class: 'secondary', dataset: { decision: 'non_match' }, onclick: () => decide('non_match') }, '不是同一人')));
    });
    reviewCard.replaceChildren(h('h2', {}, `待人工复核（${r.items.length}）`),
      ...(list.length ? list : [h('p', { class: 'muted', dataset: { testid: 'review-empty' } }, '没有待复核的记录对')]));
  }

  async function loadEncoded() {
    let open;
    let matched;
    try {  // officers only: for anyone else the card stays away
      [open, matched] = await Promise.all(['open', 'match'].map((status) =>
        api.get('/api/linkage/encoded/pairs', { status }, { quiet: true })));
    } catch {
      encodedCard.remove();
      return;
    }
    const bands = (p) => p.comparisons.map((c) => `${c.field}：${c.label}`).join('；');
    const decide = async (p, decision) => {
      const res = await api.post(`/api/linkage/encoded/pairs/${p.pair_id}`, { decision });
      showOk(`记录对 ${p.pair_id} 已判定为${res.decision_label}`);
      await Promise.all([loadEncoded(), loadBatches()]);
    };
    const columns = [
      { key: 'pair_id', title: '记录对' },
      { key: 'county_name', title: '县（市、区）' },
      { key: 'name', title: '本方人员', render: (p) => h('a', { href: `#/person/${p.person_id}` }, `${p.name} ${p.id_number}`) },
      { key: 'partner', title: '合作方记录', render: (p) => `${p.partner}：${p.partner_record.slice(0, 16)}` },
      { key: 'probability', title: '概率', render: (p) => `${Math.round(p.probability * 100)}%` },
      { key: 'comparisons', title: '各项编码相似度', render: bands },
    ];
    encodedCard.replaceChildren(h('h2', {}, `隐私保护比对（待复核 ${open.pairs.length}，已关联 ${matched.pairs.length}）`),
      h('p', { class: 'muted' }, '双方只交换密钥加密的布隆过滤器编码，不交换明文；只对已关联的记录对显示本方人员（脱敏），对方记录只显示其编号。'),
      dataTable([...columns, {
        key: 'status', title: '判定', render: (p) => h('div', { class: 'actions', dataset: { pair: String(p.pair_id) } },
          h('button', { type: 'button', dataset: { decision: 'match' }, onclick: () => decide(p, 'match') }, '是同一人'),
          h('button', { type: 'button', class: 'secondary', dataset: { decision: 'non_match' }, onclick: () => decide(p, 'non_match') }, '不是同一人')),
      }], open.pairs, { empty: '没有待复核的编码记录对' }),
      dataTable(columns, matched.pairs, { empty: '还没有已关联的编码记录对' }));
  }

  async function loadSummary() {
    const r = await api.get('/api/linkage/summary');
    const chartBox = h('div', { class: 'chart', id: 'linkage-chart', role: 'img', 'aria-label': '各县外出务工人员比对情况柱状图' });
    const rows = [...r.rows, r.total];
    summaryCard.replaceChildren(h('h2', {}, `${r.region_name} ${r.month} 比对情况`), chartBox, dataTable([
      { key: 'county_name', title: '县（市、区）' },
      { key: 'workers', title: '比对人数' },
      { key: 'employed', title: '就业' },
      { key: 'unemployed', title: '未就业' },
      { key: 'insured', title: '参保' },
      { key: 'returned', title: '返乡' },
      { key: 'followups', title: '返乡跟踪服务' },
    ], rows, { empty: '本月没有比对记录' }));
    if (!r.rows.length) {
      chartBox.remove();
      return;
    }
    const echarts = await loadEcharts();
    if (!echarts) {
      chartBox.remove();
      return;
    }
    chartBox.style.height = `${Math.max(240, r.rows.length * 60 + 80)}px`;
    const chart = echarts.init(chartBox);
    const series = [['employed', '就业'], ['unemployed', '未就业'], ['insured', '参保'], ['returned', '返乡']];
    chart.setOption({
      animation: false,
      legend: { top: 0 },
      grid: { left: 170, right: 30, top: 30, bottom: 30 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: r.rows.map((x) => x.county_name), inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
      tooltip: { trigger: 'axis' },
      series: series.map(([k, name]) => ({ type: 'bar', name, data: r.rows.map((x) => x[k]), label: { show: true, position: 'right' } })),
    });
  }

  await Promise.all([loadSummary(), loadFlags(), loadReview(), loadEncoded(), loadBatches()]);
}
