// 搜索 (home): instant results, facet filters with counts, status badges, highlighted snippets,
// as-of date, sort, paging and export of the current result set.

import { api, ApiError } from './api.js';
import { debounce, h, replace, snippet, today, uid } from './dom.js';
import { FACETS, FACET_NAME, SORTS, facetValueLabel, statusBadge } from './labels.js';
import { asOfParam, getAsOf, policyLink, route, setAsOf, setLastSearch } from './state.js';

const PAGE_SIZE = 20;
const FACET_PREVIEW = 8;  // values shown before "显示全部"
const EXAMPLES = ['房租减免', '贷款贴息', '稳岗返还', '个体工商户', '社保缓缴', '创业担保贷款'];
const FACET_KEYS = FACETS.map(([key]) => key);

let state;        // {q, filters: {facet: [values]}, sort, page}
let ui;           // elements of the page
let inflight;     // AbortController of the running request
let sequence = 0; // answers older than the latest request are dropped
let expanded;     // facets whose full value list is shown
let lastData;     // the last answer, for re-rendering facets

function stateFrom(route) {
  const p = route.params;
  const filters = {};
  for (const key of FACET_KEYS) {
    const values = p.getAll(key).filter(Boolean);
    if (values.length) filters[key] = values;
  }
  const page = Math.max(1, Number.parseInt(p.get('page') ?? '1', 10) || 1);
  return { q: p.get('q') ?? '', filters, sort: p.get('sort') ?? '', page };
}

/** The API parameters of the current search (also the export's, without paging). */
function searchParams({ paging = true } = {}) {
  const params = { q: state.q.trim(), as_of: getAsOf(), ...state.filters };
  if (state.sort) params.sort = state.sort;
  if (paging) {
    params.page = state.page;
    params.size = PAGE_SIZE;
  }
  return params;
}

function hashOf() {
  const params = { q: state.q.trim(), ...state.filters };
  if (state.sort) params.sort = state.sort;
  if (state.page > 1) params.page = state.page;
  Object.assign(params, asOfParam());
  return route(['search'], params);
}

/** Writes the state to the address bar (without a hashchange event). */
function commit(push) {
  const hash = hashOf();
  if (hash === location.hash) return;
  if (push) history.pushState(null, '', hash);
  else history.replaceState(null, '', hash);
}

export async function mount(main, route) {
  state = stateFrom(route);
  expanded = new Set();
  lastData = null;
  document.title = '搜索政策 · 惠企政策查询';

  const input = h('input', {
    id: 'q', type: 'search', name: 'q', value: state.q, autocomplete: 'off',
    enterkeyhint: 'search', spellcheck: 'false',
    placeholder: '例如：个体户 房租、贷款贴息、稳岗返还',
    'aria-describedby': 'q-help',
  });
  const typed = debounce(() => {
    state.q = input.value;
    state.page = 1;
    commit(false);
    load();
  }, 300);
  input.addEventListener('input', typed);
  const form = h('form', {
    class: 'search-form', role: 'search', 'aria-label': '政策搜索',
    onsubmit: (event) => {
      event.preventDefault();
      typed.cancel();
      state.q = input.value;
      state.page = 1;
      commit(true);
      load();
    },
  },
  h('label', { for: 'q', class: 'visually-hidden' }, '搜索政策'),
  input,
  h('button', { type: 'submit', class: 'primary' }, '搜索'));

  const examples = h('p', { class: 'examples', id: 'q-help' }, '常搜：',
    EXAMPLES.map((word) => h('button', {
      type: 'button', class: 'example',
      onclick: () => {
        typed.cancel();
        input.value = word;
        state.q = word;
        state.page = 1;
        commit(true);
        load();
      },
    }, word)),
    h('span', { class: 'hint' }, '可用空格分隔多个词；"引号"查短语；-词 排除。'));

  const asOf = h('input', {
    id: 'as-of', type: 'date', value: getAsOf(), min: '2000-01-01', max: '2100-12-31',
    onchange: () => {
      if (!asOf.value) return;
      setAsOf(asOf.value);
      state.page = 1;
      commit(true);
      load();
    },
  });
  const asOfToday = h('button', {
    type: 'button', class: 'link-button',
    onclick: () => {
      setAsOf(today());
      asOf.value = getAsOf();
      state.page = 1;
      commit(true);
      load();
    },
  }, '今天');

  const facetsBox = h('div', { class: 'facets' });
  const filters = h('details', { class: 'filters-panel', open: matchMedia('(min-width: 820px)').matches },
    h('summary', null, h('span', null, '筛选'), h('span', { class: 'filter-count' })),
    h('div', { class: 'field as-of-field' },
      h('label', { for: 'as-of' }, '政策状态日期'),
      h('div', { class: 'inline' }, asOf, asOfToday),
      h('p', { class: 'field-help' }, '按这一天判断政策是否有效。')),
    facetsBox);

  const sort = h('select', {
    id: 'sort',
    onchange: () => {
      state.sort = sort.value === 'relevance' ? '' : sort.value;
      state.page = 1;
      commit(true);
      load();
    },
  }, SORTS.map(([value, label]) => h('option', { value }, label)));
  sort.value = state.sort || 'relevance';

  const exportLinks = h('div', { class: 'export', role: 'group', 'aria-label': '导出当前结果' },
    h('span', { class: 'export-label', 'aria-hidden': 'true' }, '导出'),
    [['xlsx', 'XLSX', 'Excel 表格'], ['csv', 'CSV', 'CSV 表格'], ['json', 'JSON', 'JSON 数据']].map(
      ([format, text, what]) => h('a', {
        class: 'button small', 'data-format': format, download: true,
        'aria-label': `导出当前结果为 ${what} (${text})`,
      }, text)));

  ui = {
    input, asOf, sort, facetsBox, filters, exportLinks,
    summary: h('p', { class: 'summary', role: 'status', 'aria-live': 'polite' }),
    chips: h('div', { class: 'chips' }),
    hits: h('div', { class: 'hits' }),
    pager: h('nav', { class: 'pager', 'aria-label': '分页' }),
    error: h('div', { class: 'error-box', role: 'alert', hidden: true }),
    resultsHeading: h('h2', { id: 'results-heading', class: 'visually-hidden', tabindex: '-1' }, '搜索结果'),
  };

  replace(main,
    h('section', { class: 'search-hero' },
      h('h1', null, '查找扶持政策'),
      h('p', { class: 'lead' }, '小微企业和个体工商户扶持政策：输入关键词，结果即时显示。'),
      form,
      h('a', {
        href: '#results-heading', class: 'skip-inline',
        onclick: (event) => {
          event.preventDefault();
          ui.resultsHeading.focus();
        },
      }, '跳到搜索结果'),
      examples),
    h('div', { class: 'search-layout' },
      h('aside', { class: 'filters', 'aria-label': '筛选条件' }, filters),
      h('section', { class: 'results', 'aria-labelledby': 'results-heading' },
        ui.resultsHeading,
        h('div', { class: 'toolbar' },
          ui.summary,
          h('div', { class: 'toolbar-controls' },
            h('label', { for: 'sort', class: 'inline-label' }, '排序'), sort, exportLinks)),
        ui.chips, ui.error, ui.hits, ui.pager)));

  updateExportLinks();
  if (matchMedia('(min-width: 820px)').matches) input.focus();
  await load();
}

export function update(route) {
  state = stateFrom(route);
  if (route.params.has('as_of')) setAsOf(route.params.get('as_of'));
  else setAsOf(today());
  if (document.activeElement !== ui.input || ui.input.value.trim() !== state.q.trim()) {
    ui.input.value = state.q;
  }
  ui.asOf.value = getAsOf();
  ui.sort.value = state.sort || 'relevance';
  load();
}

export function unmount() {
  inflight?.abort();
  ui = null;
}

function updateExportLinks() {
  for (const link of ui.exportLinks.querySelectorAll('a[data-format]')) {
    link.href = api.exportUrl(link.dataset.format, searchParams({ paging: false }));
  }
}

async function load() {
  if (!ui) return;
  inflight?.abort();
  inflight = new AbortController();
  const mine = ++sequence;
  updateExportLinks();
  setLastSearch(hashOf());
  renderChips();
  ui.summary.textContent = '正在搜索…';
  ui.hits.setAttribute('aria-busy', 'true');
  let data;
  try {
    data = await api.policies(searchParams(), inflight.signal);
  } catch (error) {
    if (error.name === 'AbortError' || mine !== sequence || !ui) return;
    ui.hits.removeAttribute('aria-busy');
    ui.summary.textContent = '';
    ui.error.hidden = false;
    replace(ui.error, error instanceof ApiError ? error.message : '搜索失败，请稍后重试。');
    return;
  }
  if (mine !== sequence || !ui) return;
  if (!data.hits?.length && data.total > 0 && state.page > 1) {  // paged past the end
    state.page = 1;
    commit(false);
    load();
    return;
  }
  ui.error.hidden = true;
  ui.hits.removeAttribute('aria-busy');
  lastData = data;
  renderSummary(data);
  renderHits(data);
  renderPager(data);
  renderFacets(data);
}

function renderSummary(data) {
  const total = data.total ?? 0;
  const asOf = data.as_of || getAsOf();
  const parts = [`共 ${total} 项政策`];
  if (state.q.trim() && typeof data.strong === 'number' && data.strong < total) {
    parts.push(`其中 ${data.strong} 项高度相关`);
  }
  replace(ui.summary, parts.join('，'),
    h('span', { class: 'muted' }, ` · 状态按 ${asOf}`));
}

function hitItem(hit) {
  const hl = hit.highlights || {};
  const title = hl.title?.snippet ? snippet(hl.title.snippet) : hit.title;
  const extra = [];
  for (const [field, label] of [['content', null], ['basis', '依据'], ['departments', '部门']]) {
    if (!hl[field]?.snippet) continue;
    extra.push(h('p', { class: `snippet snippet-${field}` },
      label ? h('span', { class: 'snippet-label' }, `${label}：`) : null,
      snippet(hl[field].snippet)));
  }
  for (const [field, value] of Object.entries(hl)) {
    if (['title', 'content', 'basis', 'departments'].includes(field) || !value?.snippet) continue;
    extra.push(h('p', { class: 'snippet' }, snippet(value.snippet)));
  }
  return h('li', { class: `hit${hit.weak ? ' weak' : ''}` },
    h('h3', { class: 'hit-title' }, h('a', { href: policyLink(hit.id) }, title)),
    h('p', { class: 'hit-meta' },
      statusBadge(hit.status),
      h('span', null, hit.category),
      h('span', null, `序号 ${hit.seq}`),
      lastData?.facets?.list?.length > 1 ? h('span', null, hit.list) : null),
    extra);
}

function renderHits(data) {
  const hits = data.hits || [];
  if (!hits.length) {
    const filtered = Object.keys(state.filters).length > 0;
    replace(ui.hits, h('div', { class: 'empty' },
      h('p', null, state.q.trim() ? `没有找到与“${state.q.trim()}”相关的政策。` : '没有符合条件的政策。'),
      h('p', null, '可以试试：减少关键词，换个说法(如“房租”换成“租金”)',
        filtered ? '，或清除筛选条件。' : '。'),
      filtered ? h('button', { type: 'button', onclick: clearFilters }, '清除全部筛选') : null));
    return;
  }
  const strong = hits.filter((hit) => !hit.weak);
  const weak = hits.filter((hit) => hit.weak);
  const start = (state.page - 1) * PAGE_SIZE + 1;
  replace(ui.hits,
    strong.length ? h('ol', { class: 'hit-list', start }, strong.map(hitItem)) : null,
    weak.length ? h('h3', { class: 'weak-heading' }, '相关度较低的结果') : null,
    weak.length ? h('ol', { class: 'hit-list', start: start + strong.length }, weak.map(hitItem)) : null);
}

function renderPager(data) {
  const total = data.total ?? 0;
  const pages = Math.max(1, data.pages || Math.ceil(total / (data.size || PAGE_SIZE)));
  const page = Math.min(data.page || state.page, pages);
  if (pages <= 1) {
    replace(ui.pager);
    return;
  }
  const go = (n) => () => {
    state.page = n;
    commit(true);
    load().then(() => {
      ui?.resultsHeading.focus({ preventScroll: true });
      ui?.resultsHeading.scrollIntoView({ block: 'start' });
    });
  };
  replace(ui.pager,
    h('button', { type: 'button', disabled: page <= 1, onclick: go(page - 1) }, '上一页'),
    h('span', { class: 'page-of' }, `第 ${page} / ${pages} 页`),
    h('button', { type: 'button', disabled: page >= pages, onclick: go(page + 1) }, '下一页'));
}

function toggleFilter(facet, value, on) {
  const values = new Set(state.filters[facet] || []);
  if (on) values.add(value);
  else values.delete(value);
  if (values.size) state.filters[facet] = [...values];
  else delete state.filters[facet];
  state.page = 1;
  commit(true);
  load();
}

function clearFilters() {
  state.filters = {};
  state.page = 1;
  commit(true);
  load();
  ui.input.focus();
}

function renderChips() {
  const chips = [];
  for (const [facet, values] of Object.entries(state.filters)) {
    for (const value of values) {
      chips.push(h('button', {
        type: 'button', class: 'chip',
        'aria-label': `取消筛选 ${FACET_NAME[facet] ?? facet}：${facetValueLabel(facet, value)}`,
        onclick: () => toggleFilter(facet, value, false),
      }, `${FACET_NAME[facet] ?? facet}：${facetValueLabel(facet, value)}`,
      h('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×')));
    }
  }
  if (chips.length > 1) {
    chips.push(h('button', { type: 'button', class: 'link-button', onclick: clearFilters }, '清除全部'));
  }
  replace(ui.chips, chips);
  const count = Object.values(state.filters).reduce((n, v) => n + v.length, 0);
  ui.filters.querySelector('.filter-count').textContent = count ? `(已选 ${count})` : '';
}

function renderFacets(data) {
  // Keep keyboard focus on the checkbox the user just used, across the re-render.
  const focused = document.activeElement;
  const focusKey = focused?.dataset?.facet ? `${focused.dataset.facet}\u0000${focused.value}` : null;
  const focusMore = focused?.dataset?.more;
  const facets = data.facets || {};
  const groups = [];
  for (const [facet, name] of FACETS) {
    const selected = state.filters[facet] || [];
    let values = Array.isArray(facets[facet]) ? facets[facet].slice() : [];
    if (facet === 'list' && values.length <= 1 && !selected.length) continue;
    for (const value of selected) {
      if (!values.some((v) => String(v.value) === value)) values.push({ value, count: 0 });
    }
    if (!values.length) continue;
    const all = expanded.has(facet);
    const shown = all ? values
      : values.filter((v, i) => i < FACET_PREVIEW || selected.includes(String(v.value)));
    const items = shown.map((v) => {
      const value = String(v.value);
      const id = uid(`f-${facet}`);
      return h('li', null,
        h('input', {
          type: 'checkbox', id, value, checked: selected.includes(value),
          dataset: { facet },
          onchange: (event) => toggleFilter(facet, value, event.target.checked),
        }),
        h('label', { for: id },
          h('span', { class: 'facet-value' }, facetValueLabel(facet, value)),
          h('span', { class: 'count', 'aria-label': `${v.count} 项` }, String(v.count))));
    });
    const more = values.length > shown.length || all
      ? h('button', {
        type: 'button', class: 'link-button facet-more', dataset: { more: facet },
        'aria-expanded': String(all),
        onclick: () => {
          if (all) expanded.delete(facet);
          else expanded.add(facet);
          renderFacets(lastData);
        },
      }, all ? '收起' : `显示全部 ${values.length} 项`)
      : null;
    groups.push(h('fieldset', { class: 'facet' },
      h('legend', null, name, selected.length ? h('span', { class: 'muted' }, ` (已选 ${selected.length})`) : null),
      h('ul', null, items), more));
  }
  replace(ui.facetsBox, groups);
  if (focusKey) {
    const again = [...ui.facetsBox.querySelectorAll('input[data-facet]')]
      .find((el) => `${el.dataset.facet}\u0000${el.value}` === focusKey);
    again?.focus();
  } else if (focusMore) {
    ui.facetsBox.querySelector(`button[data-more="${focusMore}"]`)?.focus();
  }
}
