// 导入清单: POST /lists with the file as the body and id, format, encoding and name as
// parameters. Shows the new version (or that nothing changed), the item count and every
// diagnostic; a refused file shows the server's message, the field it names and the lines.

import { ApiError, api } from './api.js';
import {
  AUTH_MESSAGE, NO_TOKEN_MESSAGE, clearFieldErrors, diagnosticsSummary, diagnosticsTable,
  getToken, isAuthError, setFieldError, showError,
} from './admin-common.js';
import { field, h, replace } from './dom.js';
import { IMPORT_ENCODINGS, IMPORT_FORMATS } from './labels.js';
import { dataChanged, route, searchLink } from './state.js';

const MAX_BYTES = 20 * 1024 * 1024;  // the server's limit
const ACCEPT = '.txt,.text,.html,.htm,.csv,.json,text/plain,text/html,text/csv,application/json';

let ui;

export async function mount(panel, _route, context) {
  const file = h('input', { id: 'imp-file', type: 'file', accept: ACCEPT, required: true });
  const listId = h('input', {
    id: 'imp-id', type: 'text', autocomplete: 'off', spellcheck: 'false', list: 'imp-id-options',
    maxlength: '128',
  });
  const ids = h('datalist', { id: 'imp-id-options' });
  const format = h('select', { id: 'imp-format' },
    IMPORT_FORMATS.map(([value, label]) => h('option', { value }, label)));
  const encoding = h('select', { id: 'imp-encoding' },
    IMPORT_ENCODINGS.map(([value, label]) => h('option', { value }, label)));
  const name = h('input', {
    id: 'imp-name', type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: '255',
  });
  let autoName = '';
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    // The file's own name, unless the user typed another one.
    if (chosen && (!name.value || name.value === autoName)) {
      name.value = chosen.name;
      autoName = chosen.name;
    }
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, '导入');
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const error = h('div', { class: 'error-box', role: 'alert', hidden: true });
  const form = h('form', { class: 'admin-form import-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); send(); } },
    field('imp-file', '清单文件', file,
      '文本(从网页复制的清单)、HTML 表格、CSV 或本系统导出的 JSON；UTF-8 或 GB18030 编码；不超过 20 MB。文件有错误时不会导入任何内容。'),
    h('div', { class: 'form-grid' },
      field('imp-id', '清单编号', listId,
        '导入为已有清单的新版本时，填写(或选择)其编号；留空则用文件名(不含扩展名)。'),
      field('imp-name', '文件名', name, '用于识别格式和诊断信息；默认是所选文件的名称。'),
      field('imp-format', '格式', format),
      field('imp-encoding', '编码', encoding)),
    ids,
    h('div', { class: 'form-actions' }, submit),
    status,
    error);
  ui = {
    context, form, file, listId, ids, format, encoding, name, submit, status, error,
    result: h('div', { class: 'import-result' }),
  };
  replace(panel,
    h('h2', { id: 'admin-panel-h', tabindex: '-1' }, '导入清单'),
    h('p', { class: 'lead' },
      '上传新发布的清单文件。内容与最新版本不同时成为该清单的下一个版本，搜索和统计立即使用新数据；内容相同则不作更改。'),
    form,
    ui.result);
  fillIds();
}

export function unmount() {
  ui = null;
}

async function fillIds() {
  try {
    const data = await ui.context.lists();
    if (!ui) return;
    replace(ui.ids, (data.lists ?? []).map((list) =>
      h('option', { value: list.id }, `${list.title || list.id}(第 ${list.latest_version} 版)`)));
    // One list: a new edition of it is the usual case.
    if (data.lists?.length === 1 && !ui.listId.value) ui.listId.placeholder = `例如 ${data.lists[0].id}`;
  } catch {
    // The field works without suggestions.
  }
}

/** The form control a server error's field names. */
function controlFor(fieldName) {
  switch (fieldName) {
    case 'id': return ui.listId;
    case 'name': return ui.name;
    case 'format': return ui.format;
    case 'encoding': return ui.encoding;
    case 'body': case 'Content-Type': return ui.file;
    default: return null;
  }
}

async function send() {
  const mine = ui;
  clearFieldErrors(mine.form);
  showError(mine.error, '');
  const chosen = mine.file.files?.[0];
  if (!chosen) {
    setFieldError(mine.file, '请选择要导入的清单文件。');
    mine.file.focus();
    return;
  }
  if (chosen.size > MAX_BYTES) {
    setFieldError(mine.file, `文件有 ${(chosen.size / 1048576).toFixed(1)} MB，超过 20 MB 的上限。`);
    mine.file.focus();
    return;
  }
  const token = getToken();
  if (!token) {
    showError(mine.error, NO_TOKEN_MESSAGE);
    return;
  }
  const params = {
    id: mine.listId.value.trim(),
    name: mine.name.value.trim() || chosen.name,
    format: mine.format.value === 'auto' ? '' : mine.format.value,
    encoding: mine.encoding.value === 'auto' ? '' : mine.encoding.value,
  };
  const before = mine.status.textContent;
  mine.submit.disabled = true;
  mine.status.textContent = `正在导入 ${chosen.name}…`;
  let report;
  try {
    report = await api.importList(chosen, params, token);
  } catch (error) {
    if (!ui || ui !== mine) return;
    mine.submit.disabled = false;
    if (isAuthError(error)) {
      // Nothing else on the screen changes: the earlier result stays as it was.
      mine.status.textContent = before;
      showError(mine.error, AUTH_MESSAGE);
      return;
    }
    mine.status.textContent = '';
    failed(error);
    return;
  }
  if (!ui || ui !== mine) return;
  mine.submit.disabled = false;
  const entry = report.imports?.[0] ?? {};
  mine.status.textContent = entry.unchanged
    ? `内容与第 ${entry.version} 版相同，未作更改。`
    : `已导入为第 ${entry.version} 版。`;
  if (!entry.unchanged) {
    dataChanged();
    ui.context.reloadLists().catch(() => {});
    fillIds();
  }
  renderReport(entry);
}

function failed(error) {
  const fieldName = error instanceof ApiError ? error.field : '';
  const control = controlFor(fieldName);
  const files = error?.data?.files ?? [];
  const diagnostics = files.flatMap((f) => f.diagnostics ?? []);
  const firstError = diagnostics.find((d) => d.severity === 'error');
  const where = [];
  if (fieldName) where.push(`字段：${fieldName}`);
  if (firstError?.line) where.push(`第 ${firstError.line} 行`);
  showError(ui.error, `导入失败：${error.message}`, where.length ? `(${where.join('，')})` : '');
  if (control) setFieldError(control, error.message);
  if (!diagnostics.length) {
    replace(ui.result);
    return;
  }
  // A refused file: every diagnostic, errors first, so the lines can be fixed.
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const heading = h('h3', { id: 'import-result-h', tabindex: '-1' }, '文件有错误，未导入');
  replace(ui.result, h('section', { class: 'card import-report failed', 'aria-labelledby': 'import-result-h' },
    heading,
    h('p', null, `${files[0]?.file ?? ''}：${diagnosticsSummary(diagnostics)}。请改正以下 ${errors} 个错误后重新导入。`),
    diagnosticsTable(diagnostics, '导入诊断')));
}

function renderReport(entry) {
  const diagnostics = entry.diagnostics ?? [];
  const title = entry.unchanged
    ? `未作更改：与 ${entry.list} 第 ${entry.version} 版相同`
    : `已导入：${entry.list} 第 ${entry.version} 版`;
  const categories = (entry.categories ?? []).map((c) => `${c.name} ${c.items} 项`).join('、');
  const links = [];
  if (!entry.unchanged && entry.version > 1) {
    links.push(h('a', {
      class: 'button small',
      href: route(['admin', 'diff'], { from: `${entry.list}@${entry.version - 1}`, to: `${entry.list}@${entry.version}` }),
    }, `与第 ${entry.version - 1} 版对比`));
  }
  links.push(h('a', { class: 'button small', href: searchLink('list', entry.list) }, '在搜索中查看'));
  const heading = h('h3', { id: 'import-result-h', tabindex: '-1' }, title);
  replace(ui.result, h('section', { class: 'card import-report', 'aria-labelledby': 'import-result-h' },
    heading,
    h('dl', { class: 'summary-list' },
      h('div', null, h('dt', null, '清单'), h('dd', null, entry.list)),
      h('div', null, h('dt', null, '版本'),
        h('dd', { class: 'import-version' }, entry.unchanged ? `第 ${entry.version} 版(未变)` : `第 ${entry.version} 版(新)`)),
      h('div', null, h('dt', null, '事项'), h('dd', { class: 'import-items' }, `${entry.items} 项`)),
      categories ? h('div', null, h('dt', null, '类别'), h('dd', null, categories)) : null,
      h('div', null, h('dt', null, '诊断'), h('dd', null, diagnosticsSummary(diagnostics)))),
    h('div', { class: 'form-actions' }, links),
    diagnostics.length
      ? [h('h4', null, `诊断(${diagnostics.length} 条)`), diagnosticsTable(diagnostics, '导入诊断')]
      : h('p', null, '没有诊断信息。')));
  heading.focus();
}
