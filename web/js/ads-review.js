// Fair job ads (issue #6 point 6). Officers: the review queue of their
// region — each flagged ad with what was found, the clause it breaches and
// a neutral wording — approve (publish) or reject with a reason. Employers:
// post a job ad (screened on posting) and see their ads, with the warning.
// Officers also see the employers whose ads in the region were repeatedly
// held (GET /api/ads/inspection, 正文（十八）), with the ads as evidence, to
// pass on to the labour inspection (劳动保障监察).
import { api } from './api.js';
import { dataTable, formValues, h } from './dom.js';
import { showInfo, showOk } from './messages.js';
import { occupationPicker, regionSearchPicker } from './picker.js';
import { policyShell, yuan } from './policy-common.js';
import { regionText } from './regions.js';

// "2026-12-04T03:05:00Z" → "2026-12-04 11:05" (Beijing time).
function beijing(iso) {
  const t = Date.parse(iso ?? '');
  if (Number.isNaN(t)) return iso ?? '—';
  return new Date(t + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');
}

const STATUS = { pending: '待审核', published: '已发布', approved: '审核通过', rejected: '已驳回' };

function findingsList(findings) {
  return h('ul', { class: 'conditions', 'data-testid': 'findings' }, findings.map((f) =>
    h('li', {}, h('strong', {}, `【${f.label}】`), `“${f.matched}”（${f.field}）违反 ${f.clause_text ?? f.clause}；建议：${f.suggestion}`)));
}

function adCard(r, { review }) {
  const ad = r.ad;
  const note = h('input', { name: 'note', placeholder: '审核意见（驳回必填）', 'aria-label': '审核意见' });
  const act = async (what) => {
    const done = await api.post(`/api/ads/${r.ad_id}/${what}`, { note: note.value.trim() });
    showOk(what === 'approve' ? `已审核通过并发布（岗位编号 ${done.job_id}）` : '已驳回');
    card.remove();
  };
  const card = h('section', { class: 'card', 'data-testid': `ad-${r.ad_id}` },
    h('h2', {}, `${ad.title}`, h('small', { class: 'muted' }, ` ${STATUS[r.status] ?? r.status} · ${r.county_name || r.county_code}`)),
    h('p', {}, `单位：${r.employer_name || '（未登记的单位）'} · 职业：${ad.occupation_name || '（职业分类中没有该职业）'} · ${ad.headcount} 人 · 月薪 ${yuan(ad.wage_min_fen)}–${yuan(ad.wage_max_fen)} · ${ad.place_name || '（区划未知）'}`),
    ad.requirements ? h('p', { class: 'ad-text' }, `岗位要求：${ad.requirements}`) : null,
    r.findings.length ? findingsList(r.findings) : h('p', { class: 'ok' }, '未发现歧视性内容'),
    r.warning ? h('p', { class: 'muted', 'data-testid': 'warning' }, `向用人单位发出的提醒：${r.warning}`) : null,
    r.review_note ? h('p', { class: 'muted' }, `审核意见：${r.review_note}（${r.reviewed_by}）`) : null,
    review ? h('div', { class: 'actions' }, note,
      h('button', { type: 'button', 'data-testid': 'approve', onclick: () => act('approve') }, '通过并发布'),
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'reject', onclick: () => act('reject') }, '驳回')) : null);
  return card;
}

// Employers repeatedly held, each with the count, the kinds of content
// found and its held ads as evidence.
async function inspectionPanel() {
  const box = h('section', { class: 'card', id: 'inspection' }, h('h2', {}, '多次被暂扣的用人单位（劳动保障监察线索）'));
  let r;
  try {
    r = await api.get('/api/ads/inspection', null, { quiet: true });
  } catch (e) {
    box.append(h('p', { class: 'warn' }, `暂无法显示：${e.message}`));
    return box;
  }
  box.dataset.count = String(r.items.length);
  box.append(h('p', { class: 'muted' }, '本辖区内招聘信息被暂扣（待审核或已驳回）', h('strong', {}, ` ${r.min_held} 条及以上`),
    '的用人单位，可移交劳动保障监察依法查处。依据', r.basis ?? '正文（十八）', '。辖区：', regionText(r.region)));
  const evidence = (k) => h('details', { class: 'reason' }, h('summary', {}, `证据：${k.ads.length} 条招聘信息`),
    h('ul', { class: 'conditions' }, k.ads.map((x) => h('li', { 'data-testid': `evidence-${x.ad_id}` },
      h('strong', {}, `第 ${x.ad_id} 号“${x.ad.title}”`), `（${STATUS[x.status] ?? x.status}，${beijing(x.posted_at)} 提交）：`,
      x.findings.map((f) => `【${f.label}】“${f.matched}”（${f.field}，${f.clause_text ?? f.clause}）`).join(''),
      x.review_note ? `；审核意见：${x.review_note}` : ''))));
  box.append(dataTable([
    { title: '用人单位', render: (k) => h('span', {}, k.employer_name || '（未登记的单位）', h('br'),
      h('small', { class: 'muted' }, `统一社会信用代码 ${k.employer_credit_code}`)) },
    { title: '被暂扣', num: true, render: (k) => h('span', { 'data-testid': 'held-count' }, `${k.held} 条`,
      h('br'), h('small', { class: 'muted' }, `待审核 ${k.pending}，已驳回 ${k.rejected}`)) },
    { title: '问题类别', render: (k) => (k.categories.length ? k.categories.map((c) => h('span', { class: 'tag warn' }, c)) : '—') },
    { title: '证据', render: evidence },
  ], r.items, { empty: `本辖区没有招聘信息被暂扣 ${r.min_held} 条及以上的用人单位` }));
  return box;
}

async function officerPage(page) {
  const status = h('select', { name: 'status', 'aria-label': '状态' },
    Object.entries({ pending: '待审核', approved: '审核通过', rejected: '已驳回', published: '直接发布', all: '全部' })
      .map(([v, t]) => h('option', { value: v }, t)));
  const list = h('div', { id: 'ad-list' });
  const counts = h('p', { class: 'muted', 'data-testid': 'ad-counts' });
  page.append(h('p', { class: 'muted' }, '依据黔府发〔2023〕12号正文（十八）、附件1（十九）：含性别、年龄、学历（院校）、民族、户籍、婚育、健康、外貌等歧视性内容的招聘信息，审核通过前不发布、不参与人岗匹配。'),
    h('div', { class: 'filters' }, h('label', {}, '状态 ', status)), counts, list);
  async function load() {
    const r = await api.get('/api/ads', { status: status.value });
    counts.textContent = Object.entries(r.counts ?? {}).map(([k, n]) => `${STATUS[k] ?? k} ${n} 条`).join(' · ') || '暂无招聘信息';
    list.replaceChildren(...(r.items.length ? r.items.map((x) => adCard(x, { review: x.status === 'pending' }))
      : [h('div', { class: 'empty' }, '没有符合条件的招聘信息')]));
  }
  status.addEventListener('change', load);
  await load();
  page.append(await inspectionPanel());
}

async function employerPage(page) {
  const result = h('div', { id: 'post-result' });
  const field = ([name, label, ph]) => h('label', {}, label, h('input', { name, placeholder: ph }));
  // Occupation and place are chosen by name; the form sends their codes.
  const occupation = occupationPicker({ label: '职业', name: 'occupation_code', required: true });
  const place = regionSearchPicker({ label: '工作地点', name: 'place_region', required: true });
  const form = h('form', { class: 'card form', id: 'ad-form' },
    h('h2', {}, '发布招聘信息'),
    field(['title', '岗位名称', '如：焊工']), occupation,
    ...[['headcount', '招聘人数', '1'], ['wage_min', '最低月薪（元）', '4000'], ['wage_max', '最高月薪（元）', '6000']].map(field),
    place,
    ...[['sex', '性别要求', '不限'], ['age_max', '年龄上限（0 为不限）', '0'],
      ['contact_name', '联系人', '如：王女士'], ['contact_phone', '联系电话（求职者看到的号码部分隐藏）', '如：0851-86801234']].map(field),
    h('label', {}, '岗位要求', h('textarea', { name: 'requirements', rows: 3 })),
    h('p', { class: 'muted', id: 'resubmit-note', hidden: true }),
    h('button', { type: 'submit', 'data-testid': 'post-ad' }, '提交'));
  const mine = h('div', { id: 'my-ads' });
  const note = form.querySelector('#resubmit-note');
  // Editing a held ad: the form carries its values and submits to resubmit.
  const edit = (x) => {
    const ad = x.ad;
    const values = { title: ad.title, headcount: ad.headcount,
      wage_min: ad.wage_min_fen / 100, wage_max: ad.wage_max_fen / 100,
      sex: ad.sex, age_max: ad.age_max, contact_name: ad.contact_name, contact_phone: '', requirements: ad.requirements };
    for (const [k, v] of Object.entries(values)) form.elements[k].value = v ?? '';
    occupation.setValue(ad.occupation_code, ad.occupation_name || null);
    place.setValue(ad.place_region, null);
    form.dataset.resubmit = x.ad_id;
    note.hidden = false;
    note.textContent = `正在修改第 ${x.ad_id} 号招聘信息（${ad.title}）；提交后将重新筛查，联系电话不填则保持原号码。`;
    form.querySelector('[data-testid=post-ad]').textContent = '修改后重新提交';
    form.scrollIntoView();
    form.elements.requirements.focus();
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const body = {
      title: v.title, occupation_code: v.occupation_code, headcount: Number(v.headcount || 1),
      wage_min_fen: Math.round(Number(v.wage_min || 0) * 100), wage_max_fen: Math.round(Number(v.wage_max || 0) * 100),
      place_region: v.place_region, sex: v.sex, age_max: Number(v.age_max || 0), requirements: v.requirements,
      contact_name: v.contact_name, contact_phone: v.contact_phone,
    };
    const resubmit = form.dataset.resubmit;
    const r = await api.post(resubmit ? `/api/ads/${resubmit}/resubmit` : '/api/jobs', body);
    result.replaceChildren(adCard(r, { review: false }));
    if (r.status === 'published') showOk(resubmit ? `修改后已通过筛查并发布（岗位编号 ${r.job_id}）` : `已发布（岗位编号 ${r.job_id}）`);
    else if (resubmit) showOk('修改后仍含不当内容，已重新提交审核，请按提示修改');
    else showInfo(`招聘信息含有可能不当的内容，已转人社部门审核（审核编号 ${r.ad_id}），审核通过前不会发布；请按下方提示修改`);
    delete form.dataset.resubmit;
    note.hidden = true;
    form.querySelector('[data-testid=post-ad]').textContent = '提交';
    await loadMine();
  });
  async function loadMine() {
    const r = await api.get('/api/ads', { status: 'all' });
    mine.replaceChildren(h('h2', {}, '本单位发布记录'), dataTable([
      { key: 'ad_id', title: '编号', num: true },
      { title: '岗位', render: (x) => x.ad.title },
      { title: '状态', render: (x) => STATUS[x.status] ?? x.status },
      { title: '发现的问题', render: (x) => x.findings.map((f) => `${f.label}：“${f.matched}”`).join('；') || '—' },
      { key: 'posted_at', title: '提交时间', render: (x) => beijing(x.posted_at) },
      { title: '操作', render: (x) => (x.status === 'pending' || x.status === 'rejected'
        ? h('button', { type: 'button', class: 'secondary', 'data-testid': `edit-${x.ad_id}`, onclick: () => edit(x) }, '修改后重新提交')
        : (x.job_id ? h('a', { href: `app.html#/job/${x.job_id}` }, '查看岗位') : '—')) },
    ], r.items));
  }
  page.append(form, result, mine);
  await loadMine();
}

const { user, page } = await policyShell('招聘信息就业歧视审核');
if (user.role === 'officer') await officerPage(page);
else if (user.role === 'employer') await employerPage(page);
else page.append(h('div', { class: 'empty' }, '该页面仅供经办人员和用人单位使用'));
page.dataset.state = 'ready';
