// 资金监管 (issue #17 §1, 正文（二十一）): the supervisor's review queue. Every
// sweep and payment batch runs the cross-checks; each hit holds the
// entitlement (暂停支付) with its evidence until a supervisor releases it
// with a reason (放行) or confirms it improper (认定违规) — a paid one is
// then owed back, and each amount recovered (追回款) is entered here. The
// page also shows the report per county, the budgets, and imports the
// status facts file (deaths, emigration, imprisonment, deregistration) and
// registers officers' own ID numbers and phones (stored as keyed hashes only)
// for the conflict-of-interest check.
// Evidence shows registry numbers and hash prefixes only.
import { api, request } from './api.js';
import { dataTable, h } from './dom.js';
import { HOLD_STATUS, SUPERVISION_CHECKS, chinaTime, label } from './labels.js';
import { canSupervise } from './layout.js';
import { showError, showInfo, showOk } from './messages.js';
import { policyShell, yuan } from './policy-common.js';
import { regionText } from './regions.js';

// A county by its name (as policy-review shows it), the code as its tooltip.
const county = (x) => regionText(x.county_code);

const { user, page } = await policyShell('资金监管');
if (!canSupervise(user)) {
  page.append(h('p', { class: 'empty' }, '本账号没有资金监管权限（须由安全管理员授予“资金监管”权限）。'));
} else {
  await main();
}

async function main() {
  const reportBox = h('div', { id: 'report' });
  const queueBox = h('div', { id: 'queue' });
  const budgetBox = h('div', { id: 'budgets' });
  const officerBox = h('div', { id: 'officers' });
  const factsResult = h('div', { id: 'facts-result' });

  const filter = h('form', { class: 'filters', id: 'queue-filter' },
    h('label', {}, '状态 ', h('select', { name: 'status' },
      ['held', 'released', 'improper', ''].map((s) => h('option', { value: s }, s ? HOLD_STATUS[s] : '全部')))),
    h('label', {}, '核查事项 ', h('select', { name: 'check' },
      h('option', { value: '' }, '全部'),
      Object.entries(SUPERVISION_CHECKS).map(([k, v]) => h('option', { value: k }, v)))),
    h('button', { type: 'submit' }, '查询'),
    ' ',
    h('button', { type: 'button', id: 'screen-now', class: 'secondary', onclick: screenNow }, '立即核查'));
  filter.addEventListener('submit', (ev) => { ev.preventDefault(); loadQueue(); });

  const factsForm = h('form', { class: 'filters', id: 'facts-form' },
    h('label', {}, '比对信息文件（CSV） ', h('input', { type: 'file', name: 'file', accept: '.csv,text/csv', required: true })),
    h('button', { type: 'submit' }, '导入'),
    h('p', { class: 'muted' }, '表头：类型,编号,情形,开始日期,结束日期,县区代码,来源；类型为“人员”（编号为人员编号，情形为死亡、出境定居或服刑）或“单位”（编号为统一社会信用代码，情形为注销）。有任何一行错误则整个文件不导入。'));
  factsForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const file = factsForm.elements.file.files[0];
    if (!file) return;
    const r = await request('POST', '/api/supervision/facts', { form: await file.text() });
    if (r.rejected) {
      showError(r.message);
      factsResult.replaceChildren(h('ul', { class: 'errors', 'data-testid': 'facts-errors' },
        r.errors.map((e) => h('li', {}, e.message))));
    } else {
      showOk(r.message);
      factsResult.replaceChildren();
    }
  });

  page.append(
    h('section', { class: 'card' }, h('h2', {}, '各县区核查情况'), reportBox),
    h('section', { class: 'card' }, h('h2', {}, '核查清单'), filter, queueBox),
    h('section', { class: 'card' }, h('h2', {}, '导入比对信息'), factsForm, factsResult),
    h('section', { class: 'card' }, h('h2', {}, '预算'), budgetBox),
    h('section', { class: 'card' }, h('h2', {}, '经办人员身份信息（利益冲突比对）'), officerBox));

  async function screenNow() {
    const r = await api.post('/api/supervision/screen', {});
    showOk(`已核查 ${r.screened} 项，新增核查记录 ${r.new_holds} 条，暂停支付 ${r.held} 项 ${yuan(r.held_fen)}`);
    await Promise.all([loadQueue(), loadReport()]);
  }

  async function loadReport() {
    const r = await api.get('/api/supervision/report');
    reportBox.replaceChildren(dataTable([
      { title: '县区', key: 'county_code', render: county },
      { title: '暂停支付', num: true, render: (c) => `${c.held_count} 笔 ${yuan(c.held_fen)}` },
      { title: '已放行', num: true, render: (c) => `${c.released_count} 笔 ${yuan(c.released_fen)}` },
      { title: '认定违规', num: true, render: (c) => `${c.improper_count} 笔 ${yuan(c.improper_fen)}` },
      { title: '应追回', num: true, render: (c) => yuan(c.due_fen) },
      { title: '已追回', num: true, render: (c) => yuan(c.recovered_fen) },
    ], r.counties, { empty: '暂无核查记录' }));
  }

  // The evidence as a short list: the claim, the other claims or the fact.
  function evidenceBlock(x) {
    const e = x.evidence ?? {};
    const items = [];
    // A claim: its subsidy (the rule's title), county (by name), beneficiary
    // (the person by name, ID number masked; the server names them) and amount.
    const claim = (c) => [`${c.rule_title ?? ''} `, c.county_code ? county(c) : '', ` ${c.employer_code ? `单位 ${c.employer_code} ` : ''}` +
      `${c.person_name ? `人员 ${c.person_name} ` : ''}${c.amount}${c.paid ? `（已于 ${c.pay_on} 支付）` : ''}` +
      `${c.spell_from ? `，合同 ${c.spell_from} 至 ${c.spell_to || '今'}` : ''}`];
    if (e.claim) items.push(['本笔：', ...claim(e.claim)]);
    // A counterpart paid is 已享受; one not yet paid is only claimed.
    for (const o of e.others ?? []) {
      const overlap = o.overlap_open ? `，自 ${o.overlap_from} 起重叠（均未终止）`
        : o.overlap_days !== undefined ? `，重叠 ${o.overlap_days} 天` : '';
      items.push([o.paid ? '已享受：' : '另有申领（尚未支付）：', ...claim(o), overlap]);
    }
    for (const o of e.claims ?? []) items.push(['同期招用：', ...claim(o)]);
    if (e.fact) items.push(`比对信息：${e.fact.kind_label} ${e.fact.from}${e.fact.until ? ` 至 ${e.fact.until}` : ''}（${e.fact.source}）`);
    if (e.shortfall_fen !== undefined) items.push(`预算 ${yuan(e.budget_fen)}，已支付 ${yuan(e.spent_fen)}，本次 ${yuan(e.batch_fen)}，缺口 ${yuan(e.shortfall_fen)}`);
    if (e.persons) {
      const what = e.phone_hash ? `电话（散列 ${e.phone_hash}…）` : e.bank_hash ? '银行账户' : e.address_hash ? '住址' : '联系方式';
      items.push(`共用${what}的人员：${(e.person_names ?? []).join('、')}`);
    }
    if (e.officer) items.push(`经办人员：${e.officer}`);
    if (e.z !== undefined) items.push(`人均 ${yuan(e.per_person_fen)}，中位数 ${yuan(e.median_fen)}，稳健Z值 ${e.z}`);
    return h('details', { class: 'reason' }, h('summary', {}, '证据'), h('ul', {}, items.map((t) => h('li', {}, t))));
  }

  function actions(x) {
    if (x.status === 'held') {
      return h('span', {},
        h('button', { type: 'button', class: 'release', dataset: { hold: x.hold_id }, onclick: () => decide(x, 'release') }, '放行'),
        ' ',
        h('button', { type: 'button', class: 'confirm secondary', dataset: { hold: x.hold_id }, onclick: () => decide(x, 'confirm') }, '认定违规'));
    }
    if (x.status === 'improper' && x.due_fen > x.recovered_fen) {
      return h('button', { type: 'button', class: 'recover', dataset: { hold: x.hold_id }, onclick: () => recover(x) }, '登记追回款');
    }
    return x.reason ? `${x.decided_by}：${x.reason}` : '—';
  }

  async function loadQueue() {
    const f = new FormData(filter);
    const r = await api.get('/api/supervision/holds', { status: f.get('status'), check: f.get('check') });
    queueBox.replaceChildren(dataTable([
      { title: '核查事项', render: (x) => label(SUPERVISION_CHECKS, x.check) },
      { title: '县区', key: 'county_code', render: county },
      { title: '政策', render: (x) => (x.county_alert ? '县区提示' : x.rule_title || '—') },
      { title: '金额', num: true, render: (x) => (x.county_alert ? '—' : x.amount) },
      { title: '情况', render: (x) => h('span', {}, x.summary, h('br'), h('small', { class: 'muted' }, `依据：${x.clause_text}`), evidenceBlock(x)) },
      { title: '状态', render: (x) => `${label(HOLD_STATUS, x.status)}${x.was_paid ? '（已支付）' : ''}${x.due_fen ? `，应追回 ${x.due}，已追回 ${x.recovered}` : ''}` },
      { title: '处理', render: actions },
    ], r.holds, { empty: '没有符合条件的核查记录' }));
  }

  function reasonDialog(title, withAmount) {
    return new Promise((resolve) => {
      const form = h('form', { method: 'dialog' },
        withAmount ? h('p', {}, h('label', {}, '追回金额（元） ', h('input', { name: 'amount', required: true, inputmode: 'decimal' }))) : null,
        h('p', {}, h('label', {}, withAmount ? '缴款凭证号 ' : '理由 ', h('input', { name: 'reason', required: true, size: 40 }))),
        h('p', {},
          h('button', { type: 'submit', id: 'dialog-ok' }, '确定'), ' ',
          h('button', { type: 'button', class: 'secondary', id: 'dialog-cancel', onclick: () => { dlg.close(); } }, '取消')));
      const dlg = h('dialog', { id: 'decide-dialog', class: 'card' }, h('h2', {}, title), form);
      let done = false;
      form.addEventListener('submit', () => {
        done = true;
        resolve({ reason: form.elements.reason.value.trim(), amount: withAmount ? form.elements.amount.value.trim() : '' });
      });
      dlg.addEventListener('close', () => { dlg.remove(); if (!done) resolve(null); });
      document.body.append(dlg);
      dlg.showModal();
    });
  }

  async function decide(x, action) {
    const got = await reasonDialog(action === 'release' ? `放行：${x.summary}` : `认定违规：${x.summary}`, false);
    if (!got) return;
    const r = await api.post(`/api/supervision/holds/${x.hold_id}/${action}`, { reason: got.reason });
    showOk(action === 'release' ? '已放行' : (r.hold.due_fen ? `已认定违规，应追回 ${r.hold.due}` : '已认定违规，不予支付'));
    await Promise.all([loadQueue(), loadReport()]);
  }

  async function recover(x) {
    const got = await reasonDialog(`登记追回款：尚未追回 ${yuan(x.due_fen - x.recovered_fen)}`, true);
    if (!got) return;
    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(got.amount);
    if (!m) { showError('追回金额应为元，最多两位小数'); return; }
    const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
    await api.post(`/api/supervision/holds/${x.hold_id}/recoveries`, { amount_fen: fen, ref: got.reason });
    showOk(`已登记追回款 ${yuan(fen)}`);
    await Promise.all([loadQueue(), loadReport()]);
  }

  async function loadBudgets() {
    const r = await api.get('/api/supervision/budgets');
    const table = dataTable([
      { title: '县区', key: 'county_code', render: county },
      { title: '资金', key: 'fund_label' },
      { title: '年度', key: 'year' },
      { title: '预算', num: true, render: (b) => yuan(b.amount_fen) },
      { title: '已支付', num: true, render: (b) => yuan(b.spent_fen) },
      { title: '剩余', num: true, render: (b) => yuan(b.remaining_fen) },
      { title: '录入', render: (b) => `${b.set_by} ${chinaTime(b.set_at)}` },
    ], r.budgets, { empty: `${r.year} 年尚未录入预算（未录入预算的不作预算核查）` });
    const parts = [table];
    if (r.may_edit) {
      const form = h('form', { class: 'filters', id: 'budget-form' },
        h('label', {}, '县区代码 ', h('input', { name: 'county_code', required: true, pattern: '\\d{6}', size: 8 })),
        h('label', {}, '资金 ', h('select', { name: 'fund' },
          h('option', { value: 'employment_subsidy' }, '就业补助资金'),
          h('option', { value: 'unemployment_insurance' }, '失业保险基金'),
          h('option', { value: 'linkage' }, '衔接资金'))),
        h('label', {}, '年度 ', h('input', { name: 'year', required: true, value: String(r.year), size: 6 })),
        h('label', {}, '预算（元） ', h('input', { name: 'amount', required: true, inputmode: 'decimal' })),
        h('button', { type: 'submit' }, '录入预算'));
      form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        const f = new FormData(form);
        const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(f.get('amount')).trim());
        if (!m) { showError('预算金额应为元，最多两位小数'); return; }
        await api.post('/api/supervision/budgets', {
          county_code: f.get('county_code'), fund: f.get('fund'), year: Number(f.get('year')),
          amount_fen: Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')),
        });
        showOk('已录入预算');
        await loadBudgets();
      });
      parts.push(form);
    } else {
      parts.push(h('p', { class: 'muted' }, '预算由省级或市（州）级经办人员录入。'));
    }
    budgetBox.replaceChildren(...parts);
  }

  async function loadOfficers() {
    const r = await api.get('/api/supervision/officers');
    const hash = (x) => (x ? `${x}…` : '—');
    const parts = [dataTable([
      { title: '账号', key: 'username' },
      { title: '所属区域', key: 'county_code', render: county },
      { title: '身份证号（散列）', render: (o) => hash(o.id_hash) },
      { title: '手机号（散列）', render: (o) => hash(o.phone_hash) },
      { title: '登记', render: (o) => `${o.recorded_by} ${chinaTime(o.recorded_at)}` },
    ], r.officers, { empty: '尚未登记经办人员身份信息' })];
    if (r.may_edit) {
      const form = h('form', { class: 'filters', id: 'officer-form', autocomplete: 'off' },
        h('label', {}, '账号 ', h('input', { name: 'username', required: true, size: 12 })),
        h('label', {}, '身份证号 ', h('input', { name: 'id_number', size: 20, maxlength: 18, autocomplete: 'off' })),
        h('label', {}, '手机号 ', h('input', { name: 'phone', size: 12, maxlength: 11, inputmode: 'numeric', autocomplete: 'off' })),
        h('button', { type: 'submit' }, '登记'),
        h('p', { class: 'muted' }, '只保存身份证号、手机号的散列值，用于比对经办人员本人与享受人员是否相同（利益冲突）；不保存、不显示号码本身。'));
      form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        const f = new FormData(form);
        const body = { username: String(f.get('username')).trim(), id_number: String(f.get('id_number')).trim(), phone: String(f.get('phone')).trim() };
        if (!body.id_number && !body.phone) { showError('身份证号和手机号不能都为空'); return; }
        form.elements.id_number.value = '';
        form.elements.phone.value = '';
        const r2 = await api.post('/api/supervision/officers', body);
        const shown = [r2.id_masked && `身份证号 ${r2.id_masked}`, r2.phone_masked && `手机号 ${r2.phone_masked}`].filter(Boolean).join('，');
        showOk(`${r2.message}：${shown}`);
        await loadOfficers();
      });
      parts.push(form);
    } else {
      parts.push(h('p', { class: 'muted' }, '经办人员身份信息由省级或市（州）级经办人员登记。'));
    }
    officerBox.replaceChildren(...parts);
  }

  await Promise.all([loadReport(), loadQueue(), loadBudgets(), loadOfficers()]);
  if (!queueBox.querySelector('tbody tr')) showInfo('当前没有暂停支付待核查的事项');
}
