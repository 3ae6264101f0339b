// The login page (index.html): posts the credentials, shows the Chinese
// reason on failure (用户名或密码错误, 账户已锁定 …), and on success goes
// to the page asked for before login or to the role's home.
import { login } from '../api.js';
import { h } from '../dom.js';
import { clearMessages, showError } from '../messages.js';
import { textSizeToggle } from '../text-size.js';

const form = document.getElementById('login-form');
const submit = document.getElementById('login-submit');

function target() {
  const next = new URLSearchParams(location.search).get('next') ?? '';
  // Only same-site paths of the application, never an absolute URL.
  return /^\/[^/\\]*app\.html(#.*)?$/.test(next) ? next : 'app.html#/home';
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearMessages();
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username || !password) {
    showError('请输入用户名和密码');
    return;
  }
  submit.disabled = true;
  submit.textContent = '正在登录…';
  try {
    await login(username, password);
    location.href = target();
  } catch {
    // api.js has shown the reason in the message area.
    form.password.value = '';
    form.password.focus();
  } finally {
    submit.disabled = false;
    submit.textContent = '登 录';
  }
});
document.querySelector('.site-header')?.append(h('div', { class: 'who' }, textSizeToggle()));
document.body.dataset.ready = '1';
