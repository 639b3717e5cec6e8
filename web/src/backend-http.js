// The compiler is `kirje serve`: the same messages as the worker's
// (backend-wasm.js), answered natively by the server's session over HTTP.
// The page's edits travel with each update; saving them to the project's
// files is the page's own business (main.js).

import { Offline, api, apiJson } from './served.js';

/** The project's files are the folder on disk, behind `kirje serve`. */
export const SERVED = true;

const dec = new TextDecoder('utf-8', { fatal: true });

function base64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** A change as JSON: a text, other bytes in base64, or a removal. */
function change([path, bytes]) {
  if (bytes === null) return { path, remove: true };
  try {
    return { path, text: dec.decode(bytes) };
  } catch {
    return { path, base64: base64(bytes) };
  }
}

export function createCompiler({ onMessage, lang, mark }) {
  mark('wasm_compiled');
  let messages = lang;
  queueMicrotask(() => onMessage({ type: 'ready', ms: 0, fonts: 0 }));
  // Changes given with `files` go with the next update.
  let waiting = [];
  async function answer(msg) {
    switch (msg.type) {
      case 'files':
        // A whole project (reset) is the folder the server read itself.
        if (!msg.reset) waiting.push(...msg.changes);
        return { type: 'files', id: msg.id };
      case 'lang':
        messages = msg.lang;
        return null;
      case 'render': {
        const t0 = performance.now();
        const changes = [...waiting, ...(msg.changes || [])].map(change);
        waiting = [];
        const res = await apiJson('update', { changes, what: msg.what, edition: msg.edition, lang: msg.lang, messages });
        if (res.status !== 200) throw new Offline(String(res.status));
        if (res.email && res.email.images) {
          await Promise.all(
            res.email.images.map(async (img) => {
              const r = await api(`email-image?file=${encodeURIComponent(img.file)}`);
              img.bytes = new Uint8Array(await r.arrayBuffer());
            }),
          );
        }
        return { type: 'result', id: msg.id, ...res, ms: performance.now() - t0 };
      }
      case 'reading': {
        const res = await apiJson('reading', { field: msg.field, text: msg.text, end: msg.end, edition: msg.edition, messages });
        return { id: msg.id, ...res };
      }
      case 'pdf': {
        const res = await api('pdf', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ kind: msg.kind, edition: msg.edition, lang: msg.lang, messages }),
        });
        if (res.headers.get('Content-Type') === 'application/pdf') {
          return { type: 'pdf', id: msg.id, bytes: new Uint8Array(await res.arrayBuffer()) };
        }
        const json = await res.json().catch(() => ({}));
        return { type: 'pdf', id: msg.id, error: 'pdf', diagnostics: json.diagnostics || [] };
      }
      default:
        return null;
    }
  }
  return {
    postMessage(msg) {
      answer(msg).then(
        (reply) => reply && onMessage(reply),
        (err) => onMessage({ type: 'offline', id: msg.id, message: String(err.message || err) }),
      );
    },
    terminate() {},
  };
}
