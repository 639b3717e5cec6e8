// Edits of kirje.toml that keep what a person wrote. toml-eslint-parser
// gives every key and value with its exact place in the text; an edit
// replaces only the value it changes (or adds one `key = value` line to
// its table), so comments, order and every other line stay as written.
// Our own splicing, because no TOML library for the browser keeps
// comments when it writes.

import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { samePath } from './layout.js';

export class TomlFile {
  constructor(text) {
    this.text = text;
    this.parse();
  }

  parse() {
    try {
      this.ast = parseTOML(this.text);
      this.value = getStaticTOMLValue(this.ast);
      this.error = null;
    } catch (e) {
      this.ast = null;
      this.value = {};
      this.error = { message: String(e.message || e).split('\n')[0], offset: e.index ?? 0 };
    }
  }

  get writable() {
    return !this.error;
  }

  get saved() {
    return this.text;
  }

  get(path) {
    let v = this.value;
    for (const k of path) {
      if (v === null || typeof v !== 'object') return undefined;
      v = v[k];
    }
    return v;
  }

  /** The key-value node for `[table, key]` (or a top-level `[key]`). */
  find(table, key) {
    const top = this.ast.body[0];
    const kvs = table.length
      ? top.body.find((n) => n.type === 'TOMLTable' && samePath(n.resolvedKey, table))?.body || []
      : top.body.filter((n) => n.type === 'TOMLKeyValue');
    return kvs.find((kv) => kv.type === 'TOMLKeyValue' && samePath(kv.key.keys.map(keyName), [key]));
  }

  /**
   * Sets `path` (at most one table deep, then a key; deeper values are
   * written as the key's inline table). An empty string or null removes.
   */
  set(path, value) {
    const [table, key, rest] = this.split(path);
    let whole = value;
    if (rest.length) {
      whole = structuredClone(this.get([...table, key]) ?? {});
      let v = whole;
      for (const k of rest.slice(0, -1)) v = v[k] ??= {};
      const last = rest[rest.length - 1];
      if (value !== '' && value !== null && value !== undefined) v[last] = value;
      else if (Array.isArray(v)) v.splice(last, 1);
      else delete v[last];
    }
    const kv = this.find(table, key);
    const empty = whole === '' || whole === null || whole === undefined || (isObject(whole) && !Object.keys(whole).length);
    if (empty) return kv ? this.splice(lineStart(this.text, kv.range[0]), lineEnd(this.text, kv.range[1]), '') : this.text;
    const written = toml(whole);
    if (kv) return this.splice(kv.value.range[0], kv.value.range[1], written);
    return this.insert(table, `${key} = ${written}`);
  }

  remove(path) {
    return this.set(path, null);
  }

  /** Lists (`languages`): written back whole, on their one line. */
  add(path, item) {
    return this.set(path, [...(this.get(path) || []), item]);
  }

  duplicate(path, index) {
    const list = [...this.get(path)];
    list.splice(index + 1, 0, structuredClone(list[index]));
    return this.set(path, list);
  }

  move(path, from, to) {
    const list = [...this.get(path)];
    if (to < 0 || to >= list.length) return this.text;
    const [x] = list.splice(from, 1);
    list.splice(to, 0, x);
    return this.set(path, list);
  }

  /** The path of the key or value at character `offset` (for diagnostics). */
  pathAt(offset) {
    if (!this.ast) return [];
    let best = [];
    for (const n of this.ast.body[0].body) {
      const kvs = n.type === 'TOMLTable' ? n.body : [n];
      const table = n.type === 'TOMLTable' ? n.resolvedKey.map(String) : [];
      for (const kv of kvs) {
        if (kv.type !== 'TOMLKeyValue' || offset < kv.range[0] || offset > kv.range[1]) continue;
        best = [...table, ...kv.key.keys.map(keyName)];
        // Inside an inline table: the key within it.
        if (kv.value.type === 'TOMLInlineTable') {
          for (const inner of kv.value.body) {
            if (offset >= inner.range[0] && offset <= inner.range[1]) best = [...best, ...inner.key.keys.map(keyName)];
          }
        }
      }
    }
    return best;
  }

  /** Which table a path's key is in, the key, and the path inside its value. */
  split(path) {
    const head = this.value[path[0]];
    // kirje.toml's tables are one level deep ([theme], [sender], [send]).
    if (path.length > 1 && head !== null && typeof head === 'object' && !Array.isArray(head)) {
      return [[path[0]], path[1], path.slice(2)];
    }
    return [[], path[0], path.slice(1)];
  }

  setText(path, lang, value, langs) {
    const old = this.get(path);
    if (old === undefined || typeof old === 'string') {
      if (lang === langs[0] || langs.length === 1) return this.set(path, value);
      if (value === '') return this.text;
      const map = {};
      for (const l of langs) {
        if (l === langs[0] && old !== undefined) map[l] = old;
        else if (l === lang) map[l] = value;
      }
      return this.set(path, map);
    }
    const map = {};
    for (const l of langs) {
      const v = l === lang ? value : old[l];
      if (v !== undefined && v !== '') map[l] = v;
    }
    return this.set(path, Object.keys(map).length ? map : '');
  }

  /** A new line at the end of `table` (made at the end of the file). */
  insert(table, line) {
    const top = this.ast.body[0];
    if (!table.length) {
      const kvs = top.body.filter((n) => n.type === 'TOMLKeyValue');
      const firstTable = top.body.find((n) => n.type === 'TOMLTable');
      const at = kvs.length
        ? lineEnd(this.text, kvs[kvs.length - 1].range[1])
        : firstTable
          ? lineStart(this.text, firstTable.range[0])
          : this.text.length;
      return this.splice(at, at, `${line}\n`);
    }
    const t = top.body.find((n) => n.type === 'TOMLTable' && samePath(n.resolvedKey, table));
    if (t) {
      const at = lineEnd(this.text, t.body.length ? t.body[t.body.length - 1].range[1] : t.range[1]);
      return this.splice(at, at, `${line}\n`);
    }
    const sep = this.text.endsWith('\n') || !this.text ? '' : '\n';
    return this.splice(this.text.length, this.text.length, `${sep}\n[${table.join('.')}]\n${line}\n`);
  }

  splice(from, to, text) {
    const next = this.text.slice(0, from) + text + this.text.slice(to);
    const before = this.text;
    this.text = next;
    this.parse();
    if (this.error) {
      // Never written: the edit would break the file.
      this.text = before;
      this.parse();
      throw new Error('toml');
    }
    return this.text;
  }
}

function keyName(k) {
  return k.type === 'TOMLBare' ? k.name : k.value;
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function lineStart(text, at) {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** After the line break that ends the line holding `at`. */
function lineEnd(text, at) {
  const i = text.indexOf('\n', at);
  return i < 0 ? text.length : i + 1;
}

const BARE = /^[A-Za-z0-9_-]+$/;

/** A value in TOML: strings as basic strings, tables inline. */
export function toml(v) {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(toml).join(', ')}]`;
  if (isObject(v)) {
    const parts = Object.entries(v).map(([k, x]) => `${BARE.test(k) ? k : JSON.stringify(k)} = ${toml(x)}`);
    return `{ ${parts.join(', ')} }`;
  }
  return '""';
}
