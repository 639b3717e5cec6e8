// The built email HTML through the Nu HTML Checker (vnu-jar from npm, run
// with the machine's Java 17). HTML email needs a few things a web page
// would not have (Outlook's conditional comments and VML namespaces,
// Apple's and Outlook's private CSS properties); those errors are on the
// explicit allow-list below, each with its reason, and are printed
// separately. Any other error fails. Warnings ("info") are counted, not
// listed.
//
// Run: node tests/browser/vnu.mjs FILE.html [FILE.html ...]

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const files = process.argv.slice(2);
if (!files.length || !files.every((f) => existsSync(f))) {
  console.error('usage: node vnu.mjs FILE.html [FILE.html ...]');
  process.exit(2);
}
const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
if (!existsSync(jar)) {
  console.error(`FAIL no ${jar} (npm ci in tests/browser)`);
  process.exit(1);
}

// Errors that HTML email needs on purpose. Each: [what the message matches, why it is fine].
// Never add here what is a mistake in our HTML (height="auto" on <img>, a
// vertical-align attribute on <td>, a missing alt …): fix the template.
const ALLOWED = [
  [/^Attribute “xmlns:(v|o)” not allowed here\.$/,
    'Outlook for Windows needs the VML (v:) and Office (o:) namespaces on <html> for its conditional-comment markup'],
  [/^CSS: “mso-[a-z-]+”: Property “mso-[a-z-]+” doesn't exist\.$/,
    'mso-* properties are read by Outlook for Windows (Word engine) only, e.g. mso-line-height-rule, mso-table-lspace'],
  [/^CSS: “supported-color-schemes”: Property “supported-color-schemes” doesn't exist\.$/,
    'supported-color-schemes is Apple Mail’s pre-standard name of color-scheme; it turns on dark mode there'],
  [/^CSS: “-ms-text-size-adjust”: Property “-ms-text-size-adjust” doesn't exist\.$/,
    'stops Outlook.com and Windows Mail from enlarging small text'],
  [/^Element “meta” is missing one or more of the following attributes: “content”, “property”\.$/,
    '<meta name="x-apple-disable-message-reformatting"> has no content by design: it stops Apple Mail from rescaling the message'],
  [/^Bad value “X-UA-Compatible” for attribute “http-equiv” on element “meta”\.$/,
    'X-UA-Compatible IE=edge keeps Outlook’s IE-based preview panes out of quirks rendering'],
  [/^Bad value “text\/html; charset=UTF-8” for attribute “content” on element “meta”|^A “charset” attribute on a “meta” element found after the first 1024 bytes\.$/,
    'the Content-Type <meta> is what Outlook reads; some clients drop a bare <meta charset>'],
];

const run = spawnSync('java', ['-jar', jar, '--format', 'json', '--stdout', ...files], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (run.error) {
  console.error(`FAIL cannot run java: ${run.error.message}`);
  process.exit(1);
}
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`FAIL vnu printed no JSON (exit ${run.status}): ${run.stdout.slice(0, 500)} ${run.stderr.slice(0, 2000)}`);
  process.exit(1);
}

// File names in the report: relative to the folder all files share.
const dirs = files.map((f) => path.resolve(f).split(path.sep).slice(0, -1));
const shared = dirs.reduce((a, d) => a.slice(0, [...a, null].findIndex((x, i) => x !== d[i])));
const common = shared.length > 1 ? `${shared.join(path.sep)}${path.sep}` : '';

const errors = [];
const allowed = new Map(); // reason → [messages]
let warnings = 0;
for (const m of report.messages) {
  const abs = decodeURIComponent(String(m.url || '').replace(/^file:/, ''));
  const file = abs.startsWith(common) ? abs.slice(common.length) : abs;
  if (m.type === 'info') {
    warnings += 1;
    continue;
  }
  const where = `${file}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}`;
  const rule = ALLOWED.find(([re]) => re.test(m.message));
  if (rule) {
    const list = allowed.get(rule[1]) || [];
    list.push(`${where} ${m.message}`);
    allowed.set(rule[1], list);
  } else {
    errors.push(`${where} ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}${m.extract ? `\n      ${m.extract.replace(/\n/g, '⏎')}` : ''}`);
  }
}

const nAllowed = [...allowed.values()].reduce((n, l) => n + l.length, 0);
console.log(`vnu ${report.version}: ${files.length} file(s), ${errors.length} error(s), ${nAllowed} allowed email-specific error(s), ${warnings} warning(s)`);
if (allowed.size) {
  console.log('allowed (email-specific, on the allow-list):');
  for (const [reason, list] of allowed) {
    console.log(`  ${list.length}× — ${reason}`);
    for (const l of [...new Set(list.map((x) => x.replace(/^\S+ /, '')))]) console.log(`      e.g. ${l}`);
  }
}
if (errors.length) {
  console.log('errors:');
  for (const e of errors) console.log(`  FAIL ${e}`);
  process.exit(1);
}
console.log('vnu: no error outside the allow-list');
