// 版本对比: two versions from GET /lists, then GET /lists/{a}/diff/{b}: items added, removed
// and changed (each changed field old → new, the differing stretch marked), with counts.

import { api } from './api.js';
import { clearFieldErrors, formatTime, setFieldError, showError } from './admin-common.js';
import { h, replace } from './dom.js';
import { ITEM_FIELDS } from './labels.js';
import { policyLink, route } from './state.js';

const CONTEXT_CHARS = 60;  // unchanged text kept around a change

let ui;
let sequence = 0;

export async function mount(panel, routeNow, context) {
  const from = h('select', { id: 'diff-from' });
  const to = h('select', { id: 'diff-to' });
  const submit = h('button', { type: 'submit', class: 'primary' }, '对比');
  const swap = h('button', {
    type: 'button',
    onclick: () => {
      [from.value, to.value] = [to.value, from.value];
      run(true);
    },
  }, '交换新旧');
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const error = h('div', { class: 'error-box', role: 'alert', hidden: true });
  const form = h('form', {
    class: 'admin-form diff-form',
    onsubmit: (event) => {
      event.preventDefault();
      run(true);
    },
  },
  h('div', { class: 'form-grid' },
    h('div', { class: 'field' }, h('label', { for: 'diff-from' }, '旧版本'), from),
    h('div', { class: 'field' }, h('label', { for: 'diff-to' }, '新版本'), to)),
  h('div', { class: 'form-actions' }, submit, swap),
  status,
  error);
  ui = { context, form, from, to, status, error, lists: [], result: h('div', { class: 'diff-result' }) };
  replace(panel,
    h('h2', { id: 'admin-panel-h', tabindex: '-1' }, '版本对比'),
    h('p', { class: 'lead' }, '选择同一清单的两个版本(也可以是两个清单)，查看新增、删除和修改了哪些事项。'),
    form,
    ui.result);
  await fill(routeNow);
}

export function update(routeNow) {
  if (!ui) return;
  const { from, to } = wanted(routeNow);
  if (from && to && (from !== ui.from.value || to !== ui.to.value)) {
    ui.from.value = from;
    ui.to.value = to;
    run(false);
  }
}

export function unmount() {
  ui = null;
}

function wanted(routeNow) {
  return { from: routeNow.params.get('from') ?? '', to: routeNow.params.get('to') ?? '' };
}

/** "liaoyang-2023-07-31@2" → its version entry and list, or null. */
function lookup(ref) {
  const at = ref.lastIndexOf('@');
  const id = ref.slice(0, at);
  const version = Number(ref.slice(at + 1));
  const list = ui.lists.find((l) => l.id === id);
  const entry = list?.versions?.find((v) => v.version === version);
  return entry ? { list, entry } : null;
}

/** "清单 第 1 版 → 第 2 版" for one list, both names for two. */
function heading(from, to) {
  const a = lookup(from);
  const b = lookup(to);
  if (a && b && a.list.id === b.list.id) {
    return `${a.list.title || a.list.id}：第 ${a.entry.version} 版 → 第 ${b.entry.version} 版`;
  }
  return `${refLabel(from)} → ${refLabel(to)}`;
}

function refLabel(ref) {
  const found = lookup(ref);
  if (!found) return ref;
  return `${found.list.title || found.list.id} 第 ${found.entry.version} 版`;
}

async function fill(routeNow) {
  const mine = ui;
  mine.status.textContent = '正在读取清单…';
  let data;
  try {
    data = await mine.context.lists();
  } catch (error) {
    if (ui !== mine) return;
    mine.status.textContent = '';
    showError(mine.error, `无法读取清单：${error.message}`);
    return;
  }
  if (ui !== mine) return;
  mine.status.textContent = '';
  mine.lists = data.lists ?? [];
  const options = () => mine.lists.map((list) => h('optgroup', { label: `${list.title || list.id}(${list.id})` },
    (list.versions ?? []).map((v) => h('option', { value: `${list.id}@${v.version}` },
      `第 ${v.version} 版 · ${formatTime(v.imported_at)} · ${v.items} 项${v.version === list.latest_version ? '(最新)' : ''}`))));
  replace(mine.from, options());
  replace(mine.to, options());
  if (!mine.lists.length) {
    mine.status.textContent = '还没有清单。';
    return;
  }
  let { from, to } = wanted(routeNow);
  if (!lookup(from) || !lookup(to)) {
    // The newest edition against the one before it, of the first list that has two.
    const list = mine.lists.find((l) => (l.versions ?? []).length > 1) ?? mine.lists[0];
    const versions = list.versions ?? [];
    const last = versions.at(-1)?.version ?? list.latest_version;
    const previous = versions.at(-2)?.version ?? last;
    from = `${list.id}@${previous}`;
    to = `${list.id}@${last}`;
  }
  mine.from.value = from;
  mine.to.value = to;
  if (from === to) {
    mine.status.textContent = '这份清单只有一个版本。导入新版后即可对比。';
    return;
  }
  await run(false);
}

async function run(user) {
  const mine = ui;
  if (!mine) return;
  clearFieldErrors(mine.form);
  showError(mine.error, '');
  const from = mine.from.value;
  const to = mine.to.value;
  if (!from || !to) return;
  if (from === to) {
    setFieldError(mine.to, '请选择与旧版本不同的版本。');
    if (user) mine.to.focus();
    return;
  }
  const hash = route(['admin', 'diff'], { from, to });
  if (hash !== location.hash) history.replaceState(null, '', hash);
  const ticket = ++sequence;
  mine.status.textContent = '正在对比…';
  mine.result.setAttribute('aria-busy', 'true');
  let data;
  try {
    data = await api.diff(from, to);
  } catch (error) {
    if (ui !== mine || ticket !== sequence) return;
    mine.result.removeAttribute('aria-busy');
    mine.status.textContent = '';
    showError(mine.error, `无法对比：${error.message}`);
    return;
  }
  if (ui !== mine || ticket !== sequence) return;
  mine.result.removeAttribute('aria-busy');
  const s = data.summary ?? {};
  mine.status.textContent = `新增 ${s.added ?? 0} 项，删除 ${s.removed ?? 0} 项，修改 ${s.changed ?? 0} 项，未变 ${s.unchanged ?? 0} 项。`;
  render(data, from, to);
  if (user) mine.result.querySelector('h3')?.focus();
}

/** Whether `ref` names the newest version of its list (its items have pages then). */
function isLatest(ref) {
  const found = lookup(ref);
  return Boolean(found && found.entry.version === found.list.latest_version);
}

function itemLine(item, linked) {
  return h('span', { class: 'diff-item-title' },
    h('span', { class: 'muted' }, `序号 ${item.seq} · `),
    linked ? h('a', { href: policyLink(item.id) }, item.title || item.id) : (item.title || item.id),
    item.category ? h('span', { class: 'muted small' }, ` (${item.category})`) : null);
}

/** Old and new text with their common start and end cut to some context, the rest marked. */
function changedPair(before, after) {
  const a = [...String(before ?? '')];
  const b = [...String(after ?? '')];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end += 1;
  const head = a.slice(0, start).join('');
  const tail = a.slice(a.length - end).join('');
  const shownHead = head.length > CONTEXT_CHARS ? `…${head.slice(-CONTEXT_CHARS)}` : head;
  const shownTail = tail.length > CONTEXT_CHARS ? `${tail.slice(0, CONTEXT_CHARS)}…` : tail;
  const oldPart = a.slice(start, a.length - end).join('');
  const newPart = b.slice(start, b.length - end).join('');
  return [
    [shownHead, oldPart ? h('del', null, oldPart) : null, shownTail],
    [shownHead, newPart ? h('ins', null, newPart) : null, shownTail],
  ];
}

function changeBlock(change, linked) {
  const fields = change.fields ?? [];
  return h('li', { class: 'diff-item', dataset: { id: change.to?.id ?? change.from?.id ?? '' } },
    h('p', { class: 'diff-item-head' }, itemLine(change.to ?? change.from, linked)),
    h('dl', { class: 'changes' }, fields.map((name) => {
      const [oldText, newText] = changedPair(change.before?.[name], change.after?.[name]);
      return h('div', { class: 'change', dataset: { field: name } },
        h('dt', null, ITEM_FIELDS[name] ?? name),
        h('dd', { class: 'change-old' }, h('span', { class: 'change-tag' }, '原'), h('span', { class: 'change-text' }, oldText)),
        h('dd', { class: 'change-arrow', 'aria-hidden': 'true' }, '→'),
        h('dd', { class: 'change-new' }, h('span', { class: 'change-tag' }, '新'), h('span', { class: 'change-text' }, newText)));
    })));
}

function group(kind, title, count, body) {
  const id = `diff-${kind}-h`;
  return h('section', { class: `diff-group diff-${kind}`, 'aria-labelledby': id },
    h('h4', { id }, title, h('span', { class: 'count-pill' }, `${count} 项`)),
    count ? body : h('p', { class: 'muted' }, '无'));
}

function render(data, from, to) {
  const s = data.summary ?? {};
  const linked = isLatest(to);
  const counts = [
    ['added', '新增', s.added ?? 0],
    ['removed', '删除', s.removed ?? 0],
    ['changed', '修改', s.changed ?? 0],
    ['unchanged', '未变', s.unchanged ?? 0],
  ];
  replace(ui.result, h('section', { class: 'card diff-report', 'aria-labelledby': 'diff-result-h' },
    h('h3', { id: 'diff-result-h', tabindex: '-1' }, heading(from, to)),
    h('ul', { class: 'diff-counts' }, counts.map(([kind, label, n]) =>
      h('li', { class: `diff-count diff-count-${kind}` }, `${label} `, h('span', { class: 'diff-count-n' }, String(n)), ' 项'))),
    (s.added || s.removed || s.changed) ? null : h('p', null, '两个版本的事项内容完全相同。'),
    group('changed', '修改', (data.changed ?? []).length,
      h('ol', { class: 'diff-list' }, (data.changed ?? []).map((c) => changeBlock(c, linked)))),
    group('added', '新增', (data.added ?? []).length,
      h('ul', { class: 'diff-plain' }, (data.added ?? []).map((item) =>
        h('li', { dataset: { id: item.id } }, itemLine(item, linked))))),
    group('removed', '删除', (data.removed ?? []).length,
      h('ul', { class: 'diff-plain' }, (data.removed ?? []).map((item) =>
        h('li', { dataset: { id: item.id } }, itemLine(item, false)))))));
}
