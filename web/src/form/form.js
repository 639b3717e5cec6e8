// The form view: project.yaml, each edition and kirje.toml's everyday
// settings as fields, drawn from the JSON Schemas and the layout file.
// Every change goes through YamlFile/TomlFile, so only the lines of the
// field touched change; a value that cannot be written as typed (an empty
// required field, a date kirje cannot read) stays marked at its field and
// the file keeps the last good value.

import { FIELDS, GROUPS, ITEMS } from './labels.js';
import { HIDDEN, LAYOUT, LONG, MARKDOWN, READING, SUMMARY, samePath } from './layout.js';
import { field as fieldShape, misfit, shape } from './schema.js';

const LANG_NAMES = { fi: 'suomi', sv: 'svenska', en: 'English' };
const TOP = { edition: 'Edition', project: 'Project', settings: 'Settings' };
const COLOR = /^#[0-9a-fA-F]{6}$/;


/**
 * A form in `host`. `o` gives: t() the interface texts, ui() its language,
 * schemas, file(path) the YamlFile/TomlFile of a path's current text,
 * commit(path, text) for each change, langs() the project's languages,
 * edition() the open edition's date as written, reading(field, text, end,
 * edition), addImage(file) giving the new asset's path, imageUrl(path),
 * and code(path, offset) to show a place in the code view.
 */
export function createForm(host, o) {
  let path = null;
  let kind = null;
  /** Typed text not (yet) written: field id -> text. */
  const drafts = new Map();
  /** Messages of the form itself (not of check): field id -> text. */
  const local = new Map();
  let diagnostics = [];
  let readingSeq = 0;

  const t = () => o.t();
  const root = () => o.schemas[kind];

  function label(def, key) {
    const table = FIELDS[o.ui()] || FIELDS.fi;
    return (table[`${def}.${key}`] || table[key] || [key, ''])[0];
  }
  function help(def, key) {
    const table = FIELDS[o.ui()] || FIELDS.fi;
    return (table[`${def}.${key}`] || table[key] || ['', ''])[1];
  }
  /** A choice's words: a language's own name, a section's heading. */
  function optionName(def, v) {
    if (def === 'Lang' && LANG_NAMES[v]) return LANG_NAMES[v];
    const table = FIELDS[o.ui()] || FIELDS.fi;
    return table[`option.${v}`]?.[0] ?? (def === 'Section' && table[v] ? table[v][0] : v);
  }

  function itemName(key) {
    return (ITEMS[o.ui()] || ITEMS.fi)[key] || key;
  }

  // ------------------------------------------------------------ writing

  function file() {
    return o.file(path);
  }

  /** Runs one edit of the file and hands the new text on. */
  function edit(fn, rebuild = false) {
    const f = file();
    const before = f.saved;
    let after;
    try {
      after = fn(f);
    } catch {
      return false;
    }
    if (after !== before) o.commit(path, after);
    // The missing list and the messages follow with the next check.
    if (rebuild) render();
    return true;
  }

  /**
   * The missing list and the messages are drawn after the preview has been
   * painted: a keystroke's preview does not wait for them.
   */
  let sideTimer = null;
  function sideLater() {
    clearTimeout(sideTimer);
    requestAnimationFrame(() => {
      clearTimeout(sideTimer);
      sideTimer = setTimeout(updateSide, 50);
    });
  }

  function setLocal(id, message) {
    if (message) local.set(id, message);
    else local.delete(id);
    const el = document.getElementById(id);
    if (el) showMessage(el.closest('.field'), id);
  }

  // ------------------------------------------------------------ drawing

  function render() {
    const focus = document.activeElement && host.contains(document.activeElement) ? document.activeElement.id : null;
    const scroll = host.scrollTop;
    host.replaceChildren();
    if (!path) return;
    const f = file();
    const tx = t();
    const head = el('div', 'form-head');
    const title = el('h2', 'form-title');
    title.textContent = tx.form_of(path);
    head.append(title);
    const missing = el('details', 'missing');
    missing.id = 'missing';
    missing.hidden = true;
    head.append(missing);
    host.append(head);
    if (!f.writable) {
      const why = el('div', 'readonly');
      why.setAttribute('role', 'alert');
      const p = el('p');
      // kirje's own words for the mistake (check's), never the parser's.
      const said = diagnostics.find((d) => d.file === path && d.severity === 'error' && d.line);
      p.textContent = said
        ? tx.form_syntax(path, said.line, sentences(said))
        : tx.form_broken(path, lineOf(f.text, f.error.offset));
      const b = button(tx.open_code, () => o.code(path, f.error ? f.error.offset : 0));
      why.append(p, b);
      host.append(why);
      return;
    }
    const top = shape(root(), root(), TOP[kind]);
    const wrong = misfit(f.get([]), top, root());
    if (wrong) {
      const why = el('div', 'readonly');
      why.setAttribute('role', 'alert');
      const p = el('p');
      const place = f.places ? f.places().find(([p]) => samePath(p, wrong)) : null;
      const line = place ? lineOf(f.text, place[1]) : 0;
      const said = diagnostics.find((d) => d.file === path && d.severity === 'error' && d.line === line);
      p.textContent = said ? tx.form_syntax(path, line, sentences(said)) : tx.form_outside(path, wrong.join('.'), line);
      why.append(p, button(tx.open_code, () => o.code(path, place ? place[1] : 0)));
      host.append(why);
      return;
    }
    const shown = new Set();
    const hidden = new Set(HIDDEN[kind] || []);
    for (const g of LAYOUT[kind]) {
      const keys = g.fields.filter((k) => top.props[k]);
      keys.forEach((k) => shown.add(k));
      if (g.group === 'other') {
        for (const k of Object.keys(top.props)) {
          if (!shown.has(k) && !hidden.has(k)) {
            keys.push(k);
            shown.add(k);
          }
        }
      }
      if (!keys.length) continue;
      const sec = el('section', 'group');
      const h = el('h3');
      h.textContent = (GROUPS[o.ui()] || GROUPS.fi)[g.group] || g.group;
      h.id = `g-${g.group}`;
      sec.setAttribute('aria-labelledby', h.id);
      sec.append(h);
      for (const k of keys) sec.append(drawField(top, TOP[kind], k, [k]));
      // One field under a heading of its own: its label would say it twice.
      if (keys.length === 1) sec.querySelector('.field > h4, .field > fieldset > legend, .field > label')?.classList.add('sr-only');
      host.append(sec);
    }
    updateSide();
    host.scrollTop = scroll;
    if (focus) document.getElementById(focus)?.focus();
  }

  function drawField(parent, def, key, p) {
    const s = fieldShape(parent, key, root());
    const f = file();
    const value = f.get(p);
    const name = label(def, key);
    const id = fid(p);
    const wrap = el('div', 'field');
    wrap.dataset.path = JSON.stringify(p);
    const helpText = help(def, key);
    const helpId = `${id}-help`;
    const msgId = `${id}-msg`;
    const described = helpText ? `${helpId} ${msgId}` : msgId;
    const addHelp = () => {
      if (!helpText) return;
      const h = el('p', 'help');
      h.id = helpId;
      h.textContent = helpText;
      wrap.append(h);
    };
    const addMsg = () => {
      const m = el('p', 'field-msg');
      m.id = msgId;
      wrap.append(m);
    };
    const full = `${def}.${key}`;
    switch (s.kind) {
      case 'text': {
        wrap.classList.add('text');
        const fs = el('fieldset', 'langs');
        const lg = el('legend');
        lg.textContent = name;
        fs.append(lg);
        const langs = o.langs();
        const long = MARKDOWN.has(full) || LONG.has(full);
        const cols = el('div', 'cols');
        cols.style.setProperty('--n', String(langs.length));
        for (const lang of langs) {
          const col = el('div', 'col');
          const lid = `${id}-${lang}`;
          const l = el('label');
          l.htmlFor = lid;
          l.textContent = langs.length > 1 ? LANG_NAMES[lang] : name;
          if (langs.length === 1) l.className = 'sr-only';
          const input = long ? el('textarea') : el('input');
          if (!long) input.type = 'text';
          else input.rows = MARKDOWN.has(full) ? 6 : 3;
          input.id = lid;
          input.dataset.lang = lang;
          input.setAttribute('aria-describedby', described);
          const text = textOf(value, lang, langs);
          input.value = drafts.get(lid) ?? text.value;
          if (text.shared) input.placeholder = text.shared;
          input.addEventListener('input', () => writeText(p, lang, input, s.optional, lid));
          if (MARKDOWN.has(full)) col.append(l, toolbar(input, lid), input);
          else col.append(l, input);
          cols.append(col);
        }
        fs.append(cols);
        wrap.append(fs);
        addHelp();
        addMsg();
        return wrap;
      }
      case 'object':
      case 'image': {
        wrap.classList.add('object');
        const fs = el('fieldset');
        const lg = el('legend');
        lg.textContent = name;
        fs.append(lg);
        wrap.append(fs);
        if (value === undefined || value === null) {
          if (s.kind === 'image') {
            fs.append(imageDrop(p));
          } else {
            fs.append(button(t().add_thing(name.toLowerCase()), () => addObject(p, s)));
          }
          addMsg();
          return wrap;
        }
        if (s.kind === 'image') fs.append(imageHead(p, value));
        for (const k of Object.keys(s.props)) {
          if (s.kind === 'image' && k === 'path') continue;
          fs.append(drawField(s, s.def, k, [...p, k]));
        }
        if (s.optional || s.nullable) {
          fs.append(button(t().remove_thing(name.toLowerCase()), () => edit((x) => x.remove(p), true), 'quiet'));
        }
        addMsg();
        return wrap;
      }
      case 'array':
        return drawList(wrap, s, def, key, p, value, name, addHelp, addMsg);
      case 'other': {
        // A choice of shapes the form has no widget for (a slide of one's
        // own, say): shown as written, changed in the code view.
        const h = el('h4');
        h.textContent = name;
        wrap.append(h);
        addHelp();
        if (value !== undefined && value !== null) {
          const pre = el('pre', 'as-written');
          pre.textContent = JSON.stringify(value, null, 1);
          wrap.append(pre);
        }
        const place = f.places ? f.places().find(([q]) => samePath(q, p)) : null;
        wrap.append(button(t().open_code, () => o.code(path, place ? place[1] : 0)));
        addMsg();
        return wrap;
      }
      default: {
        const l = el('label');
        l.htmlFor = id;
        l.textContent = name;
        let input;
        if (s.kind === 'boolean') {
          input = el('input');
          input.type = 'checkbox';
          input.checked = value === true;
          input.addEventListener('change', () =>
            edit((x) => (input.checked ? x.set(p, true) : x.remove(p))),
          );
          wrap.classList.add('check');
          input.id = id;
          input.setAttribute('aria-describedby', described);
          wrap.append(input, l);
          addHelp();
          addMsg();
          return wrap;
        }
        if (s.kind === 'enum') {
          input = el('select');
          const opts = s.optional || s.nullable ? ['', ...s.options] : s.options;
          for (const v of opts) {
            const op = el('option');
            op.value = v;
            op.textContent = v === '' ? '–' : optionName(s.def, v);
            input.append(op);
          }
          input.value = value ?? '';
          input.addEventListener('change', () =>
            edit((x) => (input.value === '' ? x.remove(p) : x.set(p, input.value))),
          );
        } else {
          input = el('input');
          input.type = s.kind === 'integer' || s.kind === 'number' ? 'text' : s.format === 'email' ? 'email' : 'text';
          if (s.kind === 'integer') input.inputMode = 'numeric';
          input.value = drafts.get(id) ?? (value === undefined || value === null ? '' : String(value));
          input.addEventListener('input', () => writeValue(p, s, input, id, def, key));
        }
        input.id = id;
        input.setAttribute('aria-describedby', described);
        wrap.append(l);
        const row = el('div', 'row');
        row.append(input);
        if (s.kind === 'color') row.append(colorPicker(input, name));
        const reading = READING[`${def}.${key}`];
        if (reading) {
          row.append(datePicker(input, name));
          const out = el('output', 'reading');
          out.id = `${id}-reading`;
          out.htmlFor = id;
          row.append(out);
          input.dataset.reading = reading;
        }
        wrap.append(row);
        addHelp();
        addMsg();
        if (reading) queueMicrotask(() => showReading(p, input));
        return wrap;
      }
    }
  }

  function drawList(wrap, s, def, key, p, value, name, addHelp, addMsg) {
    wrap.classList.add('list');
    const item = shape(s.items, root());
    const items = Array.isArray(value) ? value : [];
    const h = el('h4');
    h.textContent = name;
    h.id = `${fid(p)}-h`;
    wrap.append(h);
    addHelp();
    const ol = el('ol', 'items');
    ol.setAttribute('aria-labelledby', h.id);
    const noun = itemName(key);
    items.forEach((v, i) => {
      const li = el('li', 'item');
      const ip = [...p, i];
      li.dataset.path = JSON.stringify(ip);
      const bar = el('div', 'item-bar');
      const heading = el('span', 'item-title');
      heading.textContent = `${cap(noun)} ${i + 1}${summaryOf(v) ? `: ${summaryOf(v)}` : ''}`;
      bar.append(heading);
      const tx = t();
      const what = `${noun} ${i + 1}`;
      bar.append(
        button(icon('up'), () => moveItem(p, i, i - 1), 'icon', tx.move_up(what), i === 0),
        button(icon('down'), () => moveItem(p, i, i + 1), 'icon', tx.move_down(what), i === items.length - 1),
        button(icon('copy'), () => edit((x) => x.duplicate(p, i), true), 'icon', tx.duplicate(what)),
        button(icon('remove'), () => edit((x) => x.remove(ip), true), 'icon', tx.remove(what)),
      );
      li.append(bar);
      if (item.kind === 'object') {
        for (const k of Object.keys(item.props)) li.append(drawField(item, item.def, k, [...ip, k]));
      } else {
        const itemParent = { props: { [key]: s.items }, required: [key] };
        const inner = drawField(itemParent, def, key, ip);
        inner.querySelector('legend, label')?.classList.add('sr-only');
        // The list's help is said once, above it.
        inner.querySelector(':scope > .help')?.remove();
        li.append(inner);
      }
      ol.append(li);
    });
    wrap.append(ol);
    wrap.append(
      button(t().add_thing(noun), () => {
        const blank = blankOf(item);
        edit((x) => x.add(p, blank), true);
        // The new item's first field takes the focus.
        const last = host.querySelector(`li[data-path='${JSON.stringify([...p, items.length])}'] input, li[data-path='${JSON.stringify([...p, items.length])}'] textarea`);
        last?.focus();
      }),
    );
    addMsg();
    return wrap;
  }

  function moveItem(p, from, to) {
    edit((x) => x.move(p, from, to), true);
    // The focus follows the item.
    const b = host.querySelector(`li[data-path='${JSON.stringify([...p, to])}'] .item-bar button:nth-of-type(${to < from ? 1 : 2})`);
    (b && !b.disabled ? b : host.querySelector(`li[data-path='${JSON.stringify([...p, to])}'] .item-bar button:last-child`))?.focus();
  }

  /** A new list item: the required fields, empty, so the form can show it. */
  function blankOf(item) {
    if (item.kind === 'object') {
      const v = {};
      for (const k of item.required) {
        const s = fieldShape(item, k, root());
        if (s.kind === 'array') v[k] = [];
        else if (s.kind === 'integer' || s.kind === 'number') v[k] = 0;
        else if (s.kind === 'enum') v[k] = s.options[0];
        else v[k] = '';
      }
      return v;
    }
    if (item.kind === 'enum') return item.options[0];
    return '';
  }

  function addObject(p, s) {
    edit((x) => x.set(p, blankOf(s)), true);
  }

  // ------------------------------------------------------------ values

  function writeText(p, lang, input, optional, id) {
    const v = input.value;
    const langs = o.langs();
    const current = file().get(p);
    const others = langs.filter((l) => l !== lang).some((l) => textOf(current, l, langs).value !== '');
    if (v.trim() === '' && !optional && !others) {
      drafts.set(id, v);
      setLocal(id, t().required);
      return;
    }
    drafts.delete(id);
    setLocal(id, '');
    edit((x) => (v.trim() === '' && !others && optional ? x.remove(p) : x.setText(p, lang, v, langs)));
  }

  async function writeValue(p, s, input, id, def, key) {
    const v = input.value;
    const tx = t();
    const fail = (message) => {
      drafts.set(id, v);
      setLocal(id, message);
    };
    if (v.trim() === '') {
      if (!s.optional && !s.nullable) return fail(tx.required);
      drafts.delete(id);
      setLocal(id, '');
      edit((x) => x.remove(p));
      if (input.dataset.reading) showReading(p, input);
      return;
    }
    let value = v;
    if (s.kind === 'integer') {
      if (!/^\s*\d+\s*$/.test(v)) return fail(tx.not_number);
      value = Number(v);
    } else if (s.kind === 'number') {
      const n = Number(v.replace(',', '.'));
      if (!Number.isFinite(n)) return fail(tx.not_number);
      value = n;
    } else if (s.kind === 'color') {
      if (!COLOR.test(v.trim())) return fail(tx.not_colour);
      value = v.trim();
    }
    const kindOfReading = READING[`${def}.${key}`] || (s.kind === 'end' ? 'end' : null);
    if (kindOfReading) {
      const seq = ++readingSeq;
      const r = await readingFor(p, kindOfReading, v);
      if (seq !== readingSeq && input.value !== v) return undefined;
      if (r && r.type === 'error') {
        fail(r.message);
        showReadingText(input, r);
        return undefined;
      }
    }
    drafts.delete(id);
    setLocal(id, '');
    edit((x) => x.set(p, value));
    if (kindOfReading) {
      // A start's reading shows its end too: both fields say it again.
      for (const inp of host.querySelectorAll('input[data-reading]')) showReading(JSON.parse(inp.closest('.field').dataset.path), inp);
    }
    return undefined;
  }

  /** What kirje reads `text` as, for a field of kind `which`. */
  function readingFor(p, which, text) {
    const f = file();
    const parent = p.slice(0, -1);
    const edition = kind === 'edition' ? String(f.get(['date']) ?? '') : null;
    if (which === 'end') {
      const start = f.get([...parent, 'start']);
      if (!start) return Promise.resolve(null);
      return o.reading('start', String(start), text, edition);
    }
    if (which === 'start') {
      const end = f.get([...parent, 'end']);
      return o.reading('start', text, end ? String(end) : null, edition);
    }
    if (which === 'date' && kind === 'edition') return o.reading('date', text, null, null);
    return o.reading(which, text, null, edition);
  }

  async function showReading(p, input) {
    const text = drafts.get(input.id) ?? input.value;
    if (!text.trim()) return showReadingText(input, null);
    const r = await readingFor(p, input.dataset.reading, text);
    return showReadingText(input, r);
  }

  function showReadingText(input, r) {
    const out = document.getElementById(`${input.id}-reading`);
    if (!out) return;
    out.textContent = r && r.type === 'success' ? r.text : '';
  }

  // ------------------------------------------------------------ widgets

  function toolbar(input, id) {
    const tx = t();
    const bar = el('div', 'md-bar');
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', tx.format_bar);
    bar.setAttribute('aria-controls', id);
    const wrapSel = (mark) => () => {
      const { selectionStart: a, selectionEnd: b, value } = input;
      const inner = value.slice(a, b) || tx.sample_text;
      input.setRangeText(`${mark}${inner}${mark}`, a, b, 'end');
      input.setSelectionRange(a + mark.length, a + mark.length + inner.length);
      input.dispatchEvent(new Event('input'));
      input.focus();
    };
    const list = (numbered) => () => {
      const { selectionStart: a, selectionEnd: b, value } = input;
      const from = value.lastIndexOf('\n', a - 1) + 1;
      const toNl = value.indexOf('\n', b);
      const to = toNl < 0 ? value.length : toNl;
      const lines = value.slice(from, to).split('\n');
      const marked = lines.map((l, i) => (numbered ? `${i + 1}. ` : '- ') + l.replace(/^(\s*)([-*+]|\d+\.)\s+/, '$1'));
      // A list needs an empty line before it to be one.
      const before = from > 0 && value.slice(0, from).trimEnd() !== '' && !value.slice(0, from).endsWith('\n\n') ? '\n' : '';
      input.setRangeText(before + marked.join('\n'), from, to, 'end');
      input.dispatchEvent(new Event('input'));
      input.focus();
    };
    bar.append(
      button('B', wrapSel('**'), 'fmt bold', tx.bold),
      button('I', wrapSel('*'), 'fmt italic', tx.italic),
      button(icon('link'), () => linkDialog(input), 'fmt', tx.link),
      button('•', list(false), 'fmt', tx.bullets),
      button('1.', list(true), 'fmt', tx.numbers),
    );
    return bar;
  }

  function linkDialog(input) {
    const tx = t();
    const { selectionStart: a, selectionEnd: b, value } = input;
    const dlg = el('dialog', 'link-dialog');
    dlg.setAttribute('aria-labelledby', 'link-dialog-h');
    const h = el('h2');
    h.id = 'link-dialog-h';
    h.textContent = tx.link;
    const form = el('form');
    form.method = 'dialog';
    const row = (lab, type, v) => {
      const l = el('label');
      const s = el('span');
      s.textContent = lab;
      const i = el('input');
      i.type = type;
      i.value = v;
      i.required = true;
      l.append(s, i);
      form.append(l);
      return i;
    };
    const text = row(tx.link_text, 'text', value.slice(a, b));
    const url = row(tx.link_url, 'url', 'https://');
    const actions = el('div', 'dialog-actions');
    const ok = el('button');
    ok.type = 'submit';
    ok.value = 'ok';
    ok.textContent = tx.insert;
    const cancel = el('button');
    cancel.type = 'button';
    cancel.textContent = tx.cancel;
    cancel.addEventListener('click', () => dlg.close());
    actions.append(ok, cancel);
    form.append(actions);
    dlg.append(h, form);
    document.body.append(dlg);
    dlg.addEventListener('close', () => {
      if (dlg.returnValue === 'ok' && text.value.trim() && url.value.trim()) {
        const md = `[${text.value.trim().replace(/[[\]]/g, '')}](${url.value.trim().replace(/\s/g, '%20').replace(/\)/g, '%29')})`;
        input.setRangeText(md, a, b, 'end');
        input.dispatchEvent(new Event('input'));
      }
      dlg.remove();
      input.focus();
    });
    dlg.showModal();
    (text.value ? url : text).focus();
  }

  function datePicker(input, name) {
    const tx = t();
    const pick = el('input');
    pick.type = 'date';
    pick.className = 'picker';
    pick.setAttribute('aria-label', tx.pick_date(name));
    pick.addEventListener('change', () => {
      if (!pick.value) return;
      const [y, m, d] = pick.value.split('-').map(Number);
      // The time written after the date, if any, stays.
      const time = input.value.replace(/^[^\s]*\s*/, '');
      const rest = input.value.trim().includes(' ') ? ` ${time}` : '';
      input.value = `${d}.${m}.${y}${rest}`;
      input.dispatchEvent(new Event('input'));
    });
    return pick;
  }

  function colorPicker(input, name) {
    const pick = el('input');
    pick.type = 'color';
    pick.className = 'picker';
    pick.setAttribute('aria-label', name);
    if (COLOR.test(input.value)) pick.value = input.value;
    pick.addEventListener('input', () => {
      input.value = pick.value;
      input.dispatchEvent(new Event('input'));
    });
    return pick;
  }

  function imageDrop(p) {
    const tx = t();
    const zone = el('div', 'image-drop');
    const msg = el('p');
    msg.textContent = tx.drop_image;
    zone.append(msg, ...imageChooser(p, tx.choose_image));
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      e.stopPropagation();
      zone.classList.remove('over');
      const f = [...(e.dataTransfer?.files || [])].find((x) => /^image\/(png|jpeg|svg\+xml)$/.test(x.type));
      if (f) takeImage(p, f);
      else setLocal(`${fid(p)}-file`, tx.not_image);
    });
    return zone;
  }

  /** A file chooser for a picture, behind a button that says `text`. */
  function imageChooser(p, text) {
    const chooser = el('input');
    chooser.type = 'file';
    chooser.accept = 'image/png,image/jpeg,image/svg+xml';
    chooser.id = `${fid(p)}-file`;
    chooser.className = 'sr-only';
    chooser.addEventListener('change', () => {
      if (chooser.files[0]) takeImage(p, chooser.files[0]);
    });
    const l = el('label', 'button');
    l.htmlFor = chooser.id;
    l.textContent = text;
    return [chooser, l];
  }

  async function takeImage(p, f) {
    const asset = await o.addImage(f);
    const old = file().get(p);
    const value = old && typeof old === 'object' ? { ...old, path: asset } : { path: asset };
    edit((x) => x.set(p, value), true);
    // The description comes next: every language before the image is done.
    host.querySelector(`[data-path='${JSON.stringify([...p, 'alt'])}'] input, [data-path='${JSON.stringify([...p, 'alt'])}'] textarea`)?.focus();
  }

  function imageHead(p, value) {
    const tx = t();
    const head = el('div', 'image-head');
    const url = o.imageUrl(value.path);
    if (url) {
      const img = el('img');
      img.src = url;
      img.alt = '';
      head.append(img);
    }
    const name = el('code');
    name.textContent = value.path;
    head.append(name, ...imageChooser(p, tx.replace_image));
    head.addEventListener('dragover', (e) => e.preventDefault());
    head.addEventListener('drop', (e) => {
      e.preventDefault();
      e.stopPropagation();
      const f = [...(e.dataTransfer?.files || [])].find((x) => /^image\//.test(x.type));
      if (f) takeImage(p, f);
    });
    return head;
  }

  // ------------------------------------------------------------ side

  /** What is still missing: translations and image descriptions. */
  function missingList() {
    const langs = o.langs();
    const f = file();
    const out = [];
    if (!f.writable || langs.length < 1) return out;
    for (const input of host.querySelectorAll('.langs [data-lang]')) {
      const lang = input.dataset.lang;
      const fieldEl = input.closest('.field');
      const p = JSON.parse(fieldEl.dataset.path);
      const v = f.get(p);
      const isAlt = p[p.length - 1] === 'alt';
      const image = isAlt ? f.get(p.slice(0, -1)) : null;
      const needed = isAlt ? image && !image.decorative : v !== undefined && v !== null && v !== '';
      if (!needed) continue;
      const t0 = textOf(v, lang, langs);
      if (t0.value === '' && !(t0.shared && !isAlt)) out.push({ input, p, lang, alt: isAlt });
    }
    // Texts written once where kirje wants every language (check's warning).
    for (const d of diagnostics) {
      if (d.code !== 'text-one-language' || d.file !== path) continue;
      const p = f.pathAt ? f.pathAt(offsetOf(f.text, d.line, d.column)) : [];
      for (const lang of langs.slice(1)) {
        const input = document.getElementById(`${fid(p)}-${lang}`);
        if (input) out.push({ input, p, lang, alt: false });
      }
    }
    return out;
  }

  function updateSide() {
    const box = document.getElementById('missing');
    if (!box) return;
    const tx = t();
    const list = missingList();
    for (const i of host.querySelectorAll('.langs [data-lang]')) i.classList.remove('missing-lang');
    box.replaceChildren();
    box.hidden = !list.length;
    const sum = el('summary');
    sum.textContent = tx.missing(list.length);
    const ul = el('ul');
    for (const m of list) {
      m.input.classList.add('missing-lang');
      const li = el('li');
      const where = fieldLabel(m.input);
      li.append(
        button(`${where} – ${LANG_NAMES[m.lang]}${m.alt ? ` (${tx.image_description})` : ''}`, () => {
          m.input.closest('details')?.setAttribute('open', '');
          m.input.focus();
          m.input.scrollIntoView({ block: 'center' });
        }, 'link'),
      );
      ul.append(li);
    }
    box.append(sum, ul);
    showDiagnostics();
  }

  function fieldLabel(input) {
    const parts = [];
    let n = input.closest('.field');
    while (n && host.contains(n)) {
      const lab = n.querySelector(':scope > fieldset > legend, :scope > label, :scope > h4');
      if (lab) parts.unshift(lab.textContent);
      const item = n.closest('li.item');
      if (item) {
        parts.unshift(item.querySelector('.item-title').textContent.split(':')[0]);
        n = item.parentElement.closest('.field');
      } else {
        n = n.parentElement?.closest('.field');
      }
    }
    return parts.join(' › ');
  }

  /** check's messages at their fields (the nearest field drawn). */
  function showDiagnostics() {
    for (const m of host.querySelectorAll('.field-msg')) {
      m.textContent = '';
      m.className = 'field-msg';
    }
    for (const i of host.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
    const f = file();
    if (!f || !f.writable || !f.pathAt) {
      for (const id of local.keys()) showMessage(document.getElementById(id)?.closest('.field'), id);
      return;
    }
    for (const d of diagnostics) {
      if (d.file !== path || !d.line) continue;
      let p = f.pathAt(offsetOf(f.text, d.line, d.column));
      let target = null;
      while (p && !target) {
        target = host.querySelector(`.field[data-path='${JSON.stringify(p)}'] > .field-msg`);
        if (!target) {
          if (!p.length) break;
          p = p.slice(0, -1);
        }
      }
      if (!target) continue;
      target.classList.add(d.severity === 'error' ? 'error' : 'warning');
      target.textContent = [target.textContent, [d.message, ...(d.hints || [])].join(' ')].filter(Boolean).join(' · ');
      if (d.severity === 'error') {
        for (const i of target.parentElement.querySelectorAll(':scope > input, :scope > .row > input, :scope > fieldset > .cols textarea, :scope > fieldset > .cols input')) {
          i.setAttribute('aria-invalid', 'true');
        }
      }
    }
    for (const id of local.keys()) showMessage(document.getElementById(id)?.closest('.field'), id);
  }

  function showMessage(wrap, id) {
    if (!wrap) return;
    const m = wrap.querySelector(':scope > .field-msg');
    const input = document.getElementById(id);
    const text = local.get(id);
    if (text) {
      m.textContent = text;
      m.className = 'field-msg error';
      input?.setAttribute('aria-invalid', 'true');
    } else if (m.classList.contains('error') && !diagnostics.some((d) => d.file === path)) {
      m.textContent = '';
      m.className = 'field-msg';
      input?.removeAttribute('aria-invalid');
    } else {
      input?.removeAttribute('aria-invalid');
    }
  }

  return {
    /** Shows the form of `p` (a path with a form), drawn afresh. */
    show(p, k) {
      if (p !== path) {
        drafts.clear();
        local.clear();
      }
      path = p;
      kind = k;
      render();
    },
    /** Draws again (the file changed elsewhere, or the languages). */
    render,
    /** The latest diagnostics of check. */
    setDiagnostics(list) {
      diagnostics = list || [];
      // A read-only form says check's words for its mistake.
      if (path && host.querySelector('.readonly')) {
        render();
        return;
      }
      // After the preview has been painted.
      if (path) sideLater();
    },
    /** Focuses the field at `p` (from a diagnostic's place). */
    focusPath(p) {
      let q = p;
      while (q.length) {
        const w = host.querySelector(`.field[data-path='${JSON.stringify(q)}'] input, .field[data-path='${JSON.stringify(q)}'] textarea, .field[data-path='${JSON.stringify(q)}'] select`);
        if (w) {
          w.closest('details')?.setAttribute('open', '');
          w.focus();
          w.scrollIntoView({ block: 'center' });
          return true;
        }
        q = q.slice(0, -1);
      }
      return false;
    },
    get path() {
      return path;
    },
  };
}

// ------------------------------------------------------------ helpers

function el(tag, cls) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  return e;
}

/** Icons drawn in the page (no icon font: any system draws them). */
const ICONS = {
  up: 'M8 3 3 9h3v4h4V9h3z',
  down: 'M8 13 3 7h3V3h4v4h3z',
  copy: 'M5 1h8v10H5zM6.5 2.5v7h5v-7zM2 4h1.5v9.5H10V15H2z',
  remove: 'M3.4 2 8 6.6 12.6 2 14 3.4 9.4 8l4.6 4.6-1.4 1.4L8 9.4 3.4 14 2 12.6 6.6 8 2 3.4z',
  link: 'M6.8 9.2a3 3 0 0 0 4.2 0l2.6-2.6a3 3 0 0 0-4.2-4.2L8.1 3.7l1.1 1.1 1.3-1.3a1.5 1.5 0 0 1 2.1 2.1L10 8.2a1.5 1.5 0 0 1-2.1 0zM9.2 6.8a3 3 0 0 0-4.2 0L2.4 9.4a3 3 0 0 0 4.2 4.2l1.3-1.3-1.1-1.1-1.3 1.3a1.5 1.5 0 0 1-2.1-2.1L6 7.8a1.5 1.5 0 0 1 2.1 0z',
};

function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

function button(content, onClick, cls = '', aria = '', disabled = false) {
  const b = el('button', cls);
  b.type = 'button';
  if (typeof content === 'string') b.textContent = content;
  else b.append(content);
  if (aria) {
    b.setAttribute('aria-label', aria);
    b.title = aria;
  }
  b.disabled = disabled;
  b.addEventListener('click', onClick);
  return b;
}

function fid(p) {
  return `f-${p.join('-')}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** A diagnostic's message and hints as sentences. */
function sentences(d) {
  return [d.message, ...(d.hints || [])].map((x) => cap(x.trim()).replace(/([^.!?])$/, '$1.')).join(' ');
}

function cap(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A Text's value in `lang`: {value, shared} (shared: written once for all). */
export function textOf(v, lang, langs) {
  if (v === undefined || v === null) return { value: '' };
  if (typeof v === 'string') {
    if (lang === langs[0] || langs.length === 1) return { value: v };
    return { value: '', shared: v };
  }
  if (typeof v === 'object') return { value: typeof v[lang] === 'string' ? v[lang] : '' };
  return { value: String(v) };
}

function summaryOf(v) {
  if (typeof v === 'string') return v.length > 60 ? `${v.slice(0, 57)}…` : v;
  if (!v || typeof v !== 'object') return '';
  for (const k of SUMMARY) {
    const x = v[k];
    if (typeof x === 'string' && x) return summaryOf(x);
    if (x && typeof x === 'object') {
      const first = Object.values(x).find((y) => typeof y === 'string' && y);
      if (first) return summaryOf(first);
    }
  }
  return '';
}

export function lineOf(text, offset) {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** The character offset of a 1-based line and column. */
export function offsetOf(text, line, column) {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) break;
    at = nl + 1;
  }
  return at + Math.max((column || 1) - 1, 0);
}

