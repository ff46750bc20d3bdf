import { api, problemText } from './api.js';
import { el, clear, formatInstant } from './dom.js';

const out = document.getElementById('tracked');
const token = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');

const explanations = {
  PENDING: 'The organizers have not decided yet. You will get an email as soon as they do.',
  APPROVED: 'Congratulations: your talk is on the agenda. You got an email with the details.',
  REJECTED: 'Thank you for proposing. This time your talk was not selected.',
};

async function load() {
  const result = await api(`/api/proposals/track/${encodeURIComponent(token)}`);
  clear(out);
  if (result.status === 404 || result.status === 400) {
    out.append(el('p', { class: 'notice notice-error', text: 'No proposal belongs to this link. Please check that you copied all of it.' }));
    return;
  }
  if (!result.ok) {
    out.append(el('p', { class: 'notice notice-error', text: problemText(result) }));
    return;
  }
  const p = result.data;
  out.append(
    el('h2', { text: p.title }),
    el('p', {}, el('span', { class: `badge badge-${String(p.status).toLowerCase()}`, text: p.status })),
    el('p', { text: explanations[p.status] || '' }),
    el('dl', { class: 'facts' },
      el('dt', { text: 'Submitted' }), el('dd', { text: formatInstant(p.submittedAt) }),
      el('dt', { text: 'Decided' }), el('dd', { text: p.decidedAt ? formatInstant(p.decidedAt) : 'not yet' })));
}

load();
