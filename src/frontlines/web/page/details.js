// The event panel (fields, precision codes in words, evidence highlighted in its report, review)
// and the report reader (places, actors, numbers, dates and quoted sources highlighted).

import { get, request } from './api.js';
import { el, fields, fill, highlighted, slug } from './dom.js';
import { TYPES } from './map.js';
import { notesSection, signedIn } from './notes.js';

const dash = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));
const coded = (value, label) => (value === null || value === undefined ? null : `${value} — ${label || 'unknown code'}`);

export async function showEvent(node, eventId, { openReport, onReviewed }) {
  const [data, me] = await Promise.all([get(`/api/events/${encodeURIComponent(eventId)}`), get('/api/session')]);
  const { event: ev, codes, review } = data;
  const report = await get(`/api/reports/${encodeURIComponent(ev.report_id)}`);
  const reviewed = review.reviewed_values || {};
  const value = (name) => (name in reviewed ? el('span', {}, el('s', { class: 'machine', title: 'machine value' }, dash(ev[name])), ' → ',
    el('strong', { class: 'reviewed', title: `reviewed by ${review.reviewed_by}` }, dash(reviewed[name]))) : ev[name]);
  const evidence = data.evidence.map((e) => ({ ...e, kind: e.field, label: e.text }));
  const reader = el('div', { class: 'reader evidence-text' }, highlighted(report.text, evidence, (kinds) => `ev ${kinds.map((k) => `ev-${slug(k)}`).join(' ')}`));
  fill(node,
    el('h2', { class: `type-head fl-t-${slug(ev.event_type)}` }, el('span', { class: 'swatch' }), value('event_type')),
    el('p', { class: 'sub' }, value('sub_event_type'), ' · ', el('span', { class: `status status-${review.status || 'unreviewed'}` }, review.status || 'not reviewed')),
    fields([
      ['Date', el('span', {}, value('event_date'), ` (range ${dash(ev.date_start)} – ${dash(ev.date_end)}, from ${ev.date_basis})`)],
      ['Date precision', coded(ev.date_prec, codes.date_prec)],
      ['Place', el('span', {}, value('location'), ev.latitude != null ? ` (${ev.latitude}, ${ev.longitude})` : ' (not located)')],
      ['Place precision', coded(ev.where_prec, codes.where_prec)],
      ['ACLED geo / time precision', `${dash(ev.geo_precision)} / ${dash(ev.time_precision)}`],
      ['Actor 1', value('actor1')], ['Actor 2', value('actor2')], ['Associated', ev.assoc_actor_1],
      ['Fatalities (low / best / high)', `${dash(reviewed.low ?? ev.low)} / ${dash(reviewed.best ?? ev.best)} / ${dash(reviewed.high ?? ev.high)}`],
      ['Equipment', ev.equipment],
      ['Modality', value('modality')], ['Outlet', ev.source], ['Quoted source', value('attribution')],
      ['Report', el('a', { href: '#', class: 'open-report', onclick: (e) => { e.preventDefault(); openReport(ev.report_id); } }, report.report.title || ev.report_id)],
    ]),
    el('h3', {}, 'Evidence'),
    el('ul', { class: 'evidence-list' }, data.evidence.map((e) => el('li', {}, el('mark', { class: `ev ev-${slug(e.field)}` }, e.text), ` — ${e.field}`))),
    reader,
    me.can_write ? reviewForm(ev, reviewed, onReviewed) : el('p', { class: 'hint' }, 'Sign in to confirm, correct or reject this event.'),
    historyList(review.history),
    notesSection(data.notes, { event_id: ev.event_id }, { canModerate: me.can_write, onChange: onReviewed }));
  reader.querySelector('mark.ev')?.scrollIntoView({ block: 'center' });
}

function historyList(history) {
  if (!history.length) return null;
  return el('details', { class: 'history' }, el('summary', {}, `Review history (${history.length})`),
    el('ol', {}, history.map((h) => el('li', {}, `${h.created.slice(0, 16).replace('T', ' ')} ${h.reviewer}: ${h.action}`,
      Object.entries(h.changes).map(([f, c]) => el('div', { class: 'change' }, `${f}: ${dash(c.before)} → ${dash(c.after)}`)),
      h.comment ? el('div', { class: 'hint' }, h.comment) : null))));
}

const EDITABLE = [
  ['event_type', 'Event type', 'select'], ['sub_event_type', 'Sub-event type'], ['actor1', 'Actor 1'], ['actor2', 'Actor 2'],
  ['event_date', 'Event date', 'date'], ['date_start', 'Date start', 'date'], ['date_end', 'Date end', 'date'],
  ['date_prec', 'Date precision (1-5)', 'number'], ['location', 'Location'], ['latitude', 'Latitude', 'number'],
  ['longitude', 'Longitude', 'number'], ['where_prec', 'Place precision (1-7)', 'number'],
  ['fatalities', 'Fatalities', 'number'], ['low', 'Low', 'number'], ['best', 'Best', 'number'], ['high', 'High', 'number'],
  ['modality', 'Modality', 'select'], ['attribution', 'Quoted source'],
];
const CHOICES = { event_type: TYPES, modality: ['happened', 'claimed', 'planned', 'denied', 'threatened', 'possible'] };

function reviewForm(ev, reviewed, onReviewed) {
  const status = el('p', { class: 'form-status', role: 'status' });
  const current = (name) => (name in reviewed ? reviewed[name] : ev[name]);
  const inputs = {};
  const rows = EDITABLE.map(([name, label, kind]) => {
    const start = current(name) ?? '';
    inputs[name] = kind === 'select'
      ? el('select', { name }, ['', ...CHOICES[name]].map((c) => el('option', { value: c, selected: c === start }, c || '—')))
      : el('input', { name, type: kind || 'text', step: kind === 'number' ? 'any' : undefined, value: start });
    return el('label', {}, label, inputs[name]);
  });
  const comment = el('input', { name: 'comment', maxlength: 2000, placeholder: 'why (optional)' });
  const send = async (action, corrections) => {
    try {
      await request('POST', `/api/events/${encodeURIComponent(ev.event_id)}/review`, { action, corrections, comment: comment.value || null });
      onReviewed();
    } catch (err) { status.textContent = err.message; }
  };
  const changed = () => {
    const out = {};
    for (const [name, , kind] of EDITABLE) {
      const raw = inputs[name].value;
      if (String(current(name) ?? '') === raw || raw === '') continue;
      out[name] = kind === 'number' ? Number(raw) : raw;
    }
    return out;
  };
  return el('section', { class: 'review' }, el('h3', {}, 'Review'),
    el('p', {}, el('button', { type: 'button', class: 'confirm', onclick: () => send('confirm') }, 'Confirm'), ' ',
      el('button', { type: 'button', class: 'reject', onclick: () => send('reject') }, 'Reject'), ' ', comment),
    el('details', {}, el('summary', {}, 'Correct fields'), el('div', { class: 'grid' }, rows),
      el('button', { type: 'button', class: 'correct', onclick: () => {
        const corrections = changed();
        if (!Object.keys(corrections).length) { status.textContent = 'Change at least one field first.'; return; }
        send('correct', corrections);
      } }, 'Save corrections')),
    status);
}

const KINDS = [['place', 'places'], ['actor', 'actors'], ['number', 'numbers'], ['date', 'dates'], ['source', 'quoted sources']];

export async function showReport(node, reportId, { openEvent, onChange }) {
  const [data, me] = await Promise.all([get(`/api/reports/${encodeURIComponent(reportId)}`), get('/api/session')]);
  const r = data.report;
  fill(node,
    el('h2', {}, r.title || '(untitled report)'),
    fields([['Outlet', r.source], ['Published', r.published], ['URL', r.url ? el('span', { class: 'url' }, r.url) : null], ['From', r.origin]]),
    el('p', { class: 'legend' }, KINDS.map(([k, label]) => el('mark', { class: `hl-${k}` }, label))),
    el('div', { class: 'reader report-text' }, highlighted(data.text, data.spans)),
    el('h3', {}, `Events (${data.events.length})`),
    el('ul', { class: 'report-events' }, data.events.map((e) => el('li', {},
      el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); openEvent(e.event_id); } }, `${e.event_type}: ${e.sub_event_type}`),
      ` — “${e.trigger.text}”`))),
    notesSection(data.notes, { report_id: r.report_id }, { canModerate: me.can_write, onChange }));
}
