// Pieces the staff screens share: the token (sessionStorage only, so it goes with the tab and
// never outlives the session), messages for refused tokens, field errors and small formatters.

import { h, replace } from './dom.js';
import { SEVERITY } from './labels.js';

const TOKEN_KEY = 'huiqi.admin-token';

/** The token entered in this tab, or ''. */
export function getToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  } catch {
    return '';
  }
}

export function setToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage refused (private mode): the token then lasts until the page is left.
  }
}

export const NO_TOKEN_MESSAGE = '请先在上方“管理令牌”处输入令牌。未作任何更改。';
export const AUTH_MESSAGE = '管理令牌无效或已撤销，服务器拒绝了此操作，未作任何更改。请检查上方的“管理令牌”后重试。';

/** True when the server refused the token (or the lack of one). */
export function isAuthError(error) {
  return error?.status === 401;
}

/** Shows message in an .error-box (role=alert), or hides the box when message is empty. */
export function showError(box, ...message) {
  const empty = message.every((m) => m === '' || m === null || m === undefined);
  box.hidden = empty;
  replace(box, empty ? null : message);
}

/**
 * Marks a control invalid with message shown right after it (or after `after`), described by
 * it for screen readers.
 */
export function setFieldError(control, message, after = control) {
  const id = `${control.id}-error`;
  let note = document.getElementById(id);
  if (!note) {
    note = h('p', { id, class: 'field-error' });
    after.after(note);
  }
  note.textContent = message;
  control.setAttribute('aria-invalid', 'true');
  const described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  if (!described.includes(id)) control.setAttribute('aria-describedby', [...described, id].join(' '));
}

/** Clears every field error set inside root. */
export function clearFieldErrors(root) {
  for (const control of root.querySelectorAll('[aria-invalid="true"]')) {
    control.removeAttribute('aria-invalid');
    const id = `${control.id}-error`;
    const described = (control.getAttribute('aria-describedby') || '').split(' ')
      .filter((d) => d && d !== id);
    if (described.length) control.setAttribute('aria-describedby', described.join(' '));
    else control.removeAttribute('aria-describedby');
    document.getElementById(id)?.remove();
  }
}

/** "2026-11-26T08:53:51Z" → "2026-11-26 16:53" in local time; other text as it is. */
export function formatTime(iso) {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return iso ? String(iso) : '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const SEVERITY_ORDER = ['error', 'warning', 'info'];

/** "1 个错误，3 个警告，2 条提示" for a diagnostics array. */
export function diagnosticsSummary(diagnostics) {
  const count = (s) => diagnostics.filter((d) => d.severity === s).length;
  return `${count('error')} 个错误，${count('warning')} 个警告，${count('info')} 条提示`;
}

/**
 * Diagnostics as a table (级别, 代码, 行, 说明), errors first, then by line. On a phone each row
 * becomes a block with its labels (CSS, from data-label).
 */
export function diagnosticsTable(diagnostics, caption) {
  const rows = diagnostics.slice().sort((a, b) =>
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)
    || (a.line ?? 0) - (b.line ?? 0));
  return h('table', { class: 'data-table diag-table' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, '级别'), h('th', { scope: 'col' }, '代码'),
      h('th', { scope: 'col' }, '行'), h('th', { scope: 'col' }, '说明'))),
    h('tbody', null, rows.map((d) => h('tr', { class: `diag diag-${d.severity}` },
      h('td', { 'data-label': '级别' },
        h('span', { class: `badge severity-${d.severity}` }, SEVERITY[d.severity] ?? d.severity)),
      h('td', { 'data-label': '代码' }, h('code', null, d.code)),
      h('td', { 'data-label': '行', class: 'num' },
        d.line ? `第 ${d.line} 行${d.column ? `，第 ${d.column} 列` : ''}` : '—'),
      h('td', { 'data-label': '说明' }, d.message_zh || d.message,
        d.field ? h('span', { class: 'muted small' }, `(字段：${d.field})`) : null)))));
}
