// The view's state lives in the URL's hash, so the address bar is always a permalink to it.

const LISTS = ['type', 'modality'];
const SCALARS = ['actor', 'source', 'where_prec', 'date_prec', 'review', 'q', 'date_from', 'date_to', 'event', 'report', 'view', 'tab'];

export function read() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const state = {};
  for (const key of LISTS) state[key] = params.getAll(key);
  for (const key of SCALARS) state[key] = params.get(key) || '';
  return state;
}

export function write(state) {
  const params = new URLSearchParams();
  for (const key of LISTS) for (const v of state[key] || []) params.append(key, v);
  for (const key of SCALARS) if (state[key]) params.set(key, state[key]);
  const hash = `#${params.toString()}`;
  if (hash !== location.hash) history.replaceState(null, '', hash);
}

/** The API query string of the filters in `state` (no event/report/view), plus `extra`. */
export function query(state, extra = {}, { dates = true } = {}) {
  const params = new URLSearchParams();
  for (const key of LISTS) for (const v of state[key] || []) params.append(key, v);
  for (const key of ['actor', 'source', 'where_prec', 'date_prec', 'review', 'q']) if (state[key]) params.set(key, state[key]);
  if (dates) for (const key of ['date_from', 'date_to']) if (state[key]) params.set(key, state[key]);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null && v !== '') params.set(k, v);
  return params.toString();
}
