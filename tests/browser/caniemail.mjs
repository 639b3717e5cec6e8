// Which HTML and CSS features the built email uses, and what caniemail.com's
// data (the npm package `caniemail`, its data/caniemail.json) says about them
// in the three clients most of our readers have: Gmail (desktop webmail),
// Outlook for Windows and Apple Mail (macOS). A report, not a test: it exits
// 0 whatever it finds, and non-zero only when it cannot run (no file, no
// data, a crash), so the suite notices a broken report.
//
// The feature detector is pragmatic, not a full parser: element names and
// attributes from the tags in the source (also those inside Outlook's
// conditional comments), CSS property names, values, units, functions,
// selectors and at-rules from the <style> blocks and the style="" attributes.
//
// Run: node tests/browser/caniemail.mjs FILE.html [FILE.html ...]

import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const files = process.argv.slice(2);
if (!files.length || !files.every((f) => existsSync(f))) {
  console.error('usage: node caniemail.mjs FILE.html [FILE.html ...]');
  process.exit(2);
}

const data = JSON.parse(readFileSync(require.resolve('caniemail/caniemail.json'), 'utf8'));
const bySlug = new Map(data.data.map((f) => [f.slug, f]));

// The clients the report is about: [family, platform, label].
const CLIENTS = [
  ['gmail', 'desktop-webmail', 'Gmail (webmail)'],
  ['outlook', 'windows', 'Outlook for Windows'],
  ['apple-mail', 'macos', 'Apple Mail (macOS)'],
];

// ---- detection -------------------------------------------------------------

/** slug → Map(what was seen → count), per file. */
function detect(html) {
  const used = new Map();
  const unmapped = new Map();
  const see = (slug, what) => {
    if (!bySlug.has(slug)) return false;
    const m = used.get(slug) || new Map();
    m.set(what, (m.get(what) || 0) + 1);
    used.set(slug, m);
    return true;
  };
  const miss = (what) => unmapped.set(what, (unmapped.get(what) || 0) + 1);

  if (/^\s*<!doctype html>/i.test(html)) see('html-doctype', '<!doctype html>');
  for (const m of html.matchAll(/<!--([\s\S]*?)-->/g)) {
    see('html-comments', /^\[if /.test(m[1]) ? '<!--[if …]> conditional comment' : '<!-- comment -->');
  }

  // Tags and attributes (comments are not removed: Outlook reads the
  // conditional ones, so what is in them counts too).
  const SEMANTIC = new Set(['article', 'aside', 'details', 'figcaption', 'figure', 'footer', 'header', 'main', 'mark', 'nav', 'section', 'summary', 'time']);
  const LISTS = new Set(['ul', 'ol', 'li', 'dl', 'dt', 'dd']);
  const TABLE = new Set(['table', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'caption', 'colgroup', 'col']);
  const inlineStyles = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
    const tag = m[1].toLowerCase();
    const attrs = new Map();
    for (const a of m[2].matchAll(/([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      attrs.set(a[1].toLowerCase(), (a[2] || '').replace(/^["']|["']$/g, ''));
    }
    if (tag.includes(':')) miss(`<${tag}> (namespaced, Outlook/VML)`);
    else if (/^h[1-6]$/.test(tag)) see('html-h1-h6', `<${tag}>`);
    else if (LISTS.has(tag)) see('html-lists', `<${tag}>`);
    else if (TABLE.has(tag)) see('html-table', `<${tag}>`);
    else if (SEMANTIC.has(tag)) see('html-semantics', `<${tag}>`);
    else if (tag === 'input' || tag === 'button') see(`html-${tag}-${(attrs.get('type') || 'text').toLowerCase()}`, `<${tag}>`) || miss(`<${tag}>`);
    else if (tag === 'meta' && /color-scheme/i.test(attrs.get('name') || '')) see('html-meta-color-scheme', `<meta name="${attrs.get('name')}">`);
    else if (!['html', 'head', 'meta', 'title', 'br', 'a', 'b', 'i', 'em', 'u', 'o:p', 'center', 'font', 'sup', 'sub'].includes(tag)) {
      see(`html-${tag}`, `<${tag}>`) || miss(`<${tag}>`);
    }
    if (tag === 'a') {
      const href = attrs.get('href') || '';
      if (/^mailto:/i.test(href)) see('html-mailto-links', '<a href="mailto:…">');
      if (href.startsWith('#')) see('html-anchor-links', '<a href="#…">');
    }
    if (tag === 'img') {
      const src = attrs.get('src') || '';
      if (/^data:/i.test(src)) see('image-base64', 'data: URL');
      const ext = (src.split(/[?#]/)[0].match(/\.([a-z0-9]+)$/i) || [])[1]?.toLowerCase();
      const IMG = { jpg: 'image-jpg', jpeg: 'image-jpg', png: 'image-png', gif: 'image-gif', svg: 'image-svg', webp: 'image-webp', avif: 'image-avif', bmp: 'image-bmp' };
      if (ext && IMG[ext]) see(IMG[ext], `.${ext} image`);
      else if (/^cid:/i.test(src)) see('html-img', 'cid: image (format in the MIME part)');
    }
    for (const [name, value] of attrs) {
      if (name === 'style') {
        inlineStyles.push(value);
        continue;
      }
      const ATTR = { srcset: 'html-srcset', sizes: 'html-srcset', loading: 'html-loading-attribute', valign: 'html-valign' };
      if (ATTR[name]) see(ATTR[name], `${name}=""`);
      else if (name.startsWith('aria-')) see(`html-${name}`, `${name}=""`) || miss(`${name}=""`);
      else if (['align', 'background', 'cellpadding', 'cellspacing', 'dir', 'height', 'width', 'lang', 'role', 'target', 'hidden', 'required', 'popover'].includes(name)) {
        see(`html-${name}`, `${name}="${name === 'lang' || name === 'dir' || name === 'align' ? value : '…'}"`);
      }
    }
  }

  // CSS: the <style> blocks, then the inline style="" attributes.
  const sheets = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
  for (const css of sheets) {
    if (/\/\*[\s\S]*?\*\//.test(css)) see('css-comments', '/* … */');
    walkRules(css.replace(/\/\*[\s\S]*?\*\//g, ''));
  }
  for (const s of inlineStyles) declarations(s.replace(/&quot;/g, '"').replace(/&#39;/g, "'"), 'style=""');

  function walkRules(css) {
    let i = 0;
    while (i < css.length) {
      const open = css.indexOf('{', i);
      if (open < 0) break;
      const prelude = css.slice(i, open).trim();
      // The matching brace.
      let depth = 1;
      let j = open + 1;
      while (j < css.length && depth) {
        if (css[j] === '{') depth += 1;
        else if (css[j] === '}') depth -= 1;
        j += 1;
      }
      const body = css.slice(open + 1, j - 1);
      if (prelude.startsWith('@')) {
        const name = prelude.match(/^@([\w-]+)/)[1].toLowerCase();
        if (name === 'media') {
          see('css-at-media', '@media');
          for (const f of prelude.matchAll(/\(\s*([\w-]+)\s*(?::[^)]*)?\)/g)) {
            const feat = f[1].toLowerCase();
            const MEDIA = {
              'prefers-color-scheme': 'css-at-media-prefers-color-scheme',
              'prefers-reduced-motion': 'css-at-media-prefers-reduced-motion',
              orientation: 'css-at-media-orientation',
              hover: 'css-at-media-hover',
              'any-hover': 'css-at-media-hover',
            };
            if (MEDIA[feat]) see(MEDIA[feat], `@media (${feat})`);
            else if (/device-pixel-ratio/.test(feat)) see('css-at-media-device-pixel-ratio', `@media (${feat})`);
            else see('css-at-media', `@media (${feat})`);
          }
          walkRules(body);
        } else {
          see(`css-at-${name}`, `@${name}`) || miss(`@${name}`);
          if (name === 'supports') walkRules(body);
          else if (name === 'font-face') declarations(body, '@font-face');
        }
      } else {
        selectors(prelude);
        if (/\{/.test(body)) see('css-nesting', 'nested rule');
        declarations(body.replace(/\{[\s\S]*\}/g, ''), 'style block');
      }
      i = j;
    }
  }

  function selectors(list) {
    const parts = list.split(',').map((s) => s.trim()).filter(Boolean);
    if (parts.length > 1) see('css-selector-grouping', 'a, b');
    for (const sel of parts) {
      const s = sel.replace(/\[[^\]]*\]/g, (m) => (see('css-selector-attribute', m), '[]'));
      if (/(^|[\s>+~(])\*/.test(s)) see('css-selector-universal', '*');
      if (/\.[\w-]/.test(s)) see('css-selector-class', '.class');
      if (/#[\w-]/.test(s)) see('css-selector-id', '#id');
      if (/(^|[\s>+~(])[a-zA-Z]/.test(s)) see('css-selector-type', 'element');
      if (/>/.test(s)) see('css-selector-child', 'a > b');
      if (/\+/.test(s)) see('css-selector-adjacent-sibling', 'a + b');
      if (/~/.test(s)) see('css-selector-general-sibling', 'a ~ b');
      if (/[\w\])]\s+[\w.#:*[]/.test(s.replace(/\s*([>+~])\s*/g, '$1'))) see('css-selector-descendant', 'a b');
      if (/[\w\]][.#:[][\w-]/.test(s.replace(/::?[\w-]+(\([^)]*\))?/g, '')) || /[\w\]][.#[]/.test(s)) see('css-selector-chaining', 'a.b');
      for (const p of s.matchAll(/(::?)([\w-]+)/g)) {
        const name = p[2].toLowerCase();
        if (p[1] === '::' || ['before', 'after', 'first-line', 'first-letter'].includes(name)) {
          see(`css-pseudo-element-${name}`, `::${name}`) || miss(`::${name}`);
        } else {
          see(`css-pseudo-class-${name}`, `:${name}`) || miss(`:${name}`);
        }
      }
    }
  }

  function declarations(text, where) {
    for (const d of text.split(';')) {
      const colon = d.indexOf(':');
      if (colon < 0) continue;
      const prop = d.slice(0, colon).trim().toLowerCase();
      let value = d.slice(colon + 1).trim();
      if (!prop || !value) continue;
      if (/!\s*important/i.test(value)) {
        see('css-important', '!important');
        value = value.replace(/!\s*important/i, '').trim();
      }
      property(prop, value, where);
      valueFeatures(prop, value);
    }
  }

  function property(prop, value, where) {
    const label = `${prop} (${where})`;
    if (prop.startsWith('--')) return see('css-variables', '--custom-property');
    if (prop.startsWith('mso-')) return miss(`${prop} (Outlook-only)`);
    const bare = prop.replace(/^-(webkit|moz|ms|o)-/, '');
    if (bare === 'display') {
      const v = value.toLowerCase();
      if (v === 'none') return see('css-display-none', 'display:none');
      if (/flex/.test(v)) return see('css-display-flex', `display:${v}`);
      if (/grid/.test(v)) return see('css-display-grid', `display:${v}`);
      return see('css-display', `display:${v}`);
    }
    if (bare === 'flex-direction') return see('css-flex-direction', label);
    if (bare === 'flex-wrap') return see('css-flex-wrap', label);
    if (['left', 'right', 'top', 'bottom'].includes(bare)) return see('css-left-right-top-bottom', label);
    if (['gap', 'row-gap', 'column-gap'].includes(bare)) return see('css-gap', label);
    if (/^grid-template/.test(bare)) return see('css-grid-template', label);
    if (/^column/.test(bare)) return see('css-column-layout-properties', label);
    if (/^border-(top|right|bottom|left)-(left|right)-radius$/.test(bare) || /^border-(top|bottom)-(left|right)-radius$/.test(bare)) return see('css-border-radius', label);
    if (/^border-(start|end)-(start|end)-radius$/.test(bare)) return see('css-border-radius-logical', label);
    if (/^border-(block|inline)-(start|end)$/.test(bare)) return see('css-border-inline-block-individual', label);
    if (/^border-(block|inline)-(color|style|width)$/.test(bare)) return see('css-border-inline-block-longhand', label);
    if (/^border-(block|inline)$/.test(bare)) return see('css-border-inline-block', label);
    if (/^(margin|padding)-(inline|block)-(start|end)$/.test(bare)) {
      const [kind, axis] = bare.split('-');
      return see(axis === 'inline' ? `css-${kind}-inline-start-end` : `css-${kind}-block-start-end`, label);
    }
    if (/^(margin|padding)-(inline|block)$/.test(bare)) return see(`css-${bare.split('-')[0]}-inline-block`, label);
    if (/^(block-size|inline-size)$/.test(bare)) return see('css-block-inline-size', label);
    if (bare === 'color-scheme' || bare === 'supported-color-schemes') return see('css-color-scheme', `${prop}`) ;
    if (see(`css-${bare}`, label)) return true;
    // Longhands of a shorthand caniemail lists (margin-top → margin).
    const short = bare.match(/^(margin|padding|border|outline|list-style|text-decoration)-/);
    if (short && see(`css-${short[1]}`, label)) return true;
    if (/^border-(top|right|bottom|left)(-(width|style|color))?$|^border-(width|style|color)$/.test(bare)) return see('css-border', label);
    return miss(prop);
  }

  function valueFeatures(prop, value) {
    const v = value.toLowerCase();
    const FN = {
      'rgb(': 'css-rgb', 'rgba(': 'css-rgba', 'linear-gradient(': 'css-linear-gradient', 'radial-gradient(': 'css-radial-gradient',
      'conic-gradient(': 'css-conic-gradient', 'calc(': 'css-unit-calc', 'var(': 'css-variables', 'min(': 'css-function-min',
      'max(': 'css-function-max', 'clamp(': 'css-function-clamp', 'light-dark(': 'css-function-light-dark',
    };
    for (const [fn, slug] of Object.entries(FN)) if (new RegExp(`(^|[^\\w-])${fn.replace('(', '\\(')}`).test(v)) see(slug, fn + ')');
    if (/(^|[^\w-])(oklch|lch|lab|oklab)\(/.test(v)) see('css-modern-color', 'lch()/oklch()/lab()');
    if (/\b(system-ui|ui-serif|ui-sans-serif|ui-rounded|ui-monospace)\b/.test(v)) see('css-sytem-ui', 'system-ui font');
    if (/\binitial\b/.test(v)) see('css-unit-initial', 'initial');
    if (/(fit|min|max)-content/.test(v)) see('css-intrinsic-size', 'fit-/min-/max-content');
    // Units: numbers followed by a unit, outside url(…) and colours.
    const plain = v.replace(/url\([^)]*\)/g, '').replace(/#[0-9a-f]{3,8}\b/g, '');
    for (const u of plain.matchAll(/(?:^|[\s(,/-])(?:\d+\.?\d*|\.\d+)(px|em|rem|%|pt|pc|cm|mm|in|ex|ch|vh|vw|vmin|vmax)\b|(?:\d)(%)/g)) {
      const unit = u[1] || u[2];
      see(unit === '%' ? 'css-unit-percent' : `css-unit-${unit}`, unit);
    }
  }

  return { used, unmapped };
}

// ---- support ---------------------------------------------------------------

/** The newest tested version's result for one client, with its notes. */
function support(feature, family, platform) {
  const versions = feature.stats?.[family]?.[platform];
  if (!versions) return null;
  const keys = Object.keys(versions);
  if (!keys.length) return null;
  const version = keys[keys.length - 1];
  const raw = String(versions[version]);
  const flag = raw.trim().split(/\s+/)[0];
  const nums = [...raw.matchAll(/#(\d+)/g)].map((m) => m[1]);
  const notes = nums.map((n) => feature.notes_by_num?.[n]).filter(Boolean);
  const older = keys.slice(0, -1).filter((k) => String(versions[k]).split(/\s+/)[0] !== flag).map((k) => `${k}: ${String(versions[k]).split(/\s+/)[0]}`);
  return { version, flag, notes, older };
}

const WORD = { n: 'NOT SUPPORTED', a: 'partial', y: 'supported (with a note)', u: 'unknown' };

let reported = 0;
const all = new Map(); // slug → { what: Set, files: Set }
const unmappedAll = new Map();
for (const file of files) {
  const { used, unmapped } = detect(readFileSync(file, 'utf8'));
  for (const [slug, what] of used) {
    const e = all.get(slug) || { what: new Map(), files: new Set() };
    for (const [w, n] of what) e.what.set(w, (e.what.get(w) || 0) + n);
    e.files.add(file);
    all.set(slug, e);
  }
  for (const [w, n] of unmapped) unmappedAll.set(w, (unmappedAll.get(w) || 0) + n);
}

console.log(`caniemail data ${data.api_version} (${data.last_update_date}); ${files.length} file(s):`);
for (const f of files) console.log(`  ${f}`);
console.log(`${all.size} caniemail features used; reporting those not fully supported in ${CLIENTS.map((c) => c[2]).join(', ')}:\n`);

const lines = [];
for (const slug of [...all.keys()].sort()) {
  const feature = bySlug.get(slug);
  const e = all.get(slug);
  const problems = [];
  for (const [family, platform, label] of CLIENTS) {
    const s = support(feature, family, platform);
    if (!s) continue;
    const bad = s.flag === 'n' || s.flag === 'a' || (s.flag === 'y' && s.notes.length);
    if (!bad) continue;
    problems.push({ label, ...s });
  }
  if (!problems.length) continue;
  reported += 1;
  const what = [...e.what.entries()].map(([w, n]) => (n > 1 ? `${w} ×${n}` : w)).join(', ');
  lines.push(`* ${feature.title} [${slug}] — used: ${what}${files.length > 1 ? ` (in ${e.files.size} of ${files.length} files)` : ''}`);
  for (const p of problems) {
    lines.push(`    ${p.label} ${p.version}: ${WORD[p.flag] || p.flag}${p.older.length ? ` (older: ${p.older.join(', ')})` : ''}`);
    for (const n of p.notes) lines.push(`      note: ${n.replace(/\s+/g, ' ')}`);
  }
  if (feature.notes && problems.some((p) => p.flag !== 'y')) lines.push(`      (general note: ${String(feature.notes).replace(/\s+/g, ' ')})`);
}
console.log(lines.join('\n'));
const clean = [...all.keys()].filter((s) => !lines.some((l) => l.includes(`[${s}]`)));
console.log(`\nfully supported in all three: ${clean.join(', ')}`);
if (unmappedAll.size) {
  console.log(`no caniemail entry for: ${[...unmappedAll.keys()].sort().join(', ')}`);
}
console.log(`caniemail: ${reported} of ${all.size} used features are unsupported or partial in Gmail, Outlook for Windows or Apple Mail (report only)`);
