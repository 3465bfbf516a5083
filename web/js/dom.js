// DOM helpers. Server text only ever reaches the page as text nodes (never innerHTML), so a
// policy text or a query containing markup is shown as it is and never runs.

/** Creates an element: h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child, [more]). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** Creates an SVG element, with the same arguments as h(). */
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
}

function build(el, attrs, children) {
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2), value);
      } else if (key === 'value' || key === 'checked' || key === 'selected' || key === 'open') {
        el[key] = value;
      } else if (key === 'dataset') {
        Object.assign(el.dataset, value);
      } else {
        el.setAttribute(key === 'className' ? 'class' : key, value === true ? '' : String(value));
      }
    }
  }
  append(el, children);
  return el;
}

/** Appends children (strings become text nodes; null/false are skipped; arrays are flattened). */
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces the content of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/**
 * A labelled form field: the label, an optional help line the control is described by, then
 * the control (whose id the label names).
 */
export function field(id, label, control, help) {
  if (help) control.setAttribute('aria-describedby', `${id}-help`);
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    help ? h('p', { class: 'field-help', id: `${id}-help` }, help) : null,
    control);
}

/**
 * Renders a search snippet whose matches are marked «…» (as the server sends them): the marked
 * parts become <mark>, everything else plain text.
 */
export function snippet(text) {
  const out = document.createDocumentFragment();
  let rest = String(text ?? '');
  while (rest.length) {
    const open = rest.indexOf('«');
    if (open < 0) break;
    const close = rest.indexOf('»', open + 1);
    if (close < 0) break;
    if (open > 0) out.append(rest.slice(0, open));
    out.append(h('mark', { class: 'hl' }, rest.slice(open + 1, close)));
    rest = rest.slice(close + 1);
  }
  if (rest) out.append(rest.replace(/[«»]/g, ''));
  return out;
}

/**
 * Maps UTF-8 byte offsets of `text` to JavaScript string (UTF-16) indices. The server's
 * evidence and highlight spans are byte offsets into the raw UTF-8 field. An offset inside a
 * character moves to that character's start (for a begin) or its end (for an end).
 */
function byteOffsets(text) {
  const total = new TextEncoder().encode(text).length;
  const starts = new Int32Array(total + 1).fill(-1);
  let bytes = 0;
  let index = 0;
  for (const ch of text) {
    starts[bytes] = index;
    const cp = ch.codePointAt(0);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    index += ch.length;
  }
  starts[bytes] = index;
  const clamp = (b) => Math.max(0, Math.min(total, Math.trunc(Number(b) || 0)));
  return {
    length: total,
    begin(b) {
      for (let i = clamp(b); i >= 0; --i) if (starts[i] >= 0) return starts[i];
      return 0;
    },
    end(b) {
      for (let i = clamp(b); i <= total; ++i) if (starts[i] >= 0) return starts[i];
      return text.length;
    },
  };
}

/**
 * Renders `text` with spans marked: spans are {begin, end} UTF-8 byte offsets plus `kind`,
 * `ids` (evidence ids) and `label`. Overlapping spans are split into segments; each marked
 * segment is one <mark> carrying every covering span's id (data-ev) and the kind of its
 * narrowest span.
 */
export function markedText(text, spans) {
  const out = document.createDocumentFragment();
  text = String(text ?? '');
  if (!spans.length) {
    out.append(text);
    return out;
  }
  const map = byteOffsets(text);
  const ranges = spans
    .map((s) => ({ ...s, b: map.begin(s.begin), e: map.end(s.end) }))
    .filter((s) => s.e > s.b);
  const cuts = new Set([0, text.length]);
  for (const r of ranges) { cuts.add(r.b); cuts.add(r.e); }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; ++i) {
    const from = points[i];
    const to = points[i + 1];
    const piece = text.slice(from, to);
    const covering = ranges.filter((r) => r.b <= from && r.e >= to);
    if (!covering.length) {
      out.append(piece);
      continue;
    }
    covering.sort((x, y) => (x.e - x.b) - (y.e - y.b));
    const main = covering[0];
    out.append(h('mark', {
      class: `ev ev-${main.kind}`,
      'data-ev': covering.map((c) => c.id).join(' '),
      title: [...new Set(covering.map((c) => c.label))].join('；'),
    }, piece));
  }
  return out;
}

/** Today's date in local time, YYYY-MM-DD. */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** True for a well-formed YYYY-MM-DD. */
export function isDate(s) {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);
}

/** Calls fn after `ms` of quiet. */
export function debounce(fn, ms) {
  let timer = 0;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

/** Formats a number the Chinese way: 12000 → "1.2万", 3 → "3". */
export function formatNumber(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '';
  const trim = (x) => String(Number(x.toFixed(2)));
  if (Math.abs(n) >= 1e8) return `${trim(n / 1e8)}亿`;
  if (Math.abs(n) >= 1e4) return `${trim(n / 1e4)}万`;
  return trim(n);
}

/** A unique id for label/control pairs. */
let counter = 0;
export function uid(prefix = 'id') {
  counter += 1;
  return `${prefix}-${counter}`;
}
