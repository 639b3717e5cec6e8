// The form editor (web/dist, built by scripts/build-web.sh) in Debian's
// Chromium through playwright-core, played as a new user who never opens
// the code view: starts a new project from the starter, adds a news item
// with a dropped JPEG and its description, adds an event typed as
// "5.5. klo 13.30–15", turns Swedish on and translates, makes the next
// edition from the last one, sees each change in the newsletter and the
// email, and downloads the PDF. Then: the YAML kept its comments, a
// one-field edit changed one line, undo and redo, a bad value is held back,
// a broken file makes the form read-only, axe at 1280 and 375 px, and the
// edit-to-preview time of the form (median of 20).
//
// Run: node tests/browser/editor.test.mjs   (scripts/suites/web.sh does it)
// Screenshots go to $KIRJE_SHOTS (default: a temporary folder).

import { readFile, mkdtemp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { axeSerious, median, steps } from './app.mjs';
import { helpers, playNewUser } from './scenario.mjs';
import { launch } from './chromium.mjs';
import { serve } from './static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dist = path.join(root, 'web/dist');



// A failing step leaves a screenshot of the page.
const { step, results } = steps(() => page.screenshot({ path: path.join(shots, 'failed.png') }));
const server = await serve(dist);
const origin = `http://127.0.0.1:${server.address().port}`;
const shots = process.env.KIRJE_SHOTS || (await mkdtemp(path.join(tmpdir(), 'kirje-editor-shots-')));
await mkdir(shots, { recursive: true });

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'fi-FI' });
const page = await context.newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));
page.on('console', (m) => {
  if (m.type() === 'error') pageErrors.push(m.text());
});

const { idle, paneText, fileText, inNewsletter, openFile, value, STARTER } = helpers(page);
let formEditMedian;
const formParts = {};
let starterSource;
let exampleSource;

try {
  await step('the example opens in the form', async () => {
    await page.goto(`${origin}/`);
    await page.waitForSelector('#pane-newsletter .page .art svg', { timeout: 60_000 });
    await idle();
    // Its edition, with shared (&anchor) values, is a form too.
    await page.waitForSelector('#f-events-1-region-fi');
    assert.equal(await page.locator('.readonly').count(), 0);
    assert.equal(await value('#f-events-1-region-fi'), 'Keski-Suomi');
    await page.waitForFunction(() => window.kirje.state.moreFonts, null, { timeout: 30_000 });
    await idle();
    exampleSource = await fileText('editions/2021-05.yaml');
  });

  await step('on the example, an edit in the form reaches the painted preview (20 edits)', async () => {
    await page.evaluate(() => {
      window.kirje.metrics.editToPaint.length = 0;
    });
    await page.click('#f-news-0-title-fi');
    await page.keyboard.press('End');
    for (let i = 0; i < 20; i++) {
      const before = await paneText('newsletter');
      await page.keyboard.type(String(i % 10));
      await page.waitForFunction((b) => document.querySelector('#pane-newsletter').textContent.replace(/\u00a0/g, ' ') !== b, before, {
        timeout: 30_000,
        polling: 'raf',
      });
      await idle();
    }
    const edits = await page.evaluate(() => window.kirje.metrics.editToPaint.slice());
    assert.ok(edits.length >= 20, `edits measured: ${edits.length}`);
    formEditMedian = median(edits);
    const timings = await page.evaluate(() => window.kirje.metrics.timings.slice(-20));
    for (const k of Object.keys(timings[0] || {})) formParts[k] = median(timings.map((t) => t[k] ?? 0));
    for (let i = 0; i < 20; i++) await page.keyboard.press('Backspace');
    await idle();
    assert.equal(await fileText('editions/2021-05.yaml'), exampleSource, 'typed and erased: as it was');
  });

  await step('a new project starts from the starter, in the form', async () => {
    await page.click('#new-project');
    await inNewsletter('Perhekompassi');
    await idle();
    assert.equal(await page.locator('.files button[aria-current=true]').textContent(), STARTER);
    assert.equal(await page.locator('#view-form').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('#editor').isVisible(), false);
    starterSource = await fileText(STARTER);
    assert.equal(starterSource, await readFile(path.join(root, 'crates/kirje-cli/starters/fi', STARTER), 'utf8'));
    await page.screenshot({ path: path.join(shots, 'form-starter.png') });
  });

  await playNewUser(page, step, { shots, starter: () => starterSource });

  await step('a file the form cannot show opens read-only, with the way to fix it', async () => {
    await openFile('project.yaml');
    await page.click('#view-code');
    await page.locator('.cm-line').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('name: [\n');
    await page.click('#view-form');
    await page.waitForSelector('.readonly');
    // check's own words for the mistake, at its line; never the YAML parser's.
    await idle();
    const said = await page.evaluate(() => window.kirje.state.check.diagnostics.find((d) => d.file === 'project.yaml' && d.severity === 'error'));
    await page.waitForFunction((m) => document.querySelector('.readonly').textContent.toLowerCase().includes(m.toLowerCase()), said.message);
    const text = await page.locator('.readonly').textContent();
    assert.ok(text.includes(`rivi ${said.line} `), text);
    assert.ok(!/flow|sequence|indent/i.test(text), text);
    assert.equal(await page.locator('#missing').isVisible(), false);
    await page.screenshot({ path: path.join(shots, 'form-readonly.png') });
    await page.click('#undo');
    await page.waitForSelector('.readonly', { state: 'detached' });
    await idle();
  });

  for (const width of [1280, 375]) {
    await step(`axe finds no serious problem in the form at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await openFile(await page.evaluate(() => window.kirje.state.current.startsWith('editions/') ? window.kirje.state.current : 'editions/2026-03.yaml'));
      await openFile(STARTER);
      await idle();
      await page.screenshot({ path: path.join(shots, `form-${width}.png`), fullPage: false });
      const found = await axeSerious(page);
      assert.deepEqual(found, []);
    });
  }

  await step('no errors in the page', async () => {
    assert.deepEqual(pageErrors, []);
  });
} finally {
  await browser.close();
  server.close();
}

console.log(results.join('\n'));
console.log(`form edit to painted preview, median of 20 (debounce not counted): ${formEditMedian?.toFixed(1)} ms`);
console.log(`  where a form edit's time goes (medians, ms): ${Object.entries(formParts).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
console.log(`screenshots: ${shots}`);
