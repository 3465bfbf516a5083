// 管理 (staff): the token, then three screens on sub-routes
//   #/admin or #/admin/import         导入清单
//   #/admin/diff?from=…&to=…          版本对比
//   #/admin/overrides                 复核规则
// Reading is public; the writes (import, saving an override) send the token.

import { api } from './api.js';
import { getToken, setToken } from './admin-common.js';
import { h, replace } from './dom.js';
import * as importScreen from './admin-import.js';
import * as diffScreen from './admin-diff.js';
import * as overridesScreen from './admin-overrides.js';

const SCREENS = [
  ['import', '导入清单', importScreen],
  ['diff', '版本对比', diffScreen],
  ['overrides', '复核规则', overridesScreen],
];

let ui;
let current;       // {name, screen}
let listsPromise;  // GET /lists, shared by the screens until an import changes it

/** What the screens get from the page. */
const context = {
  /** GET /lists (cached). */
  lists() {
    listsPromise ??= api.lists().catch((error) => {
      listsPromise = null;
      throw error;
    });
    return listsPromise;
  },
  /** Drops the cached lists (after an import) and fetches them again. */
  reloadLists() {
    listsPromise = null;
    return context.lists();
  },
};

function tokenBox() {
  const state = h('p', { id: 'admin-token-state', class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const input = h('input', {
    id: 'admin-token', type: 'password', value: getToken(), autocomplete: 'off',
    autocapitalize: 'off', spellcheck: 'false', 'aria-describedby': 'admin-token-help admin-token-state',
  });
  const reveal = h('button', {
    type: 'button', class: 'small', 'aria-pressed': 'false', 'aria-controls': 'admin-token',
    onclick: () => {
      const shown = input.type === 'text';
      input.type = shown ? 'password' : 'text';
      reveal.setAttribute('aria-pressed', String(!shown));
      reveal.textContent = shown ? '显示' : '隐藏';
    },
  }, '显示');
  const logout = h('button', {
    type: 'button', class: 'small', id: 'admin-logout',
    onclick: () => {
      setToken('');
      input.value = '';
      input.type = 'password';
      reveal.setAttribute('aria-pressed', 'false');
      reveal.textContent = '显示';
      sync('已退出：令牌已从此标签页清除。');
      input.focus();
    },
  }, '退出');
  const sync = (message) => {
    const has = Boolean(getToken());
    logout.disabled = !has;
    state.textContent = message
      ?? (has ? '已输入令牌：只保存在此标签页，关闭标签页或点“退出”即清除。'
        : '未输入令牌：可以查看清单、版本和规则，但不能导入或修改。');
  };
  input.addEventListener('input', () => {
    setToken(input.value.trim());
    sync();
  });
  sync();
  const box = h('section', { class: 'card token-box', 'aria-labelledby': 'admin-token-h' },
    h('h2', { id: 'admin-token-h', class: 'token-heading' }, '管理令牌'),
    h('form', {
      class: 'token-form',
      onsubmit: (event) => {
        event.preventDefault();
        setToken(input.value.trim());
        sync();
      },
    },
    h('label', { for: 'admin-token' }, '令牌'),
    h('div', { class: 'token-row' }, input, reveal, logout)),
    h('p', { id: 'admin-token-help', class: 'field-help' },
      '由管理员用 huiqi token create 生成的 64 位令牌。导入和保存时随请求发送；不会保存到磁盘。'),
    state);
  return { box, input };
}

export async function mount(main, route) {
  document.title = '管理 · 惠企政策查询';
  listsPromise = null;
  const token = tokenBox();
  const tabs = h('nav', { class: 'admin-tabs', 'aria-label': '管理功能' },
    h('ul', null, SCREENS.map(([name, label]) =>
      h('li', null, h('a', { href: `#/admin/${name}`, dataset: { screen: name } }, label)))));
  ui = {
    tabs,
    panel: h('section', { class: 'admin-panel', 'aria-labelledby': 'admin-panel-h' }),
  };
  current = null;
  replace(main,
    h('section', { class: 'page-head' },
      h('h1', null, '管理'),
      h('p', { class: 'lead' }, '供工作人员使用：导入新版清单、对比版本、复核匹配规则。')),
    token.box,
    tabs,
    ui.panel);
  await show(route, false);
}

export function update(route) {
  return show(route, true);
}

export function unmount() {
  current?.screen.unmount?.();
  current = null;
  ui = null;
}

async function show(route, focus) {
  if (!ui) return;
  const found = SCREENS.find(([name]) => name === route.path[1]) ?? SCREENS[0];
  const [name, label, screen] = found;
  for (const link of ui.tabs.querySelectorAll('a')) {
    if (link.dataset.screen === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${label} · 管理 · 惠企政策查询`;
  if (current?.name === name) {
    current.screen.update?.(route);
    return;
  }
  current?.screen.unmount?.();
  current = { name, screen };
  replace(ui.panel);
  await screen.mount(ui.panel, route, context);
  if (focus) ui?.panel.querySelector('h2')?.focus({ preventScroll: false });
}
