// huiqi web page: a single-page app on hash routes.
//   #/ or #/search?q=…&category=…   搜索 (home)
//   #/policy/<list>/<seq>?as_of=…     政策详情
//   #/match                           我能享受哪些政策
//   #/stats?as_of=…                   统计
//   #/admin/<import|diff|overrides>   管理 (staff: imports, version diffs, reviewed rules)

import { h, replace } from './js/dom.js';
import { parseHash, setAsOf } from './js/state.js';
import * as search from './js/search.js';
import * as policy from './js/policy.js';
import * as match from './js/match.js';
import * as stats from './js/stats.js';
import * as admin from './js/admin.js';

const PAGES = { search, policy, match, stats, admin };

const main = document.getElementById('main');
let current = null;  // {name, page}

function pageName(path) {
  const name = path[0] ?? 'search';
  return PAGES[name] ? name : null;
}

function markNav(name) {
  for (const link of document.querySelectorAll('.site-nav a')) {
    if (link.dataset.route === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function render() {
  if (location.hash && !location.hash.startsWith('#/')) return;  // an in-page anchor
  const route = parseHash();
  if (route.params.has('as_of')) setAsOf(route.params.get('as_of'));
  const name = pageName(route.path);
  markNav(name);
  if (!name) {
    current?.page.unmount?.();
    current = null;
    document.title = '未找到 · 惠企政策查询';
    replace(main, h('h1', { tabindex: '-1' }, '未找到此页面'),
      h('p', null, h('a', { href: '#/' }, '返回搜索')));
    return;
  }
  if (current && current.name === name && current.page.update) {
    current.page.update(route);
    return;
  }
  current?.page.unmount?.();
  current = { name, page: PAGES[name] };
  replace(main);
  window.scrollTo(0, 0);
  try {
    await current.page.mount(main, route);
  } catch (error) {
    console.warn(error);
    replace(main, h('h1', null, '出错了'), h('p', { role: 'alert' }, String(error.message)));
  }
  // Move focus to the new page's heading so keyboard and screen-reader users start there,
  // except on the first load (the search box takes focus there).
  if (!firstLoad) {
    const heading = main.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }
  firstLoad = false;
}

let firstLoad = true;

document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', render);
render();
