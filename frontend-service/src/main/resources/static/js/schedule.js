import { el, clear, show, say, formatDay } from './dom.js';
import { badges, talkPath, timeRange } from './talks.js';
import { feedUrls, loadSchedule, setStarred } from './my-schedule.js';

const list = document.getElementById('my-talks');
const notice = document.getElementById('schedule-notice');
const subscribe = document.getElementById('subscribe');

function emptyState() {
  clear(list).append(el('div', { class: 'card empty-state' },
    el('h2', { text: 'No talks starred yet' }),
    el('p', { text: 'Star the talks you want to see on the agenda: they are listed here, and in your calendar if you subscribe.' }),
    el('p', {}, el('a', { class: 'button button-primary', text: 'Go to the agenda', attrs: { href: '/' } }))));
}

async function remove(item, card) {
  try {
    await setStarred(item.id, false);
  } catch (e) {
    say(notice, e.message, 'error');
    return;
  }
  say(notice, `“${item.title}” is no longer in your schedule.`, 'success');
  const buttons = [...list.querySelectorAll('.remove')];
  const next = buttons[buttons.indexOf(card.querySelector('.remove')) + 1] || buttons[buttons.indexOf(card.querySelector('.remove')) - 1];
  const day = card.closest('.my-day');
  card.remove();
  if (day && !day.querySelector('.my-talk')) day.remove();
  if (!list.querySelector('.my-talk')) {
    emptyState();
    document.querySelector('h1').setAttribute('tabindex', '-1');
    document.querySelector('h1').focus();
  } else if (next) {
    next.focus();
  }
}

function talkCard(item) {
  const card = el('article', { class: 'card my-talk', attrs: { 'data-item': item.id } },
    el('p', { class: 'talk-room', text: `${timeRange(item)} · ${item.room}` }),
    el('h3', { class: 'talk-title' }, el('a', { text: item.title, attrs: { href: talkPath(item) } })),
    el('p', { class: 'talk-speaker', text: item.speakerName }),
    badges(item));
  card.append(el('div', { class: 'actions' }, el('button', {
    class: 'button button-small remove',
    text: 'Remove',
    attrs: { type: 'button', 'aria-label': `Remove “${item.title}” from my schedule` },
    on: { click: () => remove(item, card) },
  })));
  return card;
}

function showFeed(token) {
  const { https, webcal } = feedUrls(token);
  const feed = document.getElementById('feed-link');
  feed.textContent = https;
  feed.href = https;
  document.getElementById('webcal-link').href = webcal;
  show(subscribe);
}

async function load() {
  const mine = await loadSchedule();
  if (mine.error) {
    clear(list);
    say(notice, mine.error, 'error');
    return;
  }
  if (mine.token) showFeed(mine.token);
  if (mine.talks.length === 0) {
    emptyState();
    return;
  }
  clear(list);
  const byDay = new Map();
  for (const item of mine.talks) {
    if (!byDay.has(item.day)) byDay.set(item.day, []);
    byDay.get(item.day).push(item);
  }
  for (const [day, talks] of byDay) {
    list.append(el('section', { class: 'my-day stack', attrs: { 'aria-label': formatDay(day) } },
      el('h2', { class: 'day-title', text: formatDay(day) }),
      ...talks.map(talkCard)));
  }
}

load();
