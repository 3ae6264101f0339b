// 就业服务工作台 (#/workbench, officers): today's queue (已逾期 / 今日到期 /
// 2个工作日内到期), the unemployment registration form that validates as
// you type (A3(一)), and a person's service timeline with the obligations of
// 黔府发〔2023〕12号 annexes 3 and 4 ("1311", 四级服务, "131" …) and a form to
// record a delivered service. #/workbench?person=ID opens a timeline.
import { api, today } from '../api.js';
import { dataTable, formValues, h } from '../dom.js';
import { showError, showOk } from '../messages.js';
import { changesTable } from './calendar.js';
import { jobPicker, regionSearchPicker } from '../picker.js';
import { onlineQueueCard } from './online-queue.js';
import { linkageFollowupsSection } from '../followups.js';

const PLACES = { hukou: '户籍地', residence: '常住地', work: '就业地', insured: '参保地', online: '线上' };
const CHANNELS = { counter: '窗口办理', online: '网上办理', outreach: '走访摸排', app: '小程序' };
const SERVED_AS = {
  registered: '登记失业人员', graduate: '离校未就业高校毕业生',
  subsidy_recipient: '领取失业补助金人员', migrant_living_subsidy: '领取一次性生活补助的失业农民工',
};
const KINDS = {
  policy_briefing: '政策宣讲', career_guidance: '职业指导', job_recommendation: '岗位推荐',
  training_offer: '职业培训机会', internship_offer: '就业见习机会', civil_affairs_referral: '转介民政部门',
  follow_up_visit: '跟踪回访', individual_plan: '个性化援助方案',
};
const STATUS_CLASS = { met: 'ok', met_late: 'warn', due: '', overdue: 'bad', lapsed: 'muted' };


// GB 11643 check of an 18-character resident ID; returns '' when valid or
// the reason in Chinese.
export function idProblem(id) {
  if (!id) return '请输入公民身份号码';
  if (!/^\d{0,17}[\dXx]?$/.test(id)) return '只能输入数字，最后一位可为 X';
  if (id.length < 18) return `还差 ${18 - id.length} 位`;
  const y = +id.slice(6, 10), m = +id.slice(10, 12), d = +id.slice(12, 14);
  const born = new Date(Date.UTC(y, m - 1, d));
  if (born.getUTCFullYear() !== y || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d) return '出生日期无效';
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += (+id[i]) * w[i];
  const check = '10X98765432'[s % 11];
  if (id[17].toUpperCase() !== check) return '校验码错误，请核对号码';
  return '';
}

// A deadline, marked 暂定 when counted through a year whose holiday notice
// is not loaded yet.
function deadlineCell(o) {
  if (!o.deadline_note) return o.deadline;
  return h('span', { title: o.deadline_note, 'data-provisional': '1' }, o.deadline, h('small', { class: 'warn' }, '（暂定）'));
}

function options(map, selected) {
  return Object.entries(map).map(([v, t]) => h('option', { value: v, selected: v === selected }, t));
}

export async function render({ user, page, params }) {
  const region = user.region_code || '52';
  const asOf = h('input', { type: 'date', name: 'as_of', value: params.get('as_of') || today(), 'data-testid': 'as-of' });
  const queueBox = h('section', { class: 'card', id: 'queue', 'aria-live': 'polite' });
  const timelineBox = h('section', { class: 'card', id: 'timeline', 'aria-live': 'polite' });

  const idInput = h('input', { name: 'id_number', maxlength: '18', autocomplete: 'off', 'data-testid': 'reg-id', required: true });
  const idHint = h('small', { id: 'reg-id-hint', class: 'muted', 'data-testid': 'reg-id-hint' }, '18 位，实时校验');
  // The place of registration is chosen by name (a county or township of the
  // officer's region); the form sends its code.
  const regionPick = regionSearchPicker({
    label: '登记地', name: 'region_code', deepest: 'township', required: true,
    value: region.length >= 6 ? region : '', onChange: () => validate(),
  });
  regionPick.input.dataset.testid = 'reg-region';
  const regionHint = h('small', { class: 'muted', 'data-testid': 'reg-region-hint' }, '');
  const submit = h('button', { type: 'submit', disabled: true, 'data-testid': 'reg-submit' }, '办理登记');
  const regForm = h('form', { class: 'filters card', id: 'register-form' },
    h('h2', { class: 'wide' }, '失业登记'),
    h('label', {}, '公民身份号码', idInput, idHint),
    h('label', {}, '登记日期', h('input', { type: 'date', name: 'on', value: today(), 'data-testid': 'reg-on' })),
    h('label', {}, '登记地类型', h('select', { name: 'place', 'data-testid': 'reg-place' }, options(PLACES, 'hukou'))),
    h('div', { class: 'span2' }, regionPick, regionHint),
    h('label', {}, '办理渠道', h('select', { name: 'channel' }, options(CHANNELS, 'counter'))),
    h('label', {}, '服务对象类别（附件3（二））', h('select', { name: 'served_as' }, options(SERVED_AS, 'registered'))),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'living_difficulty', value: '1', 'data-testid': 'reg-living' }), '生活困难（转介民政，附件3（三））'),
    h('div', { class: 'actions wide' }, submit));

  function validate() {
    const id = idInput.value.trim();
    const p = idProblem(id);
    // Nothing typed yet is not an error: the hint stays a hint.
    idHint.textContent = id ? (p || '号码有效') : '18 位，实时校验';
    idHint.className = !id ? 'muted' : p ? 'bad' : 'ok';
    idInput.setAttribute('aria-invalid', id && p ? 'true' : 'false');
    const rc = regionPick.value();
    let rp = '';
    if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(rc)) rp = '请选择登记地所在的区县或乡镇（街道）';
    else if (!rc.startsWith(user.region_code || '')) rp = '须在您的辖区内';
    regionHint.textContent = rp;
    regionHint.className = rp ? 'bad' : 'muted';
    submit.disabled = Boolean(p || rp);
  }
  idInput.addEventListener('input', validate);
  regionPick.input.addEventListener('input', validate);

  regForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    validate();
    if (submit.disabled) return;
    const v = formValues(regForm);
    const body = {
      id_number: v.id_number.toUpperCase(), on: v.on, place: v.place, region_code: v.region_code,
      channel: v.channel, served_as: v.served_as, flags: v.living_difficulty ? 'living_difficulty' : '',
    };
    try {
      const r = await api.post('/api/services/registrations', body);
      showOk(`${r.kind_label}成功，登记编号 ${r.registration_id}`);
      regForm.reset();
      await regionPick.setValue(region.length >= 6 ? region : '');
      validate();
      await loadQueue();
      await showTimeline(r.person_id);
    } catch { /* shown by api.js */ }
  });

  // 只看我经办的: the obligations of registrations assigned to this officer.
  const mineOnly = h('input', { type: 'checkbox', 'data-testid': 'queue-mine' });
  mineOnly.addEventListener('change', () => loadQueue());
  const online = onlineQueueCard({ onAssigned: () => loadQueue() });

  async function loadQueue() {
    const q = await api.get('/api/services/queue', { region, as_of: asOf.value, officer: mineOnly.checked ? user.username : '' });
    // One's own cases in full; the region's only what is due soon.
    const items = mineOnly.checked ? q.items : q.items.filter((w) => w.bucket !== 'later');
    queueBox.replaceChildren(
      h('h2', {}, '今日待办'),
      h('p', { 'data-testid': 'queue-counts' },
        h('span', { class: 'bad' }, `已逾期 ${q.counts.overdue}`), ' · ',
        h('span', {}, `今日到期 ${q.counts.due_today}`), ' · ',
        h('span', {}, `2个工作日内到期 ${q.counts.due_soon}`), ' · ',
        h('span', { class: 'muted' }, `其他待办 ${q.counts.later}`)),
      dataTable([
        { key: 'bucket_label', title: '状态', render: (w) => h('span', { class: w.bucket === 'overdue' ? 'bad' : '' }, w.bucket_label) },
        { key: 'deadline', title: '期限', render: deadlineCell },
        { key: 'person_name', title: '人员', render: (w) => (w.person_id
          ? h('a', { href: `#/person/${w.person_id}`, 'data-testid': 'queue-person' }, w.person_name || '查看人员') : '—') },
        { key: 'title', title: '事项', render: (w) => (w.person_id
          ? h('a', { href: `#/workbench?person=${w.person_id}` }, w.title) : w.title) },
        { key: 'clause_text', title: '依据' },
        { key: 'detail', title: '还需' },
        { key: 'officer', title: '经办人', render: (r) => r.officer_name || r.officer || '—' },
      ], items, { empty: mineOnly.checked ? '没有由您经办的待办事项' : '没有逾期或即将到期的事项' }));
    if (q.calendar_notes.length) {
      queueBox.insertBefore(h('p', { class: 'warn', 'data-testid': 'calendar-note' },
        `${q.calendar_notes.join('；')}：标注“暂定”的期限在载入通知后可能变化（见“节假日安排”）。`), queueBox.children[1]);
    }
    if (q.deadline_changes.length) {
      queueBox.append(h('h3', {}, '因载入节假日安排而变化的期限'), changesTable(q.deadline_changes.slice(0, 20)));
    }
  }

  async function showTimeline(personId) {
    const t = await api.get(`/api/services/persons/${personId}`, { as_of: asOf.value });
    const cur = t.current;
    const parts = [h('h2', {}, `${t.person.name}（${t.person.id_masked}）的服务记录`),
      h('p', {}, h('a', { href: `#/person/${t.person.person_id}` }, '打开人员页面（登记、义务、待遇、历史）'))];
    // 返乡未就业人员跟踪服务 from partner comparisons (#18).
    if (t.linkage_followups?.length) {
      parts.push(linkageFollowupsSection(t.linkage_followups, { heading: 'h3', contactedOn: () => asOf.value, onClosed: () => loadQueue() }));
    }
    if (cur) {
      parts.push(h('p', { 'data-testid': 'level' }, h('strong', {}, cur.level_label), ' —— ', cur.level_reason));
      parts.push(h('p', { 'data-testid': 'category' }, h('strong', {}, cur.category_label), ' —— ', cur.category_reason));
      parts.push(dataTable([
        { key: 'name', title: '服务事项' },
        { key: 'items', title: '应提供' },
        { key: 'clause_text', title: '依据' },
        { key: 'deadline', title: '期限', render: deadlineCell },
        { key: 'status_label', title: '状态', render: (o) => h('span', { class: STATUS_CLASS[o.status] ?? '', dataset: { package: o.package_id, status: o.status } }, o.status_label) },
        { key: 'missing', title: '还需', render: (o) => o.missing || '—' },
      ], cur.obligations, { empty: '暂无应提供的服务事项' }));
      // The recommended job is chosen by title (only jobs that exist).
      const jobPick = jobPicker({ label: '推荐岗位', name: 'job_id' });
      jobPick.input.dataset.testid = 'rec-job';
      const kindSelect = h('select', { name: 'kind', 'data-testid': 'rec-kind' }, options(KINDS, 'job_recommendation'));
      // Only a recommendation names a job: another kind hides and clears it
      // (trial 3: a job left from a refused recommendation was sent along).
      kindSelect.addEventListener('change', () => {
        const rec = kindSelect.value === 'job_recommendation';
        jobPick.hidden = !rec;
        if (!rec) jobPick.setValue('', '');
      });
      const recForm = h('form', { class: 'filters', id: 'record-form' },
        h('h3', { class: 'wide' }, '记录服务'),
        h('label', {}, '服务类型', kindSelect),
        h('label', {}, '服务日期', h('input', { type: 'date', name: 'on', value: asOf.value, 'data-testid': 'rec-on' })),
        jobPick,
        h('label', {}, '结果', h('input', { name: 'outcome', maxlength: '100' })),
        h('div', { class: 'actions wide' }, h('button', { type: 'submit', 'data-testid': 'rec-submit' }, '保存')));
      recForm.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        const v = formValues(recForm);
        if (v.kind === 'job_recommendation' && !/^\d+$/.test(v.job_id)) {
          showError('岗位推荐须从列表中选择推荐的岗位');
          return;
        }
        try {
          const job = v.kind === 'job_recommendation' && v.job_id ? Number(v.job_id) : 0;
          await api.post('/api/services/records', { person_id: t.person.person_id, kind: v.kind, on: v.on, job_id: job, outcome: v.outcome });
          showOk(`已记录：${KINDS[v.kind]}`);
          await showTimeline(personId);
          await loadQueue();
        } catch { /* shown */ }
      });
      parts.push(recForm);
    }
    parts.push(h('h3', {}, '服务时间线'), dataTable([
      { key: 'delivered_on', title: '日期' },
      { key: 'kind_label', title: '服务' },
      { key: 'job_id', title: '岗位', render: (r) => (r.job_id ? `${r.job_title ?? '岗位'}（${r.employer_name || '编号 ' + r.job_id}）` : '—') },
      { key: 'outcome', title: '结果' },
      { key: 'officer', title: '经办人', render: (r) => r.officer_name || r.officer || '—' },
    ], [...t.records].reverse(), { empty: '尚无服务记录' }));
    parts.push(h('h3', {}, '登记记录'), dataTable([
      { key: 'registered_on', title: '登记日期' },
      { key: 'kind_label', title: '类型' },
      { key: 'place_label', title: '登记地' },
      { key: 'served_as_label', title: '服务对象类别' },
      { key: 'status', title: '状态', render: (r) => (r.status === 'open' ? '登记中' : `已注销 ${r.closed_on}（${r.close_reason}）`) },
    ], t.registrations));
    timelineBox.replaceChildren(...parts);
    timelineBox.dataset.person = String(t.person.person_id);
    timelineBox.dataset.records = String(t.records.length);
  }

  asOf.addEventListener('change', () => { loadQueue(); if (timelineBox.dataset.person) showTimeline(timelineBox.dataset.person); });
  page.append(h('h1', {}, '就业服务工作台'),
    h('p', { class: 'muted' }, '依据黔府发〔2023〕12号附件3、4：发现失业人员后5个工作日内提供“1311”服务，按“四级三类”分级分类服务。期限按国务院节假日安排计算工作日。'),
    h('label', {}, '业务日期 ', asOf), h('label', { class: 'check' }, mineOnly, '只看我经办的'), queueBox, online.box,
    regForm, timelineBox);
  validate();
  await loadQueue();
  await online.load().catch(() => online.box.remove());
  const person = params.get('person');
  if (person) await showTimeline(person);
}
