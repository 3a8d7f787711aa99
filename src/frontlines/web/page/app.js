// The workbench page: filters, map, timeline, the list of events in view, and the event and report panels.
// Every piece of state is in the URL's hash (state.js), so any view can be shared as a link.

import { get, request, setToken, token } from './api.js';
import { showEvent, showReport } from './details.js';
import { el, fill, slug } from './dom.js';
import { EventMap, TYPES } from './map.js';
import * as urlState from './state.js';
import { Timeline } from './timeline.js';

const $ = (id) => document.getElementById(id);
const WHERE = ['exact place', 'within ~25 km', 'district', 'province', 'region', 'country', 'sea or air'];
const WHEN = ['exact day', '2-6 days', 'a week', 'a month', 'a year'];
const MODALITIES = ['happened', 'claimed', 'planned', 'denied', 'threatened', 'possible'];

let state = urlState.read();
let map, timeline, bbox = '', listPage = 1, config;

function save() { urlState.write(state); updateExports(); }

function tab(name) {
  state.tab = name === 'list' ? '' : name;
  for (const b of document.querySelectorAll('.tabs button')) b.classList.toggle('active', b.dataset.tab === name);
  for (const t of document.querySelectorAll('.tab')) t.classList.toggle('active', t.id === `tab-${name}`);
  save();
}

function checks(node, values, selected, counts, onChange, coloured) {
  fill(node, values.map((v) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value: v, checked: selected.includes(v), onchange: onChange }),
    coloured ? el('span', { class: `swatch fl-t-${slug(v)}` }) : null, ` ${v}`,
    counts[v] !== undefined ? el('span', { class: 'count' }, ` ${counts[v]}`) : null)));
}

function options(select, values, selected, label = (v) => v) {
  for (const v of values) select.append(el('option', { value: v, selected: String(v) === String(selected) }, label(v)));
}

async function setupFilters() {
  const facets = await get('/api/facets');
  const counts = (name) => Object.fromEntries(facets[name].map((f) => [f.value, f.count]));
  const changed = () => {
    state.type = [...$('f-type').querySelectorAll('input:checked')].map((i) => i.value);
    state.modality = [...$('f-modality').querySelectorAll('input:checked')].map((i) => i.value);
    for (const [key, id] of [['actor', 'f-actor'], ['source', 'f-source'], ['where_prec', 'f-where-prec'], ['date_prec', 'f-date-prec'], ['review', 'f-review']]) state[key] = $(id).value;
    refresh();
  };
  checks($('f-type'), TYPES, state.type, counts('type'), changed, true);
  checks($('f-modality'), MODALITIES, state.modality, counts('modality'), changed, false);
  options($('f-actor'), facets.actor.map((f) => f.value), state.actor, (v) => `${v} (${counts('actor')[v]})`);
  options($('f-source'), facets.source.map((f) => f.value), state.source, (v) => `${v} (${counts('source')[v]})`);
  options($('f-where-prec'), [1, 2, 3, 4, 5, 6, 7], state.where_prec, (v) => `≤ ${v}: ${WHERE[v - 1]}`);
  options($('f-date-prec'), [1, 2, 3, 4, 5], state.date_prec, (v) => `≤ ${v}: ${WHEN[v - 1]}`);
  $('f-review').value = state.review;
  for (const id of ['f-actor', 'f-source', 'f-where-prec', 'f-date-prec', 'f-review']) $(id).addEventListener('change', changed);
  $('q').value = state.q;
  let typing;
  $('q').addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => { state.q = $('q').value.trim(); refresh(); }, 300); });
  $('reset').addEventListener('click', () => { location.hash = ''; location.reload(); });
}

function updateExports() {
  for (const kind of ['csv', 'geojson', 'jsonl']) $(`x-${kind}`).href = `/api/events.${kind}?${urlState.query(state)}`;
  $('f-dates').textContent = state.date_from || state.date_to ? `Dates: ${state.date_from || '…'} to ${state.date_to || '…'}` : '';
}

async function refresh({ fit = false } = {}) {
  save();
  const [collection, days] = await Promise.all([
    get(`/api/events.geojson?${urlState.query(state, { limit: 20000 })}`),
    get(`/api/events/timeline?${urlState.query(state, {}, { dates: false })}`),
  ]);
  map.show(collection);
  if (fit) map.fit(collection);
  timeline.draw(days, state.date_from, state.date_to);
  listPage = 1;
  await refreshList();
  document.body.dataset.loaded = 'true';
}

async function refreshMapOnly() {
  save();
  map.show(await get(`/api/events.geojson?${urlState.query(state, { limit: 20000 })}`));
  listPage = 1;
  await refreshList();
}

async function refreshList() {
  const data = await get(`/api/events?${urlState.query(state, { bbox, page: listPage, per_page: 25 })}`);
  const pages = Math.max(1, Math.ceil(data.total / data.per_page));
  const pager = el('p', { class: 'pager' },
    el('button', { type: 'button', disabled: listPage <= 1, onclick: () => { listPage -= 1; refreshList(); } }, '‹ Prev'),
    ` page ${listPage} of ${pages} `,
    el('button', { type: 'button', disabled: listPage >= pages, onclick: () => { listPage += 1; refreshList(); } }, 'Next ›'));
  fill($('tab-list'),
    el('p', { class: 'total' }, `${data.total} event${data.total === 1 ? '' : 's'} in view`),
    el('ol', { class: 'event-list' }, data.items.map((e) => el('li', { dataset: { eventId: e.event_id } },
      el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); openEvent(e.event_id); } },
        el('span', { class: `swatch fl-t-${slug(e.event_type)}` }), ` ${e.event_date || 'undated'} · ${e.event_type}`),
      el('div', { class: 'meta' }, [e.location || 'not located', e.actor1, e.actor2].filter(Boolean).join(' · ')),
      e.fatalities != null ? el('div', { class: 'meta' }, `fatalities: ${e.fatalities}`) : null,
      e.review_status ? el('div', { class: `status status-${e.review_status}` }, e.review_status) : null))),
    pager);
}

async function openEvent(eventId) {
  state.event = eventId; state.report = '';
  tab('event');
  map.focus(eventId);
  try {
    await showEvent($('tab-event'), eventId, { openReport, onReviewed: () => { openEvent(eventId); refreshMapOnly(); } });
  } catch (err) { fill($('tab-event'), el('p', { class: 'error' }, err.message)); }
}

async function openReport(reportId) {
  state.report = reportId; state.event = '';
  tab('report');
  try {
    await showReport($('tab-report'), reportId, { openEvent, onChange: () => openReport(reportId) });
  } catch (err) { fill($('tab-report'), el('p', { class: 'error' }, err.message)); }
}

async function signIn() {
  const dialog = $('sign-in-dialog');
  $('sign-in-error').textContent = '';
  dialog.showModal();
  $('sign-in-cancel').onclick = () => dialog.close();
  $('sign-in-form').onsubmit = async (event) => {
    event.preventDefault();
    try {
      const me = await request('GET', '/api/session', undefined, { tokenValue: $('token').value });
      if (!me.user) { $('sign-in-error').textContent = me.tokens_configured ? 'That token is not valid.' : 'This server has no token set: writing is off.'; return; }
      setToken($('token').value);
      dialog.close();
      await showWho();
      if (state.event) openEvent(state.event); else if (state.report) openReport(state.report);
    } catch (err) { $('sign-in-error').textContent = err.message; }
  };
}

async function showWho() {
  const me = token() ? await get('/api/session') : { user: null };
  if (token() && !me.user) setToken(null);
  $('who').textContent = me.user ? `Signed in as ${me.user}` : '';
  $('sign-in').textContent = me.user ? 'Sign out' : 'Sign in';
  $('sign-in').onclick = me.user ? () => { setToken(null); showWho(); if (state.event) openEvent(state.event); } : signIn;
}

async function main() {
  config = await get('/api/config');
  map = new EventMap($('map'), {
    tiles: config.tiles, attribution: config.tiles_attribution, onSelect: openEvent,
    onMove: (box, view) => { bbox = box; state.view = view; listPage = 1; save(); refreshList(); },
  });
  const basemap = $('basemap');
  basemap.querySelector('[value=tiles]').disabled = !config.tiles;
  basemap.value = config.tiles && localStorage.getItem('frontlines.basemap') === 'tiles' ? 'tiles' : 'borders';
  basemap.addEventListener('change', () => { localStorage.setItem('frontlines.basemap', basemap.value); map.setBasemap(basemap.value); });
  await map.setBasemap(basemap.value);
  timeline = new Timeline($('timeline'), (from, to) => { state.date_from = from; state.date_to = to; refreshMapOnly(); updateExports(); });
  for (const b of document.querySelectorAll('.tabs button')) b.addEventListener('click', () => tab(b.dataset.tab));
  $('copy-link').addEventListener('click', async () => { save(); await navigator.clipboard?.writeText(location.href).catch(() => {}); $('copy-link').textContent = 'Link copied'; });
  $('home').addEventListener('click', (e) => { e.preventDefault(); tab('list'); });
  await setupFilters();
  await showWho();
  const view = state.view;
  await refresh({ fit: !view });
  if (view) map.setView(view);
  bbox = map.bbox();
  if (state.event) await openEvent(state.event);
  else if (state.report) await openReport(state.report);
  else if (state.tab) tab(state.tab);
  await refreshList();
}

// A permalink pasted into this tab changes only the hash: start again from it.
window.addEventListener('hashchange', () => location.reload());

main().catch((err) => {
  console.error(err);
  document.body.prepend(el("p", { class: "error banner" }, `The workbench could not start: ${err?.message || err}`));
});
