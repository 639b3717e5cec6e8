// The email as mail clients see it, in Debian's Chromium (playwright-core,
// launched exactly as email.test.mjs does), for every email*.html (every
// language) of one or more `kirje build` folders:
//
// (a) no <img> points at an SVG or a data: URL (Gmail and Outlook show
//     neither), and no cid: part of email.eml is an SVG;
// (b) every <img> has numeric width and height attributes (Outlook for
//     Windows sizes images by them; without them it shows them at their
//     natural size);
// (c) at 600 px and 375 px, in light and in dark colour scheme: every image
//     request is answered 200 and every <img> has loaded (naturalWidth > 0);
//     a full-page screenshot of each view goes to $KIRJE_SHOTS (default:
//     the first OUT's shots/) as NAME[-LANG]-WIDTH-SCHEME.png;
// (d) WCAG AA contrast of every visible text in both schemes: the text's
//     computed colour against the first non-transparent background up its
//     ancestors (the page canvas if none), 4.5:1, or 3:1 for text of 24 px
//     or more, or 18.66 px bold.
//
// Images under the project's base_url are answered from the built web/
// folder (as email.test.mjs does); cid: images (a project without base_url)
// are answered from the related parts of the build's .eml, as a mail client
// would. Any other request fails the page.
//
// Run: node tests/browser/email-clients.test.mjs NAME=OUT [NAME=OUT ...]

import { readFile, mkdir } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launch } from './chromium.mjs';
import { serve, typeOf } from './static-server.mjs';

const targets = process.argv.slice(2).map((a) => {
  const [name, dir] = a.includes('=') ? a.split(/=(.*)/s) : [path.basename(a), a];
  return { name, out: path.resolve(dir) };
});
if (!targets.length || !targets.every((t) => existsSync(path.join(t.out, 'email.html')))) {
  console.error('usage: node email-clients.test.mjs NAME=OUT [NAME=OUT ...] (OUT: a folder written by kirje build)');
  process.exit(2);
}
const shots = process.env.KIRJE_SHOTS || path.join(targets[0].out, 'shots');
const WIDTHS = [600, 375];
const SCHEMES = ['light', 'dark'];

// ---- the .eml's related parts (for cid: images) ----------------------------

/** Content-ID → { type, body } of every part of a MIME message (a small reader: enough for kirje's .eml). */
function cidParts(file) {
  const parts = new Map();
  if (!existsSync(file)) return parts;
  const walk = (raw) => {
    const split = raw.search(/\r?\n\r?\n/);
    const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
    const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
    const header = (n) => (head.match(new RegExp(`^${n}:\\s*(.*)$`, 'im')) || [])[1] || '';
    const type = header('Content-Type');
    const boundary = (type.match(/boundary="?([^";]+)"?/i) || [])[1];
    if (/^multipart\//i.test(type) && boundary) {
      const chunks = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
      for (const c of chunks.slice(1)) if (c.trim()) walk(c);
      return;
    }
    const id = header('Content-ID').trim().replace(/^<|>$/g, '');
    if (!id) return;
    const enc = header('Content-Transfer-Encoding').trim().toLowerCase();
    const bytes = enc === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body, 'latin1');
    parts.set(id, { type: type.split(';')[0].trim().toLowerCase(), body: bytes });
  };
  walk(readFileSync(file, 'latin1'));
  return parts;
}

// ---- (a) and (b): the source, also inside Outlook's conditional comments ---

function staticImageChecks(html, cids) {
  const problems = [];
  const imgs = [...html.matchAll(/<img\b([^>]*)>/gi)].map((m) => {
    const attrs = {};
    for (const a of m[1].matchAll(/([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      attrs[a[1].toLowerCase()] = a[2] === undefined ? '' : a[2].replace(/^["']|["']$/g, '');
    }
    return attrs;
  });
  for (const img of imgs) {
    const src = (img.src || '').replace(/&amp;/g, '&');
    const short = src.length > 90 ? `${src.slice(0, 87)}…` : src;
    if (/^data:/i.test(src)) problems.push(`<img> with a data: URL (${short})`);
    if (/\.svg$/i.test(src.split(/[?#]/)[0])) problems.push(`<img> of an SVG file (${short})`);
    if (/^cid:/i.test(src)) {
      const part = cids.get(decodeURIComponent(src.slice(4)));
      if (!part) problems.push(`<img src="${short}"> has no part with that Content-ID in the .eml`);
      else if (/svg/.test(part.type)) problems.push(`<img src="${short}"> is an ${part.type} part`);
    }
    for (const dim of ['width', 'height']) {
      if (!(dim in img)) problems.push(`<img src="${short}"> has no ${dim} attribute`);
      else if (!/^\d+$/.test(img[dim])) problems.push(`<img src="${short}"> has ${dim}="${img[dim]}" (not a whole number of pixels)`);
    }
  }
  return { count: imgs.length, problems };
}

// ---- (d): contrast, run in the page ----------------------------------------

/* global document, window, getComputedStyle, Node */
function contrastInPage() {
  const parse = (c) => {
    const m = String(c).match(/rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/);
    if (!m) return null;
    let a = m[4] === undefined ? 1 : parseFloat(m[4]);
    if (String(m[4]).endsWith('%')) a /= 100;
    return [+m[1], +m[2], +m[3], a];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const lum = ([r, g, b]) => {
    const f = (v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (x, y) => {
    const [l1, l2] = [lum(x), lum(y)].sort((p, q) => q - p);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const hex = (c) => `#${c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  // The canvas behind the page in this colour scheme.
  const probe = document.createElement('div');
  probe.style.backgroundColor = 'Canvas';
  document.body.appendChild(probe);
  const canvas = parse(getComputedStyle(probe).backgroundColor) || [255, 255, 255, 1];
  probe.remove();
  const describe = (el) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return `<${el.tagName.toLowerCase()}${cls}>`;
  };

  const failures = [];
  let checked = 0;
  let overImages = 0;
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').replace(/\s+/g, ' ').trim();
    if (!own) continue;
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) continue;
    const style = getComputedStyle(el);
    if (parseFloat(style.fontSize) < 2) continue;
    // Clipped away by an ancestor of no height (preheader tricks).
    let clipped = false;
    for (let a = el.parentElement; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflow !== 'visible' && a.getBoundingClientRect().height < 1) clipped = true;
    }
    if (clipped) continue;

    const layers = [];
    let image = false;
    for (let a = el; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.backgroundImage && s.backgroundImage !== 'none') {
        image = true;
        break;
      }
      const bg = parse(s.backgroundColor);
      if (bg && bg[3] > 0) {
        layers.push(bg);
        if (bg[3] >= 1) break;
      }
    }
    if (image) {
      overImages += 1;
      continue;
    }
    let bg = canvas;
    for (const l of layers.reverse()) bg = l[3] >= 1 ? l : over(l, bg);
    let fg = parse(style.color);
    if (!fg) continue;
    if (fg[3] < 1) fg = over(fg, bg);
    checked += 1;
    const size = parseFloat(style.fontSize);
    const bold = parseInt(style.fontWeight, 10) >= 700;
    const large = size >= 24 || (size >= 18.66 && bold);
    const need = large ? 3 : 4.5;
    const r = ratio(fg, bg);
    if (r < need - 0.005) {
      failures.push({
        text: own.length > 50 ? `${own.slice(0, 47)}…` : own,
        fg: hex(fg),
        bg: hex(bg),
        ratio: Math.round(r * 100) / 100,
        need,
        size: `${size}px${bold ? ' bold' : ''}`,
        el: describe(el),
        parent: el.parentElement ? describe(el.parentElement) : '',
      });
    }
  }
  return { checked, overImages, failures, canvas: hex(canvas) };
}

// ---- the run -----------------------------------------------------------------

const browser = await launch();
await mkdir(shots, { recursive: true });

const failures = [];
const summaries = [];
let views = 0;

for (const { name, out } of targets) {
  const server = await serve(out);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const pages = readdirSync(out).filter((f) => /^email(\.[a-z]{2})?\.html$/.test(f)).sort();

  for (const file of pages) {
    const lang = (file.match(/^email\.([a-z]{2})\.html$/) || [])[1];
    const label = `${name}/${file}`;
    const stem = `${name}${lang ? `-${lang}` : ''}`;
    const html = await readFile(path.join(out, file), 'utf8');
    // The message of this language, else the main language's (the images are the same).
    const own = path.join(out, file.replace(/\.html$/, '.eml'));
    const cids = cidParts(existsSync(own) ? own : path.join(out, 'email.eml'));
    const st = staticImageChecks(html, cids);
    for (const p of st.problems) failures.push(`${label}: ${p}`);
    const line = { label, imgs: st.count, staticProblems: st.problems.length, loads: 0, badLoads: 0, contrast: {} };

    for (const scheme of SCHEMES) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const where = `${label} @ ${width}px ${scheme}`;
        const foreign = new Set();
        await context.route('**/*', async (route) => {
          const url = new URL(route.request().url());
          if (url.origin === origin) {
            // The page itself: cid: references become requests to /__cid__/ID.
            if (url.pathname === `/${file}` && cids.size) {
              return route.fulfill({
                body: html.replace(/(["'(])cid:([^"')\s]+)/g, (_, q, id) => `${q}/__cid__/${encodeURIComponent(decodeURIComponent(id))}`),
                contentType: 'text/html; charset=utf-8',
              });
            }
            const c = url.pathname.match(/^\/__cid__\/(.+)$/);
            if (c) {
              const part = cids.get(decodeURIComponent(c[1]));
              if (part) return route.fulfill({ body: part.body, contentType: part.type });
              return route.fulfill({ status: 404, body: '' });
            }
            return route.continue();
          }
          if (url.protocol === 'data:') return route.continue();
          // An image under the project's base_url: the same file as in web/assets.
          const m = url.pathname.match(/\/assets\/(.+)$/);
          const assets = path.join(out, 'web', 'assets');
          const local = m && path.join(assets, decodeURIComponent(m[1]));
          if (local && local.startsWith(assets + path.sep) && existsSync(local)) {
            return route.fulfill({ body: await readFile(local), contentType: typeOf(local) });
          }
          foreign.add(url.href);
          return route.abort();
        });
        const page = await context.newPage();
        const images = new Map(); // url → status or error
        page.on('response', (r) => {
          if (r.request().resourceType() === 'image') images.set(r.url(), r.status());
        });
        page.on('requestfailed', (r) => {
          if (r.resourceType() === 'image') images.set(r.url(), r.failure()?.errorText || 'failed');
        });
        await page.goto(`${origin}/${file}`, { waitUntil: 'load' });
        // Lazy images below the fold: scroll through, then wait for the network.
        await page.evaluate(async () => {
          for (let y = 0; y < document.documentElement.scrollHeight; y += 600) {
            window.scrollTo(0, y);
            await new Promise((r) => setTimeout(r, 20));
          }
          window.scrollTo(0, 0);
        });
        await page.waitForLoadState('networkidle');

        for (const [url, status] of images) {
          line.loads += 1;
          if (status !== 200) {
            line.badLoads += 1;
            failures.push(`${where}: image ${url.length > 100 ? `${url.slice(0, 97)}…` : url} answered ${status}`);
          }
        }
        const broken = await page.evaluate(() =>
          [...document.images].filter((i) => i.naturalWidth === 0).map((i) => i.getAttribute('src')),
        );
        for (const b of broken) failures.push(`${where}: <img src="${b}"> did not load (naturalWidth 0)`);
        for (const f of foreign) if (![...images.keys()].includes(f)) failures.push(`${where}: request to another origin: ${f}`);

        const c = await page.evaluate(contrastInPage);
        const key = scheme;
        const prev = line.contrast[key] || { checked: 0, failures: new Map(), overImages: 0 };
        prev.checked = Math.max(prev.checked, c.checked);
        prev.overImages = Math.max(prev.overImages, c.overImages);
        for (const f of c.failures) {
          const k = `${f.el} in ${f.parent} "${f.text}": ${f.fg} on ${f.bg} = ${f.ratio}:1 < ${f.need}:1 (${f.size})`;
          const seen = prev.failures.get(k) || { widths: new Set(), times: 0 };
          seen.widths.add(width);
          seen.times += 1;
          prev.failures.set(k, seen);
        }
        line.contrast[key] = prev;

        const shot = `${stem}-${width}-${scheme}.png`;
        await page.screenshot({ path: path.join(shots, shot), fullPage: true });
        await context.close();
        views += 1;
      }
    }
    for (const scheme of SCHEMES) {
      for (const [k, seen] of line.contrast[scheme].failures) {
        const times = seen.times > seen.widths.size ? `, ${seen.times / seen.widths.size}× on the page` : '';
        failures.push(`${label} ${scheme}: contrast ${k} [at ${[...seen.widths].join(' and ')} px${times}]`);
      }
    }
    summaries.push(line);
  }
  server.close();
}
await browser.close();

for (const s of summaries) {
  const c = SCHEMES.map((sch) => `${sch} ${s.contrast[sch].failures.size} low of ${s.contrast[sch].checked} texts`).join(', ');
  console.log(
    `${s.label}: ${s.imgs} <img>, ${s.staticProblems ? `${s.staticProblems} src/size problem(s)` : 'src and sizes ok'}; ` +
      `${s.loads} image loads in 4 views, ${s.badLoads} not 200; contrast ${c}`,
  );
}
console.log(`${views} views (${summaries.length} email pages × ${WIDTHS.join('/')} px × ${SCHEMES.join('/')}); screenshots in ${shots}`);
if (failures.length) {
  console.log(failures.map((f) => `FAIL ${f}`).join('\n'));
  console.log(`email-clients: ${failures.length} failure(s)`);
  process.exit(1);
}
console.log('email-clients: images (no SVG, no data:, sized, all loaded) and WCAG AA contrast in light and dark: all good');
