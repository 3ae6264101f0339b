// The programmes on the 服务网络 page (#15): 劳务品牌 and “贵州技工”培训品牌
// per county with their 龙头企业 (附件2（二）), and 以工代赈 projects with
// their labour-remuneration and relocated shares (附件2（六）（十六）); an
// officer registers them (the coverage report above reloads). Also the edit
// form of a 就业帮扶车间 (the registry's PUT).
import { api, today } from '../api.js';
import { dataTable, formValues, h } from '../dom.js';
import { showError, showOk } from '../messages.js';
import { employerPicker } from '../picker.js';
import { regionPicker } from '../regions.js';

const yuan = (fen) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
// Rounded down, so that a share just below 30 % never shows as 30.00 %.
const pct = (v) => (v == null ? '—' : `${(Math.floor(v * 100 + 1e-9) / 100).toFixed(2)}%`);
// "1234.5" (yuan) → fen, or null when not a sum of money with at most two decimals.
function fenOf(text) {
  const m = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(text || '');
  return m ? Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0')) : null;
}

// The brands card: table of brands with their leading enterprises, and
// for officers the forms registering a brand and a leading enterprise.
export function brandsCard({ user, region, officer, reload }) {
  const box = h('div', {});
  const card = h('section', { class: 'card', id: 'brands' }, h('h2', {}, '劳务品牌与“贵州技工”培训品牌'),
    h('p', { class: 'muted' }, '附件2（二）：到2025年，每个县（市、区、特区）至少培育1个劳务品牌、1个劳务品牌龙头企业、3个“贵州技工”培训品牌。'),
    box);
  let brands = [];
  const brandSelect = h('select', { name: 'brand_id', required: true });
  async function load() {
    const r = await api.get('/api/network/brands', { region });
    brands = r.items;
    box.replaceChildren(dataTable([
      { key: 'county_name', title: '县' },
      { key: 'kind_label', title: '类型' },
      { key: 'name', title: '品牌名称', render: (b) => h('span', { dataset: { brand: b.brand_id } }, b.name) },
      { key: 'industry', title: '行业' },
      { key: 'established_on', title: '培育（认定）日期' },
      { key: 'leading', title: '龙头企业', render: (b) => (b.kind !== 'labour_brand' ? '—'
        : (b.leading.map((l) => l.name || l.credit_code).join('、') || '未登记')) },
    ], brands, { empty: '本区划尚未登记品牌', caption: `共 ${r.total} 个` }));
    brandSelect.replaceChildren(...brands.filter((b) => b.kind === 'labour_brand')
      .map((b) => h('option', { value: String(b.brand_id) }, `${b.name}（${b.county_name}）`)));
  }
  if (officer) {
    const form = h('form', { class: 'filters card', id: 'brand-form' },
      h('h3', { class: 'wide' }, '登记品牌'),
      h('label', { class: 'wide' }, '所在县', regionPicker({ root: user.region_code, name: 'county' })),
      h('label', {}, '类型', h('select', { name: 'kind' }, h('option', { value: 'labour_brand' }, '劳务品牌'),
        h('option', { value: 'skill_brand' }, '“贵州技工”培训品牌'))),
      h('label', {}, '品牌名称', h('input', { name: 'name', required: true, maxlength: 100 })),
      h('label', {}, '行业', h('input', { name: 'industry', maxlength: 100 })),
      h('label', {}, '培育（认定）日期', h('input', { name: 'established_on', type: 'date', max: today() })),
      h('button', { type: 'submit' }, '登记品牌'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(form);
      const body = { county: v.county, kind: v.kind, name: v.name, industry: v.industry || '' };
      if (v.established_on) body.established_on = v.established_on;
      const r = await api.post('/api/network/brands', body);
      showOk(`已登记品牌：${r.name}（${r.county_name}）`);
      form.reset();
      await Promise.all([load(), reload()]);
    });
    const leading = h('form', { class: 'filters card', id: 'brand-enterprise-form' },
      h('h3', { class: 'wide' }, '登记劳务品牌龙头企业'),
      h('label', {}, '劳务品牌', brandSelect),
      employerPicker({ label: '龙头企业', name: 'credit_code', required: true }),
      h('label', {}, '认定日期', h('input', { name: 'recognised_on', type: 'date', max: today() })),
      h('button', { type: 'submit' }, '登记龙头企业'));
    leading.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(leading);
      const body = { credit_code: v.credit_code };
      if (v.recognised_on) body.recognised_on = v.recognised_on;
      await api.post(`/api/network/brands/${v.brand_id}/enterprises`, body);
      showOk('已登记劳务品牌龙头企业');
      leading.reset();
      await Promise.all([load(), reload()]);
    });
    card.append(form, leading);
  }
  return { card, load };
}

// The work-relief card: each project with its shares, and the form.
export function reliefCard({ user, region, officer, reload }) {
  const box = h('div', {});
  const card = h('section', { class: 'card', id: 'relief' }, h('h2', {}, '以工代赈项目'),
    h('p', { class: 'muted' }, '附件2（六）：中央财政预算内以工代赈资金安排项目劳务报酬占比提高到30%以上；附件2（十六）：安置区周边以工代赈项目安排一定比例岗位吸纳搬迁群众就业（比例为假定，见达标情况表）。'),
    box);
  async function load() {
    const r = await api.get('/api/network/relief-projects', { region });
    box.replaceChildren(dataTable([
      { key: 'name', title: '项目', render: (p) => h('span', { dataset: { relief: p.project_id } }, p.name) },
      { key: 'region_name', title: '所在区划' },
      { key: 'year', title: '年度' },
      { key: 'central_funds_fen', title: '中央资金（元）', render: (p) => yuan(p.central_funds_fen) },
      { key: 'labour_paid_fen', title: '劳务报酬（元）', render: (p) => yuan(p.labour_paid_fen) },
      { key: 'labour_share_pct', title: '劳务报酬占比', render: (p) => h('span', { class: p.labour_share_pct != null && p.labour_share_pct < 30 ? 'tag bad' : '' }, pct(p.labour_share_pct)) },
      { key: 'posts', title: '岗位 / 就业 / 其中搬迁群众', render: (p) => `${p.posts} / ${p.local_employed} / ${p.relocated_employed}` },
      { key: 'relocation_site', title: '安置区周边', render: (p) => (p.relocation_site ? `是（${pct(p.relocated_share_pct)}）` : '否') },
    ], r.items, { empty: '本区划尚未登记以工代赈项目', caption: `共 ${r.total} 个` }));
  }
  if (officer) {
    const form = h('form', { class: 'filters card', id: 'relief-form' },
      h('h3', { class: 'wide' }, '登记以工代赈项目'),
      h('label', { class: 'wide' }, '所在区划（县或乡镇）', regionPicker({ root: user.region_code, name: 'region' })),
      h('label', {}, '项目名称', h('input', { name: 'name', required: true, maxlength: 100 })),
      h('label', {}, '领域', h('input', { name: 'sector', maxlength: 50, placeholder: '农业农村、交通运输、水利…' })),
      h('label', {}, '资金年度', h('input', { name: 'year', type: 'number', min: 2000, max: Number(today().slice(0, 4)), required: true })),
      h('label', {}, '中央以工代赈资金（元）', h('input', { name: 'central', inputmode: 'decimal', required: true })),
      h('label', {}, '发放劳务报酬（元）', h('input', { name: 'labour', inputmode: 'decimal', required: true })),
      h('label', {}, '设置岗位数', h('input', { name: 'posts', type: 'number', min: 0 })),
      h('label', {}, '吸纳当地群众就业人数', h('input', { name: 'local_employed', type: 'number', min: 0 })),
      h('label', {}, '其中易地搬迁群众人数', h('input', { name: 'relocated_employed', type: 'number', min: 0 })),
      h('label', {}, h('input', { name: 'relocation_site', type: 'checkbox' }), ' 安置区周边项目'),
      h('button', { type: 'submit' }, '登记项目'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(form);
      const central = fenOf(v.central);
      const labour = fenOf(v.labour);
      if (central == null || labour == null) {
        showError(`${central == null ? '中央以工代赈资金' : '发放劳务报酬'}：请填写金额（元，最多两位小数）`);
        return;
      }
      const body = { region: v.region, name: v.name, sector: v.sector || '', year: Number(v.year),
        central_funds_fen: central, labour_paid_fen: labour, relocation_site: !!v.relocation_site };
      for (const k of ['posts', 'local_employed', 'relocated_employed']) if (v[k]) body[k] = Number(v[k]);
      const r = await api.post('/api/network/relief-projects', body);
      showOk(`已登记以工代赈项目：${r.name}（${r.region_name}）`);
      form.reset();
      await Promise.all([load(), reload()]);
    });
    card.append(form);
  }
  return { card, load };
}

// The edit form of workshop `w` (a row of GET /api/network/workshops),
// shown in `box`; `done` reloads after saving.
export function workshopEditForm(w, box, done) {
  const STATUS = [['applied', '申报中'], ['recognised', '已认定'], ['rejected', '未予认定'], ['revoked', '已撤销认定']];
  const form = h('form', { class: 'filters card', id: 'workshop-edit-form' },
    h('h3', { class: 'wide' }, `编辑：${w.name}（${w.region_name}）`),
    h('label', {}, '车间名称', h('input', { name: 'name', required: true, maxlength: 100, value: w.name })),
    h('label', {}, '地址', h('input', { name: 'address', maxlength: 200, value: w.address })),
    h('label', {}, '认定状态', h('select', { name: 'status' }, ...STATUS.map(([v, t]) => h('option', { value: v, selected: v === w.status }, t)))),
    h('label', {}, '认定日期', h('input', { name: 'recognised_on', type: 'date', max: today(), value: w.recognised_on })),
    h('label', {}, '撤销日期', h('input', { name: 'revoked_on', type: 'date', max: today(), value: w.revoked_on })),
    h('label', {}, '吸纳脱贫人口（含监测对象）人数', h('input', { name: 'poverty_employed', type: 'number', min: 0, value: w.poverty_employed == null ? '' : String(w.poverty_employed) })),
    h('label', {}, '人数来源', h('input', { name: 'poverty_source', maxlength: 100, value: w.poverty_source })),
    h('label', {}, '统计日期', h('input', { name: 'poverty_as_of', type: 'date', max: today(), value: w.poverty_as_of })),
    h('button', { type: 'submit' }, '保存修改'),
    h('button', { type: 'button', class: 'secondary', onclick: () => box.replaceChildren() }, '取消'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const body = { name: v.name, address: v.address || '', status: v.status, recognised_on: v.recognised_on || '',
      revoked_on: v.revoked_on || '', poverty_source: v.poverty_source || '', poverty_as_of: v.poverty_as_of || '',
      poverty_employed: v.poverty_employed === '' || v.poverty_employed === undefined ? null : Number(v.poverty_employed) };
    const r = await api.put(`/api/network/workshops/${w.workshop_id}`, body);
    showOk(`已保存就业帮扶车间：${r.name}（修改前的内容已留存）`);
    box.replaceChildren();
    await done();
  });
  box.replaceChildren(form);
  form.querySelector('input[name=name]').focus();
}

// The key-enterprise card (正文（十六）、附件4（六）): listed employers with
// their 人社服务专员 and last contact; officers list one and record contacts.
export function keyEnterprisesCard({ user, region, officer }) {
  const KINDS = [['base', '“一县一企”“一县多企”稳岗就业基地'], ['major_project', '重大招商引资项目'],
    ['large_industrial', '规上工业企业'], ['state_owned', '大型国有企业']];
  const box = h('div', {});
  const card = h('section', { class: 'card', id: 'key-enterprises' }, h('h2', {}, '东西部重点企业与人社服务专员'),
    h('p', { class: 'muted' }, '附件4（六）：建立东西部重点企业名录和就业岗位清单，设立人社服务专员，“常态化联系+跟踪服务”。'),
    box);
  const pick = h('select', { name: 'enterprise_id', required: true });
  async function load() {
    const r = await api.get('/api/network/key-enterprises', { region });
    box.replaceChildren(dataTable([
      { key: 'name', title: '企业', render: (k) => k.name || k.credit_code },
      { key: 'county_name', title: '所在县' },
      { key: 'kind_label', title: '类别' },
      { key: 'officer', title: '人社服务专员' },
      { key: 'listed_on', title: '列入日期', render: (k) => k.listed_on + (k.delisted_on ? `（${k.delisted_on} 移出）` : '') },
      { key: 'last_contact', title: '最近联系', render: (k) => (k.last_contact ? `${k.last_contact}（共 ${k.contacts} 次）` : '尚无联系记录') },
    ], r.items, { empty: '本区划尚未列入重点企业', caption: `共 ${r.total} 家` }));
    pick.replaceChildren(...r.items.filter((k) => !k.delisted_on)
      .map((k) => h('option', { value: String(k.enterprise_id) }, k.name || k.credit_code)));
  }
  if (officer) {
    const form = h('form', { class: 'filters card', id: 'key-form' },
      h('h3', { class: 'wide' }, '列入重点企业名录'),
      employerPicker({ label: '企业', name: 'credit_code', required: true }),
      h('label', {}, '类别', h('select', { name: 'kind' }, ...KINDS.map(([v, t]) => h('option', { value: v }, t)))),
      h('label', {}, '人社服务专员（账号）', h('input', { name: 'officer', required: true, value: user.username || '' })),
      h('label', {}, '列入日期', h('input', { name: 'listed_on', type: 'date', max: today() })),
      h('button', { type: 'submit' }, '列入名录'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(form);
      const body = { credit_code: v.credit_code, kind: v.kind, officer: v.officer };
      if (v.listed_on) body.listed_on = v.listed_on;
      await api.post('/api/network/key-enterprises', body);
      showOk('已列入重点企业名录');
      form.reset();
      await load();
    });
    const contact = h('form', { class: 'filters card', id: 'key-contact-form' },
      h('h3', { class: 'wide' }, '登记联系记录'),
      h('label', {}, '企业', pick),
      h('label', {}, '联系日期', h('input', { name: 'contacted_on', type: 'date', max: today(), required: true })),
      h('label', {}, '联系方式', h('select', { name: 'way' }, ...['上门走访', '电话', '线上', '座谈会'].map((w) => h('option', { value: w }, w)))),
      h('label', {}, '收集岗位数', h('input', { name: 'jobs_collected', type: 'number', min: 0 })),
      h('label', {}, '用工需求', h('input', { name: 'needs', maxlength: 200 })),
      h('label', {}, '跟踪服务', h('input', { name: 'follow_up', maxlength: 200 })),
      h('button', { type: 'submit' }, '登记联系'));
    contact.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(contact);
      const body = { contacted_on: v.contacted_on, way: v.way, needs: v.needs || '', follow_up: v.follow_up || '' };
      if (v.jobs_collected) body.jobs_collected = Number(v.jobs_collected);
      await api.post(`/api/network/key-enterprises/${v.enterprise_id}/contacts`, body);
      showOk('已登记联系记录');
      contact.reset();
      await load();
    });
    card.append(form, contact);
  }
  return { card, load };
}
