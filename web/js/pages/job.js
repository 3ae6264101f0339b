// A job's page (#/job/{id}, issue #14): employer, place, pay, requirements
// and contact (phone masked). A seeker applies (投递) once while the job is
// open; the employer owning it sees who applied and the recommended
// candidates (names, ID and phone masked) and invites them.
import { api } from '../api.js';
import { dataTable, fieldList, h } from '../dom.js';
import { showOk } from '../messages.js';
import { wage } from './jobs.js';

export async function render({ user, page, arg }) {
  const id = Number.parseInt(arg, 10);
  if (!Number.isSafeInteger(id) || id <= 0) {
    page.append(h('h1', {}, '岗位信息'), h('p', { class: 'empty' }, '岗位编号无效'));
    return;
  }
  const job = await api.get(`/api/jobs/${id}`);
  const contact = job.contact
    ? [job.contact.name, job.contact.phone_masked].filter(Boolean).join(' ')
    : '请通过本平台投递，用人单位将与您联系';
  page.append(
    h('p', {}, h('a', { href: '#/jobs' }, '← 返回岗位信息')),
    h('h1', { 'data-testid': 'job-title' }, job.title),
    h('section', { class: 'card', id: 'job-info' }, fieldList([
      ['用人单位', h('span', { 'data-testid': 'job-employer' }, job.employer_name || '—')],
      ['工作地点', job.place_name],
      ['月薪', wage(job)],
      ['岗位类型', job.type_label],
      ['招聘人数', job.headcount],
      ['招聘期', `${job.open_on} 至 ${job.close_on ?? '长期有效'}`],
      ['岗位要求', job.requirements || '—'],
      ['联系方式', h('span', { 'data-testid': 'job-contact' }, contact)],
    ])));
  if (!job.open) page.append(h('p', { class: 'muted', 'data-testid': 'job-closed' }, `${job.closed_reason}。`));
  if (user.role === 'seeker') seekerBox(page, job);
  if (job.owner) await employerBoxes(page, job);
}

// An invitation as its employer sees it: waiting, declined, or accepted
// with the phone the seeker agreed to share for this job.
export function invitationStatus(inv) {
  if (inv.answer === 'accepted') {
    return h('span', { class: 'ok', 'data-testid': `invitation-${inv.invitation_id}` },
      `已接受（${inv.answered_on}）`, inv.phone ? `，电话 ${inv.phone}` : '');
  }
  if (inv.answer === 'declined') return h('span', { class: 'muted', 'data-testid': `invitation-${inv.invitation_id}` }, `已婉拒（${inv.answered_on}）`);
  return h('span', { class: 'ok', 'data-testid': `invitation-${inv.invitation_id}` }, '已邀请（待答复）');
}

function seekerBox(page, job) {
  const box = h('section', { class: 'card', id: 'apply-box' }, h('h2', {}, '投递'));
  page.append(box);
  if (job.my_invitation) {
    box.append(h('p', { class: 'ok' }, `用人单位已于 ${job.my_invitation.invited_on} 邀请您应聘${job.my_invitation.message ? `：${job.my_invitation.message}` : ''}`));
  }
  const applied = (a) => h('p', { class: 'ok', 'data-testid': 'applied' }, `您已于 ${a.applied_on} 投递该岗位，用人单位可以看到您的投递。`);
  if (job.my_application) {
    box.append(applied(job.my_application));
    return;
  }
  if (!job.open) {
    box.append(h('p', { class: 'muted' }, '该岗位不在招聘期内，不能投递。'));
    return;
  }
  const button = h('button', { type: 'button', 'data-testid': 'apply' }, '投递简历');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const r = await api.post(`/api/jobs/${job.job_id}/applications`, {});
      showOk(`已投递“${r.job_title}”（${r.employer_name}）`);
      button.replaceWith(applied(r));
    } catch {
      button.disabled = false;
    }
  });
  box.append(h('p', { class: 'muted' }, '投递后，用人单位可在本平台看到您的姓名、学历和电话（均部分隐藏），并可向您发出应聘邀请。您在“我的信息”中接受邀请后，该单位才能看到您的完整电话以便联系您；婉拒则不会。同一岗位只能投递一次。'), button);
}

async function employerBoxes(page, job) {
  const applicants = h('section', { class: 'card', id: 'applicants' }, h('h2', {}, '投递人'));
  const candidates = h('section', { class: 'card', id: 'candidates' }, h('h2', {}, '推荐人选'));
  page.append(applicants, candidates);
  const data = await api.get('/api/applications', { job_id: job.job_id });
  const invited = new Set(data.invitations.map((i) => i.person_id));
  const invitationOf = new Map(data.invitations.map((i) => [i.person_id, i]));
  const inviteButton = (personId) => {
    const inv = invitationOf.get(personId);
    if (inv) return invitationStatus(inv);
    if (invited.has(personId)) return h('span', { class: 'ok' }, '已邀请（待答复）');
    if (!job.open) return '—';
    const b = h('button', { type: 'button', class: 'secondary', 'data-testid': `invite-${personId}` }, '邀请应聘');
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        await api.post(`/api/jobs/${job.job_id}/invitations`, { person_id: personId, message: '欢迎应聘本岗位，请留意平台消息。' });
        invited.add(personId);
        showOk('邀请已发出，对方可在“我的信息”中看到');
        b.replaceWith(h('span', { class: 'ok' }, '已邀请（待答复）'));
      } catch {
        b.disabled = false;
      }
    });
    return b;
  };
  const personColumns = [
    { key: 'name', title: '姓名' },
    { key: 'id_masked', title: '身份证号' },
    { key: 'phone_masked', title: '电话', render: (c) => c.phone_masked || '—' },
    { key: 'education', title: '学历' },
  ];
  applicants.append(dataTable([
    ...personColumns,
    { key: 'applied_on', title: '投递日期' },
    { title: '操作', render: (a) => inviteButton(a.person_id) },
  ], data.applications, { empty: '暂无投递' }));
  if (!job.open) {
    candidates.append(h('p', { class: 'muted' }, '岗位不在招聘期内，没有推荐人选。'));
    return;
  }
  try {
    const r = await api.get(`/api/match/jobs/${job.job_id}/candidates`, { k: 20 }, { quiet: true });
    candidates.append(h('p', { class: 'muted' }, '按匹配程度排列，登记失业人员优先；姓名、身份证号和电话已部分隐藏。'),
      dataTable([
        ...personColumns,
        { key: 'home_name', title: '常住地' },
        { key: 'reason_text', title: '推荐理由' },
        { title: '操作', render: (c) => inviteButton(c.person_id) },
      ], r.items, { empty: '暂无符合条件的求职者' }));
  } catch (e) {
    candidates.append(h('p', { class: 'muted' }, e.message));
  }
}
