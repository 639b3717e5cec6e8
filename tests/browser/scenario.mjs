// A new user's scenario in the form editor, played by the browser tests of
// the static web app (editor.test.mjs) and of `kirje serve`
// (serve.test.mjs): a news item with a dropped JPEG and its description, an
// event typed as "5.5. klo 13.30–15", a bad value held back, Swedish turned
// on and translated, a one-field edit that changes one line, undo and redo,
// the next edition from the last one, and the PDF. Every change is looked
// for in the newsletter and the email previews.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What the steps use to drive and read the page. */
export function helpers(page) {
  const idle = () => page.waitForFunction(() => window.kirje && window.kirje.idle(), null, { timeout: 60_000 });
  const paneText = (id) => page.locator(`#pane-${id}`).evaluate((el) => el.textContent.replace(/\u00a0/g, ' '));
  /** The file's text as the page holds it. */
  const fileText = (p) =>
    page.evaluate((p) => new TextDecoder().decode(window.kirje.state.files.get(p)), p);
  /** Waits until the newsletter preview shows `text`. */
  const inNewsletter = (text) =>
    page.waitForFunction(
      (t) => document.querySelector('#pane-newsletter').textContent.replace(/\u00a0/g, ' ').includes(t),
      text,
      { timeout: 30_000 },
    );
  /** Waits until the email preview (600 px) shows `text`. */
  async function inEmail(text) {
    await page.click('[data-tab=email]');
    await page.frameLocator('#email-desktop').locator(`text=${text}`).first().waitFor({ timeout: 30_000 });
    await page.click('[data-tab=newsletter]');
  }
  async function openFile(p) {
    await page.click(`.files button[data-path="${p}"]`);
    await page.waitForSelector('.form-head .form-title');
  }
  /** Types into a field as a person does (no paste): every key an input event. */
  async function typeInto(selector, text) {
    await page.locator(selector).scrollIntoViewIfNeeded();
    await page.click(selector);
    await page.keyboard.type(text);
  }
  const value = (selector) => page.locator(selector).inputValue();
  
  const STARTER = 'editions/2026-03.yaml';
  const NEWS_TITLE = 'Perhetalo avasi ovensa';
  const EVENT = 'Perhetalon avoimet ovet';
  const LATER_EVENT = 'Kevään vanhempainilta';
  return { idle, paneText, fileText, inNewsletter, inEmail, openFile, typeInto, value, STARTER, NEWS_TITLE, EVENT, LATER_EVENT };
}

/**
 * Plays the scenario on the starter project's edition, open in the form.
 * `opts.starter()` is the edition's text before the scenario.
 */
export async function playNewUser(page, step, opts) {
  const { shots } = opts;
  const { idle, paneText, fileText, inNewsletter, inEmail, openFile, typeInto, value, STARTER, NEWS_TITLE, EVENT, LATER_EVENT } = helpers(page);
  const NEWS_TITLE_SV = 'Familjehuset öppnade sina dörrar';
  const NEWS_BODY = 'Perhetalo on avoinna arkisin.';
  const ALT = 'Perhetalon sisäänkäynti ja sininen ovi';
  const ALT_SV = 'Familjehusets ingång och en blå dörr';
  const NEXT_YEAR = Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date()).slice(0, 4)) + 1;
  const starterSource = opts.starter();

  await step('a news item with a dropped JPEG and its description', async () => {
    await page.click('button:text("Lisää uutinen")');
    const item = page.locator('li.item[data-path=\'["news",2]\']');
    await item.waitFor();
    await typeInto('#f-news-2-title-fi', NEWS_TITLE);
    await typeInto('#f-news-2-body-fi', NEWS_BODY);
    // Bold from the toolbar: the word is stored as Markdown.
    await page.locator('#f-news-2-body-fi').evaluate((t) => t.setSelectionRange(0, 9));
    await item.locator('.md-bar button.bold').first().click();
    assert.equal(await value('#f-news-2-body-fi'), `**Perhetalo** on avoinna arkisin.`);
    // A link through the dialog: its text and its address, no Markdown typed.
    await page.locator('#f-news-2-body-fi').evaluate((t) => t.setSelectionRange(t.value.length, t.value.length));
    await item.locator('.md-bar button[aria-label=Linkki]').first().click();
    await page.locator('dialog.link-dialog').waitFor();
    await page.fill('dialog.link-dialog input[type=text]', 'Perhetalon sivut');
    await page.fill('dialog.link-dialog input[type=url]', 'https://perhetalo.example.fi');
    await page.click('dialog.link-dialog button[value=ok]');
    await page.locator('dialog.link-dialog').waitFor({ state: 'detached' });
    assert.equal(await value('#f-news-2-body-fi'), `**Perhetalo** on avoinna arkisin.[Perhetalon sivut](https://perhetalo.example.fi)`);
    // A JPEG made by the browser, dropped onto the picture field.
    await item.locator('.image-drop').scrollIntoViewIfNeeded();
    const dt = await page.evaluateHandle(async () => {
      const c = document.createElement('canvas');
      c.width = 320;
      c.height = 200;
      const g = c.getContext('2d');
      g.fillStyle = '#1f4e79';
      g.fillRect(0, 0, 320, 200);
      g.fillStyle = '#f2b705';
      g.fillRect(120, 40, 80, 160);
      const blob = await new Promise((r) => c.toBlob(r, 'image/jpeg', 0.9));
      const d = new DataTransfer();
      d.items.add(new File([blob], 'Perhetalon ovi (kesä).JPG', { type: 'image/jpeg' }));
      return d;
    });
    await item.locator('.image-drop').dispatchEvent('drop', { dataTransfer: dt });
    await page.waitForFunction(() => window.kirje.state.files.has('assets/perhetalon-ovi-kesa.jpg'));
    // The form asks for the description next.
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'f-news-2-image-alt-fi');
    assert.ok(await page.locator('#missing').isVisible(), 'the description is listed as missing');
    await page.keyboard.type(ALT);
    await inNewsletter(NEWS_TITLE);
    await idle();
    const yaml = await fileText(STARTER);
    assert.match(yaml, /\n {4}image:\n {6}path: assets\/perhetalon-ovi-kesa\.jpg\n {6}alt: Perhetalon sisäänkäynti ja sininen ovi\n/);
    assert.match(yaml, /body: "\*\*Perhetalo\*\* on avoinna arkisin\.\[Perhetalon sivut\]\(https:\/\/perhetalo\.example\.fi\)"/);
    await inEmail(NEWS_TITLE);
    await page.screenshot({ path: path.join(shots, 'form-news.png') });
  });

  await step('an event typed as "5.5. klo 13.30–15" reads back as kirje will print it', async () => {
    await page.click('button:text("Lisää tapahtuma")');
    await typeInto('#f-events-2-title-fi', EVENT);
    await typeInto('#f-events-2-start', '5.5. klo 13.30–15');
    await page.waitForFunction(
      () => document.querySelector('#f-events-2-start-reading')?.textContent.replace(/\u00a0/g, ' ') === 'ti 5.5.2026 klo 13.30–15.00',
      null,
      { timeout: 10_000 },
    );
    await inNewsletter(EVENT);
    // A second event next year, still to come when the next edition is made.
    await page.click('button:text("Lisää tapahtuma")');
    await typeInto('#f-events-3-title-fi', LATER_EVENT);
    // The day from the calendar picker, the time typed after it.
    await page.fill('[data-path=\'["events",3,"start"]\'] input[type=date]', `${NEXT_YEAR}-02-12`);
    assert.equal(await value('#f-events-3-start'), `12.2.${NEXT_YEAR}`);
    await page.click('#f-events-3-start');
    await page.keyboard.press('End');
    await page.keyboard.type(' klo 18');
    await page.waitForFunction(() => /klo\s18\.00/.test(document.querySelector('#f-events-3-start-reading')?.textContent || ''));
    await inNewsletter(LATER_EVENT);
    await idle();
    const yaml = await fileText(STARTER);
    assert.ok(yaml.includes('    start: 5.5. klo 13.30–15\n'), yaml);
    await inEmail(EVENT);
    await page.screenshot({ path: path.join(shots, 'form-event.png') });
  });

  await step('a date kirje cannot read is held back at its field', async () => {
    const before = await fileText(STARTER);
    await typeInto('#f-events-2-start', '9');
    await page.waitForSelector('[data-path=\'["events",2,"start"]\'] .field-msg.error');
    assert.match(await page.locator('[data-path=\'["events",2,"start"]\'] .field-msg').textContent(), /5\.5\. klo 13\.30–159/);
    assert.equal(await fileText(STARTER), before, 'the file keeps the last good value');
    await page.keyboard.press('Backspace');
    await page.waitForSelector('[data-path=\'["events",2,"start"]\'] .field-msg.error', { state: 'detached' }).catch(() => {});
    await page.waitForFunction(() => !document.querySelector('[data-path=\'["events",2,"start"]\'] .field-msg').textContent);
    // A required title emptied: marked, and the file keeps it.
    await page.fill('#f-events-2-title-fi', '');
    await page.waitForSelector('[data-path=\'["events",2,"title"]\'] .field-msg.error');
    assert.ok((await fileText(STARTER)).includes(`title: ${EVENT}`));
    await page.locator('#f-events-2-title-fi').pressSequentially(EVENT);
    await idle();
  });

  await step('Swedish is turned on and translated beside the Finnish', async () => {
    await openFile('kirje.toml');
    await page.click('button:text("Lisää kieli")');
    await page.selectOption('#f-languages-1', 'sv');
    await page.waitForFunction(() => (window.kirje.state.check?.project?.languages || []).includes('sv'), null, { timeout: 30_000 });
    const toml = await fileText('kirje.toml');
    assert.ok(toml.includes('languages = ["fi", "sv"]\n'), toml);
    await openFile(STARTER);
    await page.waitForSelector('#f-news-2-title-sv');
    // Languages side by side, and a list of what is still to translate.
    const [fi, sv] = await Promise.all(['#f-news-2-title-fi', '#f-news-2-title-sv'].map((s) => page.locator(s).boundingBox()));
    assert.ok(Math.abs(fi.y - sv.y) < 2 && sv.x > fi.x, 'columns side by side');
    await page.locator('#missing summary').click();
    const missingBefore = await page.locator('#missing li').count();
    assert.ok(missingBefore >= 2, `missing: ${missingBefore}`);
    await typeInto('#f-news-2-title-sv', NEWS_TITLE_SV);
    await typeInto('#f-news-2-image-alt-sv', ALT_SV);
    await idle();
    const yaml = await fileText(STARTER);
    assert.match(yaml, new RegExp(`title:\\n {6}fi: ${NEWS_TITLE}\\n {6}sv: ${NEWS_TITLE_SV}\\n`));
    await page.selectOption('#lang', 'sv');
    await inNewsletter(NEWS_TITLE_SV);
    await inEmail(NEWS_TITLE_SV);
    await page.screenshot({ path: path.join(shots, 'form-swedish.png') });
    await page.selectOption('#lang', 'fi');
    await idle();
  });

  await step('a one-field edit changes one line and the comments stay', async () => {
    const before = await fileText(STARTER);
    await page.fill('#f-events-0-place-fi', 'Lahdenkylän kirjasto');
    await idle();
    const after = await fileText(STARTER);
    const a = before.split('\n');
    const b = after.split('\n');
    assert.equal(a.length, b.length);
    const changed = a.map((l, i) => [l, b[i]]).filter(([x, y]) => x !== y);
    assert.deepEqual(changed, [['    place: Lahdenkylän kaupungintalo, valtuustosali', '    place: Lahdenkylän kirjasto']]);
    // Every comment line of the starter is still there, in order.
    const comments = starterSource.split('\n').filter((l) => l.trimStart().startsWith('#'));
    const kept = after.split('\n').filter((l) => l.trimStart().startsWith('#'));
    assert.deepEqual(kept, comments);
    const toml = await fileText('kirje.toml');
    const tomlComments = (await readFile(path.join(root, 'crates/kirje-cli/starters/fi/kirje.toml'), 'utf8'))
      .split('\n')
      .filter((l) => l.startsWith('#'));
    assert.deepEqual(toml.split('\n').filter((l) => l.startsWith('#')), tomlComments);
  });

  await step('undo and redo across form edits (Ctrl+Z, Ctrl+Shift+Z and the buttons)', async () => {
    await page.click('#f-events-0-place-fi');
    await page.keyboard.press('Control+Z');
    await page.waitForFunction(() => document.querySelector('#f-events-0-place-fi').value === 'Lahdenkylän kaupungintalo, valtuustosali');
    assert.ok((await fileText(STARTER)).includes('place: Lahdenkylän kaupungintalo, valtuustosali'));
    await page.click('#redo');
    await page.waitForFunction(() => document.querySelector('#f-events-0-place-fi').value === 'Lahdenkylän kirjasto');
    await page.click('#f-events-0-place-fi');
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Shift+Z');
    await page.waitForFunction(() => document.querySelector('#f-events-0-place-fi').value === 'Lahdenkylän kirjasto');
    await idle();
  });

  await step('the next edition is made from the last one', async () => {
    await page.click('#new-edition');
    await page.locator('dialog').waitFor();
    await page.locator('dialog button[value=ok]').click();
    await page.waitForFunction(() => /^editions\/\d{4}-\d{2}/.test(window.kirje.state.current) && window.kirje.state.current !== 'editions/2026-03.yaml');
    const next = await page.evaluate(() => window.kirje.state.current);
    await idle();
    const yaml = await fileText(next);
    assert.match(yaml, /^number: 2$/m);
    assert.ok(!/^intro:/m.test(yaml), 'intro emptied');
    assert.ok(!yaml.includes(NEWS_TITLE), 'news emptied');
    assert.ok(yaml.includes(LATER_EVENT), 'the coming event carried over');
    assert.ok(!yaml.includes(EVENT + '\n'), 'a past event left behind');
    assert.ok(yaml.includes('videos:'), 'videos kept');
    assert.ok(yaml.startsWith('# editions/2026-03.yaml'), 'the comments came along');
    // The title is the first thing to write; the form says so at the field.
    await page.waitForSelector('[data-path=\'["title"]\'] .field-msg.error, [data-path=\'["title"]\'] .field-msg.warning', { timeout: 30_000 });
    await typeInto('#f-title-fi', 'Joulukuun kirje');
    await typeInto('#f-title-sv', 'Decemberbrevet');
    await inNewsletter('Joulukuun kirje');
    await inNewsletter(LATER_EVENT);
    await inEmail('Joulukuun kirje');
    await page.screenshot({ path: path.join(shots, 'form-next-edition.png') });
  });

  await step('the newsletter PDF downloads', async () => {
    await idle();
    await page.click('#downloads summary');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click('[data-download=newsletter]'),
    ]);
    const bytes = await readFile(await download.path());
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  });
}
