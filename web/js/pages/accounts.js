// 账号管理 (#/home of the system and security administrators, issue #14):
// every account with its role, what it is bound to (region, employer,
// person) by name, its grants and status. The system administrator creates
// accounts (role, and for an officer the region chosen by name), disables
// and enables them, resets passwords (typed, or generated and shown once)
// and moves an officer to another region; the security administrator sets
// the grants (查看明文身份信息, 审批支付, 审批政策参数). Each change ends the account's
// sessions and is audited on the server (GET/POST /api/accounts…).
import { api } from '../api.js';
import { dataTable, formValues, h } from '../dom.js';
import { clearMessages, showOk } from '../messages.js';
import { PROVINCE_CODE, regionPicker } from '../regions.js';

// A password shown once: to be handed over in person, never sent by mail.
function passwordNotice(username, password) {
  return h('section', { class: 'card', role: 'status', 'data-testid': 'new-password-card' },
    h('h2', {}, `账号 ${username} 的密码`),
    h('p', {}, '请当面或以安全方式交给本人，并提醒其登录后妥善保管。此密码只显示这一次，离开本页后无法再次查看。'),
    h('p', {}, h('strong', { 'data-testid': 'new-password', class: 'mono' }, password)));
}

export async function render({ user, page }) {
  const head = h('div', {});
  const notice = h('div', {});
  const panel = h('div', {});
  const listCard = h('section', { class: 'card' });
  page.append(h('h1', {}, '账号管理'), head, notice, panel, listCard);

  const roleFilter = h('select', { 'aria-label': '按角色筛选', 'data-testid': 'role-filter' });
  const textFilter = h('input', { type: 'search', 'aria-label': '按用户名或姓名筛选', placeholder: '用户名或姓名' });
  let data = null;

  // ---- create (system administrator) ----
  function createForm() {
    const role = h('select', { name: 'role', 'data-testid': 'new-role' },
      data.roles.map((r) => h('option', { value: r.role }, r.label)));
    const binding = h('div', { class: 'binding' });
    let picker = null;
    function showBinding() {
      picker = null;
      if (role.value === 'officer') {
        picker = regionPicker({ root: PROVINCE_CODE, name: 'region_code' });
        binding.replaceChildren(h('div', { class: 'field' }, h('span', { class: 'label' }, '所属区划（逐级选择）'), picker));
      } else if (role.value === 'employer') {
        binding.replaceChildren(h('label', {}, '统一社会信用代码', h('input', { name: 'credit_code', maxlength: 18, required: true, autocomplete: 'off' })));
      } else if (role.value === 'seeker') {
        binding.replaceChildren(h('label', {}, '本人公民身份号码', h('input', { name: 'id_number', maxlength: 18, required: true, autocomplete: 'off' })));
      } else {
        binding.replaceChildren(h('p', { class: 'muted' }, '审计员和管理员账号不绑定区划（全省）。'));
      }
    }
    role.addEventListener('change', showBinding);
    showBinding();
    const form = h('form', { id: 'account-form', class: 'card grid' },
      h('h2', {}, '新建账号'),
      h('label', {}, '用户名', h('input', { name: 'username', required: true, pattern: '[A-Za-z0-9_.\\-]{3,32}', title: '3～32 个字母、数字或 _ . -', autocomplete: 'off' })),
      h('label', {}, '姓名', h('input', { name: 'display_name', required: true, autocomplete: 'off' })),
      h('label', {}, '角色', role),
      binding,
      h('label', {}, '初始密码（留空则由系统生成）', h('input', { name: 'password', type: 'password', autocomplete: 'new-password' })),
      h('p', { class: 'muted' }, '密码至少 12 位，含大写字母、小写字母、数字、符号中的三类，且不能是常见单词；权限（查看明文身份信息、审批支付、审批政策参数）由安全管理员另行授予。'),
      h('button', { type: 'submit' }, '创建账号'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearMessages();
      const v = formValues(form);
      const body = { username: v.username, display_name: v.display_name, role: v.role };
      if (v.password) body.password = v.password;
      if (v.role === 'officer') {
        body.region_code = picker.value();
        if (body.region_code === PROVINCE_CODE && !confirm('未选择下级区划，将创建省级经办人员账号，确定吗？')) return;
      }
      if (v.role === 'employer') body.credit_code = v.credit_code;
      if (v.role === 'seeker') body.id_number = v.id_number;
      const r = await api.post('/api/accounts', body);
      form.reset();
      showBinding();
      showOk(`已创建账号 ${r.account.username}（${r.account.role_label}，${r.account.binding}）`);
      notice.replaceChildren(...(r.password ? [passwordNotice(r.account.username, r.password)] : []));
      await load();
    });
    return form;
  }

  // ---- one account's actions ----
  function openPanel(title, ...content) {
    const close = h('button', { type: 'button', class: 'secondary' }, '取消');
    close.addEventListener('click', () => panel.replaceChildren());
    panel.replaceChildren(h('section', { class: 'card', 'data-testid': 'account-panel' }, h('h2', {}, title), ...content, close));
    panel.scrollIntoView?.({ block: 'nearest' });
  }

  async function change(a, what, body, done) {
    clearMessages();
    const r = await api.post(`/api/accounts/${a.account_id}/${what}`, body);
    panel.replaceChildren();
    showOk(`${a.username}：${r.message}`);
    notice.replaceChildren(...(r.password ? [passwordNotice(a.username, r.password)] : []));
    await load();
    done?.(r);
  }

  function resetPanel(a) {
    const input = h('input', { name: 'password', type: 'password', autocomplete: 'new-password' });
    const form = h('form', { class: 'inline-form' },
      h('label', {}, '新密码（留空则由系统生成）', input), h('button', { type: 'submit' }, '确认重置'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      change(a, 'password', input.value ? { password: input.value } : {});
    });
    openPanel(`重置 ${a.display_name}（${a.username}）的密码`,
      h('p', { class: 'muted' }, '重置后该账号已登录的会话立即结束，须用新密码重新登录。'), form);
  }

  function regionPanel(a) {
    const picker = regionPicker({ root: PROVINCE_CODE, name: 'region_code' });
    const form = h('form', { class: 'inline-form' }, h('div', { class: 'field' }, h('span', { class: 'label' }, '新的所属区划'), picker),
      h('button', { type: 'submit' }, '确认调整'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      change(a, 'region', { region_code: picker.value() });
    });
    openPanel(`调整 ${a.display_name}（${a.username}）的所属区划`, h('p', {}, `现为：${a.binding}`), form);
  }

  function grantsPanel(a) {
    const held = new Set(a.grants.map((g) => g.grant));
    const boxes = data.grants.map((g) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'grant', value: g.grant, checked: held.has(g.grant) }), g.label));
    const form = h('form', { class: 'inline-form' }, ...boxes, h('button', { type: 'submit' }, '保存权限'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      change(a, 'grants', { grants: [...form.querySelectorAll('input[name=grant]:checked')].map((b) => b.value) });
    });
    openPanel(`设置 ${a.display_name}（${a.username}）的权限`,
      h('p', { class: 'muted' }, '仅经办人员可被授权；保存后该账号须重新登录，新权限才生效。'), form);
  }

  function actions(a) {
    const out = [];
    const button = (text, onclick, testid) => h('button', { type: 'button', class: 'secondary', onclick, 'data-testid': testid }, text);
    if (data.may_manage) {
      if (a.account_id === data.me) {
        out.push(h('span', { class: 'muted' }, '本人'));
      } else if (a.disabled) {
        out.push(button('启用', () => change(a, 'status', { disabled: false }), `enable-${a.username}`));
      } else {
        out.push(button('停用', () => {
          if (confirm(`确定停用账号 ${a.display_name}（${a.username}）吗？停用后其会话立即结束，无法登录。`)) {
            change(a, 'status', { disabled: true });
          }
        }, `disable-${a.username}`));
      }
      out.push(button('重置密码', () => resetPanel(a), `reset-${a.username}`));
      if (a.role === 'officer') out.push(button('调整区划', () => regionPanel(a), `region-${a.username}`));
    }
    if (data.may_grant && a.role === 'officer') out.push(button('设置权限', () => grantsPanel(a), `grants-${a.username}`));
    return h('div', { class: 'actions' }, out);
  }

  function draw() {
    const text = textFilter.value.trim().toLowerCase();
    const rows = data.items.filter((a) => (!roleFilter.value || a.role === roleFilter.value) &&
      (!text || a.username.toLowerCase().includes(text) || a.display_name.toLowerCase().includes(text)));
    listCard.replaceChildren(
      h('h2', {}, `共 ${data.items.length} 个账号${rows.length !== data.items.length ? `，筛选出 ${rows.length} 个` : ''}`),
      dataTable([
        { title: '用户名', render: (a) => h('span', { 'data-testid': `account-${a.username}` }, a.username) },
        { title: '姓名', key: 'display_name' },
        { title: '角色', key: 'role_label' },
        { title: '所属区划／单位', key: 'binding' },
        { title: '权限', render: (a) => (a.grants.length ? a.grants.map((g) => g.label).join('、') : '—') },
        { title: '状态', render: (a) => h('span', { class: `tag${a.disabled || a.locked ? ' warn' : ''}`, 'data-testid': `status-${a.username}` },
          a.status_label + (a.demo ? '（演示）' : '')) },
        { title: '创建时间', key: 'created_at' },
        { title: '操作', render: actions },
      ], rows, { empty: '没有符合条件的账号' }));
  }

  async function load() {
    data = await api.get('/api/accounts');
    draw();
  }

  await load();
  roleFilter.replaceChildren(h('option', { value: '' }, '全部角色'), data.roles.map((r) => h('option', { value: r.role }, r.label)));
  roleFilter.addEventListener('change', draw);
  textFilter.addEventListener('input', draw);
  head.append(
    h('p', { class: 'muted' }, user.role === 'secadmin'
      ? '安全管理员为经办人员授予或收回“查看明文身份信息”“审批支付”“审批政策参数”权限；账号的创建、停用和密码由系统管理员办理。每项操作都记入审计日志。'
      : '系统管理员创建、停用、启用账号，重置密码，调整经办人员的所属区划；权限由安全管理员授予。不能停用本人账号；每项操作都记入审计日志。'),
    ...(data.may_manage ? [createForm()] : []),
    h('div', { class: 'filters card' }, h('label', {}, '角色', roleFilter), h('label', {}, '查找', textFilter)));
}
