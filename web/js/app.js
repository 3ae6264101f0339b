// The signed-in application (app.html): loads the user, draws the layout
// and routes "#/route/arg?query" to one page module under pages/.
// Each page module exports `render(ctx)` with ctx = {user, page, arg, params, isCurrent}; `page` is
// a fresh container inside #page for this route only.
import { me } from './api.js';
import { clearMessages, showError } from './messages.js';
import { h } from './dom.js';
import { markCurrent, navFor, renderLayout } from './layout.js';

const PAGES = {
  home: './pages/home.js',
  persons: './pages/persons.js',
  person: './pages/person.js',
  employers: './pages/employers.js',
  jobs: './pages/jobs.js',
  job: './pages/job.js',
  import: './pages/import.js',
  audit: './pages/audit.js',
  workbench: './pages/workbench.js',
  compliance: './pages/compliance.js',
  calendar: './pages/calendar.js',
  monitor: './pages/monitor.js',
  network: './pages/network.js',
  station: './pages/network-station.js',
  benefits: './pages/benefits.js',
  loans: './pages/loans.js',
  training: './pages/training.js',
  linkage: './pages/linkage.js',
};

// Pages reachable besides the navigation entries (a person's page is
// reached from search results, or is a seeker's own record; a station's
// from the 服务网络 registry).
function allowed(user, route) {
  if (route === 'person') return ['officer', 'seeker'].includes(user.role);
  if (route === 'job') return navFor(user).some(([r]) => r === 'jobs');
  if (route === 'station') return navFor(user).some(([r]) => r === 'network');
  return navFor(user).some(([r]) => r === route);
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '') || 'home';
  const [path, query = ''] = raw.split('?');
  const [route, ...rest] = path.split('/');
  return { route, arg: rest.join('/'), params: new URLSearchParams(query) };
}

async function start() {
  let user;
  try {
    user = await me();
  } catch {
    return;  // 401 already sent the browser to the login page; other errors are shown
  }
  const { nav, page } = renderLayout(user);
  let generation = 0;

  async function route() {
    const { route, arg, params } = parseHash();
    const mine = ++generation;
    clearMessages();
    markCurrent(nav, route === 'person' ? 'persons' : route === 'job' ? 'jobs' : route);
    page.dataset.state = 'loading';
    page.replaceChildren(h('p', { class: 'muted' }, '正在加载…'));
    if (!PAGES[route] || !allowed(user, route)) {
      page.replaceChildren(h('h1', {}, '无权访问'));
      showError('无权访问：该页面不在您的权限范围内');
      page.dataset.route = route;
      page.dataset.state = 'ready';
      return;
    }
    try {
      const mod = await import(PAGES[route]);
      if (mine !== generation) return;
      // Each route renders into a container of its own: a slower, older
      // render that resumes after the user moved on appends to a container
      // no longer in the document, never into the current page.
      const body = h('div', { class: 'page-body' });
      page.replaceChildren(body);
      await mod.render({ user, page: body, arg, params, isCurrent: () => mine === generation });
    } catch (e) {
      if (e.name !== 'ApiError') showError(`页面出错：${e.message}`);
      // Never leave an empty (or half-drawn) page: say what went wrong in it.
      if (mine === generation) page.replaceChildren(h('p', { class: 'empty', role: 'alert' }, e.message));
    } finally {
      if (mine === generation) {
        page.dataset.route = route;
        page.dataset.state = 'ready';
      }
    }
  }

  window.addEventListener('hashchange', route);
  await route();
  document.body.dataset.ready = '1';
}

start();
