// `kirje serve` with its editor, in Debian's Chromium through
// playwright-core, on a project folder made by `kirje init`: a new user's
// scenario in the form (scenario.mjs, the same as the static web app's),
// then the files on disk (comments kept, a one-field edit changed one
// line, the dropped picture in assets/), a change made on disk by someone
// else while the page is open (keep mine, see both, take the disk's), and
// the server stopping and starting again with the page open (the edits
// wait in the browser and reach the disk).
//
// Run: KIRJE_BIN=target/debug/kirje node tests/browser/serve.test.mjs
// (scripts/suites/web.sh does it). Screenshots go to $KIRJE_SHOTS.

import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { mkdtemp, mkdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { axeSerious, steps } from './app.mjs';
import { launch } from './chromium.mjs';
import { helpers, playNewUser } from './scenario.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.resolve(root, process.env.KIRJE_BIN || 'target/debug/kirje');
assert.ok(existsSync(bin), `${bin} is missing: cargo build -p kirje-cli`);

const tmp = await mkdtemp(path.join(tmpdir(), 'kirje-serve-'));
const dir = path.join(tmp, 'perhekompassi');
const init = spawnSync(bin, ['--lang', 'fi', 'init', dir], { encoding: 'utf8' });
assert.equal(init.status, 0, init.stderr);
const disk = (p) => readFileSync(path.join(dir, p), 'utf8');
const starterOnDisk = disk('editions/2026-03.yaml');

/** Starts `kirje serve` on the folder (on `port`, 0 for a free one). */
async function startServer(port = 0) {
  const proc = spawn(bin, ['--lang', 'fi', 'serve', dir, '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  const lines = createInterface({ input: proc.stderr });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('kirje serve printed no address')), 60_000);
    lines.on('line', (line) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#key=[0-9a-f]+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`kirje serve ended (${code})`)));
  });
  return { proc, url, port: Number(new URL(url).port) };
}

function stop(server) {
  return new Promise((resolve) => {
    if (server.proc.exitCode !== null) return resolve();
    server.proc.on('exit', resolve);
    server.proc.kill('SIGKILL');
  });
}

const shots = process.env.KIRJE_SHOTS || (await mkdtemp(path.join(tmpdir(), 'kirje-serve-shots-')));
await mkdir(shots, { recursive: true });
let server = await startServer();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'fi-FI' });
const page = await context.newPage();
const pageErrors = [];
const requests = [];
page.on('request', (r) => requests.push(`> ${r.method()} ${r.url().replace(/^http:\/\/[^/]+/, '')}`));
page.on('requestfinished', (r) => requests.push(`< ${r.url().replace(/^http:\/\/[^/]+/, '')}`));
page.on('requestfailed', (r) => requests.push(`x ${r.url().replace(/^http:\/\/[^/]+/, '')} ${r.failure()?.errorText}`));
page.on('pageerror', (e) => pageErrors.push(String(e)));
page.on('console', (m) => {
  // Requests refused while the server is stopped are part of the test.
  if (m.type() === 'error' && !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(m.text())) pageErrors.push(m.text());
});
const { step, results } = steps(async () => {
  console.log(requests.slice(-30).join('\n'));
  await page.screenshot({ path: path.join(shots, 'failed.png') });
});
const { idle, fileText, inNewsletter, STARTER } = helpers(page);

/** Waits until every edit has reached the disk. */
const saved = () =>
  page.waitForFunction(() => window.kirje.state.dirty.size === 0 && window.kirje.idle(), null, { timeout: 30_000 });

try {
  await step('the editor opens on the folder on disk', async () => {
    await page.goto(server.url);
    await page.waitForSelector('#pane-newsletter .page .art svg', { timeout: 60_000 });
    await page.waitForSelector('#f-title-fi');
    await idle();
    assert.equal(await page.locator('.files button[aria-current=true]').textContent(), STARTER);
    assert.match(await page.locator('footer.note').textContent(), /tallentuvat projektin kansioon/);
    // The folder's files, nothing kirje does not read (.kirje/ holds the key).
    const files = await page.evaluate(() => [...window.kirje.state.files.keys()]);
    assert.ok(files.includes('kirje.toml') && !files.some((f) => f.startsWith('.')), files.join(' '));
    for (const id of ['#open-folder', '#new-project', '#load-example']) assert.equal(await page.locator(id).isVisible(), false, id);
  });

  await playNewUser(page, step, { shots, starter: () => starterOnDisk });

  await step('every edit is in the files on disk, with the comments', async () => {
    await saved();
    for (const p of ['editions/2026-03.yaml', 'kirje.toml']) assert.equal(disk(p), await fileText(p), p);
    const next = await page.evaluate(() => window.kirje.state.current);
    assert.match(next, /^editions\/\d{4}-\d{2}/);
    assert.equal(disk(next), await fileText(next));
    const jpeg = readFileSync(path.join(dir, 'assets/perhetalon-ovi-kesa.jpg'));
    assert.deepEqual([...jpeg.subarray(0, 3)], [0xff, 0xd8, 0xff]);
    const comments = (t) => t.split('\n').filter((l) => l.trimStart().startsWith('#'));
    assert.deepEqual(comments(disk('editions/2026-03.yaml')), comments(starterOnDisk));
    // One field, one line on disk.
    await helpers(page).openFile(STARTER);
    const before = disk(STARTER);
    await page.fill('#f-events-0-place-fi', 'Perhetalo Majakka');
    await saved();
    const a = before.split('\n');
    const b = disk(STARTER).split('\n');
    assert.equal(a.length, b.length);
    assert.deepEqual(
      a.map((l, i) => [l, b[i]]).filter(([x, y]) => x !== y),
      [['    place: Lahdenkylän kirjasto', '    place: Perhetalo Majakka']],
    );
  });

  await step('a change on disk is never overwritten silently', async () => {
    // Someone changes the intro on disk while the page has the file open.
    const theirs = disk(STARTER).replace('Tervetuloa lukemaan', 'Hei ja tervetuloa lukemaan');
    writeFileSync(path.join(dir, STARTER), theirs);
    await page.fill('#f-events-0-place-fi', 'Perhetalo Majakka, sali 2');
    const dlg = page.locator('dialog.conflict');
    await dlg.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(shots, 'serve-conflict.png') });
    await dlg.locator('button.see').click();
    assert.match(await dlg.locator('.both label').nth(1).locator('textarea').inputValue(), /Hei ja tervetuloa/);
    assert.match(await dlg.locator('.both label').nth(0).locator('textarea').inputValue(), /sali 2/);
    assert.equal(disk(STARTER), theirs, 'nothing written before the choice');
    await page.screenshot({ path: path.join(shots, 'serve-conflict-both.png') });
    await dlg.locator('button[value=mine]').click();
    await saved();
    assert.match(disk(STARTER), /sali 2/);
    assert.doesNotMatch(disk(STARTER), /Hei ja tervetuloa/);

    // Again, and this time the disk's version is taken.
    const again = disk(STARTER).replace('Tervetuloa lukemaan', 'Moi ja tervetuloa lukemaan');
    writeFileSync(path.join(dir, STARTER), again);
    await page.fill('#f-events-0-place-fi', 'Perhetalo Majakka, sali 3');
    await dlg.waitFor({ timeout: 30_000 });
    await dlg.locator('button[value=disk]').click();
    await saved();
    assert.equal(disk(STARTER), again);
    assert.equal(await fileText(STARTER), again);
    await page.waitForFunction(() => document.querySelector('#f-intro-fi')?.value.startsWith('Moi ja tervetuloa'));
  });

  await step('a change made on disk comes into the page', async () => {
    // No edit of the page's own waits for the file: it simply follows.
    await saved();
    const theirs = disk(STARTER).replace('Moi ja tervetuloa lukemaan', 'Tervehdys, ja tervetuloa lukemaan');
    writeFileSync(path.join(dir, STARTER), theirs);
    await page.waitForFunction(() => document.querySelector('#f-intro-fi')?.value.startsWith('Tervehdys, ja'), null, { timeout: 20_000 });
    assert.equal(await fileText(STARTER), theirs);
    // The preview shows the newest edition; this one is chosen to see it.
    await page.selectOption('#edition', '2026-03');
    await inNewsletter('Tervehdys, ja tervetuloa');
    assert.equal(disk(STARTER), theirs, 'taken as it is, not written back');
    // A picture added on disk joins the file list.
    writeFileSync(path.join(dir, 'assets/kartta.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await page.waitForSelector('.files button[data-path="assets/kartta.svg"]', { timeout: 20_000 });
    await idle();
  });

  await step('the server stops and starts again with the page open', async () => {
    await stop(server);
    await page.fill('#f-events-0-place-fi', 'Verkossa Teamsissa');
    await page.waitForFunction(() => document.querySelector('#stale')?.textContent.includes('kirje serve on pysähtynyt'), null, { timeout: 30_000 });
    await page.screenshot({ path: path.join(shots, 'serve-stopped.png') });
    assert.doesNotMatch(await page.locator('#status').textContent(), /fetch|Failed/i, "the browser's own words never show");
    const kept = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('kirje.unsaved.'))?.[1] || '');
    assert.match(kept, /Verkossa Teamsissa/, 'the edit waits in the browser');
    assert.doesNotMatch(disk(STARTER), /Verkossa Teamsissa/);
    server = await startServer(server.port);
    await page.waitForFunction(() => document.querySelector('#stale').hidden, null, { timeout: 30_000 });
    await saved();
    assert.match(disk(STARTER), /\n {4}place: Verkossa Teamsissa\n/);
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kirje.unsaved.')));
    assert.deepEqual(left, [], 'nothing left waiting');
    await idle();
  });

  await step('axe finds no serious problem in the served editor', async () => {
    assert.deepEqual(await axeSerious(page), []);
  });

  await step('no errors in the page', async () => {
    assert.deepEqual(pageErrors, []);
  });
} finally {
  await browser.close();
  await stop(server);
}

console.log(results.join('\n'));
console.log(`screenshots: ${shots}`);
