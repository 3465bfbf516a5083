// 复核规则: the reviewed matching overrides (GET /overrides, the bundled entries included) in a
// filterable table, and an editor that saves one entry with PUT /overrides/{id}. Plain fields
// have their own controls; rule, amounts and scope (expressions) and any other key are JSON.
// A refused entry shows the server's message next to the field it names.

import { api } from './api.js';
import {
  AUTH_MESSAGE, NO_TOKEN_MESSAGE, clearFieldErrors, formatTime, getToken, isAuthError,
  setFieldError, showError,
} from './admin-common.js';
import { field, h, isDate, replace, today } from './dom.js';
import { OVERRIDE_FIELDS, OVERRIDE_SOURCE, RULE_ISSUES } from './labels.js';
import { dataChanged, policyLink } from './state.js';

/** Keys the editor has a control for; any other key goes to the JSON of "其他字段". */
const KNOWN = ['item', 'clause', 'note', 'reviewed', 'context', 'rule', 'amounts', 'scope'];
const RULE_TEXT_MAX = 160;
const OPS = { ge: '≥', gt: '>', le: '≤', lt: '<' };

let ui;

export async function mount(panel) {
  const filter = h('input', {
    id: 'ov-filter', type: 'search', autocomplete: 'off', spellcheck: 'false',
    placeholder: '编号、事项名称、引文或备注', 'aria-describedby': 'ov-summary',
  });
  const show = h('select', { id: 'ov-show' },
    h('option', { value: '' }, '全部'),
    h('option', { value: 'stale' }, '引文失效'),
    h('option', { value: 'store' }, OVERRIDE_SOURCE.store),
    h('option', { value: 'file' }, OVERRIDE_SOURCE.file));
  const kind = h('select', { id: 'ov-kind' },
    h('option', { value: '' }, '全部'),
    h('option', { value: 'rule' }, '规则'),
    h('option', { value: 'context' }, '背景信息'));
  for (const control of [filter, show, kind]) control.addEventListener('input', renderTable);
  const newItem = h('input', {
    id: 'ov-new-item', type: 'text', autocomplete: 'off', spellcheck: 'false',
    placeholder: '例如 liaoyang-2023-07-31/17',
  });
  const newForm = h('form', {
    class: 'inline ov-new',
    onsubmit: (event) => {
      event.preventDefault();
      const id = newItem.value.trim();
      clearFieldErrors(newForm);
      if (!/^[^/\s]+\/\d+$/.test(id)) {
        setFieldError(newItem, '事项编号的形式是“清单编号/序号”。');
        newItem.focus();
        return;
      }
      const existing = ui.rows.find((row) => row.item === id);
      openEditor(existing ?? { item: id, entry: {}, source: '', stale: false }, newItem);
    },
  },
  h('label', { for: 'ov-new-item' }, '为其他事项新建条目'),
  newItem,
  h('button', { type: 'submit' }, '新建'));

  ui = {
    filter, show, kind, newForm, newItem, rows: [], issues: [],
    summary: h('p', { id: 'ov-summary', class: 'summary', role: 'status', 'aria-live': 'polite' }),
    error: h('div', { class: 'error-box', role: 'alert', hidden: true }),
    editorBox: h('div', { class: 'ov-editor-box' }),
    table: h('div', { class: 'ov-table-box' }),
    issuesBox: h('div', { class: 'ov-issues' }),
    editing: null,
  };
  replace(panel,
    h('h2', { id: 'admin-panel-h', tabindex: '-1' }, '复核规则'),
    h('p', { class: 'lead' },
      '“我能享受哪些政策”按这些人工复核条目判断。每条引用事项原文中的一句话(引文)，据此设定规则，或标为无需申请的背景信息。引文已不在事项原文中的条目标为“引文失效”，不会被采用。'),
    h('div', { class: 'ov-filters' },
      h('div', { class: 'field' }, h('label', { for: 'ov-filter' }, '筛选'), filter),
      h('div', { class: 'field' }, h('label', { for: 'ov-show' }, '状态'), show),
      h('div', { class: 'field' }, h('label', { for: 'ov-kind' }, '类型'), kind)),
    newForm,
    ui.summary,
    ui.error,
    ui.editorBox,
    ui.table,
    ui.issuesBox);
  await load();
}

export function unmount() {
  ui = null;
}

async function load() {
  const mine = ui;
  mine.summary.textContent = '正在读取复核条目…';
  let data;
  try {
    data = await api.overrides({ include_bundled: 'true' });
  } catch (error) {
    if (ui !== mine) return;
    mine.summary.textContent = '';
    showError(mine.error, `无法读取复核条目：${error.message}`);
    return;
  }
  if (ui !== mine) return;
  showError(mine.error, data.rules_error ? `匹配规则无法编译：${data.rules_error}` : '');
  mine.issues = data.issues ?? [];
  mine.rows = (data.overrides ?? []).map((row) => ({
    ...row,
    entry: row.entry && typeof row.entry === 'object' ? row.entry : {},
    stale: Boolean(row.stale),
  }));
  renderTable();
  renderIssues();
}

// ---- the table ---------------------------------------------------------------------------

/** A rule expression as short readable text. */
function ruleText(expr, depth = 0) {
  if (expr === null || typeof expr !== 'object') return JSON.stringify(expr);
  const group = (list, word) => {
    const text = list.map((e) => ruleText(e, depth + 1)).join(` ${word} `);
    return depth > 0 && list.length > 1 ? `(${text})` : text;
  };
  if (Array.isArray(expr.all)) return expr.all.length ? group(expr.all, '且') : '(无条件)';
  if (Array.isArray(expr.any)) return group(expr.any, '或');
  if (expr.not !== undefined) return `非 ${ruleText(expr.not, depth + 1)}`;
  if (expr.ref) return `「${expr.ref}」`;
  if (expr.ask) return `待确认：${expr.ask}`;
  if (expr.field) {
    if ('is' in expr) return `${expr.field} 为${expr.is ? '是' : '否'}`;
    if (Array.isArray(expr.in)) return `${expr.field} ∈ ${expr.in.join('、')}`;
    if (Array.isArray(expr.has)) return `${expr.field} 含 ${expr.has.join('、')}`;
    for (const [op, sign] of Object.entries(OPS)) if (op in expr) return `${expr.field} ${sign} ${expr[op]}`;
  }
  return JSON.stringify(expr);
}

function clip(text, max) {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function entryKind(entry) {
  if (entry.context) return 'context';
  if (entry.rule) return 'rule';
  return '';
}

function setsCell(entry) {
  const kind = entryKind(entry);
  const parts = [];
  if (kind === 'context') {
    parts.push(h('span', { class: 'tag' }, '背景信息'), ' ', entry.context);
  } else if (kind === 'rule') {
    parts.push(h('span', { class: 'tag' }, '规则'), ' ', clip(ruleText(entry.rule), RULE_TEXT_MAX));
  } else {
    parts.push(h('span', { class: 'tag warn' }, '未设定'));
  }
  const extra = [];
  if (Array.isArray(entry.amounts) && entry.amounts.length) extra.push(`金额估算 ${entry.amounts.length} 项`);
  if ('scope' in entry) extra.push(entry.scope === null ? '不限地区' : '自定适用范围');
  return [parts, extra.length ? h('div', { class: 'muted small' }, extra.join('；')) : null];
}

function matches(row) {
  const q = ui.filter.value.trim().toLowerCase();
  if (ui.show.value === 'stale' && !row.stale) return false;
  if ((ui.show.value === 'store' || ui.show.value === 'file') && row.source !== ui.show.value) return false;
  if (ui.kind.value && entryKind(row.entry) !== ui.kind.value) return false;
  if (!q) return true;
  const e = row.entry;
  return [row.item, row.title, e.clause, e.note, e.context, row.author]
    .some((text) => typeof text === 'string' && text.toLowerCase().includes(q));
}

function renderTable() {
  if (!ui) return;
  const rows = ui.rows.filter(matches);
  const stale = ui.rows.filter((r) => r.stale).length;
  ui.summary.textContent = `显示 ${rows.length} / ${ui.rows.length} 条复核条目${stale ? `，其中 ${stale} 条引文失效` : ''}。`;
  if (!rows.length) {
    replace(ui.table, h('p', { class: 'empty' }, ui.rows.length ? '没有符合筛选条件的条目。' : '还没有复核条目。'));
    return;
  }
  replace(ui.table, h('table', { class: 'data-table ov-table' },
    h('caption', { class: 'visually-hidden' }, '复核条目'),
    h('thead', null, h('tr', null,
      ['事项', '设定', '引文', '状态', '操作'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, rows.map((row) => h('tr', { dataset: { item: row.item }, class: row.stale ? 'stale' : null },
      h('td', { 'data-label': '事项' },
        h('code', { class: 'item-id' }, row.item),
        row.title ? h('div', null, h('a', { href: policyLink(row.item) }, row.title))
          : h('div', { class: 'muted small' }, '(当前版本中没有此事项)')),
      h('td', { 'data-label': '设定' }, setsCell(row.entry)),
      h('td', { 'data-label': '引文', class: 'quote' }, row.entry.clause ? `“${row.entry.clause}”` : '—'),
      h('td', { 'data-label': '状态' },
        row.stale ? h('span', { class: 'badge stale-badge' }, '引文失效') : h('span', { class: 'badge ok-badge' }, '采用中'),
        h('div', { class: 'muted small' }, OVERRIDE_SOURCE[row.source] ?? row.source,
          row.author ? ` · ${row.author}` : '', row.updated_at ? ` · ${formatTime(row.updated_at)}` : '')),
      h('td', { 'data-label': '操作' },
        h('button', {
          type: 'button', class: 'small ov-edit', 'aria-label': `编辑 ${row.item} 的复核条目`,
          onclick: (event) => openEditor(row, event.currentTarget),
        }, '编辑')))))));
}

function renderIssues() {
  const others = ui.issues.filter((i) => i.code !== 'stale-override');
  if (!others.length) {
    replace(ui.issuesBox);
    return;
  }
  replace(ui.issuesBox, h('details', { class: 'card ov-issue-list' },
    h('summary', null, `规则编译的其他提示(${others.length} 条)`),
    h('ul', null, others.map((i) => h('li', null,
      h('code', null, i.item), ' ', h('span', { class: 'tag' }, RULE_ISSUES[i.code] ?? i.code), ' ', i.message)))));
}

// ---- the editor --------------------------------------------------------------------------

function jsonText(value) {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

function openEditor(row, opener) {
  const entry = row.entry ?? {};
  const id = row.item;
  const clause = h('textarea', { id: 'ov-clause', rows: '3', value: entry.clause ?? '' });
  const clauseCheck = h('p', { class: 'field-help clause-check', id: 'ov-clause-check' });
  const kindName = 'ov-kind-choice';
  const initialKind = entryKind(entry) || 'rule';
  const radio = (value, label) => {
    const inputId = `ov-kind-${value}`;
    return h('span', { class: 'choice' },
      h('input', { type: 'radio', name: kindName, id: inputId, value, checked: initialKind === value }),
      h('label', { for: inputId }, label));
  };
  const context = h('textarea', { id: 'ov-context', rows: '2', value: entry.context ?? '' });
  const rule = h('textarea', { id: 'ov-rule', rows: '6', class: 'code', spellcheck: 'false', value: jsonText(entry.rule) });
  const amounts = h('textarea', { id: 'ov-amounts', rows: '4', class: 'code', spellcheck: 'false', value: jsonText(entry.amounts) });
  const scope = h('textarea', { id: 'ov-scope', rows: '2', class: 'code', spellcheck: 'false', value: jsonText(entry.scope) });
  const note = h('textarea', { id: 'ov-note', rows: '2', value: entry.note ?? '' });
  const reviewedKnown = isDate(entry.reviewed);
  const reviewed = h('input', { id: 'ov-reviewed', type: 'date', value: reviewedKnown ? entry.reviewed : today() });
  const extraValue = Object.fromEntries(Object.entries(entry).filter(([key]) => !KNOWN.includes(key)
    || (key === 'reviewed' && !reviewedKnown)));
  const extra = h('textarea', {
    id: 'ov-extra', rows: '3', class: 'code', spellcheck: 'false',
    value: Object.keys(extraValue).length ? JSON.stringify(extraValue, null, 2) : '',
  });
  const contextField = field('ov-context', OVERRIDE_FIELDS.context, context,
    '为什么企业无需申请(例如“政府工作任务，不设申请条件”)。');
  const ruleField = field('ov-rule', `${OVERRIDE_FIELDS.rule}(JSON)`, rule,
    '规则表达式：{"all": […]}、{"any": […]}、{"not": …}、{"ref": "小微企业"}、{"field": "premises.rents_state_owned", "is": true}、{"field": "industry", "in": ["H62"]} 等；可加 "phrase" 引用原文。');
  const syncKind = () => {
    const value = ui.editing?.form.querySelector(`input[name="${kindName}"]:checked`)?.value ?? initialKind;
    contextField.hidden = value !== 'context';
    ruleField.hidden = value !== 'rule';
  };
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const error = h('div', { class: 'error-box', role: 'alert', hidden: true });
  const source = h('p', { class: 'muted small ov-source' });
  const original = h('div', { class: 'ov-original' }, h('p', { class: 'muted' }, '正在读取事项原文…'));
  const heading = h('h3', { id: 'ov-editor-h', tabindex: '-1' }, `${row.source ? '编辑' : '新建'}复核条目：${id}`);
  const form = h('form', {
    class: 'admin-form ov-editor', novalidate: true,
    onsubmit: (event) => {
      event.preventDefault();
      save();
    },
  },
  field('ov-clause', OVERRIDE_FIELDS.clause, clause, '从事项原文中摘录的一句话(空白不计)；规则依据这句话。'),
  clauseCheck,
  h('fieldset', { class: 'question' },
    h('legend', null, '这一条设定'),
    h('div', { class: 'choices' }, radio('rule', '匹配规则'), radio('context', '背景信息(企业无需申请)'))),
  contextField,
  ruleField,
  field('ov-amounts', `${OVERRIDE_FIELDS.amounts}(JSON 数组，可留空)`, amounts,
    '每项含 label、clause(原文)，以及 fixed_yuan、up_to_yuan 或 rate 与 of；可加 cap_yuan、when。'),
  field('ov-scope', `${OVERRIDE_FIELDS.scope}(JSON，可留空)`, scope,
    '留空使用默认范围(本市)；null 表示不限地区；也可以是一个规则表达式。'),
  field('ov-note', OVERRIDE_FIELDS.note, note, '复核人的说明，例如限制条件或未编码的部分。'),
  field('ov-reviewed', OVERRIDE_FIELDS.reviewed, reviewed),
  field('ov-extra', '其他字段(JSON 对象，可留空)', extra, '上面没有单独输入框的字段。'),
  h('div', { class: 'form-actions' },
    h('button', { type: 'submit', class: 'primary' }, '保存'),
    h('button', { type: 'button', onclick: () => closeEditor() }, '关闭')),
  status,
  error);
  form.addEventListener('change', (event) => {
    if (event.target.name === kindName) syncKind();
  });

  ui.editing = {
    id, row, opener, form, heading, clause, clauseCheck, context, rule, amounts, scope, note,
    reviewed, extra, status, error, source, kindName, itemText: null,
  };
  syncKind();
  describeSource(row);
  replace(ui.editorBox, h('section', { class: 'card ov-editor-card', 'aria-labelledby': 'ov-editor-h' },
    heading,
    source,
    row.stale ? h('p', { class: 'notice-warn' }, '引文已不在事项原文中，此条目目前未被采用。请按原文修改引文。') : null,
    h('details', { class: 'ov-original-box' }, h('summary', null, '事项原文'), original),
    form));
  clause.addEventListener('input', checkClause);
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
  loadItem(id, original);
}

function describeSource(row) {
  const e = ui.editing;
  if (!e) return;
  const parts = [];
  if (row.title) parts.push(`事项：${row.title}`);
  if (row.source) parts.push(`来源：${OVERRIDE_SOURCE[row.source] ?? row.source}`);
  if (row.author) parts.push(`修改人：${row.author}`);
  if (row.updated_at) parts.push(`修改时间：${formatTime(row.updated_at)}`);
  e.source.textContent = parts.join('；');
}

function closeEditor() {
  const e = ui?.editing;
  if (!e) return;
  ui.editing = null;
  replace(ui.editorBox);
  // Back to the row's button (the table may have been redrawn since).
  const again = [...ui.table.querySelectorAll('tr[data-item]')].find((tr) => tr.dataset.item === e.id)
    ?.querySelector('button');
  (again ?? (e.opener?.isConnected ? e.opener : ui.filter)).focus();
}

async function loadItem(id, box) {
  const cut = id.lastIndexOf('/');
  let item;
  try {
    item = await api.policy(id.slice(0, cut), id.slice(cut + 1), {});
  } catch (error) {
    if (ui?.editing?.id !== id) return;
    replace(box, h('p', { class: 'muted' }, error.status === 404
      ? '当前版本中没有此事项：保存会被拒绝。' : `无法读取事项原文：${error.message}`));
    return;
  }
  if (ui?.editing?.id !== id) return;
  ui.editing.itemText = `${item.title ?? ''}${item.content ?? ''}`;
  replace(box,
    h('p', null, h('strong', null, item.title)),
    h('p', { class: 'ov-original-text' }, item.content ?? ''),
    h('p', null, h('a', { href: policyLink(id) }, '打开政策页')));
  checkClause();
}

const squeeze = (text) => String(text ?? '').replace(/\s+/g, '');

function checkClause() {
  const e = ui?.editing;
  if (!e || e.itemText === null) return;
  const quote = squeeze(e.clause.value);
  if (!quote) {
    e.clauseCheck.textContent = '';
  } else if (squeeze(e.itemText).includes(quote)) {
    e.clauseCheck.textContent = '✓ 引文在事项原文中。';
    e.clauseCheck.className = 'field-help clause-check ok';
  } else {
    e.clauseCheck.textContent = '⚠ 事项原文中没有这句引文：保存后条目会标为“引文失效”，不被采用。';
    e.clauseCheck.className = 'field-help clause-check warn';
  }
  const described = new Set((e.clause.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
  described.add('ov-clause-check');
  e.clause.setAttribute('aria-describedby', [...described].join(' '));
}

class FieldProblem extends Error {
  constructor(control, message) {
    super(message);
    this.control = control;
  }
}

function parseJson(control, label, { allowNull = false, type }) {
  const text = control.value.trim();
  if (!text) return undefined;
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FieldProblem(control, `${label}不是有效的 JSON：${error.message}`);
  }
  if (value === null && allowNull) return null;
  if (type === 'array' && !Array.isArray(value)) throw new FieldProblem(control, `${label}应为 JSON 数组 […]。`);
  if (type === 'object' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    throw new FieldProblem(control, `${label}应为 JSON 对象 {…}。`);
  }
  return value;
}

/** The entry the form describes; a FieldProblem names the control at fault. */
function collect(e) {
  const entry = { item: e.id };
  const extra = parseJson(e.extra, '其他字段', { type: 'object' }) ?? {};
  for (const key of Object.keys(extra)) {
    if (KNOWN.includes(key) && !(key === 'reviewed' && !e.reviewed.value)) {
      throw new FieldProblem(e.extra, `“${key}”请在上面的${OVERRIDE_FIELDS[key] ?? key}中填写。`);
    }
  }
  Object.assign(entry, extra);
  entry.clause = e.clause.value.trim();
  const kind = e.form.querySelector(`input[name="${e.kindName}"]:checked`)?.value;
  if (kind === 'context') {
    entry.context = e.context.value.trim();
    if (!entry.context) throw new FieldProblem(e.context, '请填写背景信息说明。');
  } else {
    const rule = parseJson(e.rule, '规则', { type: 'object' });
    if (rule === undefined) throw new FieldProblem(e.rule, '请填写规则(JSON 对象)。');
    entry.rule = rule;
  }
  const amounts = parseJson(e.amounts, '金额估算', { type: 'array' });
  if (amounts !== undefined && amounts.length) entry.amounts = amounts;
  const scope = parseJson(e.scope, '适用范围', { allowNull: true, type: 'object' });
  if (scope !== undefined) entry.scope = scope;
  entry.note = e.note.value.trim();
  if (e.reviewed.value) entry.reviewed = e.reviewed.value;
  return entry;
}

/** The control a server error's field ("rule.all.1", "clause", "body") points at. */
function controlFor(e, errorField) {
  const top = String(errorField || '').split('.')[0];
  const controls = {
    clause: e.clause, context: e.context, rule: e.rule, amounts: e.amounts, scope: e.scope,
    note: e.note, reviewed: e.reviewed,
  };
  if (controls[top]) return controls[top];
  if (top && top !== 'body' && top !== 'item' && e.extra.value.includes(`"${top}"`)) return e.extra;
  return null;
}

async function save() {
  const e = ui?.editing;
  if (!e) return;
  clearFieldErrors(e.form);
  showError(e.error, '');
  let entry;
  try {
    entry = collect(e);
  } catch (problem) {
    if (!(problem instanceof FieldProblem)) throw problem;
    setFieldError(problem.control, problem.message);
    problem.control.focus();
    return;
  }
  const token = getToken();
  if (!token) {
    showError(e.error, NO_TOKEN_MESSAGE);
    return;
  }
  const before = e.status.textContent;
  e.status.textContent = '正在保存…';
  let answer;
  try {
    answer = await api.putOverride(e.id, entry, token);
  } catch (error) {
    if (ui?.editing !== e) return;
    if (isAuthError(error)) {
      e.status.textContent = before;
      showError(e.error, AUTH_MESSAGE);
      return;
    }
    e.status.textContent = '';
    const control = controlFor(e, error.field);
    const label = OVERRIDE_FIELDS[String(error.field || '').split('.')[0]];
    const where = error.field && error.field !== 'body' ? `(字段：${label ? `${label} ` : ''}${error.field})` : '';
    showError(e.error, `未保存：${error.message}${where}`);
    if (control) {
      setFieldError(control, `${error.message}${error.field.includes('.') ? `(位置：${error.field})` : ''}`);
      control.closest('[hidden]')?.removeAttribute('hidden');
      control.focus();
    }
    return;
  }
  if (ui?.editing !== e) return;
  const stale = (answer.issues ?? []).some((i) => i.code === 'stale-override');
  e.status.textContent = stale
    ? '已保存。但引文不在事项原文中，此条目不会被采用。'
    : '已保存。“我能享受哪些政策”从现在起按此条目判断。';
  dataChanged();
  await load();
  const row = ui?.rows.find((r) => r.item === e.id);
  if (row && ui?.editing === e) {
    e.row = row;
    describeSource(row);
    e.heading.textContent = `编辑复核条目：${e.id}`;
  }
}
