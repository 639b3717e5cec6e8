// What the web app's browser tests share: steps that print as they go and
// stop at the first failure, medians, and axe-core's scan of the app (the
// email frames excluded: the email suites scan the email itself).

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Steps of a test: `step(name, fn)` runs fn, prints ok or FAIL (then
 * `onFail`, a screenshot say, and the error is thrown); `results` lists
 * each step with its time.
 */
export function steps(onFail = async () => {}) {
  const results = [];
  async function step(name, fn) {
    const t0 = Date.now();
    try {
      await fn();
      results.push(`ok   ${name} (${Date.now() - t0} ms)`);
      console.log(`ok   ${name}`);
    } catch (err) {
      console.log(`FAIL ${name}\n${err.stack || err}`);
      await onFail().catch(() => {});
      throw err;
    }
  }
  return { step, results };
}

/** axe-core's serious and critical WCAG 2 A/AA findings in the page. */
export async function axeSerious(page) {
  // Evaluated over the DevTools protocol: the page's CSP (rightly) refuses script tags.
  await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const r = await window.axe.run(
      { include: [['body']], exclude: [['#email-desktop'], ['#email-phone']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } },
    );
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}
