import { api } from './api.js';
import { el, clear, show, say, formatDay } from './dom.js';
import { badges, formatOf, levelOf, starButton, talkPath, timeRange } from './talks.js';
import { loadSchedule, setStarred } from './my-schedule.js';

const days = document.getElementById('days');
const filters = document.getElementById('filters');
const schedule = document.getElementById('schedule');
const stale = document.getElementById('stale');
const status = document.getElementById('agenda-status');
const starStatus = document.getElementById('star-status');
const FILTERS = ['room', 'format', 'level'];

// What is shown: the day and the filters, as in the address (?day=&room=&format=&level=), so a view is a link.
const view = { day: null, room: '', format: '', level: '' };
let agenda = [];
let starred = new Set();

function byTime(a, b) {
  return a.startTime.localeCompare(b.startTime) || a.room.localeCompare(b.room);
}

function matches(item) {
  return item.day === view.day
    && (!view.room || item.room === view.room)
    && (!view.format || formatOf(item) === view.format)
    && (!view.level || levelOf(item) === view.level);
}

async function toggleStar(item, wanted) {
  try {
    await setStarred(item.id, wanted);
  } catch (e) {
    say(starStatus, e.message, 'error');
    return false;
  }
  if (wanted) starred.add(item.id); else starred.delete(item.id);
  say(starStatus, wanted ? `“${item.title}” is in your schedule.` : `“${item.title}” is no longer in your schedule.`, 'success');
  return true;
}

function talkCard(item) {
  // The star comes after the title in the focus order; the stylesheet shows it in the card's corner.
  return el('article', { class: 'talk', attrs: { 'data-item': item.id } },
    el('p', { class: 'talk-room', text: `${item.room} · ${timeRange(item)}` }),
    el('h3', { class: 'talk-title' }, el('a', { text: item.title, attrs: { href: talkPath(item) } })),
    starButton(item, starred.has(item.id), (wanted) => toggleStar(item, wanted)),
    el('p', { class: 'talk-speaker', text: item.speakerName }),
    badges(item),
    item.abstract ? el('details', { class: 'talk-abstract' },
      el('summary', { text: 'Abstract' }),
      el('p', { text: item.abstract })) : null);
}

function renderDay() {
  clear(schedule);
  schedule.append(el('h2', { class: 'day-title', text: formatDay(view.day) }));
  const shown = agenda.filter(matches).sort(byTime);
  if (shown.length === 0) {
    schedule.append(el('p', { class: 'empty', text: 'No talks on this day match these filters.' }));
    return;
  }
  const slots = new Map();
  for (const item of shown) {
    if (!slots.has(item.startTime)) slots.set(item.startTime, []);
    slots.get(item.startTime).push(item);
  }
  for (const [start, talks] of slots) {
    schedule.append(el('section', { class: 'slot', attrs: { 'aria-label': `From ${start}` } },
      el('h3', { class: 'slot-time', text: start }),
      el('div', { class: 'slot-talks' }, ...talks.map(talkCard))));
  }
}

function writeAddress() {
  const query = new URLSearchParams();
  if (view.day) query.set('day', view.day);
  for (const name of FILTERS) if (view[name]) query.set(name, view[name]);
  history.replaceState(null, '', `${location.pathname}?${query}`);
  show(document.getElementById('filters-clear'), FILTERS.some((name) => view[name]));
}

function renderDays() {
  clear(days);
  const all = [...new Set(agenda.map((i) => i.day))].sort();
  if (!all.includes(view.day)) view.day = all[0];
  const buttons = all.map((day) => el('button', {
    class: 'tab',
    text: formatDay(day),
    attrs: { type: 'button', 'aria-pressed': String(day === view.day) },
    on: {
      click: () => {
        view.day = day;
        buttons.forEach((b, i) => b.setAttribute('aria-pressed', String(all[i] === view.day)));
        writeAddress();
        renderDay();
      },
    },
  }));
  days.append(...buttons);
}

function setUpFilters() {
  const rooms = [...new Set(agenda.map((i) => i.room))].sort();
  const roomSelect = filters.elements.room;
  roomSelect.append(...rooms.map((room) => el('option', { text: room, attrs: { value: room } })));
  const query = new URLSearchParams(location.search);
  view.day = query.get('day');
  for (const name of FILTERS) {
    const select = filters.elements[name];
    const wanted = query.get(name) || '';
    view[name] = [...select.options].some((o) => o.value === wanted) ? wanted : '';
    select.value = view[name];
    select.addEventListener('change', () => {
      view[name] = select.value;
      writeAddress();
      renderDay();
    });
  }
  document.getElementById('filters-clear').addEventListener('click', () => {
    for (const name of FILTERS) {
      view[name] = '';
      filters.elements[name].value = '';
    }
    writeAddress();
    renderDay();
    filters.elements.room.focus();
  });
  filters.addEventListener('submit', (event) => event.preventDefault());
  show(filters);
}

async function load() {
  const [result, mine] = await Promise.all([api('/api/agenda'), loadSchedule()]);
  show(stale, result.ok && result.headers.get('X-Agenda-Stale') === 'true');
  if (!result.ok || !Array.isArray(result.data)) {
    status.textContent = 'The agenda cannot be shown right now. Please try again in a few moments.';
    show(status);
    return;
  }
  if (result.data.length === 0) {
    status.textContent = 'The programme is being put together: the first talks appear here as soon as they are accepted.';
    show(status);
    return;
  }
  show(status, false);
  if (mine.error) say(starStatus, `${mine.error} Stars you add now are kept.`, 'warning');
  starred = new Set((mine.talks || []).map((t) => t.id));
  agenda = result.data;
  setUpFilters();
  renderDays();
  writeAddress();
  renderDay();
}

load();
