// The compiler's thread: one kirje Session (wasm) that lives while the page
// is open. The page sends changed files and asks for the open tab's output;
// typing never waits for Typst.

import init, { Session } from '../pkg/kirje_wasm.js';
import wasmUrl from '../pkg/kirje_wasm_bg.wasm?url';

let session = null;
let ready = null;
let moreFonts = null;
/** The last pages sent for each document, so only changed ones travel. */
const sentPages = new Map();

const FONT_CACHE = 'kirje-fonts-v1';

async function fetchFont(url) {
  // Fonts are fetched once and kept in the Cache API where the page is a
  // secure context (http://127.0.0.1 is one); the HTTP cache otherwise.
  let cache = null;
  try {
    cache = self.caches ? await self.caches.open(FONT_CACHE) : null;
  } catch {
    cache = null;
  }
  if (cache) {
    const hit = await cache.match(url);
    if (hit) return new Uint8Array(await hit.arrayBuffer());
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  if (cache) {
    try {
      await cache.put(url, res.clone());
    } catch {
      // A full or refused cache only costs a refetch next time.
    }
  }
  return new Uint8Array(await res.arrayBuffer());
}

async function start(base, lang) {
  const t0 = performance.now();
  const manifestUrl = new URL('fonts/fonts.json', base);
  const [, manifest] = await Promise.all([
    init({ module_or_path: wasmUrl }),
    fetch(manifestUrl).then((r) => {
      if (!r.ok) throw new Error(`${manifestUrl}: ${r.status}`);
      return r.json();
    }),
  ]);
  const fonts = await Promise.all(
    manifest.fonts.map((name) => fetchFont(new URL(name, manifestUrl).href)),
  );
  session = new Session();
  for (const f of fonts) session.add_font(f);
  session.set_lang(lang);
  // Typst's own families come after the first preview; the page renders
  // again when they are in.
  moreFonts = Promise.all(
    (manifest.more || []).map((name) => fetchFont(new URL(name, manifestUrl).href)),
  ).catch(() => []);
  moreFonts.then((list) => {
    if (list.length) self.postMessage({ type: 'fonts', count: list.length });
  });
  return { ms: performance.now() - t0, fonts: fonts.length };
}

/** Adds the later fonts once they arrived (before the next render). */
async function takeMoreFonts() {
  if (!moreFonts) return;
  const list = await moreFonts;
  moreFonts = null;
  for (const f of list) session.add_font(f);
}

function changedPages(key, pages) {
  const old = sentPages.get(key) || [];
  const changed = {};
  pages.forEach((svg, i) => {
    if (old[i] !== svg) changed[i] = svg;
  });
  sentPages.set(key, pages);
  return { count: pages.length, changed };
}

function render(req) {
  const t0 = performance.now();
  const check = JSON.parse(session.check());
  const out = { check };
  const edition = req.edition || undefined;
  const lang = req.lang || undefined;
  if (check.ok) {
    for (const what of req.what) {
      if (what === 'newsletter' || what === 'slides') {
        const r = JSON.parse(session.render(what, edition, lang));
        if (r.type === 'success') {
          // One key per document: its pane shows the last pages sent.
          const key = what;
          out[what] = {
            type: 'success',
            pages: changedPages(key, r.pages),
            texts: r.texts,
            warnings: r.warnings,
          };
        } else {
          out[what] = r;
        }
      } else if (what === 'email') {
        out.email = JSON.parse(session.email(edition, lang));
      } else if (what === 'calendar') {
        out.calendar = JSON.parse(session.calendar(edition, lang));
      }
    }
  }
  out.ms = performance.now() - t0;
  return out;
}

self.onmessage = async (e) => {
  const msg = e.data;
  try {
    if (msg.type === 'init') {
      ready = start(msg.base, msg.lang);
      const info = await ready;
      self.postMessage({ type: 'ready', ...info });
      return;
    }
    await ready;
    if (msg.type === 'files') {
      if (msg.reset) {
        session.clear();
        sentPages.clear();
      }
      for (const [path, bytes] of msg.changes) {
        if (bytes === null) session.remove_file(path);
        else session.set_file(path, bytes);
      }
      self.postMessage({ type: 'files', id: msg.id });
    } else if (msg.type === 'lang') {
      session.set_lang(msg.lang);
    } else if (msg.type === 'render') {
      if (msg.fonts) await takeMoreFonts();
      self.postMessage({ type: 'result', id: msg.id, ...render(msg) });
    } else if (msg.type === 'pdf') {
      await takeMoreFonts();
      try {
        const bytes = session.pdf(msg.kind, msg.edition || undefined, msg.lang || undefined);
        self.postMessage({ type: 'pdf', id: msg.id, bytes }, [bytes.buffer]);
      } catch (err) {
        const text = typeof err === 'string' ? err : String(err);
        let diagnostics = [];
        try {
          diagnostics = JSON.parse(text).diagnostics || [];
        } catch {
          diagnostics = [];
        }
        self.postMessage({ type: 'pdf', id: msg.id, error: text, diagnostics });
      }
    }
  } catch (err) {
    // A Rust panic aborts the wasm instance: the page starts a new worker.
    self.postMessage({ type: 'crash', id: msg.id, message: String(err && err.stack ? err.stack : err) });
  }
};
