// Talking to `kirje serve`: every request carries the project's key, which
// the address kirje printed holds after `#key=` (never sent in a URL, so
// it stays out of logs and the Referer header).

const KEY = new URLSearchParams(location.hash.slice(1)).get('key') || '';

/** Why a request failed: the server answered no (status), or is not there. */
export class Offline extends Error {}

/**
 * Requests go one at a time, in order, as messages to the browser's worker
 * do: tiny_http (the server) can leave a request unanswered when a browser
 * opens many connections at once, and the server works one at a time anyway.
 */
let queue = Promise.resolve();

/** A request to the server's API; the Response, or Offline. */
export function api(path, init = {}) {
  const next = queue.then(() => request(path, init));
  queue = next.catch(() => {});
  return next;
}

async function request(path, init) {
  try {
    const res = await fetch(`api/${path}`, {
      ...init,
      cache: 'no-store',
      headers: { ...(init.headers || {}), 'X-Kirje-Key': KEY },
    });
    // The body too, before the next request goes.
    const body = await res.arrayBuffer();
    return new Response(body, { status: res.status, headers: res.headers });
  } catch (err) {
    throw new Offline(String(err.message || err));
  }
}

/** A JSON answer (any status: the caller reads `type` and `status`). */
export async function apiJson(path, body) {
  const res = await api(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  return { status: res.status, ...json };
}

/** Where unsaved edits wait while the server is away (per project). */
export const STORE = `kirje.unsaved.${KEY.slice(0, 16)}`;
