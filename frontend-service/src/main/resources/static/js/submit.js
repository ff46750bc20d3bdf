import { api, problemText } from './api.js';
import { el, clear, show, say, formatInstant } from './dom.js';
import { countBio, fieldError as showError, focusField, newFieldValues, showFieldErrors } from './proposal-form.js';

const form = document.getElementById('proposal-form');
const closed = document.getElementById('cfp-closed');
const message = document.getElementById('form-message');
const done = document.getElementById('confirmation');
const textFields = ['title', 'abstract', 'speakerName', 'speakerEmail'];
const fields = [...textFields, 'format', 'level', 'speakerBio'];

function fieldError(name, text) {
  showError(form, name, text);
}

function showClosed(cfp, detail) {
  show(form, false);
  clear(closed).append(
    el('h2', { text: 'The Call for Proposals is closed' }),
    el('p', { text: detail || (cfp && cfp.opensAt && new Date(cfp.opensAt) > new Date()
      ? `It opens on ${formatInstant(cfp.opensAt)}.`
      : `It closed${cfp && cfp.closesAt ? ` on ${formatInstant(cfp.closesAt)}` : ''}. Thank you to everyone who proposed a talk.`) }),
    el('p', {}, el('a', { text: 'See the agenda', attrs: { href: '/' } })));
  show(closed);
}

async function checkWindow() {
  const result = await api('/api/cfp');
  if (result.ok && result.data && result.data.open === false) {
    showClosed(result.data);
    return;
  }
  if (result.ok && result.data && result.data.closesAt) {
    document.getElementById('cfp-deadline').textContent = `Proposals are welcome until ${formatInstant(result.data.closesAt)}.`;
  }
}

function confirm(proposal) {
  const link = new URL(`/track/${encodeURIComponent(proposal.trackingToken)}`, location.origin).href;
  show(form, false);
  clear(done).append(
    el('h2', { text: 'Thank you! Your proposal is in.' }),
    el('p', {}, 'We received ', el('strong', { text: proposal.title }),
      '. An email confirming it is on its way to ', el('strong', { text: proposal.speakerEmail }), '.'),
    el('p', { text: 'Keep this link to follow what happens to your proposal:' }),
    el('p', { class: 'tracking-link' }, el('a', { text: link, attrs: { href: link } })),
    el('p', {}, el('a', { class: 'button', text: 'Propose another talk', attrs: { href: '/submit' } })));
  show(done);
  done.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  fields.forEach((name) => fieldError(name, ''));
  say(message, '');
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  const submission = { ...Object.fromEntries(textFields.map((name) => [name, form.elements[name].value])), ...newFieldValues(form) };
  const result = await api('/api/proposals', { method: 'POST', json: submission });
  button.disabled = false;
  if (result.status === 201) {
    confirm(result.data);
    return;
  }
  if (result.status === 400 && result.data && Array.isArray(result.data.errors) && result.data.errors.length) {
    const first = showFieldErrors(form, result.data.errors, fields);
    say(message, 'Please correct the fields marked below.', 'error');
    if (first) focusField(form, first);
    return;
  }
  if (result.status === 403 && result.data && result.data.code === 'CFP_CLOSED') {
    showClosed(null, result.data.detail);
    return;
  }
  say(message, problemText(result, 'Your proposal could not be sent. Please try again.'), 'error');
});

countBio(form);
checkWindow();
