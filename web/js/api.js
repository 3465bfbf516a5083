// The HTTP API (/api/v1, JSON, UTF-8).

export const API = '/api/v1';

/** An error the page can show: message in Chinese, HTTP status when there was an answer. */
export class ApiError extends Error {
  constructor(message, status = 0) {
    super(message);
    this.status = status;
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

async function request(path, { method = 'GET', body, signal } = {}) {
  let response;
  try {
    response = await fetch(API + path, {
      method,
      signal,
      headers: body === undefined
        ? { Accept: 'application/json' }
        : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
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
    throw new ApiError(detail ? `${detail}` : base, response.status);
  }
  if (data === null) throw new ApiError('服务器的回答无法读取。', response.status);
  return data;
}

export const api = {
  policies: (params, signal) => request(`/policies${query(params)}`, { signal }),
  policy: (list, seq, params) =>
    request(`/policies/${encodeURIComponent(list)}/${encodeURIComponent(seq)}${query(params)}`),
  stats: (params) => request(`/stats${query(params)}`),
  lists: () => request('/lists'),
  match: (profile, params) => request(`/match${query(params)}`, { method: 'POST', body: profile }),
  openapi: () => request('/openapi.json'),
  exportUrl: (format, params) => `${API}/export${query({ format, ...params })}`,
};
