// The web app (web/dist, built by scripts/build-web.sh) in Debian's Chromium
// through playwright-core: it loads the bundled example, shows the
// newsletter's pages, follows an edited news title into the preview and the
// email, marks a YAML error on its line, downloads a real PDF, passes an axe
// scan, and never asks another origin for anything. Prints the wasm size,
// the time to the first preview and the edit-to-preview latency.
//
// Run: node tests/browser/web.test.mjs   (scripts/suites/web.sh does it)
// Screenshots of every tab go to $KIRJE_SHOTS (default: a temporary folder).

import { readFile, mkdtemp, mkdir } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { axeSerious, median, steps } from './app.mjs';
import { launch } from './chromium.mjs';
import { serve, typeOf } from './static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../web/dist');



const wasmFile = readdirSync(path.join(dist, 'assets')).find((f) => f.endsWith('.wasm'));
assert.ok(wasmFile, 'web/dist has no .wasm: run scripts/build-web.sh');
const wasm = await readFile(path.join(dist, 'assets', wasmFile));
const wasmGz = gzipSync(wasm, { level: 9 }).length;

const { step, results } = steps();
const server = await serve(dist);
const origin = `http://127.0.0.1:${server.address().port}`;
const shots = process.env.KIRJE_SHOTS || (await mkdtemp(path.join(tmpdir(), 'kirje-web-shots-')));
await mkdir(shots, { recursive: true });

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true, locale: 'fi-FI' });
const foreign = [];
const pageErrors = [];
context.on('request', (r) => {
  const u = r.url();
  if (/^(data|blob|about):/.test(u)) return;
  if (new URL(u).origin !== origin) foreign.push(u);
});
// This test edits in the code view (the form has editor.test.mjs).
await context.addInitScript(() => localStorage.setItem('kirje.view', 'code'));
const page = await context.newPage();
page.on('pageerror', (e) => pageErrors.push(String(e)));
page.on('console', (m) => {
  if (m.type() === 'error') pageErrors.push(m.text());
});

const EDITION = 'editions/2021-05.yaml';
const OLD_TITLE = 'LUMOn yhteinen tapahtumakalenteri on avattu';
const NEW_TITLE = 'Selainesikatselu toimii';
let firstPreviewMs;
let editMedian;
let keyMedian;
let firstParts = {};
const editParts = {};

const paneText = (id) => page.locator(`#pane-${id}`).evaluate((el) => el.textContent);
const idle = () => page.waitForFunction(() => window.kirje && window.kirje.idle(), null, { timeout: 60_000 });

/** Puts the cursor at the end of the editor line that contains `text`. */
async function endOfLine(text) {
  const line = page.locator('.cm-line', { hasText: text }).first();
  await line.scrollIntoViewIfNeeded();
  await line.click();
  await page.keyboard.press('End');
}

try {
  await step('the bundled example holds the project files only', async () => {
    // scripts/suites/web.sh runs README command 1 first, which writes dist/.
    const { files } = JSON.parse(await readFile(path.join(dist, 'example', 'index.json'), 'utf8'));
    assert.ok(files.includes('project.yaml') && files.includes('kirje.toml'), files.join(' '));
    const strays = files.filter((f) => /^(dist|target|node_modules)\//.test(f) || f.split('/').some((p) => p.startsWith('.')));
    assert.deepEqual(strays, [], `not project files: ${strays.join(' ')}`);
    const onDisk = readdirSync(path.join(dist, 'example'));
    assert.ok(!onDisk.includes('dist') && !onDisk.includes('.kirje'), onDisk.join(' '));
  });

  await step('the example loads and the newsletter shows its pages', async () => {
    await page.goto(`${origin}/`);
    await page.waitForSelector('#pane-newsletter .page .art svg', { timeout: 60_000 });
    firstPreviewMs = await page.evaluate(() => window.kirje.metrics.firstPreviewMs);
    firstParts = await page.evaluate(() => ({
      ...window.kirje.metrics.startup,
      worker_start: window.kirje.metrics.workerReadyMs,
      ...window.kirje.metrics.timings[0],
    }));
    const pages = await page.locator('#pane-newsletter .page').count();
    assert.ok(pages >= 2, `newsletter pages: ${pages}`);
    assert.match(await page.locator('#project-name').textContent(), /LUMO/);
    assert.match(await paneText('newsletter'), /LUMOn yhteinen tapahtumakalenteri/);
    assert.equal(await page.locator('.files button[aria-current=true]').textContent(), EDITION);
    await idle();
    // Typst's own fonts arrive after the first preview and render again.
    await page.waitForFunction(() => window.kirje.state.moreFonts, null, { timeout: 30_000 });
    await idle();
    await page.screenshot({ path: path.join(shots, 'newsletter.png') });
  });

  await step('a new news title shows in the newsletter and in the email', async () => {
    await endOfLine(`fi: ${OLD_TITLE}`);
    for (let i = 0; i < OLD_TITLE.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type(NEW_TITLE);
    await page.waitForFunction(
      (t) => document.querySelector('#pane-newsletter').textContent.includes(t),
      NEW_TITLE,
      { timeout: 30_000 },
    );
    await page.click('[data-tab=email]');
    const frame = page.frameLocator('#email-desktop');
    await frame.locator(`text=${NEW_TITLE}`).first().waitFor({ timeout: 30_000 });
    assert.equal(await page.frameLocator('#email-phone').locator(`text=${NEW_TITLE}`).count() > 0, true);
    // Every image of the email (PNG files the wasm drew from the SVGs) shows.
    await frame.locator('img').first().waitFor({ timeout: 30_000 });
    let broken = [];
    for (let tries = 0; tries < 50; tries++) {
      broken = await frame.locator('img').evaluateAll((imgs) =>
        imgs.filter((i) => !i.complete || i.naturalWidth === 0 || !i.src.startsWith('blob:')).map((i) => i.alt),
      );
      if (broken.length === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(broken, [], `email images not shown in the preview: ${broken.join(', ')}`);
    await idle();
    await page.screenshot({ path: path.join(shots, 'email.png') });
  });

  await step('every tab has its output', async () => {
    await page.click('[data-tab=slides]');
    await page.waitForSelector('#pane-slides .page .art svg', { timeout: 30_000 });
    await idle();
    await page.screenshot({ path: path.join(shots, 'slides.png') });
    await page.click('[data-tab=text]');
    await page.waitForFunction((t) => document.querySelector('#email-text').textContent.includes(t), NEW_TITLE);
    await page.screenshot({ path: path.join(shots, 'text.png') });
    await page.click('[data-tab=calendar]');
    await page.waitForFunction(() => document.querySelector('#ics').textContent.includes('BEGIN:VCALENDAR'));
    assert.ok((await page.locator('#events li').count()) >= 1);
    await page.screenshot({ path: path.join(shots, 'calendar.png') });
    await page.click('[data-tab=newsletter]');
    await idle();
  });

  await step('edit to preview latency (20 edits)', async () => {
    await endOfLine(`fi: ${NEW_TITLE}`);
    await page.evaluate(() => {
      window.kirje.metrics.editToPaint.length = 0;
    });
    const keyToPaint = [];
    for (let i = 0; i < 20; i++) {
      const ch = String(i % 10);
      const before = await paneText('newsletter');
      const t0 = await page.evaluate(() => performance.now());
      await page.keyboard.type(ch);
      await page.waitForFunction((b) => document.querySelector('#pane-newsletter').textContent !== b, before, {
        timeout: 30_000,
        polling: 'raf',
      });
      keyToPaint.push((await page.evaluate(() => performance.now())) - t0);
      await idle();
    }
    const edits = await page.evaluate(() => window.kirje.metrics.editToPaint.slice());
    const timings = await page.evaluate(() => window.kirje.metrics.timings.slice(-20));
    for (const k of Object.keys(timings[0] || {})) {
      editParts[k] = median(timings.map((t) => t[k] ?? 0));
    }
    assert.ok(edits.length >= 20, `edits measured: ${edits.length}`);
    editMedian = median(edits);
    keyMedian = median(keyToPaint);
    for (let i = 0; i < 20; i++) await page.keyboard.press('Backspace');
    await idle();
  });

  await step('a YAML error is marked on its line and the last preview stays', async () => {
    const pagesBefore = await page.locator('#pane-newsletter .page').count();
    // A second mapping colon on the news title's line: a YAML syntax error there.
    await endOfLine(`fi: ${NEW_TITLE}`);
    await page.keyboard.type(': auki');
    // The title's line in the example (the edits so far kept the line count).
    const source = await readFile(path.resolve(here, '../../examples/lumo', EDITION), 'utf8');
    const line = source.split('\n').findIndex((l) => l.includes(`fi: ${OLD_TITLE}`)) + 1;
    assert.ok(line > 0);
    await page.waitForSelector('.cm-lint-marker-error', { timeout: 30_000 });
    const problem = await page.locator('#problems li.error .where').first().textContent();
    assert.ok(problem.startsWith(`${EDITION}:${line}:`), `diagnostic at ${problem}, typed on line ${line}`);
    // The gutter marker sits on that line.
    const markerTop = await page.locator('.cm-lint-marker-error').first().evaluate((el) => el.getBoundingClientRect().top);
    const lineTop = await page
      .locator('.cm-lineNumbers .cm-gutterElement', { hasText: new RegExp(`^${line}$`) })
      .evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(Math.abs(markerTop - lineTop) < 4, `marker at ${markerTop}, line ${line} at ${lineTop}`);
    assert.equal(await page.locator('#stale').isVisible(), true);
    assert.equal(await page.locator('#pane-newsletter .page').count(), pagesBefore);
    await page.screenshot({ path: path.join(shots, 'yaml-error.png') });
    for (let i = 0; i < ': auki'.length; i++) await page.keyboard.press('Backspace');
    await page.waitForSelector('.cm-lint-marker-error', { state: 'detached', timeout: 30_000 });
    await idle();
  });

  await step('the newsletter PDF downloads', async () => {
    await page.click('#downloads summary');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click('[data-download=newsletter]'),
    ]);
    const file = await download.path();
    const bytes = await readFile(file);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(download.suggestedFilename(), 'newsletter.pdf');
  });

  await step('the project downloads as a zip', async () => {
    await page.click('#downloads summary');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.click('[data-download=zip]'),
    ]);
    const bytes = await readFile(await download.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
  });

  await step('the interface speaks Swedish and English', async () => {
    await page.selectOption('#ui-lang', 'sv');
    assert.equal(await page.locator('[data-tab=newsletter]').textContent(), 'Nyhetsbrev');
    await page.selectOption('#ui-lang', 'en');
    assert.equal(await page.locator('[data-tab=newsletter]').textContent(), 'Newsletter');
    await idle();
  });

  await step('axe finds no serious accessibility problem in the app', async () => {
    const found = await axeSerious(page);
    assert.deepEqual(found, []);
  });

  await step('no request left the page origin', async () => {
    assert.deepEqual(foreign, []);
    assert.deepEqual(pageErrors, []);
  });
} finally {
  await browser.close();
  server.close();
}

console.log(results.join('\n'));
console.log(`wasm size: ${wasm.length} bytes raw (${(wasm.length / 1048576).toFixed(1)} MiB), ${wasmGz} bytes gzip (${(wasmGz / 1048576).toFixed(1)} MiB)`);
console.log(`page load to first preview: ${Math.round(firstPreviewMs)} ms`);
console.log(`  the first render (ms): ${Object.entries(firstParts).map(([k, v]) => `${k} ${Number(v).toFixed(1)}`).join(', ')}`);
console.log(`edit to painted preview, median of 20 (debounce not counted): ${editMedian.toFixed(1)} ms`);
console.log(`  where an edit's time goes (medians, ms): ${Object.entries(editParts).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
console.log(`keystroke to painted preview, median of 20 (with the ${120} ms debounce): ${keyMedian.toFixed(1)} ms`);
console.log(`screenshots: ${shots}`);
