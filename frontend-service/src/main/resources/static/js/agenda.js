import { api } from './api.js';
import { el, clear, show, formatDay } from './dom.js';

const days = document.getElementById('days');
const schedule = document.getElementById('schedule');
const stale = document.getElementById('stale');
const status = document.getElementById('agenda-status');

function byTime(a, b) {
  return a.startTime.localeCompare(b.startTime) || a.room.localeCompare(b.room);
}

function talkCard(item) {
  return el('article', { class: 'talk' },
    el('p', { class: 'talk-room', text: item.room }),
    el('h3', { class: 'talk-title', text: item.title }),
    el('p', { class: 'talk-speaker', text: item.speakerName }),
    item.abstract ? el('details', { class: 'talk-abstract' },
      el('summary', { text: 'Abstract' }),
      el('p', { text: item.abstract })) : null);
}

function renderDay(day, items) {
  clear(schedule);
  const slots = new Map();
  for (const item of items.filter((i) => i.day === day).sort(byTime)) {
    const key = `${item.startTime}–${item.endTime}`;
    if (!slots.has(key)) slots.set(key, []);
    slots.get(key).push(item);
  }
  schedule.append(el('h2', { class: 'day-title', text: formatDay(day) }));
  for (const [time, talks] of slots) {
    schedule.append(el('section', { class: 'slot', attrs: { 'aria-label': time } },
      el('h3', { class: 'slot-time', text: time }),
      el('div', { class: 'slot-talks' }, ...talks.map(talkCard))));
  }
}

function renderDays(items) {
  clear(days);
  const all = [...new Set(items.map((i) => i.day))].sort();
  const wanted = new URLSearchParams(location.search).get('day');
  let current = all.includes(wanted) ? wanted : all[0];
  const buttons = all.map((day) => el('button', {
    class: 'tab',
    text: formatDay(day),
    attrs: { type: 'button', role: 'tab', 'aria-selected': String(day === current) },
    on: {
      click: () => {
        current = day;
        buttons.forEach((b, i) => b.setAttribute('aria-selected', String(all[i] === current)));
        history.replaceState(null, '', `?day=${day}`);
        renderDay(day, items);
      },
    },
  }));
  days.append(...buttons);
  renderDay(current, items);
}

async function load() {
  const result = await api('/api/agenda');
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
  renderDays(result.data);
}

load();
