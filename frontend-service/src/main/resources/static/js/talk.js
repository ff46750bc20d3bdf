import { api, problemText } from './api.js';
import { el, clear, show, say, formatDay } from './dom.js';
import { badges, formatOf, levelOf, FORMATS, LEVELS, starButton, timeRange } from './talks.js';
import { loadSchedule, setStarred } from './my-schedule.js';

const title = document.getElementById('talk-title');
const status = document.getElementById('talk-status');
const details = document.getElementById('talk-details');
const id = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');

function notFound() {
  title.textContent = 'Talk not found';
  document.title = 'Talk not found · Conference 2027';
  say(status, 'No talk on the agenda has this address. It may have been taken off the agenda, or the link is incomplete.', 'error');
}

async function load() {
  const [result, mine] = await Promise.all([api(`/api/agenda/${encodeURIComponent(id)}`), loadSchedule()]);
  if (result.status === 404 || result.status === 400 || (result.ok && !result.data)) {
    notFound();
    return;
  }
  if (!result.ok) {
    say(status, problemText(result, 'This talk cannot be shown right now. Please try again in a few moments.'), 'error');
    return;
  }
  const item = result.data;
  const starred = (mine.talks || []).some((t) => t.id === item.id);
  title.textContent = item.title;
  document.title = `${item.title} · Conference 2027`;
  say(status, '');
  show(status, false);
  const level = levelOf(item);
  clear(details).append(
    el('p', { class: 'talk-speaker lead', text: item.speakerName }),
    badges(item),
    el('dl', { class: 'facts' },
      el('dt', { text: 'When' }), el('dd', { text: `${formatDay(item.day)}, ${timeRange(item)}` }),
      el('dt', { text: 'Where' }), el('dd', { text: item.room }),
      el('dt', { text: 'Format' }), el('dd', { text: FORMATS[formatOf(item)] || formatOf(item) }),
      el('dt', { text: 'Level' }), el('dd', { text: level ? LEVELS[level] || level : 'Not stated' })),
    el('div', { class: 'star-row' },
      starButton(item, starred, async (wanted) => {
        try {
          await setStarred(item.id, wanted);
        } catch (e) {
          say(status, e.message, 'error');
          return false;
        }
        say(status, wanted ? 'In your schedule.' : 'No longer in your schedule.', 'success');
        return true;
      }),
      el('a', { text: 'My schedule', attrs: { href: '/schedule' } })),
    el('h2', { text: 'Abstract' }),
    el('p', { class: 'abstract', text: item.abstract || '' }),
    item.speakerBio ? el('h2', { text: `About ${item.speakerName}` }) : null,
    item.speakerBio ? el('p', { class: 'abstract speaker-bio', text: item.speakerBio }) : null);
}

load();
