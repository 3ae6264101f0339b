// The one layout of every signed-in page: the header (platform name, the
// user's role and region, logout), the navigation for the user's role and
// the message area. renderLayout() fills <body>; the page goes into <main>.
import { logout } from './api.js';
import { h } from './dom.js';
import { ROLES } from './labels.js';
import { textSizeToggle } from './text-size.js';

export const PLATFORM_NAME = '黔就业 · 贵州省就业公共服务平台';

// An officer at county level or below (6+ digit region code) may import.
export function canImport(user) {
  return user.role === 'officer' && (user.region_code ?? '').length >= 6;
}

// An officer holding the grant 资金监管 reviews the holds of fund supervision.
export function canSupervise(user) {
  return user.role === 'officer' && (user.grants ?? []).includes('supervise_funds');
}

// Navigation entries per role: [route, label]. A route ending in .html is a
// page of its own (the policy pages); the others are hash routes of app.html.
export function navFor(user) {
  switch (user.role) {
    case 'officer':
      return [
        ['home', '工作台'], ['persons', '人员查询'], ['employers', '用人单位'], ['jobs', '岗位信息'],
        ...(canImport(user) ? [['import', '台账导入']] : []),
        ['monitor', '目标监测'], ['workbench', '就业服务'], ['compliance', '服务达标'], ['network', '服务网络'], ['benefits', '失业保险金'], ['loans', '贷款'], ['training', '职业培训'], ['linkage', '跨省比对'], ['calendar', '节假日安排'],
        ['policy.html', '政策查询'], ['policy-review.html', '免申即享审核'], ['policy-params.html', '政策参数'],
        ...(canSupervise(user) ? [['supervision.html', '资金监管']] : []),
        ['gig.html', '零工市场'], ['ads-review.html', '招聘审核'],
        ['match.html', '岗位推荐'], ['match-candidates.html', '推荐人选'], ['match-batch.html', '批量推荐'],
      ];
    case 'employer':
      return [['home', '单位首页'], ['jobs', '岗位信息'], ['policy.html', '政策查询'],
        ['ads-review.html', '发布招聘'], ['gig.html', '零工市场'], ['match-candidates.html', '推荐人选']];
    case 'seeker':
      return [['home', '我的信息'], ['jobs', '岗位信息'], ['policy.html', '政策查询'], ['gig.html', '零工市场'],
        ['match.html', '岗位推荐'], ['benefits', '我的失业保险金'], ['loans', '我的贷款'], ['training', '我的培训']];
    case 'auditor':
      return [['home', '审计查询'], ['persons', '人员查询'], ['monitor', '目标监测'], ['network', '服务网络'], ['benefits', '失业保险金'], ['loans', '贷款'], ['training', '职业培训']];
    // 账号管理 is the administrators' landing page (pages/accounts.js).
    case 'sysadmin':
      return [['home', '账号管理']];
    case 'secadmin':
      return [['home', '账号管理'], ['audit', '审计查询']];
    default:
      return [['home', '首页']];
  }
}

// A hash route inside app.html stays a same-page link there; from the
// stand-alone pages it leads back into app.html.
function routeHref(route) {
  if (route.endsWith('.html')) return route;
  return location.pathname.endsWith('/app.html') ? `#/${route}` : `app.html#/${route}`;
}

// Where the user belongs, by name: an employer's name (never its credit
// code), a seeker's place of residence, an officer's region.
export function userPlace(user) {
  if (user.role === 'employer') return user.employer_name || '';
  return user.region_name || user.region_code || '';
}

// Who is signed in: a seeker by the masked name; others by display name,
// unless it only repeats the role or the place ("用人单位 用人单位").
export function userName(user) {
  if (user.role === 'seeker') return user.person_name_masked || '';
  const name = user.display_name || user.username;
  const role = ROLES[user.role] ?? user.role;
  return name === role || name === userPlace(user) ? '' : name;
}

export function renderLayout(user) {
  const header = h('header', { class: 'site-header' },
    h('a', { class: 'brand', href: routeHref('home') }, '黔就业', h('small', {}, '贵州省就业公共服务平台')),
    h('div', { class: 'who' },
      h('span', { class: 'role', 'data-testid': 'role' }, ROLES[user.role] ?? user.role),
      h('span', { 'data-testid': 'region' }, userPlace(user)),
      h('span', { class: 'muted-inverse', 'data-testid': 'user-name' }, userName(user)),
      textSizeToggle(),
      h('button', { type: 'button', class: 'secondary', onclick: () => logout() }, '退出登录')));
  const nav = h('nav', { class: 'site-nav', 'aria-label': '主导航' },
    navFor(user).map(([route, text]) => h('a', { href: routeHref(route), dataset: { route } }, text)));
  const main = h('main', { id: 'main' },
    h('div', { id: 'messages', class: 'messages', 'aria-live': 'polite' }),
    h('div', { id: 'page' }));
  document.body.replaceChildren(header, nav, main);
  document.title = PLATFORM_NAME;
  return { nav, page: main.querySelector('#page') };
}

export function markCurrent(nav, route) {
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.route === route) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}
