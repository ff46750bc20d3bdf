import { api, problemText } from './api.js';
import { el, clear, show, say, formatInstant, formatDay, confirmDialog } from './dom.js';
import { FORMATS, LEVELS, formatOf, levelOf } from './talks.js';

const $ = (id) => document.getElementById(id);
const loginSection = $('login');
const office = $('office');
const notice = $('office-notice');
const PAGE_SIZE = 10;
const state = {
  status: 'PENDING', q: '', reviewed: '', sort: 'newest', page: 0, emailPage: 0, emailStatus: '',
  username: '', role: null, selected: new Map(),
};
const isOrganizer = () => state.role === 'ORGANIZER';

// ---- session -------------------------------------------------------------------------------

async function start() {
  const session = await api('/api/session');
  const role = session.ok ? session.data.role : null;
  if (role === 'ORGANIZER' || role === 'REVIEWER') {
    state.username = session.data.username;
    state.role = role;
    show(loginSection, false);
    show(office);
    $('whoami').textContent = session.data.username;
    $('role').textContent = role === 'ORGANIZER' ? 'Organizer' : 'Reviewer';
    // Reviewers read and score; deciding, the emails and the agenda are the organizers'.
    document.querySelectorAll('.organizer-only').forEach((node) => show(node, isOrganizer()));
    showTab('proposals');
    return;
  }
  show(office, false);
  show(loginSection);
  if (session.ok) {
    say($('login-message'), `You are logged in as ${session.data.username}, but only organizers and reviewers can use the back office.`, 'error');
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

// `more`: the total is a lower bound (a search counts its matches only so far), so there may be pages after the last one known.
function pager(container, page, totalPages, go, more = false) {
  clear(container);
  if (totalPages <= 1 && !more) return;
  container.append(
    el('button', { class: 'button', text: '← Previous', attrs: { type: 'button', disabled: page === 0 }, on: { click: () => go(page - 1) } }),
    el('span', { text: `Page ${page + 1} of ${totalPages}${more ? '+' : ''}` }),
    el('button', { class: 'button', text: 'Next →', attrs: { type: 'button', disabled: page + 1 >= totalPages && !more }, on: { click: () => go(page + 1) } }));
}

// ---- proposals -------------------------------------------------------------------------------

$('proposal-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  state.status = $('filter-status').value;
  state.q = $('filter-q').value.trim();
  state.reviewed = $('filter-reviewed').value;
  state.sort = $('filter-sort').value;
  state.page = 0;
  // A selection is of proposals one can see: a new search starts afresh.
  state.selected.clear();
  updateBulk();
  loadProposals();
});

/** The list's filters as query parameters: the same for the list and the CSV export. */
function filterParams() {
  const params = new URLSearchParams();
  if (state.status) params.set('status', state.status);
  if (state.q) params.set('q', state.q);
  if (state.reviewed) params.set('reviewed', state.reviewed);
  if (state.sort && state.sort !== 'newest') params.set('sort', state.sort);
  return params;
}

async function loadProposals() {
  const filters = filterParams();
  const query = filters.toString();
  $('export').href = `/api/proposals.csv${query ? `?${query}` : ''}`;
  const params = new URLSearchParams({ page: state.page, size: PAGE_SIZE });
  for (const [name, value] of filters) params.set(name, value);
  const list = $('proposal-list');
  const result = await api(`/api/proposals?${params}`);
  clear(list);
  if (!result.ok) {
    if (result.status === 401) { start(); return; }
    say(notice, problemText(result), 'error');
    return;
  }
  const { items, page, totalPages, totalItems, totalItemsExact } = result.data;
  const more = totalItemsExact === false;
  $('proposal-count').textContent = more
    ? `More than ${totalItems.toLocaleString('en')} proposals`
    : `${totalItems} proposal${totalItems === 1 ? '' : 's'}`;
  if (items.length === 0) {
    list.append(el('p', { class: 'empty', text: 'No proposals match.' }));
  }
  for (const proposal of items) list.append(proposalRow(proposal));
  pager($('proposal-pager'), page, totalPages, (next) => { state.page = next; loadProposals(); }, more);
}

function scoreSummary(p) {
  const count = p.reviewCount || 0;
  if (!count || p.averageScore === null || p.averageScore === undefined) return 'Not reviewed yet';
  return `Average score ${formatScore(p.averageScore)} (${count} review${count === 1 ? '' : 's'})`;
}

function formatScore(score) {
  return Number(score).toLocaleString(undefined, { maximumFractionDigits: 2 });
}

function proposalRow(p) {
  const details = el('div', { class: 'proposal-details', attrs: { hidden: true, id: `details-${p.id}` } });
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
  toggle.setAttribute('aria-controls', details.id);
  const titleId = `title-${p.id}`;
  const select = isOrganizer() ? el('input', {
    class: 'select-box',
    attrs: { type: 'checkbox', id: `select-${p.id}`, 'aria-labelledby': `select-label-${p.id} ${titleId}`, checked: state.selected.has(p.id) },
    on: {
      change: (event) => {
        if (event.target.checked) state.selected.set(p.id, p.title); else state.selected.delete(p.id);
        updateBulk();
      },
    },
  }) : null;
  return el('article', { class: 'card proposal', attrs: { 'data-id': p.id } },
    el('div', { class: 'proposal-head' },
      select ? el('div', { class: 'select' }, select,
        el('span', { class: 'visually-hidden', text: 'Select', attrs: { id: `select-label-${p.id}` } })) : null,
      el('div', { class: 'grow' },
        el('h3', { text: p.title, attrs: { id: titleId } }),
        el('p', { class: 'muted' }, el('span', { text: p.speakerName }), ' · ', el('span', { text: p.speakerEmail }),
          ' · submitted ', el('span', { text: formatInstant(p.submittedAt) })),
        el('p', { class: 'score-summary', text: scoreSummary(p) })),
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
  renderDetails(result.data, container);
}

function renderDetails(p, container) {
  clear(container);
  const summary = container.closest('article')?.querySelector('.score-summary');
  if (summary) summary.textContent = scoreSummary(p);
  container.append(el('p', { class: 'abstract', text: p.abstract }));
  container.append(el('p', { class: 'muted', text: [FORMATS[formatOf(p)],
    levelOf(p) ? `level ${LEVELS[levelOf(p)].toLowerCase()}` : 'level not stated'].join(' · ') }));
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
      el('span', { class: `badge badge-${String(d.status).toLowerCase()}`, text: DELIVERY[d.status] || d.status }), ' ',
      el('strong', { text: labelOf(d.kind) }),
      el('span', { class: 'muted', text: ` · ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}` }),
      d.deliveredAt ? el('span', { class: 'muted', text: ` · delivered ${formatInstant(d.deliveredAt)}` }) : null,
      d.status === 'PENDING' && d.nextAttemptAt ? el('span', { class: 'muted', text: ` · next try ${formatInstant(d.nextAttemptAt)}` }) : null,
      // A skipped side effect was not needed (the talk was withdrawn before it reached the agenda): its reason is no error.
      d.lastError ? el('p', { class: d.status === 'SKIPPED' ? 'muted' : 'error-text', text: d.lastError }) : null))));
  }
  container.append(reviewPanel(p, container));
  container.append(historyList(p));
  if (p.status === 'PENDING' && isOrganizer()) {
    container.append(el('div', { class: 'actions' },
      el('button', { class: 'button button-danger', text: 'Reject', attrs: { type: 'button' }, on: { click: () => decide(p, 'REJECTED', container) } }),
      el('button', { class: 'button button-primary', text: 'Approve', attrs: { type: 'button' }, on: { click: () => decide(p, 'APPROVED', container) } })));
  }
}

// ---- reviews and history ---------------------------------------------------------------------

function reviewPanel(p, container) {
  const reviews = p.reviews || [];
  const mine = reviews.find((r) => r.reviewer === state.username);
  const headingId = `reviews-${p.id}`;
  const panel = el('section', { class: 'review-panel', attrs: { 'aria-labelledby': headingId } },
    el('h4', { text: 'Reviews', attrs: { id: headingId } }));
  if (reviews.length === 0) {
    panel.append(el('p', { class: 'muted', text: 'Nobody has reviewed this proposal yet.' }));
  } else {
    panel.append(el('p', { class: 'review-average', text: scoreSummary(p) }), el('ul', { class: 'reviews' }, ...reviews.map((r) => el('li', { class: 'review' },
      el('p', { class: 'review-head' }, el('strong', { text: r.reviewer }), ': ',
        el('span', { class: 'review-score', text: `${r.score} out of 5` }),
        el('span', { class: 'muted', text: ` · ${formatInstant(r.reviewedAt)}` })),
      r.comment ? el('p', { class: 'abstract review-comment', text: r.comment }) : null))));
  }
  if (p.status === 'WITHDRAWN') return panel;

  const scoreName = `score-${p.id}`;
  const error = el('p', { class: 'field-error', attrs: { id: `score-error-${p.id}` } });
  const status = el('p', { class: 'notice', attrs: { role: 'status', hidden: true } });
  const legend = el('legend', { text: 'Your score (1 = weak, 5 = excellent)' });
  const scores = el('fieldset', { class: 'choice score-choice', attrs: { 'aria-describedby': error.id } }, legend,
    el('div', { class: 'score-options' }, ...[1, 2, 3, 4, 5].map((n) => el('label', { class: 'option' },
      el('input', { attrs: { type: 'radio', name: scoreName, value: n, id: `${scoreName}-${n}`, checked: mine && mine.score === n } }),
      String(n)))),
    error);
  const comment = el('textarea', { attrs: { id: `comment-${p.id}`, name: 'comment', rows: 3, maxlength: 2000 } });
  if (mine && mine.comment) comment.value = mine.comment;
  const form = el('form', { class: 'form review-form', attrs: { novalidate: true } },
    el('h5', { class: 'review-form-title', text: mine ? 'Change your review' : 'Your review' }),
    scores,
    el('div', { class: 'field' },
      el('label', { attrs: { for: comment.id } }, 'Comment ', el('span', { class: 'optional', text: '(optional, at most 2,000 characters)' })),
      comment),
    el('div', { class: 'actions' }, el('button', { class: 'button button-primary', text: 'Save review', attrs: { type: 'submit' } })),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = form.querySelector(`input[name="${scoreName}"]:checked`);
    if (!chosen) {
      error.textContent = 'Choose a score from 1 to 5.';
      scores.querySelector('input').focus();
      return;
    }
    error.textContent = '';
    const text = comment.value.trim();
    const result = await api(`/api/proposals/${encodeURIComponent(p.id)}/reviews/mine`, {
      method: 'PUT', json: text ? { score: Number(chosen.value), comment: text } : { score: Number(chosen.value) },
    });
    if (result.ok) {
      // The answer is the proposal with the new review; without its history, the page asks for the whole proposal.
      if (result.data && result.data.history) renderDetails(result.data, container); else await loadDetails(p.id, container);
      say(notice, `${p.title}: your review is saved.`, 'success');
    } else {
      say(status, problemText(result), 'error');
    }
  });
  panel.append(form);
  return panel;
}

const HISTORY = {
  SUBMITTED: 'Submitted', EDITED: 'Edited', REVIEWED: 'Reviewed', DECIDED: 'Decided',
  WITHDRAWN: 'Withdrawn', DELIVERED: 'Delivered', FAILED: 'Delivery failed', SKIPPED: 'Not needed',
};

const DELIVERY = { SKIPPED: 'NOT NEEDED' };

function historyList(p) {
  const headingId = `history-${p.id}`;
  const events = p.history || [];
  const section = el('section', { class: 'history', attrs: { 'aria-labelledby': headingId } },
    el('h4', { text: 'History', attrs: { id: headingId } }));
  if (events.length === 0) {
    section.append(el('p', { class: 'muted', text: 'No events recorded.' }));
    return section;
  }
  section.append(el('ol', { class: 'history-list' }, ...events.map((e) => {
    const detail = !e.detail ? e.detail
      : e.type === 'DELIVERED' ? labelOf(e.detail)
        : e.type === 'SKIPPED' ? e.detail.replace(/^([A-Z_]+)(?=:)/, (kind) => labelOf(kind)) : e.detail;
    return el('li', { class: 'history-event', attrs: { 'data-type': e.type } },
      el('strong', { text: HISTORY[e.type] || e.type }),
      detail ? el('span', { text: `: ${detail}` }) : null,
      e.by ? el('span', { text: ` by ${e.by}` }) : null,
      el('span', { class: 'muted' }, ' · ', el('time', { text: formatInstant(e.at), attrs: { datetime: e.at } })));
  })));
  return section;
}

// ---- bulk decisions --------------------------------------------------------------------------

function updateBulk() {
  const count = state.selected.size;
  $('bulk-count').textContent = count === 0 ? 'No proposal selected' : `${count} proposal${count === 1 ? '' : 's'} selected`;
  $('bulk-approve').disabled = count === 0;
  $('bulk-reject').disabled = count === 0;
}

const OUTCOME = { 404: 'not found', 409: 'already decided' };

async function decideSelected(decision) {
  const entries = [...state.selected.entries()];
  if (entries.length === 0) return;
  const verb = decision === 'APPROVED' ? 'Approve' : 'Reject';
  const ok = await confirmDialog(`${verb} ${entries.length} proposal${entries.length === 1 ? '' : 's'}? Each speaker will be emailed.`, verb);
  if (!ok) return;
  const result = await api('/api/decisions', { method: 'POST', json: { proposalIds: entries.map(([id]) => id), decision } });
  const region = $('bulk-result');
  if (result.status >= 400 && result.status < 500) {
    // Refused as a whole before any proposal was decided (logged out, not allowed, malformed): nothing changed.
    say(region, problemText(result), 'error');
    return;
  }
  if (!result.ok || !Array.isArray(result.data?.results)) {
    await showUnknownOutcome(entries, decision, result, region);
    return;
  }
  const titles = new Map(entries);
  const done = decision === 'APPROVED' ? 'approved' : 'rejected';
  const counts = new Map();
  const lines = result.data.results.map((r) => {
    const outcome = r.status === 200 ? done : OUTCOME[r.status] || 'failed';
    counts.set(outcome, (counts.get(outcome) || 0) + 1);
    const why = r.status !== 200 && r.problem ? ` (${r.problem.detail || r.problem.title})` : '';
    return el('li', { attrs: { 'data-status': r.status } }, el('strong', { text: titles.get(r.proposalId) || r.proposalId }), `: ${outcome}${why}`);
  });
  // What was done first, then what was not: "2 approved, 1 already decided".
  const summary = [...counts.entries()].sort(([a], [b]) => (b === done) - (a === done))
    .map(([outcome, n]) => `${n} ${outcome}`).join(', ');
  region.className = `notice notice-${counts.size === 1 && counts.has(done) ? 'success' : 'warning'}`;
  region.replaceChildren(el('p', { class: 'bulk-summary', text: `${summary}.` }), el('ul', { class: 'bulk-results' }, ...lines));
  show(region);
  state.selected.clear();
  updateBulk();
  await loadProposals();
}

const NOW = { APPROVED: 'approved', REJECTED: 'rejected', WITHDRAWN: 'withdrawn by the speaker', GONE: 'not found' };

/**
 * A bulk decision whose answer was lost: no connection, or the gateway's 5xx (c4p-service down, too slow, its breaker
 * open). c4p-service decides each proposal in a transaction of its own, one after the other, so some, all or none may
 * have been decided before the answer was lost. Asks where each proposal stands now, keeps selected only those still
 * pending (a retry then decides just those), and reloads the list.
 */
async function showUnknownOutcome(entries, decision, result, region) {
  const done = decision === 'APPROVED' ? 'approved' : 'rejected';
  const statuses = await eachAtMost(4, entries, async ([id]) => {
    const proposal = await api(`/api/proposals/${encodeURIComponent(id)}`);
    if (proposal.ok && proposal.data && proposal.data.status) return proposal.data.status;
    return proposal.status === 404 ? 'GONE' : null;
  });
  // A proposal whose state could not be read stays selected: deciding it again is safe (409 once it is decided).
  entries.forEach(([id], i) => { if (statuses[i] && statuses[i] !== 'PENDING') state.selected.delete(id); });
  updateBulk();
  const lines = entries.map(([id, title], i) => {
    const now = statuses[i] === 'PENDING' ? 'still pending, still selected'
      : NOW[statuses[i]] || 'could not be checked, still selected';
    return el('li', { attrs: { 'data-state': statuses[i] || 'UNKNOWN' } }, el('strong', { text: title || id }), `: ${now}`);
  });
  const count = `${entries.length} proposal${entries.length === 1 ? '' : 's'}`;
  const kept = state.selected.size;
  region.className = 'notice notice-warning';
  region.replaceChildren(
    el('p', { class: 'bulk-summary', text: `The decision could not be confirmed: some, all or none of the ${count} may have been ${done}.` }),
    el('p', { text: problemText(result) }),
    el('p', { text: 'Where each stands now:' }),
    el('ul', { class: 'bulk-results' }, ...lines),
    el('p', { text: kept === 0 ? 'None is left to decide.' : `Try again to decide the ${kept} still selected.` }));
  show(region);
  await loadProposals();
}

/** Calls task on each item, at most `limit` at a time (the organizers' share of c4p-service is small); answers in order. */
async function eachAtMost(limit, items, task) {
  const answers = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      answers[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return answers;
}

$('bulk-approve').addEventListener('click', () => decideSelected('APPROVED'));
$('bulk-reject').addEventListener('click', () => decideSelected('REJECTED'));

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
