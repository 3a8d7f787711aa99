// Talking to the workbench API: JSON in and out, the CSRF cookie echoed on writes, the token when signed in.

const TOKEN_KEY = 'frontlines.token';

export function token() { return sessionStorage.getItem(TOKEN_KEY); }
export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
}

function csrfToken() {
  const hit = document.cookie.split('; ').find((c) => c.startsWith('fl_csrf='));
  return hit ? decodeURIComponent(hit.slice('fl_csrf='.length)) : '';
}

/** An error from the API, with the per-field messages of a 422 when there are some. */
export class ApiError extends Error {
  constructor(status, detail, errors) {
    super(typeof detail === 'string' ? detail : `request failed (${status})`);
    this.status = status;
    this.errors = errors || [];
  }
}

export async function request(method, path, body, { auth = true, tokenValue } = {}) {
  const headers = { Accept: 'application/json' };
  const bearer = tokenValue || (auth ? token() : null);
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (method !== 'GET') { headers['X-CSRF-Token'] = csrfToken(); headers['Content-Type'] = 'application/json'; }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const data = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, data?.detail, data?.errors);
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body);
