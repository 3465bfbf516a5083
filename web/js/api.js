// The HTTP API (/api/v1, JSON, UTF-8).

export const API = '/api/v1';

/**
 * An error the page can show: message in Chinese, HTTP status when there was an answer, and
 * the server's error code, the field it names and the whole answer (e.g. import diagnostics).
 */
export class ApiError extends Error {
  constructor(message, status = 0, { code = '', field = '', data = null } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.data = data;
  }
}

/** Builds a query string from an object whose values are strings, numbers or arrays of them. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of [value].flat()) {
      if (v === undefined || v === null || v === '') continue;
      search.append(key, String(v));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * One API call. body is sent as JSON; raw (a Blob or File) as it is, as octet-stream; token
 * adds the bearer token the writes need.
 */
async function request(path, { method = 'GET', body, raw, token, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (raw !== undefined) headers['Content-Type'] = 'application/octet-stream';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(API + path, {
      method,
      signal,
      headers,
      body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError('无法连接服务器，请稍后重试。');
  }
  let data = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = data?.error;
    const detail = error?.message_zh || error?.message || data?.message
      || (typeof error === 'string' ? error : '');
    const base = response.status === 404 ? '未找到。' : `请求失败(${response.status})。`;
    throw new ApiError(detail ? `${detail}` : base, response.status,
      { code: error?.code ?? '', field: error?.field ?? '', data });
  }
  if (data === null) throw new ApiError('服务器的回答无法读取。', response.status);
  return data;
}

/** An item id "list/seq" in a path: each part encoded, the slash kept. */
function idPath(id) {
  return String(id).split('/').map((part) => encodeURIComponent(part)).join('/');
}

export const api = {
  policies: (params, signal) => request(`/policies${query(params)}`, { signal }),
  policy: (list, seq, params) =>
    request(`/policies/${encodeURIComponent(list)}/${encodeURIComponent(seq)}${query(params)}`),
  stats: (params) => request(`/stats${query(params)}`),
  lists: () => request('/lists'),
  diff: (from, to) => request(`/lists/${encodeURIComponent(from)}/diff/${encodeURIComponent(to)}`),
  importList: (file, params, token) => request(`/lists${query(params)}`, {
    method: 'POST', raw: file, token,
  }),
  overrides: (params) => request(`/overrides${query(params)}`),
  putOverride: (id, entry, token) => request(`/overrides/${idPath(id)}`, {
    method: 'PUT', body: entry, token,
  }),
  match: (profile, params) => request(`/match${query(params)}`, { method: 'POST', body: profile }),
  profileSchema: () => request('/profile.schema.json'),
  exportUrl: (format, params) => `${API}/export${query({ format, ...params })}`,
};
