// The compiler's thread: one kirje Session (wasm) that lives while the page
// is open. The page sends changed files and asks for the open tab's output;
// typing never waits for Typst.

import init, { Session } from '../pkg/kirje_wasm.js';
import wasmUrl from '../pkg/kirje_wasm_bg.wasm?url';

let session = null;
/** Settles when the session has its fonts (messages may come before init). */
let started;
const ready = new Promise((resolve, reject) => {
  started = { resolve, reject };
});
/** The later fonts: their URLs, their fetch once started, whether added. */
let moreFontNames = [];
let moreFonts = null;
let moreFontsTaken = false;

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
    // Stored in the background: the first preview does not wait for the
    // disk. A full or refused cache only costs a refetch next time.
    cache.put(url, res.clone()).catch(() => {});
  }
  return new Uint8Array(await res.arrayBuffer());
}

async function start(base, lang, module) {
  const t0 = performance.now();
  const manifestUrl = new URL('fonts/fonts.json', base);
  const manifest = fetch(manifestUrl).then((r) => {
    if (!r.ok) throw new Error(`${manifestUrl}: ${r.status}`);
    return r.json();
  });
  // The fonts of the first preview come while the compiler instantiates.
  const [, fonts, list] = await Promise.all([
    init({ module_or_path: module || wasmUrl }),
    manifest.then((m) => Promise.all(m.fonts.map((name) => fetchFont(new URL(name, manifestUrl).href)))),
    manifest,
  ]);
  session = new Session();
  for (const f of fonts) session.add_font(f);
  session.set_lang(lang);
  moreFontNames = (list.more || []).map((name) => new URL(name, manifestUrl).href);
  return { ms: performance.now() - t0, fonts: fonts.length };
}

/**
 * Typst's own families (the other choices of theme.font, maths, code) are
 * fetched after the first preview, so they do not compete with it; the page
 * renders again when they are in.
 */
function fetchMoreFonts() {
  if (moreFonts || !moreFontNames.length) return;
  moreFonts = Promise.all(moreFontNames.map(fetchFont)).catch(() => []);
  moreFonts.then((list) => {
    if (list.length) self.postMessage({ type: 'fonts', count: list.length });
  });
}

/** Adds the later fonts once they arrived (before the next render). */
async function takeMoreFonts() {
  if (!moreFonts || moreFontsTaken) return;
  const list = await moreFonts;
  if (moreFontsTaken) return;
  moreFontsTaken = true;
  for (const f of list) session.add_font(f);
}

/** Adds, replaces ([path, bytes]) or removes ([path, null]) files. */
function applyChanges(changes) {
  for (const [path, bytes] of changes) {
    if (bytes === null) session.remove_file(path);
    else session.set_file(path, bytes);
  }
}

/** Pages still to send after the answer to a render: {what, pages}. */
let later = [];

/** Sends the pages left over from the last render, one message per page. */
function sendLaterPages() {
  const jobs = later;
  later = [];
  for (const { what, pages } of jobs) {
    for (const i of pages) {
      self.postMessage({ type: 'pages', what, changed: { [i]: session.page_svg(what, i) } });
    }
  }
}

function render(req) {
  later = [];
  const t0 = performance.now();
  const check = JSON.parse(session.check());
  const out = { check, timing: { check: performance.now() - t0 } };
  const edition = req.edition || undefined;
  const lang = req.lang || undefined;
  if (check.ok) {
    for (const what of req.what) {
      if (what === 'newsletter' || what === 'slides') {
        // Typst compiles the document; only pages whose content changed
        // since the last preview are drawn as SVG and sent.
        const t1 = performance.now();
        const r = JSON.parse(session.preview(what, edition, lang));
        const t2 = performance.now();
        out.timing.compile = t2 - t1;
        if (r.type === 'success') {
          // The first changed page comes with the answer; when more changed
          // (the first preview, a new edition), the others follow in a
          // message of their own, so the page in view shows sooner.
          const [first, ...rest] = r.changed;
          const changed = {};
          if (first !== undefined) changed[first] = session.page_svg(what, first);
          if (rest.length) later.push({ what, pages: rest });
          out.timing.svg = performance.now() - t2;
          out.timing.pages = r.changed.length;
          out[what] = {
            type: 'success',
            pages: { count: r.count, changed },
            texts: r.texts,
            warnings: r.warnings,
          };
        } else {
          out[what] = r;
        }
      } else if (what === 'email') {
        out.email = JSON.parse(session.email(edition, lang));
        // The PNG and JPEG files the email shows (made from the project's
        // SVGs and photos), for the preview's blob URLs.
        for (const img of out.email.images || []) img.bytes = session.email_image(img.file);
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
      const info = await start(msg.base, msg.lang, msg.module).catch((err) => {
        started.reject(err);
        throw err;
      });
      started.resolve();
      self.postMessage({ type: 'ready', ...info });
      return;
    }
    await ready;
    if (msg.type === 'files') {
      if (msg.reset) {
        session.clear();
      }
      applyChanges(msg.changes);
      self.postMessage({ type: 'files', id: msg.id });
    } else if (msg.type === 'reading') {
      const r = JSON.parse(session.reading(msg.field, msg.text, msg.end ?? undefined, msg.edition ?? undefined));
      self.postMessage({ type: 'reading', id: msg.id, ...r });
    } else if (msg.type === 'lang') {
      session.set_lang(msg.lang);
    } else if (msg.type === 'render') {
      applyChanges(msg.changes || []);
      if (msg.fonts) await takeMoreFonts();
      self.postMessage({ type: 'result', id: msg.id, ...render(msg) });
      sendLaterPages();
      fetchMoreFonts();
    } else if (msg.type === 'pdf') {
      fetchMoreFonts();
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
