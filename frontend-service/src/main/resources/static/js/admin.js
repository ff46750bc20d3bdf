import { api, problemText } from './api.js';
import { el, clear, show, say, formatInstant, formatDay, confirmDialog } from './dom.js';

const $ = (id) => document.getElementById(id);
const loginSection = $('login');
const office = $('office');
const notice = $('office-notice');
const PAGE_SIZE = 10;
const state = { status: 'PENDING', q: '', page: 0, emailPage: 0, emailStatus: '' };

// ---- session -------------------------------------------------------------------------------

async function start() {
  const session = await api('/api/session');
  if (session.ok && session.data.organizer) {
    show(loginSection, false);
    show(office);
    $('whoami').textContent = session.data.username;
    showTab('proposals');
    return;
  }
  show(office, false);
  show(loginSection);
  if (session.ok) {
    say($('login-message'), `You are logged in as ${session.data.username}, but only organizers can use the back office.`, 'error');
  } else if (new URLSearchParams(location.search).has('error')) {
    say($('login-message'), 'The login did not work. Please try again.', 'error');
  }
  const options = await api('/api/login-options');
  if (options.ok && options.data.oidc) {
    $('oidc-login').href = options.data.oidc;
    show($('oidc'));
  }
  $('username').focus();
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const result = await api('/login', { method: 'POST', form: { username: form.username.value, password: form.password.value } });
  if (result.ok) {
    form.reset();
    say($('login-message'), '');
    start();
  } else {
    say($('login-message'), result.status === 401 ? 'Wrong user name or password.' : problemText(result), 'error');
    form.password.select();
  }
});

$('logout').addEventListener('click', async () => {
  await api('/logout', { method: 'POST' });
  location.assign('/admin');
});

// ---- tabs ------------------------------------------------------------------------------------

const tabs = ['proposals', 'emails', 'agenda'];
function showTab(name) {
  for (const tab of tabs) {
    $(`tab-${tab}`).setAttribute('aria-selected', String(tab === name));
    show($(`panel-${tab}`), tab === name);
  }
  say(notice, '');
  ({ proposals: loadProposals, emails: loadEmails, agenda: loadAgenda })[name]();
}
tabs.forEach((tab) => $(`tab-${tab}`).addEventListener('click', () => showTab(tab)));

function pager(container, page, totalPages, go) {
  clear(container);
  if (totalPages <= 1) return;
  container.append(
    el('button', { class: 'button', text: '← Previous', attrs: { type: 'button', disabled: page === 0 }, on: { click: () => go(page - 1) } }),
    el('span', { text: `Page ${page + 1} of ${totalPages}` }),
    el('button', { class: 'button', text: 'Next →', attrs: { type: 'button', disabled: page + 1 >= totalPages }, on: { click: () => go(page + 1) } }));
}

// ---- proposals -------------------------------------------------------------------------------

$('proposal-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  state.status = $('filter-status').value;
  state.q = $('filter-q').value.trim();
  state.page = 0;
  loadProposals();
});

async function loadProposals() {
  const params = new URLSearchParams({ page: state.page, size: PAGE_SIZE });
  if (state.status) params.set('status', state.status);
  if (state.q) params.set('q', state.q);
  const list = $('proposal-list');
  const result = await api(`/api/proposals?${params}`);
  clear(list);
  if (!result.ok) {
    if (result.status === 401) { start(); return; }
    say(notice, problemText(result), 'error');
    return;
  }
  const { items, page, totalPages, totalItems } = result.data;
  $('proposal-count').textContent = `${totalItems} proposal${totalItems === 1 ? '' : 's'}`;
  if (items.length === 0) {
    list.append(el('p', { class: 'empty', text: 'No proposals match.' }));
  }
  for (const proposal of items) list.append(proposalRow(proposal));
  pager($('proposal-pager'), page, totalPages, (next) => { state.page = next; loadProposals(); });
}

function proposalRow(p) {
  const details = el('div', { class: 'proposal-details', attrs: { hidden: true } });
  const toggle = el('button', {
    class: 'button button-small',
    text: 'Details',
    attrs: { type: 'button', 'aria-expanded': 'false' },
    on: {
      click: async () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        show(details, open);
        if (open) await loadDetails(p.id, details);
      },
    },
  });
  return el('article', { class: 'card proposal' },
    el('div', { class: 'proposal-head' },
      el('div', {},
        el('h3', { text: p.title }),
        el('p', { class: 'muted' }, el('span', { text: p.speakerName }), ' · ', el('span', { text: p.speakerEmail }),
          ' · submitted ', el('span', { text: formatInstant(p.submittedAt) }))),
      el('div', { class: 'proposal-actions' },
        el('span', { class: `badge badge-${String(p.status).toLowerCase()}`, text: p.status }), toggle)),
    details);
}

async function loadDetails(id, container) {
  const result = await api(`/api/proposals/${encodeURIComponent(id)}`);
  clear(container);
  if (!result.ok) {
    container.append(el('p', { class: 'notice notice-error', text: problemText(result) }));
    return;
  }
  const p = result.data;
  container.append(el('p', { class: 'abstract', text: p.abstract }));
  container.append(el('p', { class: 'muted', text: [p.format === 'WORKSHOP' ? 'Workshop' : 'Talk',
    p.level ? `level ${String(p.level).toLowerCase()}` : 'level not stated'].join(' · ') }));
  if (p.speakerBio) container.append(el('p', { class: 'abstract speaker-bio', text: p.speakerBio }));
  if (p.withdrawnAt) container.append(el('p', { class: 'muted', text: `Withdrawn by the speaker on ${formatInstant(p.withdrawnAt)}` }));
  if (p.decidedAt) {
    container.append(el('p', { class: 'muted', text: `${p.status} by ${p.decidedBy || 'unknown'} on ${formatInstant(p.decidedAt)}` }));
  }
  const deliveries = p.deliveries || [];
  container.append(el('h4', { text: 'Side effects' }));
  if (deliveries.length === 0) {
    container.append(el('p', { class: 'muted', text: 'None yet.' }));
  } else {
    container.append(el('ul', { class: 'deliveries' }, ...deliveries.map((d) => el('li', {},
      el('span', { class: `badge badge-${String(d.status).toLowerCase()}`, text: d.status }), ' ',
      el('strong', { text: labelOf(d.kind) }),
      el('span', { class: 'muted', text: ` · ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}` }),
      d.deliveredAt ? el('span', { class: 'muted', text: ` · delivered ${formatInstant(d.deliveredAt)}` }) : null,
      d.status === 'PENDING' && d.nextAttemptAt ? el('span', { class: 'muted', text: ` · next try ${formatInstant(d.nextAttemptAt)}` }) : null,
      d.lastError ? el('p', { class: 'error-text', text: d.lastError }) : null))));
  }
  if (p.status === 'PENDING') {
    container.append(el('div', { class: 'actions' },
      el('button', { class: 'button button-danger', text: 'Reject', attrs: { type: 'button' }, on: { click: () => decide(p, 'REJECTED', container) } }),
      el('button', { class: 'button button-primary', text: 'Approve', attrs: { type: 'button' }, on: { click: () => decide(p, 'APPROVED', container) } })));
  }
}

function labelOf(kind) {
  return ({
    AGENDA_ENTRY: 'Agenda entry', DECISION_EMAIL: 'Decision email', RECEIVED_EMAIL: '“Received” email',
    WITHDRAWAL_EMAIL: '“Withdrawn” email', AGENDA_REMOVAL: 'Taken off the agenda',
  })[kind] || kind;
}

async function decide(p, decision, container) {
  const verb = decision === 'APPROVED' ? 'Approve' : 'Reject';
  const ok = await confirmDialog(`${verb} “${p.title}” by ${p.speakerName}? The speaker will be emailed.`, verb);
  if (!ok) return;
  const result = await api(`/api/proposals/${encodeURIComponent(p.id)}/decision`, { method: 'POST', json: { decision } });
  if (result.ok) {
    say(notice, `${p.title}: ${decision === 'APPROVED' ? 'approved and scheduled' : 'rejected'}.`, 'success');
    await loadDetails(p.id, container);
  } else {
    say(notice, problemText(result), 'error');
  }
}

// ---- emails ----------------------------------------------------------------------------------

$('email-filter').addEventListener('change', () => {
  state.emailStatus = $('email-status').value;
  state.emailPage = 0;
  loadEmails();
});

async function loadEmails() {
  const params = new URLSearchParams({ page: state.emailPage, size: PAGE_SIZE });
  if (state.emailStatus) params.set('status', state.emailStatus);
  const result = await api(`/api/notifications?${params}`);
  const body = clear($('email-rows'));
  if (!result.ok) {
    say(notice, problemText(result), 'error');
    return;
  }
  for (const n of result.data.items) {
    body.append(el('tr', {},
      el('td', { text: formatInstant(n.createdAt) }),
      el('td', { text: n.to }),
      el('td', { text: ({ PROPOSAL_RECEIVED: 'Received', PROPOSAL_APPROVED: 'Accepted', PROPOSAL_REJECTED: 'Not accepted', PROPOSAL_WITHDRAWN: 'Withdrawn' })[n.template] || n.template }),
      el('td', { text: n.proposalTitle }),
      el('td', {}, el('span', { class: `badge badge-${String(n.status).toLowerCase()}`, text: n.status })),
      el('td', { text: String(n.attempts) }),
      el('td', { text: n.lastError || (n.deliveredAt ? `delivered ${formatInstant(n.deliveredAt)}` : '') })));
  }
  if (result.data.items.length === 0) {
    body.append(el('tr', {}, el('td', { text: 'No emails yet.', attrs: { colspan: 7 } })));
  }
  pager($('email-pager'), result.data.page, result.data.totalPages, (next) => { state.emailPage = next; loadEmails(); });
}

// ---- agenda ----------------------------------------------------------------------------------

async function loadAgenda() {
  const [agenda, slots] = await Promise.all([api('/api/agenda'), api('/api/slots?free=true')]);
  const list = clear($('agenda-list'));
  if (!agenda.ok || !slots.ok) {
    say(notice, problemText(agenda.ok ? slots : agenda), 'error');
    return;
  }
  if (agenda.headers.get('X-Agenda-Stale') === 'true') {
    say(notice, 'The agenda service is not answering: this is the last known agenda, and talks cannot be moved now.', 'warning');
  }
  if (agenda.data.length === 0) {
    list.append(el('p', { class: 'empty', text: 'No talks on the agenda yet. Approve a proposal to schedule it.' }));
  }
  for (const item of agenda.data) {
    const select = el('select', { attrs: { id: `move-${item.id}`, name: 'slot' } },
      el('option', { text: 'Choose a free slot…', attrs: { value: '' } }),
      ...slots.data.map((s) => el('option', {
        text: `${formatDay(s.day)} ${s.startTime}–${s.endTime}, ${s.room}`,
        attrs: { value: JSON.stringify({ day: s.day, startTime: s.startTime, room: s.room }) },
      })));
    const form = el('form', { class: 'move-form', on: { submit: (event) => { event.preventDefault(); move(item, select.value); } } },
      el('label', { text: 'Move to', attrs: { for: `move-${item.id}` } }), select,
      el('button', { class: 'button button-small', text: 'Move', attrs: { type: 'submit' } }));
    list.append(el('article', { class: 'card' },
      el('h3', { text: item.title }),
      el('p', { class: 'muted', text: `${item.speakerName} · ${formatDay(item.day)} ${item.startTime}–${item.endTime} · ${item.room}` }),
      form));
  }
}

async function move(item, target) {
  if (!target) {
    say(notice, 'Choose a free slot first.', 'error');
    return;
  }
  const result = await api(`/api/agenda/${encodeURIComponent(item.id)}/slot`, { method: 'PUT', json: JSON.parse(target) });
  if (result.ok) {
    say(notice, `${item.title} moved.`, 'success');
  } else {
    say(notice, problemText(result), 'error');
  }
  loadAgenda();
}

start();
