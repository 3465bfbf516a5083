// State shared by the pages: the as-of date and the hash routes.

import { isDate, today } from './dom.js';

let asOf = today();

/** The date on which policy status is judged (YYYY-MM-DD); today unless the user chose one. */
export function getAsOf() {
  return asOf;
}

export function setAsOf(date) {
  asOf = isDate(date) ? date : today();
}

/** as_of for a link or request: left out when it is today, so links stay short. */
export function asOfParam() {
  return asOf === today() ? {} : { as_of: asOf };
}

/** Parses location.hash: "#/policy/x/43?as_of=…" → {path: ['policy', 'x', '43'], params}. */
export function parseHash(hash = location.hash) {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const [pathPart, queryPart = ''] = text.split('?', 2);
  const path = pathPart.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { path, params: new URLSearchParams(queryPart) };
}

/** Builds a hash route: route(['policy', list, seq], {as_of}) → "#/policy/list/seq?as_of=…". */
export function route(path, params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of [value].flat()) {
      if (v !== undefined && v !== null && v !== '') search.append(key, String(v));
    }
  }
  const q = search.toString();
  return `#/${path.map((p) => encodeURIComponent(p)).join('/')}${q ? `?${q}` : ''}`;
}

/** The search route for one filter: searchLink('department', '市财政局'). */
export function searchLink(facet, value) {
  return route(['search'], { [facet]: value, ...asOfParam() });
}

/** The policy page of an item id "list/seq". */
export function policyLink(id) {
  const cut = String(id).lastIndexOf('/');
  return route(['policy', id.slice(0, cut), id.slice(cut + 1)], asOfParam());
}

let lastSearch = '#/';

/** The hash of the last search shown, for "返回搜索结果" links. */
export function getLastSearch() {
  return lastSearch;
}

export function setLastSearch(hash) {
  lastSearch = hash || '#/';
}

const dataListeners = new Set();

/** Calls fn whenever the served data changes through this page (an import, a saved override). */
export function onDataChange(fn) {
  dataListeners.add(fn);
}

/** Tells the pages that keep answers across visits to drop them: the server has new data. */
export function dataChanged() {
  for (const fn of dataListeners) fn();
}
