// Calls to the platform's API. State-changing calls send the CSRF token back from its cookie.

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

/**
 * Calls the API and answers {status, ok, headers, data}; never throws for HTTP errors.
 * A network failure answers status 0.
 */
export async function api(path, { method = 'GET', json, form } = {}) {
  const headers = { Accept: 'application/json' };
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = new URLSearchParams(form);
  }
  if (!['GET', 'HEAD'].includes(method)) {
    headers['X-XSRF-TOKEN'] = csrfToken();
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    return { status: 0, ok: false, headers: new Headers(), data: null };
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  return { status: response.status, ok: response.ok, headers: response.headers, data };
}

/** A sentence for a failed call, from the problem's detail when there is one. */
export function problemText(result, fallback = 'Something went wrong. Please try again.') {
  if (result.status === 0) {
    return 'The site cannot be reached. Check your connection and try again.';
  }
  if (result.status === 503) {
    const wait = result.headers.get('Retry-After');
    return 'This part of the site is busy or down for a moment.' + (wait ? ` Please try again in ${wait} seconds.` : '');
  }
  if (result.status === 429) {
    const wait = result.headers.get('Retry-After');
    return 'Too many attempts in a short time.' + (wait ? ` Please wait ${wait} seconds and try again.` : '');
  }
  return (result.data && (result.data.detail || result.data.title)) || fallback;
}
