// 台账导入 (#/import): a county-or-lower officer uploads a CSV (UTF-8/GBK)
// or XLSX file; the page polls the import job with a progress bar, then
// shows the counts, the table of rejected cells (行, 列, 值, 原因) and the
// link to download the rejects file. A jobs file is screened (issue #17 §3):
// rows with discriminatory or fraudulent content are held (暂扣待审核) —
// neither stored nor rejected — and listed with the field, the reason, the
// clause and the review number under which the officers' ad review
// (ads-review.html) has queued them.
import { api } from '../api.js';
import { dataTable, h } from '../dom.js';
import { IMPORT_ENTITIES } from '../labels.js';
import { showError, showInfo, showOk } from '../messages.js';

const POLL_MS = 400;
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The result's counts, in the order an officer reads them.
const COUNT_LABELS = [
  ['rows', '读取行数'], ['inserted', '新增'], ['updated', '更新'], ['unchanged', '无变化'], ['rejected', '未通过校验'],
  ['held', '暂扣待审核'],
];

// A held row's reason as the server writes it: "可能构成就业歧视（性别，
// 正文（十八））：男女不限；本行未写入岗位库，已转人社部门审核（审核编号 1）".
// The clause and the review number, when not sent as fields of their own,
// are read from it; the reason keeps what is left.
const CLAUSE_RE = /(?:正文|附件\d+)（[一二三四五六七八九十百]+）/;
function heldRow(e) {
  const text = String(e.reason ?? e.message ?? '');
  const clause = e.clause_text || String(e.clause ?? '').match(CLAUSE_RE)?.[0] || text.match(CLAUSE_RE)?.[0] || '';
  const review = e.review_id ?? e.ad_id ?? e.review_no ?? e.review ?? text.match(/审核编号\s*(\d+)/)?.[1] ?? '';
  const reason = text.replace(/；?本行未写入岗位库.*$/, '').replace(`，${clause}）`, '）')
    .replace(/^(可能构成[^（：]*（[^）]*）)：/, '$1；建议：') || text;
  return { row: e.row, column: e.column ?? e.field, value: e.value, reason, clause, review: String(review) };
}

function errorsOf(result) {
  const list = result?.errors ?? result?.rejects ?? result?.problems ?? [];
  return Array.isArray(list) ? list : [];
}

function counts(result) {
  return COUNT_LABELS.filter(([k]) => typeof result?.[k] === 'number')
    .map(([k, text]) => h('div', { class: 'stat', dataset: { count: k } },
      h('div', { class: 'num' }, result[k].toLocaleString('zh-CN')), h('div', { class: 'lbl' }, text)));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function render({ page, isCurrent }) {
  const fileInput = h('input', { type: 'file', name: 'file', accept: ACCEPT, required: true });
  const form = h('form', { class: 'filters card', id: 'import-form' },
    h('label', {}, '导入内容', h('select', { name: 'entity' },
      Object.entries(IMPORT_ENTITIES).map(([v, t]) => h('option', { value: v }, t)))),
    h('label', {}, '文件（CSV 或 XLSX，表头为中文列名）', fileInput),
    h('div', { class: 'actions wide' }, h('button', { type: 'submit', id: 'import-submit' }, '上传并导入')));
  const bar = h('div');
  const progress = h('section', { class: 'card', hidden: true, id: 'import-progress' },
    h('h2', {}, '导入进度'),
    h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100' }, bar),
    h('p', { class: 'muted', id: 'progress-text' }, ''));
  const result = h('section', { id: 'import-result' });
  page.append(h('h1', {}, '台账导入'),
    h('p', { class: 'muted' }, '按身份证号码、统一社会信用代码等自然键更新已有记录，重复导入不会产生重复数据。'
      + '未通过校验的行不会导入，可下载后修改再导入。'),
    form, progress, result);

  function setProgress(done, total) {
    const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
    bar.style.width = `${pct}%`;
    progress.querySelector('[role=progressbar]').setAttribute('aria-valuenow', String(pct));
    progress.querySelector('#progress-text').textContent = total > 0
      ? `已处理 ${done.toLocaleString('zh-CN')} / ${total.toLocaleString('zh-CN')} 行（${pct}%）`
      : '正在读取文件…';
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const file = fileInput.files[0];
    if (!file) { showError('请选择要导入的文件'); return; }
    if (!/\.(csv|xlsx)$/i.test(file.name)) { showError('文件格式不支持，请上传 CSV 或 XLSX 文件'); return; }
    const submit = form.querySelector('#import-submit');
    submit.disabled = true;
    result.replaceChildren();
    progress.hidden = false;
    setProgress(0, 0);
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      const { job_id: jobId } = await api.upload(`/api/import/${form.entity.value}`, fd);
      let job;
      for (;;) {
        job = await api.get(`/api/import/jobs/${encodeURIComponent(jobId)}`);
        setProgress(job.rows_done ?? 0, job.rows_total ?? 0);
        if (job.state !== 'running' && job.state !== 'queued') break;
        if (!isCurrent()) return;
        await sleep(POLL_MS);
      }
      showResult(job);
    } catch { /* api.js has shown the reason */ } finally {
      submit.disabled = false;
    }
  });

  function showResult(job) {
    const r = job.result ?? {};
    if (job.state === 'failed') {
      showError(`导入失败：${r.message ?? job.message ?? '文件无法读取，请检查文件格式和表头'}`);
    } else {
      setProgress(job.rows_total || job.rows_done || 1, job.rows_total || job.rows_done || 1);
    }
    const errors = errorsOf(r);
    const held = Array.isArray(r.held_rows) ? r.held_rows.map(heldRow) : [];
    const heldCount = r.held ?? (held.length ? new Set(held.map((x) => x.row)).size : 0);
    if (job.state === 'done') {
      if (r.rejected > 0 || errors.length) showError(`导入完成，但有 ${r.rejected ?? errors.length} 行未通过校验，未予导入；请按下表修改后重新导入。`);
      if (heldCount > 0) showInfo(r.held_note || `${heldCount} 行岗位暂扣待审核，未写入岗位库，已转人社部门审核`);
      if (!(r.rejected > 0 || errors.length) && !heldCount) showOk('导入完成，全部数据通过校验。');
    }
    const parts = [h('h2', {}, '导入结果'), h('div', { class: 'stats' }, counts(r))];
    if (held.length) {
      parts.push(h('h3', { class: 'spaced' }, '暂扣待审核的岗位'),
        h('p', { class: 'muted', 'data-testid': 'held-note' }, r.held_note
          ? `${r.held_note}。审核结果见“招聘审核”页面。` : '以下岗位含有可能构成就业歧视或虚假、欺诈招聘的内容，未写入岗位库，已转人社部门审核。'),
        h('div', { id: 'held-rows' }, dataTable([
          { key: 'row', title: '行', num: true },
          { key: 'column', title: '字段' },
          { key: 'value', title: '内容', render: (x) => (x.value ? `“${x.value}”` : '—') },
          { key: 'reason', title: '原因' },
          { key: 'clause', title: '依据条款', render: (x) => x.clause || '—' },
          { key: 'review', title: '审核编号', render: (x) => (x.review
            ? h('a', { href: 'ads-review.html', title: '到招聘审核页面处理' }, x.review) : '—') },
        ], held, { caption: '“行”为所上传文件中的行号（表头为第 1 行）；一行有多处问题时分行列出' })));
    }
    if (errors.length) {
      parts.push(h('h3', { class: 'spaced' }, '未通过校验的数据'),
        dataTable([
          { key: 'row', title: '行', num: true, render: (e) => e.row ?? e.line },
          { key: 'column', title: '列', render: (e) => e.column ?? e.col ?? e.field },
          { key: 'value', title: '值', render: (e) => (e.value === '' ? '（空）' : e.value) },
          { key: 'reason', title: '原因', render: (e) => e.reason ?? e.message },
        ], errors, { caption: '“行”为所上传文件中的行号（表头为第 1 行）' }));
    }
    if (r.errors_omitted > 0) {
      parts.push(h('p', { class: 'muted' }, `另有 ${r.errors_omitted} 处错误未在此列出，请下载未通过校验的数据查看。`));
    }
    if (job.rejects_url) {
      parts.push(h('p', {}, h('a', { class: 'button secondary', href: job.rejects_url, download: '', id: 'rejects-link' },
        '下载未通过校验的行（修改后可重新导入）')));
    }
    result.replaceChildren(h('div', { class: 'card', dataset: { state: job.state } }, parts));
  }
}
