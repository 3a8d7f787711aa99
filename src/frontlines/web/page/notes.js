// Notes on reports and events: the list (names and comments shown as text, never as markup)
// and the form (name*, email*, comment*), with the server's validation messages by field.

import { post, request, token } from './api.js';
import { el, fill } from './dom.js';

export function notesSection(notes, target, { canModerate, onChange }) {
  const list = el('ol', { class: 'notes' });
  for (const note of notes) {
    const item = el('li', { class: note.hidden ? 'note hidden' : 'note', dataset: { noteId: note.id } },
      el('div', { class: 'note-head' }, el('strong', { class: 'note-name' }, note.name), ' · ',
        el('time', { datetime: note.created }, note.created.slice(0, 16).replace('T', ' ')),
        note.event_id && !target.event_id ? ' · on an event' : '', note.hidden ? ' · hidden' : ''),
      el('p', { class: 'note-comment' }, note.comment));
    if (canModerate) {
      item.append(el('button', { type: 'button', class: 'small', onclick: async () => {
        await request('POST', `/api/notes/${note.id}/moderation`, { hidden: !note.hidden });
        onChange();
      } }, note.hidden ? 'Show' : 'Hide'));
    }
    list.append(item);
  }
  return el('section', { class: 'notes-section' },
    el('h3', {}, `Notes (${notes.length})`),
    notes.length ? list : el('p', { class: 'hint' }, 'No notes yet.'),
    noteForm(target, onChange));
}

function noteForm(target, onChange) {
  const status = el('p', { class: 'form-status', role: 'status' });
  const field = (name, label, input) => el('p', { class: 'form-field' },
    el('label', { for: `note-${name}` }, label, ' ', el('span', { class: 'required', 'aria-hidden': 'true' }, '*')),
    input, el('span', { class: 'field-error', id: `note-${name}-error`, role: 'alert' }));
  const name = el('input', { id: 'note-name', name: 'name', required: true, maxlength: 100, autocomplete: 'name' });
  const email = el('input', { id: 'note-email', name: 'email', type: 'email', required: true, maxlength: 254, autocomplete: 'email' });
  const comment = el('textarea', { id: 'note-comment', name: 'comment', required: true, maxlength: 5000, rows: 4 });
  const form = el('form', { class: 'note-form', novalidate: true },
    el('h4', {}, 'Leave a note'),
    el('p', { class: 'hint' }, 'Your email address will not be published. Required fields are marked ',
      el('span', { class: 'required' }, '*')),
    field('name', 'Name', name), field('email', 'Email', email), field('comment', 'Comment', comment),
    el('button', { type: 'submit' }, 'Post note'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const node of form.querySelectorAll('.field-error')) node.textContent = '';
    status.textContent = '';
    const problems = {};
    if (!name.value.trim()) problems.name = 'Please enter your name.';
    if (!email.value.trim()) problems.email = 'Please enter your email address.';
    else if (!email.validity.valid) problems.email = 'Please enter a valid email address, like name@example.org.';
    if (!comment.value.trim()) problems.comment = 'Please write a comment.';
    if (Object.keys(problems).length) { show(form, problems); return; }
    try {
      await post('/api/notes', { ...target, name: name.value, email: email.value, comment: comment.value });
      status.textContent = 'Thank you: your note is posted.';
      form.reset();
      onChange();
    } catch (err) {
      const byField = {};
      for (const e of err.errors || []) byField[e.field] = e.message;
      show(form, byField);
      status.textContent = err.errors?.length ? 'Please correct the fields marked above.' : err.message;
    }
  });
  return form;
}

function show(form, problems) {
  for (const [key, message] of Object.entries(problems)) {
    const node = form.querySelector(`#note-${key}-error`);
    if (node) fill(node, message);
  }
}

export const signedIn = () => Boolean(token());
