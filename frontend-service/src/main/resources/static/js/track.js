import { api, problemText } from './api.js';
import { el, clear, show, say, formatInstant, confirmDialog } from './dom.js';
import { FORMATS, LEVELS } from './talks.js';
import {
  EDITABLE_FIELDS, countBio, fieldError, focusField, newFieldValues, setNewFieldValues, showFieldErrors,
} from './proposal-form.js';

const out = document.getElementById('tracked');
const message = document.getElementById('track-message');
const form = document.getElementById('edit-form');
const editMessage = document.getElementById('edit-message');
const withdrawal = document.getElementById('withdraw');
const token = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
const tracked = `/api/proposals/track/${encodeURIComponent(token)}`;

const explanations = {
  PENDING: 'The organizers have not decided yet. You will get an email as soon as they do. Until then you can change your proposal below.',
  APPROVED: 'Congratulations: your talk is on the agenda. You got an email with the details.',
  REJECTED: 'Thank you for proposing. This time your talk was not selected.',
  WITHDRAWN: 'You withdrew this proposal. Nothing more will happen to it, and it is not on the agenda.',
};

let current = null;

function render(p) {
  current = p;
  const format = p.format || 'TALK';
  clear(out).append(
    el('h2', { text: p.title }),
    el('p', {}, el('span', { class: `badge badge-${String(p.status).toLowerCase()}`, text: p.status })),
    el('p', { text: explanations[p.status] || '' }),
    el('dl', { class: 'facts' },
      el('dt', { text: 'Format' }), el('dd', { text: FORMATS[format] || format }),
      el('dt', { text: 'Level' }), el('dd', { text: p.level ? LEVELS[p.level] || p.level : 'Not stated' }),
      el('dt', { text: 'Submitted' }), el('dd', { text: formatInstant(p.submittedAt) }),
      el('dt', { text: 'Decided' }), el('dd', { text: p.decidedAt ? formatInstant(p.decidedAt) : 'not yet' }),
      p.withdrawnAt ? el('dt', { text: 'Withdrawn' }) : null,
      p.withdrawnAt ? el('dd', { text: formatInstant(p.withdrawnAt) }) : null),
    p.abstract ? el('h3', { text: 'Abstract' }) : null,
    p.abstract ? el('p', { class: 'abstract', text: p.abstract }) : null,
    p.speakerBio ? el('h3', { text: 'About you' }) : null,
    p.speakerBio ? el('p', { class: 'abstract speaker-bio', text: p.speakerBio }) : null);
  const editable = p.status === 'PENDING';
  show(form, editable);
  if (editable) {
    form.elements.title.value = p.title || '';
    form.elements.abstract.value = p.abstract || '';
    setNewFieldValues(form, p);
  }
  show(withdrawal, p.status === 'PENDING' || p.status === 'APPROVED');
  document.getElementById('withdraw-explanation').textContent = p.status === 'APPROVED'
    ? 'If you can no longer give this talk, withdraw it: it is taken off the agenda and the organizers are told.'
    : 'If you no longer want to give this talk, withdraw it: the organizers will not consider it any more.';
}

async function load() {
  const result = await api(tracked);
  if (result.status === 404 || result.status === 400) {
    clear(out).append(el('p', { class: 'notice notice-error', text: 'No proposal belongs to this link. Please check that you copied all of it.' }));
    return;
  }
  if (!result.ok) {
    clear(out).append(el('p', { class: 'notice notice-error', text: problemText(result) }));
    return;
  }
  render(result.data);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  EDITABLE_FIELDS.forEach((name) => fieldError(form, name, ''));
  say(editMessage, '');
  say(message, '');
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  const edit = { title: form.elements.title.value, abstract: form.elements.abstract.value, ...newFieldValues(form) };
  const result = await api(tracked, { method: 'PUT', json: edit });
  button.disabled = false;
  if (result.ok && result.data) {
    render(result.data);
    say(message, 'Your changes are saved.', 'success');
    message.focus();
    return;
  }
  if (result.status === 400 && result.data && Array.isArray(result.data.errors) && result.data.errors.length) {
    const first = showFieldErrors(form, result.data.errors, EDITABLE_FIELDS);
    say(editMessage, 'Please correct the fields marked below.', 'error');
    if (first) focusField(form, first);
    return;
  }
  if (result.status === 409) {
    const state = result.data && result.data.currentStatus ? ` It is ${result.data.currentStatus} now.` : '';
    await load();
    say(message, `The organizers have decided on your proposal, so it can no longer be changed.${state}`, 'error');
    message.focus();
    return;
  }
  say(editMessage, problemText(result, 'Your changes could not be saved. Please try again.'), 'error');
});

document.getElementById('withdraw-button').addEventListener('click', async () => {
  if (!current) return;
  const yes = await confirmDialog(`Withdraw “${current.title}”? This cannot be undone.`, 'Withdraw');
  if (!yes) return;
  say(message, '');
  const result = await api(`${tracked}/withdrawal`, { method: 'POST' });
  if (result.ok && result.data) {
    render(result.data);
    say(message, 'Your proposal is withdrawn. We sent you an email to confirm it.', 'success');
  } else if (result.status === 409) {
    await load();
    say(message, 'This proposal can no longer be withdrawn.', 'error');
  } else {
    say(message, problemText(result, 'Your proposal could not be withdrawn. Please try again.'), 'error');
  }
  message.focus();
});

countBio(form);
load();
