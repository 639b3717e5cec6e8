// Edits of a YAML file that keep what a person wrote: comments, key order,
// quoting, blank lines and every untouched line. Built on the `yaml`
// package's Document API, which keeps comments and each scalar's style;
// written with `lineWidth: 0` and the file's own indentation it gives back
// the source byte for byte (the tests check every example and starter).
// Where a file is written in a way the library would not write it (extra
// spaces, a folded block), only the lines that changed are taken from the
// library's text and the rest stay as they were (`patch`), so an edit
// still changes only the lines of the node it touched.

import { isAlias, isMap, isScalar, isSeq, parseDocument, Scalar, visit, YAMLMap } from 'yaml';

/** How every file is written back: no re-wrapping of long lines. */
const WRITE = { lineWidth: 0, blockQuote: 'literal' };

/** A time alone ("15:00") is quoted, as kirje's own files do. */
const NEEDS_QUOTES = /^\d{1,2}:\d{2}/;

export class YamlFile {
  /** Parses `text`; a syntax error leaves `error` set and the file unchangeable. */
  constructor(text) {
    this.crlf = text.includes('\r\n');
    this.text = this.crlf ? text.replace(/\r\n/g, '\n') : text;
    this.doc = parseDocument(this.text, { prettyErrors: false, uniqueKeys: true });
    const e = this.doc.errors[0];
    this.error = e ? { message: e.message.split('\n')[0], offset: e.pos?.[0] ?? 0 } : null;
    this.options = { ...WRITE, ...styleOf(this.text) };
    /** The library's writing of the file as it is now. */
    this.norm = this.error ? '' : this.doc.toString(this.options);
    this.roundTrip = !this.error && this.norm === this.text;
  }

  /** Whether the form may write this file. */
  get writable() {
    return !this.error;
  }

  /** The file's text as it is kept (with its own line ends). */
  get saved() {
    return this.crlf ? this.text.replace(/\n/g, '\r\n') : this.text;
  }

  /** The plain value at `path` (aliases followed), or undefined. */
  get(path) {
    const node = this.node(path);
    if (node === undefined || node === null) return undefined;
    if (isScalar(node)) return node.value;
    return node.toJS ? node.toJS(this.doc) : undefined;
  }

  /** The node at `path`, aliases followed; undefined where absent. */
  node(path) {
    let node = this.doc.contents;
    for (const key of path) {
      node = deref(this.doc, node);
      if (isMap(node) || isSeq(node)) node = node.get(key, true);
      else return undefined;
    }
    return deref(this.doc, node);
  }

  /**
   * The collection at `path`, made where missing (maps), with any alias on
   * the way replaced by its own copy, so an edit never changes another
   * place that shared the value.
   */
  own(path) {
    let parent = this.doc.contents;
    if (!parent) {
      parent = this.doc.contents = new YAMLMap();
    }
    for (const key of path) {
      let child = parent.get(key, true);
      if (isAlias(child)) {
        child = copyOf(this.doc, child.resolve(this.doc));
        parent.set(key, child);
      }
      if (child === undefined || child === null || (isScalar(child) && child.value === null)) {
        child = new YAMLMap();
        parent.set(key, child);
      }
      parent = child;
    }
    return parent;
  }

  /** Sets the value at `path` (a string, number, boolean or plain object). */
  set(path, value) {
    const parent = this.own(path.slice(0, -1));
    const key = path[path.length - 1];
    const old = parent.get(key, true);
    if (isScalar(old) && (typeof value !== 'object' || value === null)) {
      // In place: the scalar keeps its style and the comments beside it.
      old.value = value;
      styleScalar(old);
    } else {
      const node = this.doc.createNode(value);
      visit(node, { Scalar: (_, n) => void styleScalar(n) });
      if (isScalar(node)) styleScalar(node);
      parent.set(key, node);
    }
    return this.write();
  }

  /** Removes the key or item at `path`. */
  remove(path) {
    const parent = this.own(path.slice(0, -1));
    const key = path[path.length - 1];
    const node = parent.get(key, true);
    if (node !== undefined) unshare(this.doc, node);
    // The first item's place (no blank line after the key) passes to the next.
    if (isSeq(parent) && key === 0 && parent.items[1]) parent.items[1].spaceBefore = node?.spaceBefore;
    parent.delete(key);
    return this.write();
  }

  /**
   * A translated text: sets language `lang` of the Text at `path` in a
   * project written in `langs` (the first is the main language). A text
   * written once becomes a map when a second language is given; an empty
   * translation is removed.
   */
  setText(path, lang, value, langs) {
    const node = this.node(path);
    const main = langs[0];
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) {
      if (value === '') return this.saved;
      return langs.length > 1 ? this.set(path, { [lang]: value }) : this.set(path, value);
    }
    if (isScalar(node)) {
      if (lang === main || langs.length === 1) return this.set(path, value);
      if (value === '') return this.saved;
      // Written once so far: the text becomes a map, main language first.
      const map = {};
      for (const l of langs) {
        if (l === main) map[l] = String(node.value ?? '');
        else if (l === lang) map[l] = value;
      }
      return this.set(path, map);
    }
    if (isMap(node)) {
      const map = this.own(path);
      if (value === '') {
        map.delete(lang);
        return this.write();
      }
      const old = map.get(lang, true);
      if (isScalar(old)) {
        old.value = value;
        styleScalar(old);
      } else {
        const scalar = this.doc.createNode(value);
        styleScalar(scalar);
        // In the project's language order.
        const at = map.items.findIndex((p) => langs.indexOf(String(p.key)) > langs.indexOf(lang));
        const pair = this.doc.createPair(lang, scalar);
        if (at < 0) map.items.push(pair);
        else map.items.splice(at, 0, pair);
      }
      return this.write();
    }
    throw new Error('not a text');
  }

  /** Appends `value` to the list at `path` (made when missing). */
  add(path, value) {
    const parent = this.own(path.slice(0, -1));
    const key = path[path.length - 1];
    let seq = parent.get(key, true);
    if (isAlias(seq)) {
      seq = copyOf(this.doc, seq.resolve(this.doc));
      parent.set(key, seq);
    }
    const node = this.doc.createNode(value);
    visit(node, { Scalar: (_, n) => void styleScalar(n) });
    if (!isSeq(seq)) {
      parent.set(key, this.doc.createNode([]));
      seq = parent.get(key, true);
    }
    // A blank line before the item when the others have one.
    const last = seq.items[seq.items.length - 1];
    if (last && last.spaceBefore) node.spaceBefore = true;
    seq.items.push(node);
    return this.write();
  }

  /** Copies item `index` of the list at `path` right after it. */
  duplicate(path, index) {
    const seq = this.own(path);
    const copy = copyOf(this.doc, seq.items[index]);
    if (seq.items.length > 1) copy.spaceBefore = seq.items[1].spaceBefore;
    seq.items.splice(index + 1, 0, copy);
    return this.write();
  }

  /** Moves item `from` of the list at `path` to `to`. */
  move(path, from, to) {
    const seq = this.own(path);
    if (to < 0 || to >= seq.items.length) return this.saved;
    const spaces = seq.items.map((n) => Boolean(n.spaceBefore));
    const [item] = seq.items.splice(from, 1);
    seq.items.splice(to, 0, item);
    // Blank lines stay where they were: they belong to the list's layout.
    seq.items.forEach((n, i) => {
      if (isScalar(n) || isMap(n) || isSeq(n)) n.spaceBefore = spaces[i];
    });
    return this.write();
  }

  write() {
    const next = this.doc.toString(this.options);
    let text = this.text === this.norm ? next : patch(this.text, this.norm, next);
    if (text !== next) {
      // The kept lines and the new ones must mean what the document means.
      const check = parseDocument(text, { prettyErrors: false });
      if (check.errors.length || JSON.stringify(check.toJS()) !== JSON.stringify(this.doc.toJS())) text = next;
    }
    this.norm = next;
    this.text = text;
    this.edited = true;
    return this.saved;
  }

  /**
   * Every node's place in the text as it is now: [path, start, end] for
   * each key and value, for showing a diagnostic's line at its field.
   * Read from a fresh parse of the text (an edit leaves the document's own
   * places behind), once per text.
   */
  places() {
    if (this.placesOf === this.text) return this.placesList;
    const doc = this.edited ? parseDocument(this.text, { prettyErrors: false }) : this.doc;
    const out = [];
    const walk = (node, path) => {
      if (!node) return;
      if (node.range) out.push([path, node.range[0], node.range[1]]);
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = isScalar(pair.key) ? pair.key.value : String(pair.key);
          const p = [...path, key];
          if (pair.key?.range) out.push([p, pair.key.range[0], pair.key.range[1]]);
          walk(pair.value, p);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => walk(item, [...path, i]));
      }
    };
    walk(doc.contents, []);
    this.placesOf = this.text;
    this.placesList = out;
    return out;
  }

  /** The path of the deepest node at character `offset`. */
  pathAt(offset) {
    let best = null;
    for (const [path, start, end] of this.places()) {
      if (offset >= start && offset <= end && (!best || path.length >= best.length)) best = path;
    }
    return best || [];
  }
}

/** The file's own indentation: its width and whether `- ` is indented. */
function styleOf(text) {
  const m = /^( +)\S/m.exec(text);
  const indent = m ? Math.min(Math.max(m[1].length, 2), 8) : 2;
  // A list item at its key's own indentation: `key:\n- item`.
  const flat = /^(\s*)[^\s#-][^\n]*:\s*\n\1- /m.test(text);
  return { indent, indentSeq: !flat };
}

/**
 * `src` with the lines where `before` and `after` differ replaced by
 * `after`'s: `before` is the library's writing of `src`, so the two are
 * matched line by line (longest common subsequence) to find where the
 * change goes in `src`.
 */
export function patch(src, before, after) {
  const S = src.split('\n');
  const B = before.split('\n');
  const A = after.split('\n');
  let p = 0;
  while (p < B.length && p < A.length && B[p] === A[p]) p++;
  let q = 0;
  while (q < B.length - p && q < A.length - p && B[B.length - 1 - q] === A[A.length - 1 - q]) q++;
  // Where B's lines sit in S: the change runs from the last line before
  // it that S has as written to the first such line after it.
  const map = align(S, B);
  let j0 = p - 1;
  while (j0 >= 0 && map[j0] < 0) j0--;
  let j1 = B.length - q;
  while (j1 < B.length && map[j1] < 0) j1++;
  const from = j0 < 0 ? 0 : map[j0] + 1;
  const to = j1 >= B.length ? S.length : map[j1];
  if (from > to) return after;
  return [...S.slice(0, from), ...A.slice(j0 + 1, j1 + (A.length - B.length)), ...S.slice(to)].join('\n');
}

/** For each line of `b`, the index of the same line in `a`, or -1. */
function align(a, b) {
  const n = a.length;
  const m = b.length;
  const L = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      L[i][j] = a[i] === b[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    }
  }
  const map = new Array(m).fill(-1);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      map[j] = i;
      i++;
      j++;
    } else if (L[i + 1][j] >= L[i][j + 1]) i++;
    else j++;
  }
  // Between two matched lines, as many lines on both sides: the same
  // lines, written differently (`title:   Hei` for `title: Hei`).
  let k1 = -1;
  for (let k2 = 0; k2 <= m; k2++) {
    if (k2 < m && map[k2] < 0) continue;
    const s1 = k1 < 0 ? -1 : map[k1];
    const s2 = k2 < m ? map[k2] : n;
    if (k2 - k1 === s2 - s1) for (let k = k1 + 1; k < k2; k++) map[k] = s1 + (k - k1);
    k1 = k2;
  }
  return map;
}

function deref(doc, node) {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** A copy of `node` with no anchors (an anchor may be defined once only). */
function copyOf(doc, node) {
  const copy = node.clone(doc.schema);
  visit(copy, (_, n) => {
    if (n && typeof n === 'object' && 'anchor' in n) n.anchor = undefined;
  });
  if ('anchor' in copy) copy.anchor = undefined;
  return copy;
}

/** Aliases of anchors inside `node` get their own copies, before it goes. */
function unshare(doc, node) {
  const anchors = new Map();
  visit(node, (_, n) => {
    if (n && n.anchor) anchors.set(n.anchor, n);
  });
  if (node.anchor) anchors.set(node.anchor, node);
  if (!anchors.size) return;
  visit(doc, {
    Alias: (_, alias) => {
      const target = anchors.get(alias.source);
      if (target) return copyOf(doc, target);
      return undefined;
    },
  });
}

function styleScalar(node) {
  if (!isScalar(node) || typeof node.value !== 'string') return;
  if (node.value.includes('\n')) {
    node.type = Scalar.BLOCK_LITERAL;
    // Kept as `|` (a final line break), as people write Markdown blocks.
    if (!node.value.endsWith('\n')) node.value += '\n';
  } else if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    node.type = undefined;
  }
  if ((!node.type || node.type === Scalar.PLAIN) && NEEDS_QUOTES.test(node.value)) {
    node.type = Scalar.QUOTE_DOUBLE;
  }
}

