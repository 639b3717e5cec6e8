// Row 3 of scripts/bench.sh: MJML's own renderer on the MJML kirje renders,
// once per recipient with that recipient's name and unsubscribe link filled
// in first (as a sender without kirje's render-once-then-fill would do).
//
//   node scripts/bench/mjml.mjs NODE_DIR EMAIL.mjml COUNT
//
// NODE_DIR holds node_modules/mjml (installed by scripts/bench.sh from
// scripts/bench/package-lock.json). Prints the median per message in µs.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [nodeDir, mjmlFile, countArg] = process.argv.slice(2);
const count = Number(countArg || 300);
const require = createRequire(join(nodeDir, 'package.json'));
const mjml2html = require('mjml');
const version = require('mjml/package.json').version;
const source = readFileSync(mjmlFile, 'utf8');

const escapeHtml = (s) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const personal = (i) =>
  source
    .replaceAll('%%name%%', escapeHtml(`Maija Meikäläinen ${i}`))
    .replaceAll('%%UNSUBSCRIBE_URL%%', `https://www.isonet.fi/lumo/peru?e=vastaanottaja.${i}%40example.org`);

// mjml2html returns a promise from MJML 5 on; awaiting a plain value is harmless.
const render = async (mjml) => {
  const out = await mjml2html(mjml, { validationLevel: 'soft' });
  return out;
};

const first = await render(personal(0));
if (!first.html.includes('Maija Meik')) throw new Error('the name did not reach the HTML');
if (first.errors.length) console.error(`mjml ${version}: ${first.errors.length} validation warnings (soft)`);
for (let i = 0; i < Math.min(20, count); i++) await render(personal(i));

const times = [];
let bytes = 0;
for (let i = 0; i < count; i++) {
  const mjml = personal(i);
  const t = process.hrtime.bigint();
  const out = await render(mjml);
  times.push(Number(process.hrtime.bigint() - t) / 1000);
  bytes = out.html.length;
}
times.sort((a, b) => a - b);
console.log(`mjml ${version}: median ${times[Math.floor(count / 2)].toFixed(1)} µs over ${count} recipients (${bytes} characters of HTML)`);
