// 我能享受哪些政策: a short questionnaire, POST /match, and the answer grouped 可以享受 /
// 可能可以 (with the questions that would settle it) / 不符合, with reasons, amounts and the
// departments to contact. Follow-up questions come from the answer itself; answering them
// refines the profile and asks again.

import { api, ApiError } from './api.js';
import { h, isDate, replace, today, uid } from './dom.js';
import { ENTITY_TYPES, INDUSTRIES, REGIONS, statusBadge } from './labels.js';
import { getAsOf, onDataChange, policyLink, searchLink, setAsOf } from './state.js';

/** Fields the first form asks; follow-ups on them point back to the form. */
const BASE_FIELDS = {
  entity_type: 'q-entity',
  industry: 'q-industry',
  region: 'q-region',
  employees: 'q-employees',
  revenue_10k_yuan: 'q-revenue',
  'trade.exporter': 'q-exporter',
  'premises.rents_state_owned': 'q-rents',
};
const FOLLOW_UP_PREVIEW = 5;

// Kept while the page is open, so going to a policy and back shows the same answer.
const saved = {
  base: {},      // control id → value
  extra: {},     // dotted path → value (follow-up answers)
  asOf: null,
  result: null,
};

// An answer computed on data that has since changed would mislead: drop it.
onDataChange(() => { saved.result = null; });

let ui;
let schemaPromise;

export async function mount(main) {
  document.title = '我能享受哪些政策 · 惠企政策查询';
  ui = { results: h('section', { class: 'match-results', 'aria-labelledby': 'results-h', hidden: true }) };
  const form = buildForm();
  replace(main,
    h('section', { class: 'page-head' },
      h('h1', null, '我能享受哪些政策'),
      h('p', { class: 'lead' },
        '回答几个问题，看看哪些扶持政策适合您。不确定的可以不填，系统会告诉您还需要确认什么。')),
    form,
    ui.results);
  if (saved.result) renderResult(saved.result);
}

export function unmount() {
  ui = null;
}

// ---- the first form -------------------------------------------------------------------------

function radioGroup(id, legend, options, help) {
  const current = saved.base[id] ?? '';
  return h('fieldset', { class: 'question', id },
    h('legend', null, legend),
    help ? h('p', { class: 'field-help' }, help) : null,
    h('div', { class: 'choices' }, options.map(([value, label]) => {
      const inputId = uid(id);
      return h('span', { class: 'choice' },
        h('input', { type: 'radio', name: id, id: inputId, value, checked: current === value }),
        h('label', { for: inputId }, label));
    })));
}

function yesNo(id, legend, help) {
  return radioGroup(id, legend, [['true', '是'], ['false', '否'], ['', '不清楚']], help);
}

function numberField(id, label, unit, help) {
  return h('div', { class: 'question' },
    h('label', { for: id }, label),
    help ? h('p', { class: 'field-help', id: `${id}-help` }, help) : null,
    h('div', { class: 'with-unit' },
      h('input', {
        id, type: 'number', min: '0', step: 'any', inputmode: 'decimal',
        value: saved.base[id] ?? '', 'aria-describedby': help ? `${id}-help` : null,
      }),
      h('span', { class: 'unit', 'aria-hidden': 'true' }, unit)));
}

function regionQuestion() {
  const select = h('select', { id: 'q-region', 'aria-describedby': 'q-region-help' },
    h('option', { value: '' }, '不清楚'),
    h('optgroup', { label: '辽阳市' }, REGIONS.map(([code, name]) => h('option', { value: code }, name))),
    h('option', { value: 'other' }, '其他地区(填写行政区划代码)'));
  select.value = saved.base['q-region'] ?? '';
  const code = h('input', {
    id: 'q-region-code', type: 'text', inputmode: 'numeric', autocomplete: 'off', pattern: '[0-9]{6}',
    value: saved.base['q-region-code'] ?? '',
  });
  const codeBox = h('div', { class: 'question sub-question', hidden: select.value !== 'other' },
    h('label', { for: 'q-region-code' }, '行政区划代码(6 位数字)'), code);
  select.addEventListener('change', () => { codeBox.hidden = select.value !== 'other'; });
  return [h('div', { class: 'question' },
    h('label', { for: 'q-region' }, '3. 所在地区'),
    h('p', { class: 'field-help', id: 'q-region-help' }, '很多政策由区县落实，选择所在区县结果更准确。'),
    select), codeBox];
}

function buildForm() {
  const industry = h('select', { id: 'q-industry' },
    h('option', { value: '' }, '— 请选择 —'),
    INDUSTRIES.map(([code, name]) => h('option', { value: code }, `${name} (${code})`)),
    h('option', { value: 'other' }, '其他(填写行业代码)'));
  const customCode = h('input', {
    id: 'q-industry-code', type: 'text', inputmode: 'text', autocomplete: 'off',
    pattern: '[A-Ta-t]|[A-Ta-t]?[0-9]{2,4}', value: saved.base['q-industry-code'] ?? '',
    'aria-describedby': 'q-industry-code-help',
  });
  const customBox = h('div', { class: 'question sub-question', hidden: true },
    h('label', { for: 'q-industry-code' }, '行业代码'),
    h('p', { class: 'field-help', id: 'q-industry-code-help' },
      '国民经济行业分类(GB/T 4754-2017)代码，如 H6210(正餐服务)、F5261(汽车零售)、C(制造业)。'),
    customCode);
  industry.value = saved.base['q-industry'] ?? '';
  const syncCustom = () => { customBox.hidden = industry.value !== 'other'; };
  industry.addEventListener('change', syncCustom);
  syncCustom();

  const asOf = h('input', { id: 'q-as-of', type: 'date', value: saved.asOf ?? getAsOf() });
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const form = h('form', {
    class: 'card questionnaire', 'aria-label': '企业情况问卷', novalidate: true,
    onsubmit: (event) => {
      event.preventDefault();
      submit(form, status);
    },
  },
  radioGroup('q-entity', '1. 主体类型', [...ENTITY_TYPES, ['', '不确定']]),
  h('div', { class: 'question' },
    h('label', { for: 'q-industry' }, '2. 所属行业'),
    industry),
  customBox,
  regionQuestion(),
  numberField('q-employees', '4. 从业人员', '人', '包括本人和家庭帮工在内的在岗人数。'),
  numberField('q-revenue', '5. 上一年度营业收入', '万元', '新开业的可以填预计数，不清楚可以不填。'),
  yesNo('q-exporter', '6. 是否有出口业务'),
  yesNo('q-rents', '7. 是否承租国有房屋从事生产经营',
    '包括承租国有企业和行政事业单位的房屋。'),
  h('div', { class: 'question' },
    h('label', { for: 'q-as-of' }, '按哪一天判断政策是否有效'),
    h('div', { class: 'inline' }, asOf,
      h('button', { type: 'button', class: 'link-button', onclick: () => { asOf.value = today(); } }, '今天'))),
  h('div', { class: 'form-actions' },
    h('button', { type: 'submit', class: 'primary' }, '看看我能享受哪些政策'),
    h('button', { type: 'button', class: 'secondary', onclick: () => reset(form) }, '重新填写')),
  status);
  return form;
}

function reset(form) {
  saved.base = {};
  saved.extra = {};
  saved.result = null;
  saved.asOf = null;
  form.reset();
  for (const sub of form.querySelectorAll('.sub-question')) sub.hidden = true;
  if (ui) {
    ui.results.hidden = true;
    replace(ui.results);
  }
  form.querySelector('input')?.focus();
}

function readBase(form) {
  const base = {};
  for (const el of form.querySelectorAll('input, select')) {
    if (el.type === 'radio') {
      if (el.checked) base[el.name] = el.value;
    } else if (el.id) {
      base[el.id] = el.value;
    }
  }
  return base;
}

function setPath(object, path, value) {
  const parts = path.split('.');
  let node = object;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part];
  }
  node[parts.at(-1)] = value;
}

/** The profile: only what the user said; what is left blank stays unknown. */
function buildProfile(base, extra) {
  const profile = {};
  const number = (text) => {
    if (text === undefined || text === '') return undefined;
    const n = Number(text);
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const bool = (text) => (text === 'true' ? true : text === 'false' ? false : undefined);
  if (base['q-entity']) profile.entity_type = base['q-entity'];
  const industry = base['q-industry'] === 'other' ? (base['q-industry-code'] || '').trim().toUpperCase()
    : base['q-industry'];
  if (industry) profile.industry = industry;
  const region = base['q-region'] === 'other' ? (base['q-region-code'] || '').trim() : base['q-region'];
  if (region) profile.region = region;
  const employees = number(base['q-employees']);
  if (employees !== undefined) profile.employees = employees;
  const revenue = number(base['q-revenue']);
  if (revenue !== undefined) profile.revenue_10k_yuan = revenue;
  const exporter = bool(base['q-exporter']);
  if (exporter !== undefined) setPath(profile, 'trade.exporter', exporter);
  const rents = bool(base['q-rents']);
  if (rents !== undefined) setPath(profile, 'premises.rents_state_owned', rents);
  for (const [path, value] of Object.entries(extra)) {
    if (value !== undefined && value !== null && !(path in BASE_FIELDS)) setPath(profile, path, value);
  }
  return profile;
}

function validate(form, base) {
  const problems = [];
  for (const id of ['q-employees', 'q-revenue']) {
    const value = base[id];
    if (value !== '' && value !== undefined && !(Number(value) >= 0)) {
      problems.push([id, '请填写不小于 0 的数字，或留空。']);
    }
  }
  if (base['q-industry'] === 'other' && base['q-industry-code']
      && !/^([A-Ta-t]|[A-Ta-t]?[0-9]{2,4})$/.test(base['q-industry-code'].trim())) {
    problems.push(['q-industry-code', '行业代码应为一个字母(如 H)或 2–4 位数字(可带字母，如 H6210)。']);
  }
  if (base['q-region'] === 'other' && base['q-region-code'] && !/^[0-9]{6}$/.test(base['q-region-code'].trim())) {
    problems.push(['q-region-code', '行政区划代码为 6 位数字，如 211002(白塔区)。']);
  }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const [id, message] of problems) {
    const el = form.querySelector(`#${id}`);
    el.setAttribute('aria-invalid', 'true');
    el.closest('.question')?.append(h('p', { class: 'field-error' }, message));
  }
  if (problems.length) form.querySelector(`#${problems[0][0]}`).focus();
  return problems.length === 0;
}

async function submit(form, status) {
  const base = readBase(form);
  if (!validate(form, base)) {
    status.textContent = '请修改标出的问题。';
    return;
  }
  saved.base = base;
  const asOf = isDate(base['q-as-of']) ? base['q-as-of'] : getAsOf();
  saved.asOf = asOf;
  setAsOf(asOf);
  await ask(status);
}

async function ask(status) {
  const profile = buildProfile(saved.base, saved.extra);
  status.textContent = '正在匹配…';
  const button = document.querySelector('.questionnaire button[type=submit]');
  if (button) button.disabled = true;
  try {
    const result = await api.match(profile, { as_of: saved.asOf ?? getAsOf() });
    saved.result = result;
    status.textContent = '';
    if (!ui) return;
    renderResult(result);
    ui.results.querySelector('#results-h')?.focus();
  } catch (error) {
    status.textContent = error instanceof ApiError ? error.message : '匹配失败，请稍后重试。';
  } finally {
    if (button) button.disabled = false;
  }
}

// ---- follow-up questions -------------------------------------------------------------------

/** The enterprise profile's JSON Schema (data/profile.schema.json, served by the API). */
function loadSchema() {
  schemaPromise ??= api.profileSchema().catch(() => null);
  return schemaPromise;
}

/** The schema's node for a dotted field path ($refs into its $defs followed), or null. */
function fieldSpec(schema, path) {
  const resolve = (n) => {
    for (let i = 0; i < 5 && typeof n?.$ref === 'string' && n.$ref.startsWith('#/'); ++i) {
      n = n.$ref.slice(2).split('/').reduce((x, k) => x?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], schema);
    }
    return n;
  };
  let node = schema;
  for (const part of path.split('.')) node = resolve(node)?.properties?.[part];
  return resolve(node) ?? null;
}

/** boolean | number | choice | set | code | null, with labels for choice and set. */
function describe(spec, question) {
  const text = question.question || '';
  const unitMatch = text.match(/[(（]([^()（）]*?(人|万元|元|%|万美元))[)）][?？]?$/);
  if (spec) {
    const types = [spec.type].flat().filter(Boolean);
    if (types.includes('boolean')) return { kind: 'boolean' };
    if (types.includes('number') || types.includes('integer')) {
      return { kind: 'number', unit: spec['x-unit'] ?? unitMatch?.[1] ?? '' };
    }
    if (types.includes('array')) {
      const values = spec.items?.enum ?? Object.keys(spec['x-labels'] ?? {});
      return { kind: 'set', values, labels: spec['x-labels'] ?? {} };
    }
    const values = (spec.enum ?? []).filter((v) => v !== null);
    if (values.length) return { kind: 'choice', values, labels: spec['x-labels'] ?? {} };
    if (spec.anyOf || spec.pattern) return { kind: 'code' };
  }
  if (unitMatch) return { kind: 'number', unit: unitMatch[1] };
  if (/是否/.test(text)) return { kind: 'boolean' };
  return null;
}

function followUpControl(question, info, index) {
  const path = question.field;
  const id = `fu-${index}`;
  const current = saved.extra[path];
  const count = question.items?.length ?? 0;
  const about = count ? h('span', { class: 'muted' }, ` (涉及 ${count} 项政策)`) : null;
  switch (info.kind) {
    case 'boolean': {
      const name = `fu-${index}`;
      const options = [['true', '是'], ['false', '否'], ['', '不清楚']];
      return h('fieldset', { class: 'question', 'data-field': path, 'data-kind': 'boolean' },
        h('legend', null, question.question, about),
        h('div', { class: 'choices' }, options.map(([value, label]) => {
          const inputId = uid(name);
          const checked = value === '' ? current === undefined : String(current) === value;
          return h('span', { class: 'choice' },
            h('input', { type: 'radio', name, id: inputId, value, checked }),
            h('label', { for: inputId }, label));
        })));
    }
    case 'number':
      return h('div', { class: 'question', 'data-field': path, 'data-kind': 'number' },
        h('label', { for: id }, question.question, about),
        h('div', { class: 'with-unit' },
          h('input', { id, type: 'number', min: '0', step: 'any', inputmode: 'decimal', value: current ?? '' }),
          info.unit ? h('span', { class: 'unit', 'aria-hidden': 'true' }, info.unit) : null));
    case 'choice':
      return h('div', { class: 'question', 'data-field': path, 'data-kind': 'choice' },
        h('label', { for: id }, question.question, about),
        h('select', { id },
          h('option', { value: '' }, '不清楚'),
          info.values.map((v) => h('option', { value: v, selected: current === v }, info.labels[v] ?? v))));
    case 'code':
      return h('div', { class: 'question', 'data-field': path, 'data-kind': 'code' },
        h('label', { for: id }, question.question, about),
        h('input', { id, type: 'text', autocomplete: 'off', value: current ?? '' }));
    default:
      return null;
  }
}

function readFollowUps(box) {
  for (const q of box.querySelectorAll('[data-field]')) {
    const path = q.dataset.field;
    let value;
    switch (q.dataset.kind) {
      case 'boolean': {
        const checked = q.querySelector('input:checked')?.value ?? '';
        value = checked === 'true' ? true : checked === 'false' ? false : undefined;
        break;
      }
      case 'number': {
        const text = q.querySelector('input').value;
        const n = Number(text);
        value = text !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
        break;
      }
      case 'choice':
        value = q.querySelector('select').value || undefined;
        break;
      case 'set': {
        const boxes = [...q.querySelectorAll('input[type=checkbox]')];
        const none = boxes.find((b) => b.dataset.none)?.checked;
        const values = boxes.filter((b) => !b.dataset.none && b.checked).map((b) => b.value);
        value = values.length ? values : none ? [] : undefined;
        break;
      }
      case 'code':
        value = q.querySelector('input').value.trim() || undefined;
        break;
      default:
        break;
    }
    if (value === undefined) delete saved.extra[path];
    else saved.extra[path] = value;
  }
}

/**
 * A set field (资质认定, 计划): the profile states the whole set or nothing, so the user ticks
 * every value that holds, or "以上都没有". The values the answer asked about come first.
 */
function followUpSet(path, asked, info, spec, index) {
  const id = `fu-${index}`;
  const current = saved.extra[path];
  const chosen = new Set(Array.isArray(current) ? current : []);
  // The values asked about: named by their own question, or by their label in the question.
  const first = info.values.filter((value) => asked.some((q) => q.question === spec?.['x-questions']?.[value]
    || (info.labels[value] && q.question.includes(info.labels[value]))));
  const values = [...new Set([...first, ...info.values])];
  const items = new Set(asked.flatMap((q) => q.items ?? []));
  const box = (value, label, none) => {
    const inputId = uid(id);
    return h('span', { class: `choice${first.includes(value) ? ' asked' : ''}` },
      h('input', {
        type: 'checkbox', id: inputId, value,
        'data-none': none ? 'true' : null,
        checked: none ? Array.isArray(current) && current.length === 0 : chosen.has(value),
      }),
      h('label', { for: inputId }, label));
  };
  const exclusive = (event) => {
    const target = event.target;
    if (!target.checked) return;
    for (const other of event.currentTarget.querySelectorAll('input[type=checkbox]')) {
      if (other !== target && Boolean(other.dataset.none) !== Boolean(target.dataset.none)) {
        other.checked = false;
      }
    }
  };
  return h('fieldset', { class: 'question', 'data-field': path, 'data-kind': 'set', onchange: exclusive },
    h('legend', null, spec?.['x-question'] ?? asked[0].question,
      items.size ? h('span', { class: 'muted' }, ` (涉及 ${items.size} 项政策)`) : null),
    h('p', { class: 'field-help' },
      first.length ? '加粗的几项与您可能享受的政策有关。' : '',
      '请勾选所有符合的项；都没有就勾选“以上都没有”。'),
    h('div', { class: 'choices grid' },
      values.map((v) => box(v, info.labels[v] ?? v, false)),
      box('', '以上都没有', true)));
}

async function renderFollowUps(box, questions) {
  const schema = await loadSchema();
  if (!ui) return;
  const controls = [];
  const pointers = [];
  let index = 0;
  const entries = [];      // in the answer's order
  const sets = new Map();  // a set field gets one control, however many of its values are asked
  for (const question of questions) {
    if (!question.field) continue;
    if (question.field in BASE_FIELDS) {
      pointers.push(question);
      continue;
    }
    const spec = schema ? fieldSpec(schema, question.field) : null;
    const info = describe(spec, question);
    if (!info) continue;
    if (info.kind === 'set') {
      if (sets.has(question.field)) {
        sets.get(question.field).asked.push(question);
        continue;
      }
      const entry = { question, info, spec, asked: [question] };
      sets.set(question.field, entry);
      entries.push(entry);
    } else {
      entries.push({ question, info, spec });
    }
  }
  for (const entry of entries) {
    const control = entry.info.kind === 'set'
      ? followUpSet(entry.question.field, entry.asked, entry.info, entry.spec, index++)
      : followUpControl(entry.question, entry.info, index++);
    if (control) controls.push(control);
  }
  if (!controls.length && !pointers.length) {
    box.hidden = true;
    return;
  }
  const first = controls.slice(0, FOLLOW_UP_PREVIEW);
  const rest = controls.slice(FOLLOW_UP_PREVIEW);
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const form = h('form', {
    class: 'follow-ups',
    onsubmit: async (event) => {
      event.preventDefault();
      readFollowUps(form);
      // Edits made meanwhile in the first form count too.
      const first = document.querySelector('form.questionnaire');
      if (first) saved.base = readBase(first);
      await ask(status);
    },
  },
  pointers.length ? h('ul', { class: 'pointers' }, pointers.map((q) => h('li', null,
    `${q.question} `,
    h('a', {
      href: `#${BASE_FIELDS[q.field]}`,
      onclick: (event) => {
        event.preventDefault();
        const target = document.getElementById(BASE_FIELDS[q.field]);
        const focusable = target?.matches('input, select') ? target : target?.querySelector('input, select');
        focusable?.focus();
        target?.scrollIntoView({ block: 'center' });
      },
    }, '在上方填写')))) : null,
  first,
  rest.length ? h('details', { class: 'more-questions' },
    h('summary', null, `更多问题(${rest.length})`), rest) : null,
  controls.length ? h('div', { class: 'form-actions' },
    h('button', { type: 'submit', class: 'primary' }, '按回答更新结果')) : null,
  status);
  replace(box,
    h('h3', null, '回答这些问题，可以确定更多政策'),
    h('p', { class: 'muted small' }, '按能确定的政策数排列。不清楚的可以不答。'),
    form);
  box.hidden = false;
}

// ---- the answer ----------------------------------------------------------------------------

const CONDITION_MARK = { yes: ['✓', '符合'], no: ['✗', '不符合'], unknown: ['?', '待确认'] };

function conditionList(conditions, which) {
  const shown = (conditions || []).filter((c) => which.includes(c.value));
  if (!shown.length) return null;
  return h('ul', { class: 'conditions' }, shown.map((c) => {
    const [mark, word] = CONDITION_MARK[c.value] ?? CONDITION_MARK.unknown;
    return h('li', { class: `cond cond-${c.value}` },
      h('span', { class: 'cond-mark', 'aria-label': word }, mark),
      h('span', null, c.test,
        c.profile_value && c.value !== 'unknown' ? h('span', { class: 'muted' }, `(您：${c.profile_value})`) : null,
        c.phrase ? h('span', { class: 'phrase' }, ` 原文“${c.phrase}”`) : null));
  }));
}

function validity(item) {
  if (item.status === 'expired') return `已于 ${item.valid_until} 到期`;
  if (item.status === 'not_yet') return `自 ${item.valid_from} 起施行`;
  if (item.status === 'active') return item.valid_until ? `有效至 ${item.valid_until}` : '有效';
  if (item.status === 'long_term') return '长期有效';
  return '有效期待确认';
}

function amountBlock(amount) {
  if (!amount) return null;
  const parts = (amount.parts || []).filter((p) => p.applies !== 'no');
  if (!amount.text && !parts.length) return null;
  return h('div', { class: 'amount' },
    amount.text ? h('p', { class: 'amount-total' }, '金额：', h('strong', null, amount.text)) : null,
    parts.length ? h('ul', { class: 'amount-parts' }, parts.map((p) => h('li', null,
      p.formula || p.label,
      p.applies === 'unknown' ? h('span', { class: 'muted' }, '(如适用)') : null,
      p.question ? h('span', { class: 'muted' }, ` 需确认：${p.question}`) : null))) : null);
}

function departmentsLine(departments) {
  if (!departments?.length) return null;
  return h('p', { class: 'contact' }, '咨询或办理：',
    departments.map((d, i) => [i ? '、' : '',
      h('a', { href: searchLink('department', d.name || d.raw) }, d.name || d.raw)]));
}

function matchItem(item, group) {
  return h('li', { class: 'match-item', 'data-id': item.id },
    h('h4', null, h('a', { href: policyLink(item.id) }, item.title)),
    h('p', { class: 'hit-meta' }, statusBadge(item.status), h('span', null, validity(item)),
      h('span', null, item.category), h('span', null, `序号 ${item.seq}`)),
    amountBlock(item.amount),
    group === 'eligible' ? conditionList(item.conditions, ['yes'])
      : group === 'likely' ? conditionList(item.conditions, ['unknown'])
        : conditionList(item.conditions, ['no']),
    group === 'not_eligible' && item.near_misses?.length
      ? h('p', { class: 'near-miss' }, item.near_misses.join('；')) : null,
    item.review_note ? h('p', { class: 'muted small' }, `审核说明：${item.review_note}`) : null,
    departmentsLine(item.departments));
}

const GROUP_PREVIEW = 8;

function group(key, title, items, note) {
  const count = items?.length ?? 0;
  let list = h('p', { class: 'muted' }, note);
  let more = null;
  if (count) {
    list = h('ol', { class: 'match-list' }, items.slice(0, GROUP_PREVIEW).map((item) => matchItem(item, key)));
    if (count > GROUP_PREVIEW) {
      more = h('button', {
        type: 'button', class: 'secondary show-all',
        onclick: () => {
          const first = items.slice(GROUP_PREVIEW).map((item) => matchItem(item, key));
          list.append(...first);
          more.remove();
          first[0]?.querySelector('a')?.focus();
        },
      }, `显示其余 ${count - GROUP_PREVIEW} 项`);
    }
  }
  return h('section', { class: `match-group group-${key}`, 'aria-labelledby': `g-${key}` },
    h('h3', { id: `g-${key}` }, title, h('span', { class: 'group-count' }, ` ${count} 项`)),
    list, more);
}

function renderResult(result) {
  const summary = result.summary || {};
  const size = result.profile?.size;
  const followUps = h('section', { class: 'card follow-up-box', hidden: true });
  const notEligible = result.not_eligible || [];
  const near = notEligible.filter((item) => item.near_misses?.length);
  replace(ui.results,
    h('h2', { id: 'results-h', tabindex: '-1' }, '匹配结果'),
    h('p', { class: 'match-summary' },
      `按 ${result.as_of} 的有效政策：`,
      h('strong', null, `可以享受 ${summary.eligible ?? result.eligible?.length ?? 0} 项`), '，',
      h('strong', null, `可能可以 ${summary.likely ?? result.likely?.length ?? 0} 项`), '，',
      `不符合 ${summary.not_eligible ?? notEligible.length} 项。`),
    size?.class_zh ? h('p', { class: 'muted' }, `企业规模：${size.class_zh}`,
      size.reasons?.length ? `(${size.reasons.join('；')})` : '') : null,
    group('eligible', '可以享受', result.eligible, '暂无可以确定享受的政策。'),
    followUps,
    group('likely', '可能可以(需确认)', result.likely, '没有需要确认的政策。'),
    h('details', { class: 'match-group group-not_eligible' },
      h('summary', null, `不符合 ${notEligible.length} 项`,
        near.length ? `(其中 ${near.length} 项只差一个条件)` : ''),
      notEligible.length
        ? h('ol', { class: 'match-list' }, notEligible.map((item) => matchItem(item, 'not_eligible')))
        : h('p', { class: 'muted' }, '没有不符合的政策。')),
    leftOut(result));
  ui.results.hidden = false;
  renderFollowUps(followUps, result.questions || []);
}

function leftOut(result) {
  const notes = [];
  const expired = result.expired?.length ?? result.summary?.expired_left_out ?? 0;
  if (expired) notes.push(`另有 ${expired} 项政策在 ${result.as_of} 已过期，未列入。`);
  const context = result.context?.length ?? 0;
  if (context) notes.push(`${context} 项为政府部门的工作任务，企业无需申请，未列入。`);
  if (!notes.length) return null;
  return h('p', { class: 'muted small left-out' }, notes.join(' '));
}
