// What the agenda, a talk's page and My schedule show of a talk the same way: format, level, time, the star.
import { el } from './dom.js';

export const FORMATS = { TALK: 'Talk', WORKSHOP: 'Workshop' };
export const LEVELS = { BEGINNER: 'Beginner', INTERMEDIATE: 'Intermediate', ADVANCED: 'Advanced' };

/** An item without a format is a talk (items placed before formats existed). */
export function formatOf(item) {
  return item.format || 'TALK';
}

/** The level, or null when the speaker did not state one. */
export function levelOf(item) {
  return item.level || null;
}

export function timeRange(item) {
  return `${item.startTime}–${item.endTime}`;
}

export function talkPath(item) {
  return `/talks/${encodeURIComponent(item.id)}`;
}

/** The format badge, and the level badge when there is a level. */
export function badges(item) {
  const format = formatOf(item);
  const level = levelOf(item);
  return el('p', { class: 'talk-badges' },
    el('span', { class: `badge badge-format-${format.toLowerCase()}`, text: FORMATS[format] || format }),
    level ? ' ' : null,
    level ? el('span', { class: 'badge badge-level', text: LEVELS[level] || level }) : null);
}

/**
 * A toggle button that stars a talk: aria-pressed says whether it is in My schedule, and its name says which
 * talk it is. {@code toggle(wanted)} answers whether the change was made.
 */
export function starButton(item, starred, toggle) {
  const button = el('button', {
    class: 'star',
    attrs: { type: 'button', 'aria-pressed': String(starred), 'aria-label': `Star “${item.title}”`, 'data-item': item.id },
  }, el('span', { class: 'star-icon', attrs: { 'aria-hidden': 'true' } }));
  // Busy rather than disabled while the change is under way: a disabled button would lose the keyboard focus.
  let busy = false;
  button.addEventListener('click', async () => {
    if (busy) return;
    busy = true;
    button.setAttribute('aria-busy', 'true');
    const wanted = button.getAttribute('aria-pressed') !== 'true';
    try {
      if (await toggle(wanted)) button.setAttribute('aria-pressed', String(wanted));
    } finally {
      busy = false;
      button.removeAttribute('aria-busy');
    }
  });
  return button;
}
