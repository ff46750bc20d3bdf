// The attendee's personal schedule: kept by agenda-service, known by a token this browser keeps in localStorage.
// The schedule is made on the first star, not before.
import { api, problemText } from './api.js';

const KEY = 'conference.schedule-token';

export function savedToken() {
  try {
    return localStorage.getItem(KEY);
  } catch (e) {
    return null;
  }
}

function remember(token) {
  try {
    if (token) localStorage.setItem(KEY, token); else localStorage.removeItem(KEY);
  } catch (e) {
    // storage disabled: the schedule lasts as long as the page
  }
}

function path(token) {
  return `/api/schedules/${encodeURIComponent(token)}`;
}

/**
 * The saved schedule: {token, talks} (talks as the agenda has them, in agenda order); {token: null, talks: []} when
 * there is none (or it has expired); {error} when it cannot be read now.
 */
export async function loadSchedule() {
  const token = savedToken();
  if (!token) return { token: null, talks: [] };
  const result = await api(path(token));
  if (result.status === 404) {
    remember(null);
    return { token: null, talks: [] };
  }
  if (!result.ok || !result.data) return { error: problemText(result, 'Your schedule cannot be shown right now.') };
  return { token, talks: result.data.talks || [] };
}

async function newSchedule() {
  const result = await api('/api/schedules', { method: 'POST' });
  if (!result.ok || !result.data || !result.data.token) throw new Error(problemText(result, 'Your schedule could not be made.'));
  remember(result.data.token);
  return result.data.token;
}

/** Adds (wanted) or removes a talk; throws an Error with a sentence for the attendee when it cannot. */
export async function setStarred(itemId, wanted) {
  let token = savedToken();
  if (!token) {
    if (!wanted) return;
    token = await newSchedule();
  }
  const talk = `${path(token)}/talks/${encodeURIComponent(itemId)}`;
  let result = await api(talk, { method: wanted ? 'PUT' : 'DELETE' });
  if (result.status === 404 && result.data && result.data.code === 'SCHEDULE_NOT_FOUND') {
    // The saved schedule expired: start a new one.
    remember(null);
    if (!wanted) return;
    token = await newSchedule();
    result = await api(`${path(token)}/talks/${encodeURIComponent(itemId)}`, { method: 'PUT' });
  }
  if (!result.ok) {
    const detail = result.status === 409 && result.data && result.data.code === 'SCHEDULE_FULL'
      ? 'Your schedule is full: remove a talk first.'
      : result.status === 404 ? 'This talk is no longer on the agenda.' : problemText(result);
    throw new Error(detail);
  }
}

/** The schedule's calendar feed: the https (or http) address, and the webcal:// one calendar apps open. */
export function feedUrls(token) {
  const https = new URL(`${path(token)}.ics`, location.origin).href;
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}
