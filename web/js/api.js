// Fetch wrapper for the 黔就业 HTTP API (docs/api.md): JSON in and out, the
// session cookie (credentials same-origin), the X-CSRF-Token header on every
// state-changing request, and every failure turned into an ApiError whose
// `message` is a Chinese sentence for the user. Unless a call passes
// {quiet: true}, the message is also shown in the page's message area.
// A 401 on any call but login sends the browser back to the login page.
// A state-changing call is a new submission: the messages of earlier
// actions are cleared (messages.js). An ApiError a page leaves uncaught
// (a form's async submit handler) is not an error of the page: its message
// is already shown, so the rejection is handled here, once for every page.
import { beginSubmission, showError } from './messages.js';

const TOKEN_KEY = 'qjy.csrf';
const LOGIN_PAGE = 'index.html';

export class ApiError extends Error {
  // status: HTTP status (0 = no answer: network); code: the server's
  // "error" field when it sent one; serverMessage: its "message".
  constructor(status, code, message, serverMessage = '') {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.serverMessage = serverMessage;
    this.shown = false;  // set once the message is in the message area
  }
}

if (typeof window !== 'undefined') {
  window.addEventListener('unhandledrejection', (ev) => {
    if (!(ev.reason instanceof ApiError)) return;
    ev.preventDefault();
    if (!ev.reason.shown) {
      ev.reason.shown = true;
      showError(ev.reason.message);
    }
  });
}

const STATUS_TEXT = {
  0: '无法连接服务器，请检查网络后重试',
  400: '请求内容有误，请检查填写的信息',
  401: '登录已失效，请重新登录',
  403: '无权访问：该数据或操作不在您的权限范围内',
  404: '未找到相关记录',
  405: '不支持该操作',
  409: '数据已被他人修改，请刷新后重试',
  413: '文件过大，请拆分后再上传',
  415: '文件格式不支持，请上传 CSV 或 XLSX 文件',
  422: '数据校验未通过，请检查填写的信息',
  423: '账户已锁定：密码错误次数过多，请稍后再试或联系管理员解锁',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误，请稍后重试',
  502: '服务暂时不可用，请稍后重试',
  503: '服务暂时不可用，请稍后重试',
  504: '服务器响应超时，请稍后重试',
};

// The Chinese sentence for a failed call. The server's own Chinese message,
// when it adds something, follows the general one.
export function errorText(status, code, serverMessage, { login = false } = {}) {
  let text;
  if (login && status === 401) text = '用户名或密码错误';
  else if (login && code === 'account_disabled') text = serverMessage || '该账号已被停用，无法登录';
  else if (code === 'csrf') text = '安全校验失败（页面已过期），请刷新页面后重试';
  // A conflict the server explains (a run already going, a date not yet
  // reached, a second application) is not "changed by someone else"; a
  // refused submission the server explains names the field itself, so the
  // general "请求内容有误" would only say it twice (trial 3).
  else if ([400, 409, 422].includes(status) && serverMessage && /[\u4e00-\u9fff]/.test(serverMessage)) return serverMessage;
  else text = STATUS_TEXT[status] ?? (status >= 500 ? STATUS_TEXT[500] : `请求失败（错误码 ${status}）`);
  if (serverMessage && /[\u4e00-\u9fff]/.test(serverMessage) && !text.includes(serverMessage)) {
    text += `：${serverMessage}`;
  }
  return text;
}

// What a part of a page says when its data could not be loaded. A 403 is
// not for this role and a 404 is no record: refreshing will not change
// either, so only other failures (network, server) say "try again later".
export const TRANSIENT_TEXT = '暂时无法加载，请稍后刷新。';
export function unavailableText(err, { denied = '您的岗位无权查看这部分内容', missing = '暂无相关记录' } = {}) {
  if (err?.status === 403) return denied;
  if (err?.status === 404) return missing;
  return TRANSIENT_TEXT;
}

export function setCsrfToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

function buildUrl(path, query) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  return url.pathname + url.search;
}

export function goToLogin() {
  setCsrfToken('');
  const here = location.pathname.endsWith(LOGIN_PAGE) ? '' : location.pathname + location.hash;
  location.href = LOGIN_PAGE + (here ? `?next=${encodeURIComponent(here)}` : '');
}

let mePromise = null;

// The server's clock minus this browser's, in ms: dates come from the
// server (a PC with a wrong clock, or `qjy serve --today` on the demo, must
// not decide a registration date). Known after me().
let clockShiftMs = 0;
const chinaDate = (ms) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);

// Today in China (YYYY-MM-DD) as the server counts it.
export function today() {
  return chinaDate(Date.now() + clockShiftMs);
}

// GET /api/me, cached for the page's life; refreshes the CSRF token and
// the server's date.
export function me({ refresh = false } = {}) {
  if (!mePromise || refresh) {
    mePromise = request('GET', '/api/me').then((r) => {
      setCsrfToken(r.csrf_token);
      if (r.now) clockShiftMs = Date.parse(r.now) - Date.now();
      return r.user;
    });
    mePromise.catch(() => { mePromise = null; });
  }
  return mePromise;
}

async function csrfToken() {
  let token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    await me({ refresh: true });
    token = sessionStorage.getItem(TOKEN_KEY);
  }
  return token ?? '';
}

// One call. opts: query (object), json (body), form (FormData), quiet,
// login (401 means bad credentials), raw (return the Response), retried.
export async function request(method, path, opts = {}) {
  const headers = { Accept: 'application/json' };
  let body;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    body = opts.form;  // the browser sets the multipart boundary
  }
  if (method !== 'GET' && method !== 'HEAD' && !opts.login) {
    if (!opts.quiet && !opts.retried) beginSubmission();
    headers['X-CSRF-Token'] = await csrfToken();
  }
  let res;
  try {
    res = await fetch(buildUrl(path, opts.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw fail(new ApiError(0, 'network', errorText(0)), opts);
  }
  if (res.ok) {
    if (opts.raw) return res;
    if (res.status === 204) return null;
    const type = res.headers.get('Content-Type') ?? '';
    return type.includes('json') ? res.json() : res.text();
  }
  let code = '', serverMessage = '';
  try {
    const data = await res.json();
    code = data.error ?? '';
    serverMessage = data.message ?? '';
  } catch { /* not JSON: keep the status alone */ }
  if (res.status === 403 && code === 'csrf' && !opts.retried) {
    setCsrfToken('');
    return request(method, path, { ...opts, retried: true });
  }
  if (res.status === 401 && !opts.login) {
    goToLogin();
  }
  throw fail(new ApiError(res.status, code, errorText(res.status, code, serverMessage, opts), serverMessage), opts);
}

function fail(err, opts) {
  if (!opts.quiet) {
    showError(err.message);
    err.shown = true;
  }
  return err;
}

export const api = {
  get: (path, query, opts = {}) => request('GET', path, { ...opts, query }),
  post: (path, json, opts = {}) => request('POST', path, { ...opts, json }),
  put: (path, json, opts = {}) => request('PUT', path, { ...opts, json }),
  upload: (path, form, opts = {}) => request('POST', path, { ...opts, form }),
};

export async function login(username, password) {
  const r = await request('POST', '/api/login', { json: { username, password }, login: true });
  setCsrfToken(r.csrf_token);
  return r.user;
}

export async function logout() {
  try {
    await request('POST', '/api/logout', { quiet: true });
  } finally {
    setCsrfToken('');
    mePromise = null;
    location.href = LOGIN_PAGE;
  }
}
