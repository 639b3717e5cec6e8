// The email and the web archive that `kirje build` wrote, in Debian's
// Chromium through playwright-core: axe-core finds no serious or critical
// violation at 600 px and 375 px, nothing overflows sideways at 375 px,
// every image has a text alternative, and no page runs a script. Images
// linked from the project's base_url are answered from the built web/
// folder, so the screenshots show them; any other request to another origin
// is refused and reported.
//
// Run: node tests/browser/email.test.mjs OUT   (OUT is a `kirje build -o`
// folder; scripts/suites/email.sh does it). Screenshots go to
// $KIRJE_SHOTS (default: OUT/shots).

import { readFile, mkdir } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch } from './chromium.mjs';
import { serve, typeOf } from './static-server.mjs';

const require = createRequire(import.meta.url);
const out = path.resolve(process.argv[2] || '');
if (!process.argv[2] || !existsSync(path.join(out, 'email.html'))) {
  console.error('usage: node email.test.mjs OUT (a folder written by kirje build)');
  process.exit(2);
}
const shots = process.env.KIRJE_SHOTS || path.join(out, 'shots');

/** Every index.html under dir, as paths relative to OUT. */
function webPages(dir) {
  const found = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...webPages(p));
    else if (e.name === 'index.html') found.push(path.relative(out, p));
  }
  return found.sort();
}

const pages = [
  ...readdirSync(out).filter((f) => /^email(\.[a-z]{2})?\.html$/.test(f)).sort(),
  ...webPages(path.join(out, 'web')),
];

const server = await serve(out);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
await mkdir(shots, { recursive: true });
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

const failures = [];
const foreign = new Set();
let checked = 0;

for (const width of [600, 375]) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin || url.protocol === 'data:') return route.continue();
    // An image under the project's base_url: the same file as in web/assets
    // (the email's PNG and JPEG files are in web/assets/email/).
    const m = url.pathname.match(/\/assets\/((?:email\/)?[^/]+)$/);
    const local = m && path.join(out, 'web', 'assets', ...decodeURIComponent(m[1]).split('/'));
    if (local && existsSync(local)) {
      return route.fulfill({
        body: await readFile(local),
        contentType: typeOf(local),
      });
    }
    foreign.add(url.href);
    return route.abort();
  });
  for (const rel of pages) {
    const page = await context.newPage();
    const scripts = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) scripts.push(m.text());
    });
    await page.goto(`${origin}/${rel}`, { waitUntil: 'load' });
    const where = `${rel} @ ${width}px`;

    const facts = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      scripts: document.querySelectorAll('script').length,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      noAlt: [...document.images].filter((i) => !i.hasAttribute('alt')).map((i) => i.src),
      broken: [...document.images].filter((i) => i.complete && i.naturalWidth === 0).map((i) => i.src),
      h1: document.querySelectorAll('h1').length,
    }));
    if (!facts.lang) failures.push(`${where}: <html> has no lang`);
    if (facts.scripts) failures.push(`${where}: ${facts.scripts} <script> element(s)`);
    if (facts.noAlt.length) failures.push(`${where}: images without alt: ${facts.noAlt.join(', ')}`);
    if (facts.broken.length) failures.push(`${where}: images that did not load: ${facts.broken.join(', ')}`);
    if (facts.h1 !== 1) failures.push(`${where}: ${facts.h1} h1 headings (expected 1)`);
    if (width === 375 && facts.overflow > 0) {
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .slice(0, 5)
          .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}">`),
      );
      failures.push(`${where}: overflows sideways by ${facts.overflow}px: ${wide.join(' ')}`);
    }

    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, { resultTypes: ['violations'] }),
    );
    for (const v of result.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') {
        const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
        failures.push(`${where}: axe ${v.impact} ${v.id}: ${v.help} [${targets}]`);
      }
    }
    if (scripts.length) failures.push(`${where}: console errors: ${scripts.join('; ')}`);

    const name = `${rel.replace(/[\\/]/g, '_').replace(/\.html$/, '')}-${width}.png`;
    await page.screenshot({ path: path.join(shots, name), fullPage: true });
    await page.close();
    checked += 1;
  }
  await context.close();
}

await browser.close();
server.close();

for (const url of foreign) failures.push(`request to another origin: ${url}`);
console.log(`${checked} page views checked (${pages.length} pages × 600 px and 375 px); screenshots in ${shots}`);
if (failures.length) {
  console.log(failures.map((f) => `FAIL ${f}`).join('\n'));
  process.exit(1);
}
console.log('email and web pages: no serious or critical axe violation, no sideways overflow at 375 px');
