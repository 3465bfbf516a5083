// 政策详情: the six original columns with the extracted facts' evidence marked in the text, and
// the facts themselves (documents, departments, beneficiaries, industries, forms, amounts,
// validity and status on the as-of date), each linking back to its words in the text.

import { api, ApiError } from './api.js';
import { formatNumber, h, markedText, replace } from './dom.js';
import {
  AMOUNT_KIND, BENEFIT_KIND, LEVEL, STATUS_LONG, TIME_KIND, statusBadge,
} from './labels.js';
import { asOfParam, getAsOf, getLastSearch, route, searchLink, setAsOf } from './state.js';

/** Fact kinds marked in the text: key, Chinese name. */
const KINDS = [
  ['doc', '文件'],
  ['dept', '部门'],
  ['who', '对象'],
  ['industry', '行业'],
  ['form', '方式'],
  ['amount', '金额'],
  ['time', '时间'],
];
const KIND_NAME = Object.fromEntries(KINDS);

const FIELDS = [
  ['title', '扶持政策事项'],
  ['content', '政策内容'],
  ['basis', '政策依据'],
  ['departments', '实施部门'],
];

let current;  // {list, seq}

export async function mount(main, route) {
  const [, list, seq] = route.path;
  current = { list, seq };
  document.title = '政策详情 · 惠企政策查询';
  replace(main, backLink(), h('p', { class: 'loading', role: 'status' }, '正在加载政策…'));
  let item;
  try {
    item = await api.policy(list, seq, { as_of: getAsOf() });
  } catch (error) {
    replace(main, backLink(),
      h('h1', null, error.status === 404 ? '未找到这项政策' : '无法加载这项政策'),
      h('p', { role: 'alert', class: 'error-box' },
        error instanceof ApiError ? error.message : '加载失败，请稍后重试。'),
      h('p', null, h('a', { href: '#/' }, '返回搜索')));
    return;
  }
  if (current?.list !== list || current?.seq !== seq) return;
  render(main, item);
}

export function unmount() {
  current = null;
}

function backLink() {
  return h('nav', { class: 'crumbs', 'aria-label': '返回' },
    h('a', { href: getLastSearch() }, h('span', { 'aria-hidden': 'true' }, '← '), '返回搜索结果'));
}

function evidenceOf(fact) {
  const ev = fact?.evidence;
  if (!ev || typeof ev.begin !== 'number' || typeof ev.end !== 'number' || ev.end <= ev.begin) {
    return null;
  }
  return ev;
}

/** Collects every fact with evidence: [{kind, id, label, evidence}]. */
function collectEvidence(facts) {
  const out = [];
  const add = (kind, list, label) => {
    (list || []).forEach((fact, i) => {
      const evidence = evidenceOf(fact);
      if (evidence) out.push({ kind, id: `${kind}-${i}`, label: `${KIND_NAME[kind]}：${label(fact)}`, evidence });
    });
  };
  add('doc', facts.documents, (d) => d.number || d.title || '文件');
  (facts.cited_documents || []).forEach((d, i) => {
    const evidence = evidenceOf(d);
    if (evidence) out.push({ kind: 'doc', id: `cited-${i}`, label: `引用文件：${d.number || d.title}`, evidence });
  });
  add('dept', facts.departments, (d) => d.name || d.raw);
  add('who', facts.beneficiaries, (b) => b.value);
  add('industry', facts.industries, (x) => `${x.code} ${x.name}`);
  add('form', facts.forms, (f) => f.value);
  add('amount', facts.amounts, (a) => amountText(a));
  add('time', facts.times, (t) => timeText(t));
  return out;
}

function rawField(item, field) {
  if (field === 'departments') return item.departments_raw ?? '';
  return item[field] ?? '';
}

function amountText(a) {
  const unit = a.unit || '';
  const money = (v) => (unit === '元' || unit === '美元') && Math.abs(v) >= 1e4
    ? `${formatNumber(v)}${unit}` : `${Number(v.toFixed ? v.toFixed(4) : v)}${unit}`;
  let value = typeof a.value === 'number' ? money(a.value) : '';
  if (typeof a.high === 'number') value += `–${money(a.high)}`;
  const per = a.per ? `每${a.per}` : '';
  const of = a.of ? `(${a.of})` : '';
  return `${AMOUNT_KIND[a.kind] ?? a.kind ?? ''} ${per}${value}${of}`.trim();
}

function timeText(t) {
  const kind = TIME_KIND[t.kind] ?? t.kind ?? '';
  let span = '';
  if (t.from && t.until) span = `${t.from} 至 ${t.until}`;
  else if (t.from) span = `自 ${t.from}`;
  else if (t.until) span = `至 ${t.until}`;
  return `${kind} ${span}`.trim();
}

function render(main, item) {
  const facts = item.facts || {};
  const evidence = collectEvidence(facts);
  document.title = `${item.title} · 惠企政策查询`;

  const asOf = h('input', {
    id: 'policy-as-of', type: 'date', value: item.as_of || getAsOf(),
    onchange: () => {
      if (!asOf.value) return;
      setAsOf(asOf.value);
      location.hash = route(['policy', item.list, String(item.seq)], asOfParam());
    },
  });

  const textCell = (field) => {
    const spans = evidence.filter((e) => e.evidence.field === field)
      .map((e) => ({ begin: e.evidence.begin, end: e.evidence.end, kind: e.kind, id: e.id, label: e.label }));
    return markedText(rawField(item, field), spans);
  };

  const rows = [
    ['政策类别', item.category],
    ['序号', String(item.seq)],
    ...FIELDS.map(([field, name]) => [name, textCell(field), field]),
  ];
  const original = h('section', { class: 'card original', 'aria-labelledby': 'orig-h' },
    h('h2', { id: 'orig-h' }, '清单原文'),
    h('p', { class: 'legend' }, '原文中标出的要点：',
      KINDS.filter(([kind]) => evidence.some((e) => e.kind === kind))
        .map(([kind, name]) => h('mark', { class: `ev ev-${kind}` }, name))),
    h('table', { class: 'original-table' },
      h('tbody', null, rows.map(([name, value, field]) =>
        h('tr', { class: field ? `row-${field}` : null },
          h('th', { scope: 'row' }, name),
          h('td', { class: field === 'content' ? 'long-text' : null }, value))))),
    item.source_lines?.first
      ? h('p', { class: 'muted small' }, `清单 ${item.list}，源文件第 ${item.source_lines.first}`
        + (item.source_lines.last && item.source_lines.last !== item.source_lines.first
          ? `–${item.source_lines.last}` : '') + ' 行')
      : null);

  replace(main,
    backLink(),
    h('header', { class: 'policy-head' },
      h('p', { class: 'eyebrow' },
        h('a', { href: searchLink('category', item.category) }, item.category),
        h('span', null, ` · 序号 ${item.seq}`)),
      h('h1', { id: 'policy-title' }, item.title),
      h('div', { class: 'status-line' },
        statusBadge(item.status),
        h('span', null, validityText(item.status, facts)),
        h('span', { class: 'as-of-inline' },
          h('label', { for: 'policy-as-of' }, '状态日期'), asOf))),
    h('div', { class: 'policy-layout' },
      original,
      h('section', { class: 'card facts', 'aria-labelledby': 'facts-h' },
        h('h2', { id: 'facts-h' }, '提取的要点'),
        h('p', { class: 'muted small' }, '由程序从原文中提取，点“原文”可在左侧(手机上为上方)原文中定位。'),
        factsBlocks(item, facts))));

  main.querySelector('.facts').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-show]');
    if (button) showEvidence(main, button.dataset.show);
  });
}

function validityText(status, facts) {
  const parts = [STATUS_LONG[status] ?? ''];
  if (facts.valid_from) parts.push(`起始 ${facts.valid_from}`);
  if (facts.valid_until) parts.push(`截止 ${facts.valid_until}`);
  else if (facts.validity_unresolved) parts.push('截止日期为相对期限');
  return parts.filter(Boolean).join('，');
}

function showEvidence(main, id) {
  for (const el of main.querySelectorAll('mark.ev-active')) el.classList.remove('ev-active');
  const marks = [...main.querySelectorAll('mark[data-ev]')]
    .filter((m) => m.dataset.ev.split(' ').includes(id));
  for (const m of marks) m.classList.add('ev-active');
  marks[0]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

function evidenceButton(id, fact) {
  const ev = evidenceOf(fact);
  if (!ev) return null;
  return h('button', {
    type: 'button', class: 'ev-button', 'data-show': id,
    'aria-label': `在原文中显示“${ev.phrase ?? ''}”`,
    title: `原文：${ev.phrase ?? ''}`,
  }, '原文');
}

function block(title, kind, entries, empty) {
  return h('section', { class: 'fact-block' },
    h('h3', null, kind ? h('span', { class: `swatch ev-${kind}`, 'aria-hidden': 'true' }) : null, title),
    entries.length ? h('ul', { class: 'fact-list' }, entries) : h('p', { class: 'muted small' }, empty));
}

function factsBlocks(item, facts) {
  const documents = facts.documents?.length ? facts.documents : (item.documents || []);
  const fromFacts = Boolean(facts.documents?.length);
  const documentEntry = (d, id, cited) => h('li', null,
    h('div', { class: 'fact-main' },
      d.title ? h('span', null, `《${d.title}》`) : null,
      d.number
        ? h('a', { href: searchLink('document', d.number), class: 'doc-number' }, d.number)
        : h('span', { class: 'muted' }, '(无文号)')),
    h('div', { class: 'fact-sub' },
      d.level ? h('span', { class: 'tag' }, LEVEL[d.level] ?? d.level) : null,
      d.issuer_name || (fromFacts || cited ? d.issuer : '') || null,
      d.year ? h('span', null, `${d.year}年`) : null,
      d.truncated ? h('span', { class: 'tag warn' }, '文号在原文中不完整') : null,
      d.inferred ? h('span', { class: 'tag' }, '部分信息为推断') : null,
      cited ? h('span', { class: 'tag' }, '正文引用') : null,
      evidenceButton(id, d)));

  const departments = facts.departments?.length ? facts.departments : (item.departments || []);
  const times = facts.times || [];
  const statusLine = h('li', null,
    h('div', { class: 'fact-main' }, statusBadge(item.status), ` ${STATUS_LONG[item.status] ?? ''}`),
    h('div', { class: 'fact-sub' }, `按 ${item.as_of || getAsOf()} 判断`));

  return [
    block('有效期与状态', 'time', [
      statusLine,
      h('li', null, h('div', { class: 'fact-main' },
        `起始：${facts.valid_from || '未写明'}；截止：${facts.valid_until
          || (facts.validity_unresolved ? '相对期限(如“疫情解除后”)，无法确定' : '未写明')}`)),
      ...times.map((t, i) => h('li', null,
        h('div', { class: 'fact-main' }, timeText(t)),
        h('div', { class: 'fact-sub' },
          t.inferred ? h('span', { class: 'tag' }, '推断') : null,
          t.evidence?.phrase ? `“${t.evidence.phrase}”` : null,
          evidenceButton(`time-${i}`, t)))),
    ], ''),
    block('金额与比例', 'amount', (facts.amounts || []).map((a, i) => h('li', null,
      h('div', { class: 'fact-main' }, amountText(a)),
      h('div', { class: 'fact-sub' },
        a.evidence?.phrase ? `“${a.evidence.phrase}”` : null,
        evidenceButton(`amount-${i}`, a)))), '原文未写明金额。'),
    block('支持对象', 'who', (facts.beneficiaries || []).map((b, i) => h('li', null,
      h('div', { class: 'fact-main' }, h('a', { href: searchLink('beneficiary', b.value) }, b.value)),
      h('div', { class: 'fact-sub' },
        b.condition ? `条件：${b.condition}` : null,
        evidenceButton(`who-${i}`, b)))), '原文未点明对象。'),
    block('行业', 'industry', (facts.industries || []).map((x, i) => h('li', null,
      h('div', { class: 'fact-main' },
        h('a', { href: searchLink('industry', x.name) }, x.name),
        h('span', { class: 'muted' }, ` ${x.code}`)),
      h('div', { class: 'fact-sub' }, evidenceButton(`industry-${i}`, x)))), '不限行业(原文未限定)。'),
    block('支持方式', 'form', (facts.forms || []).map((f, i) => h('li', null,
      h('div', { class: 'fact-main' }, h('a', { href: searchLink('form', f.value) }, f.value)),
      h('div', { class: 'fact-sub' },
        f.condition ? `条件：${f.condition}` : null,
        evidenceButton(`form-${i}`, f)))), '未识别出支持方式。'),
    block('政策依据(文件)', 'doc', [
      ...documents.map((d, i) => documentEntry(d, `doc-${i}`, false)),
      ...(facts.cited_documents || []).map((d, i) => documentEntry(d, `cited-${i}`, true)),
    ], '未识别出文件。'),
    block('实施部门', 'dept', departments.map((d, i) => h('li', null,
      h('div', { class: 'fact-main' },
        h('a', { href: searchLink('department', d.name || d.raw) }, d.name || d.raw),
        d.lead ? h('span', { class: 'tag' }, '牵头') : null),
      h('div', { class: 'fact-sub' },
        d.raw && d.raw !== d.name ? `原文：${d.raw}` : null,
        d.note ? h('span', { class: 'tag' }, d.note) : null,
        d.known === false ? h('span', { class: 'tag warn' }, '未收录的部门名称') : null,
        evidenceButton(`dept-${i}`, d)))), '未写明实施部门。'),
    block('能否申请', null, [h('li', null,
      h('div', { class: 'fact-main' },
        facts.actionable === false ? '政府工作任务，企业无需申请' : '企业可以申请或享受'),
      facts.benefit_kind ? h('div', { class: 'fact-sub' }, BENEFIT_KIND[facts.benefit_kind] ?? facts.benefit_kind) : null)], ''),
  ];
}
