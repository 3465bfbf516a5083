// 统计: items by category, status, department, document, year, … as SVG bar charts drawn here
// (no chart library); each bar links to the search filtered on its value.

import { api, ApiError } from './api.js';
import { debounce, h, replace, svg } from './dom.js';
import { FACET_NAME, STATUS, facetValueLabel } from './labels.js';
import { asOfParam, getAsOf, route, searchLink, setAsOf } from './state.js';

const CHARTS = [
  ['category', '按政策类别'],
  ['status', '按状态'],
  ['department', '按实施部门'],
  ['document', '按政策文件'],
  ['year', '按文件年份'],
  ['level', '按文件层级'],
  ['form', '按支持方式'],
  ['beneficiary', '按支持对象'],
];
const PREVIEW = 12;
const STATUS_ORDER = ['active', 'long_term', 'not_yet', 'unknown', 'expired'];

let ui;
let data;
let expanded;

/** {value, count}[] from whichever shape the server uses for one dimension. */
function counts(raw, key) {
  const source = raw?.[key] ?? raw?.counts?.[key] ?? raw?.by?.[key] ?? raw?.[`by_${key}`]
    ?? raw?.facets?.[key];
  let rows = [];
  if (Array.isArray(source)) {
    rows = source.map((r) => (Array.isArray(r) ? { value: r[0], count: r[1] }
      : { value: r.value ?? r.name ?? r.key ?? r.number ?? '', count: r.count ?? r.items ?? 0 }));
  } else if (source && typeof source === 'object') {
    rows = Object.entries(source).map(([value, count]) => ({ value, count }));
  }
  rows = rows.filter((r) => r.value !== '' && Number(r.count) > 0)
    .map((r) => ({ value: String(r.value), count: Number(r.count) }));
  if (key === 'year') rows.sort((a, b) => a.value.localeCompare(b.value));
  else if (key === 'status') {
    rows.sort((a, b) => STATUS_ORDER.indexOf(a.value) - STATUS_ORDER.indexOf(b.value));
  } else rows.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'zh-CN'));
  return rows;
}

const onResize = debounce(() => { if (ui && data) renderCharts(); }, 150);

export async function mount(main) {
  document.title = '统计 · 惠企政策查询';
  expanded = new Set();
  const asOf = h('input', {
    id: 'stats-as-of', type: 'date', value: getAsOf(),
    onchange: () => {
      if (!asOf.value) return;
      setAsOf(asOf.value);
      history.replaceState(null, '', route(['stats'], asOfParam()));
      load();
    },
  });
  ui = {
    asOf,
    summary: h('p', { class: 'summary', role: 'status', 'aria-live': 'polite' }),
    charts: h('div', { class: 'charts' }),
  };
  replace(main,
    h('section', { class: 'page-head' },
      h('h1', null, '政策统计'),
      h('p', { class: 'lead' }, '清单中政策事项的分布。点击任一条形可查看对应的政策。'),
      h('div', { class: 'inline as-of-inline' },
        h('label', { for: 'stats-as-of' }, '状态日期'), asOf),
      ui.summary),
    ui.charts);
  window.addEventListener('resize', onResize);
  await load();
}

export function unmount() {
  window.removeEventListener('resize', onResize);
  ui = null;
}

async function load() {
  ui.summary.textContent = '正在统计…';
  try {
    data = await api.stats({ as_of: getAsOf() });
  } catch (error) {
    if (!ui) return;
    ui.summary.textContent = '';
    replace(ui.charts, h('p', { class: 'error-box', role: 'alert' },
      error instanceof ApiError ? error.message : '无法加载统计。'));
    return;
  }
  if (!ui) return;
  const total = data.total ?? data.items ?? counts(data, 'category').reduce((n, r) => n + r.count, 0);
  const status = Object.fromEntries(counts(data, 'status').map((r) => [r.value, r.count]));
  const parts = [`共 ${total} 项政策`];
  for (const key of STATUS_ORDER) if (status[key]) parts.push(`${STATUS[key]} ${status[key]} 项`);
  ui.summary.textContent = `${parts.join('，')}(状态按 ${data.as_of || getAsOf()})。`;
  renderCharts();
}

function renderCharts() {
  const sections = [];
  for (const [key, title] of CHARTS) {
    const rows = counts(data, key);
    if (!rows.length) continue;
    const all = expanded.has(key);
    const shown = all ? rows : rows.slice(0, PREVIEW);
    const headingId = `chart-${key}`;
    const section = h('section', { class: 'card chart', 'aria-labelledby': headingId },
      h('h2', { id: headingId }, title,
        h('span', { class: 'muted small' }, ` ${rows.length} 个${FACET_NAME[key] ?? ''}`)));
    ui.charts.append(section);  // measured below
    sections.push([section, key, shown, rows, all]);
  }
  replace(ui.charts, sections.map(([section]) => section));
  for (const [section, key, shown, rows, all] of sections) {
    section.append(barChart(key, shown, section.clientWidth - 2 * 16, `chart-${key}`));
    if (rows.length > PREVIEW) {
      section.append(h('button', {
        type: 'button', class: 'link-button', 'aria-expanded': String(all),
        onclick: () => {
          if (all) expanded.delete(key);
          else expanded.add(key);
          renderCharts();
          ui.charts.querySelector(`#chart-${key}`)?.closest('section')?.querySelector('button')?.focus();
        },
      }, all ? '收起' : `显示全部 ${rows.length} 项`));
    }
  }
}

/** Cuts a label to about `width` pixels (CJK characters count double). */
function fit(text, width, fontSize) {
  let used = 0;
  let out = '';
  for (const ch of text) {
    const w = /[\u0000-\u00ff]/.test(ch) ? fontSize * 0.6 : fontSize;
    if (used + w > width - fontSize) return `${out}…`;
    used += w;
    out += ch;
  }
  return out;
}

function barChart(key, rows, measured, headingId) {
  const width = Math.max(280, Math.floor(measured || 600));
  const wide = width >= 560;
  const font = 13;
  const max = Math.max(...rows.map((r) => r.count), 1);
  const countW = 44;
  const labelW = wide ? Math.min(260, Math.floor(width * 0.36)) : 0;
  const barMax = width - labelW - countW - (wide ? 8 : 0);
  const rowH = wide ? 28 : 42;
  const barH = wide ? 16 : 14;
  const height = rows.length * rowH + 4;
  const chart = svg('svg', {
    class: 'bar-chart', width, height, viewBox: `0 0 ${width} ${height}`,
    role: 'group', 'aria-labelledby': headingId,
  });
  rows.forEach((row, i) => {
    const label = facetValueLabel(key, row.value);
    const y = i * rowH + 2;
    const barY = wide ? y + (rowH - barH) / 2 : y + 20;
    const x = wide ? labelW + 8 : 0;
    const len = Math.max(2, Math.round((row.count / max) * barMax));
    const shownLabel = fit(label, wide ? labelW : width, font);
    const link = svg('a', {
      href: searchLink(key, row.value),
      class: `bar bar-${key}${key === 'status' ? ` bar-status-${row.value}` : ''}`,
      'aria-label': `${FACET_NAME[key] ?? ''}“${label}”：${row.count} 项，查看这些政策`,
    },
    svg('title', null, `${label}：${row.count} 项`),
    svg('rect', { class: 'bar-hit', x: 0, y, width, height: rowH - 2, rx: 3 }),
    svg('text', {
      class: 'bar-label', x: wide ? labelW : 0, y: wide ? barY + barH - 3 : y + 14,
      'text-anchor': wide ? 'end' : 'start',
    }, shownLabel),
    svg('rect', { class: 'bar-fill', x, y: barY, width: len, height: barH, rx: 2 }),
    svg('text', { class: 'bar-count', x: x + len + 6, y: barY + barH - 3 }, String(row.count)));
    chart.append(link);
  });
  return chart;
}
