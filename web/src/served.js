// Talking to `kirje serve`: every request carries the project's key, which
// the address kirje printed holds after `#key=` (never sent in a URL, so
// it stays out of logs and the Referer header).

const KEY = new URLSearchParams(location.hash.slice(1)).get('key') || '';

/** Why a request failed: the server answered no (status), or is not there. */
export class Offline extends Error {}

/** A request to the server's API; the Response, or Offline. */
export async function api(path, init = {}) {
  let res;
  try {
    res = await fetch(`api/${path}`, {
      ...init,
      cache: 'no-store',
      headers: { ...(init.headers || {}), 'X-Kirje-Key': KEY },
    });
  } catch (err) {
    throw new Offline(String(err.message || err));
  }
  return res;
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
