// kirje in the browser: the editor on the left, the outputs on the right.
// Files stay in this page; the compiler runs in a worker (worker.js).

import { Annotation, EditorState } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { defaultKeymap } from '@codemirror/commands';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { searchKeymap } from '@codemirror/search';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { yaml } from '@codemirror/lang-yaml';
import { zipSync } from 'fflate';

import { initialLang, texts, UI_LANGS } from './i18n.js';
import { emailForPreview } from './email.js';
import { parseIcs } from './ics.js';
import { readDirectoryHandle, readDropped, readFileList, writeFiles } from './folder.js';
import { assetPath } from './form/assets.js';
import { createForm, offsetOf as textOffset } from './form/form.js';
import { documentKind, editionsOf } from './form/layout.js';
import { TomlFile } from './form/tomldoc.js';
import { YamlFile } from './form/yamldoc.js';
import editionSchema from '../../schema/edition.schema.json';
import projectSchema from '../../schema/project.schema.json';
import settingsSchema from '../../schema/settings.schema.json';
import './style.css';
// The compiler: kirje as WebAssembly in a worker (the static site), or
// `kirje serve` over HTTP (vite's `serve` mode, see vite.config.js).
import { SERVED, createCompiler } from '#backend';
import { Offline, STORE, api } from './served.js';

/** Quiet time after the last keystroke before the preview is rebuilt. */
const DEBOUNCE_MS = 120;
/** A compilation that takes longer is stopped (a loop in a template). */
const TIME_LIMIT_S = 20;
/** Files the editor opens as text. */
const TEXT_EXT = /\.(ya?ml|toml|json|typ|mjml|txt|html?|css|xml|md|csv|svg)$/i;

const $ = (id) => document.getElementById(id);
const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

const state = {
  ui: initialLang(),
  files: new Map(), // path -> Uint8Array
  editors: new Map(), // path -> EditorState
  current: null,
  dir: null, // FileSystemDirectoryHandle when opened with the File System Access API
  dirty: new Set(), // paths changed since the last save
  tab: 'newsletter',
  edition: '',
  lang: '',
  check: null,
  outputs: {}, // tab -> last good result
  pending: new Map(), // path -> bytes|null, not yet sent to the worker
  projectName: '',
  moreFonts: false, // Typst's own fonts arrived in the worker
  firstResult: false, // the first render finished (preview or diagnostics shown)
  view: 'form', // 'form' or 'code'
  generation: 0, // which opened project a render belongs to
  shownLangs: '', // the languages the form was last drawn with
};

/** A change the page made itself (undo, a form edit): not a new code edit. */
const fromPage = Annotation.define();

function mark(name) {
  if (metrics.startup[name] === undefined) metrics.startup[name] = performance.now();
}

/** Numbers the browser test reads (window.kirje.metrics). */
const metrics = {
  firstPreviewMs: null,
  editToPaint: [],
  compileMs: [],
  workerReadyMs: null,
  /** When each step of the start was done (ms since the page began). */
  startup: {},
  /** Per render: where the time went (worker: check, render, parse; page: show, paint). */
  timings: [],
};
window.kirje = {
  metrics,
  state,
  /** True when no edit waits and no render runs (for the browser test). */
  idle: () => !busy && !renderQueued && !state.pending.size && !debounce,
};

// ---------------------------------------------------------------- texts

function t() {
  return texts(state.ui);
}

function applyTexts() {
  const tx = t();
  document.documentElement.lang = state.ui;
  document.title = tx.title;
  for (const el of document.querySelectorAll('[data-t]')) {
    const v = tx[el.dataset.t];
    if (typeof v === 'string') el.textContent = v;
  }
  $('ui-lang').value = state.ui;
  $('panes').setAttribute('aria-label', tx.preview);
  $('view-choice').setAttribute('aria-label', tx.view_choice);
  if (form && state.view === 'form' && state.current) showForm();
}

// ---------------------------------------------------------------- worker

let worker = null;
let workerReady = null;
let nextId = 1;
const waiting = new Map(); // id -> {resolve, reject, timer}
let busy = false;
let renderQueued = false;
let suspended = false; // after a time-out: wait for the next edit

function startWorker() {
  workerReady = new Promise((resolve, reject) => {
    waiting.set('ready', { resolve, reject });
  });
  worker = createCompiler({
    onMessage: onWorkerMessage,
    onCrash: (detail) => restartWorker(t().crashed + detail),
    lang: state.ui,
    mark,
  });
  // Everything the old worker had, the new one gets.
  const changes = [...state.files].map(([p, b]) => [p, b]);
  state.pending.clear();
  send({ type: 'files', reset: true, changes }, 0).catch(() => {});
}

function restartWorker(message) {
  if (worker) worker.terminate();
  for (const [, w] of waiting) {
    clearTimeout(w.timer);
    w.reject(new Error(message));
  }
  waiting.clear();
  busy = false;
  showBanner(message);
  setStatus(message);
  startWorker();
}

function onWorkerMessage(msg) {
  if (msg.type === 'ready') {
    metrics.workerReadyMs = msg.ms;
    mark('worker_ready');
    const w = waiting.get('ready');
    waiting.delete('ready');
    if (w) w.resolve(msg);
    return;
  }
  if (msg.type === 'fonts') {
    state.moreFonts = true;
    state.outputs = {};
    refresh();
    return;
  }
  if (msg.type === 'pages') {
    // The rest of a render's changed pages, after its answer.
    const pane = $(`pane-${msg.what}`);
    for (const [i, svg] of Object.entries(msg.changed)) {
      const page = pane.children[Number(i)];
      if (page) page.firstChild.innerHTML = svg;
    }
    return;
  }
  if (msg.type === 'offline') {
    // `kirje serve` is not answering: the edits stay here (see saving).
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (w) {
      clearTimeout(w.timer);
      w.reject(new Offline(msg.message));
    }
    serverAway();
    return;
  }
  if (msg.type === 'crash') {
    restartWorker(`${t().crashed} ${msg.message.split('\n')[0]}`);
    return;
  }
  const w = waiting.get(msg.id);
  if (!w) return;
  waiting.delete(msg.id);
  clearTimeout(w.timer);
  w.resolve(msg);
}

/**
 * Sends a message and waits for the answer. A render or PDF that takes
 * longer than `limit` seconds stops the worker (0: no limit).
 */
function send(msg, limit = TIME_LIMIT_S) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = limit
      ? setTimeout(() => {
          suspended = true;
          restartWorker(t().timeout(limit));
        }, limit * 1000)
      : null;
    waiting.set(id, { resolve, reject, timer });
    worker.postMessage({ ...msg, id });
  });
}

// ---------------------------------------------------------------- project

function isText(path) {
  return TEXT_EXT.test(path);
}

function decodeText(bytes) {
  try {
    return dec.decode(bytes);
  } catch {
    return null;
  }
}

/** The project's files in name order, as the file list shows them. */
function sortedFiles(files) {
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

function mainFile(paths) {
  const editions = editionsOf(paths);
  if (editions.length) return editions[editions.length - 1];
  return paths.find((p) => p === 'project.yaml') || paths[0] || null;
}

/** Replaces the whole project with `files` (path -> Uint8Array). */
async function openProject(files, dir = null) {
  state.files = sortedFiles(files);
  state.editors.clear();
  state.dir = dir;
  state.dirty.clear();
  state.outputs = {};
  state.edition = '';
  state.lang = '';
  state.current = null;
  state.check = null;
  state.generation++;
  docs.clear();
  hist.undo.length = 0;
  hist.redo.length = 0;
  undoButtons();
  for (const pane of document.querySelectorAll('.pages')) pane.replaceChildren();
  $('save').hidden = !dir || SERVED;
  state.pending.clear();
  await workerReady;
  await send({ type: 'files', reset: true, changes: [...state.files] }, 0);
  // The worker starts on the preview first; the editor (some 50 ms of this
  // thread for a long file) is built while it compiles.
  const rendered = refresh();
  await new Promise((resolve) => setTimeout(resolve, 0));
  renderFileList();
  openFile(mainFile([...state.files.keys()]));
  await rendered;
}

async function loadExample() {
  const files = await fetchProject(new URL('example/', document.baseURI));
  mark('example_fetched');
  await openProject(files);
}

function renderFileList() {
  const nav = $('files');
  nav.replaceChildren();
  const list = document.createElement('ul');
  for (const path of state.files.keys()) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = path;
    b.dataset.path = path;
    if (path === state.current) b.setAttribute('aria-current', 'true');
    if (state.dirty.has(path)) b.classList.add('dirty');
    b.addEventListener('click', () => openFile(path));
    li.append(b);
    list.append(li);
  }
  nav.append(list);
  markFileProblems();
}

// ---------------------------------------------------------------- editor

let view = null;

function extensions(path) {
  const ext = [
    lineNumbers(),
    highlightActiveLineGutter(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    lintGutter(),
    keymap.of([...defaultKeymap, ...searchKeymap]),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': path }),
    EditorView.updateListener.of((u) => {
      if (!u.docChanged || u.transactions.some((tr) => tr.annotation(fromPage))) return;
      const before = textOf(path);
      const after = u.state.doc.toString();
      record(path, before, after, 'code');
      onEdit(path, after);
    }),
  ];
  if (/\.ya?ml$/i.test(path)) ext.push(yaml());
  return ext;
}

function openFile(path) {
  if (view && state.current) {
    if (codeStale) state.editors.delete(state.current);
    else state.editors.set(state.current, view.state);
  }
  codeStale = false;
  state.current = path;
  showView();
  const host = $('editor');
  if (!path) {
    host.replaceChildren(messageBox(t().no_project));
    view = null;
    return;
  }
  const bytes = state.files.get(path);
  const text = isText(path) && bytes ? decodeText(bytes) : null;
  if (text === null) {
    if (view) view.destroy();
    view = null;
    host.replaceChildren(messageBox(t().binary(path)));
  } else {
    let es = state.editors.get(path);
    if (!es) {
      es = EditorState.create({ doc: text, extensions: extensions(path) });
      state.editors.set(path, es);
    }
    if (!view) {
      host.replaceChildren();
      view = new EditorView({ state: es, parent: host });
      // The scroller is reachable from the keyboard too (axe: scrollable-region-focusable).
      view.scrollDOM.tabIndex = 0;
    } else {
      view.setState(es);
    }
  }
  for (const b of $('files').querySelectorAll('button')) {
    if (b.dataset.path === path) b.setAttribute('aria-current', 'true');
    else b.removeAttribute('aria-current');
  }
  applyMarkers();
  if (state.view === 'form') showForm();
}

function messageBox(text) {
  const p = document.createElement('p');
  p.className = 'message';
  p.textContent = text;
  return p;
}

let debounce = null;

function onEdit(path, text) {
  const bytes = enc.encode(text);
  state.files.set(path, bytes);
  state.pending.set(path, bytes);
  state.dirty.add(path);
  suspended = false;
  if (SERVED) scheduleSave();
  const b = $('files').querySelector(`button[data-path="${CSS.escape(path)}"]`);
  if (b) b.classList.add('dirty');
  clearTimeout(debounce);
  debounce = setTimeout(() => {
    debounce = null;
    refresh();
  }, DEBOUNCE_MS);
}

/** The character offset of a 1-based line and column in a document. */
function offsetOf(doc, line, column) {
  if (!line) return 0;
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(l.from + Math.max((column || 1) - 1, 0), l.to);
}

function applyMarkers() {
  if (!view) return;
  const doc = view.state.doc;
  const diags = (state.check?.diagnostics || [])
    .filter((d) => d.file === state.current)
    .map((d) => {
      const from = offsetOf(doc, d.line, d.column);
      let to = d.end_line ? offsetOf(doc, d.end_line, d.end_column) : from;
      if (to <= from) to = Math.min(from + 1, doc.length);
      return {
        from,
        to: Math.max(to, from),
        severity: d.severity === 'error' ? 'error' : 'warning',
        message: [d.message, ...d.hints].join('\n'),
        source: d.code,
      };
    });
  view.dispatch(setDiagnostics(view.state, diags));
}

// ---------------------------------------------------------------- form

/** Each file's YamlFile or TomlFile, for its current text. */
const docs = new Map(); // path -> YamlFile | TomlFile

function textOf(path) {
  const bytes = state.files.get(path);
  return bytes ? decodeText(bytes) ?? '' : '';
}

function fileDoc(path) {
  const text = textOf(path);
  const hit = docs.get(path);
  if (hit && hit.saved === text) return hit;
  const doc = path.endsWith('.toml') ? new TomlFile(text) : new YamlFile(text);
  docs.set(path, doc);
  return doc;
}

/** The project's languages, main first (from the last check, else kirje.toml). */
function projectLangs() {
  const fromCheck = state.check?.project?.languages;
  if (fromCheck && fromCheck.length) return fromCheck;
  const langs = state.files.has('kirje.toml') ? fileDoc('kirje.toml').get(['languages']) : null;
  return Array.isArray(langs) && langs.length ? langs.filter((l) => ['fi', 'sv', 'en'].includes(l)) : ['fi'];
}

let form = null;

function setupForm() {
  form = createForm($('form'), {
    t,
    ui: () => state.ui,
    schemas: { edition: editionSchema, project: projectSchema, settings: settingsSchema },
    file: fileDoc,
    commit: (path, text) => {
      record(path, textOf(path), text, 'form');
      setText(path, text);
    },
    langs: projectLangs,
    // No reading (the compiler restarting, kirje serve away) shows none.
    reading: (field, text, end, edition) =>
      workerReady.then(() => send({ type: 'reading', field, text, end, edition }, TIME_LIMIT_S)).catch(() => null),
    addImage,
    imageUrl,
    code: (path, offset) => {
      setView('code');
      openFile(path);
      if (view) {
        view.dispatch({ selection: { anchor: Math.min(offset, view.state.doc.length) }, scrollIntoView: true });
        view.focus();
      }
    },
  });
}

function showForm() {
  const path = state.current;
  const kind = path ? documentKind(path) : null;
  if (kind) {
    form.show(path, kind);
    form.setDiagnostics(state.check?.diagnostics || []);
  } else {
    const host = $('form');
    const box = messageBox(path ? t().no_form(path) : t().no_project);
    host.replaceChildren(box);
    if (path) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = t().open_code;
      b.addEventListener('click', () => setView('code'));
      host.append(b);
    }
  }
}

function showView() {
  const code = state.view === 'code';
  $('form').hidden = code;
  $('editor').hidden = !code;
  $('view-form').setAttribute('aria-pressed', String(!code));
  $('view-code').setAttribute('aria-pressed', String(code));
}

/** The code view shows an older text of the open file (edited in the form). */
let codeStale = false;

function setView(v) {
  state.view = v;
  if (v === 'code' && codeStale && state.current) openFile(state.current);
  try {
    localStorage.setItem('kirje.view', v);
  } catch {
    // Not remembered.
  }
  showView();
  if (v === 'form') showForm();
  else if (view) view.requestMeasure();
}

/**
 * A new text for `path` from the page (the form, undo or redo): the code
 * view's document follows with the smallest change, so its cursor stays.
 */
function setText(path, text) {
  if (state.view === 'form') {
    // The code view is hidden: it takes the text when it is shown again,
    // and typing in the form does not pay for a second editor.
    state.editors.delete(path);
    if (path === state.current) codeStale = true;
    onEdit(path, text);
    return;
  }
  const es = path === state.current && view ? view.state : state.editors.get(path);
  if (es) {
    const old = es.doc.toString();
    if (old !== text) {
      let a = 0;
      while (a < old.length && a < text.length && old[a] === text[a]) a++;
      let b = 0;
      while (b < old.length - a && b < text.length - a && old[old.length - 1 - b] === text[text.length - 1 - b]) b++;
      const tr = {
        changes: { from: a, to: old.length - b, insert: text.slice(a, text.length - b) },
        annotations: fromPage.of(true),
      };
      if (path === state.current && view) view.dispatch(tr);
      else state.editors.set(path, es.update(tr).state);
    }
  }
  onEdit(path, text);
}

// ---------------------------------------------------------------- undo

/** One history for the form and the code view: {path, before, after}. */
const hist = { undo: [], redo: [] };
/** Typing within this time in one place is one step of undo. */
const UNDO_GROUP_MS = 800;

function record(path, before, after, source) {
  if (before === after) return;
  const last = hist.undo[hist.undo.length - 1];
  const now = performance.now();
  if (last && last.path === path && last.source === source && now - last.time < UNDO_GROUP_MS) {
    last.after = after;
    last.time = now;
  } else {
    hist.undo.push({ path, before, after, source, time: now });
  }
  hist.redo.length = 0;
  undoButtons();
}

function undoButtons() {
  $('undo').disabled = !hist.undo.length;
  $('redo').disabled = !hist.redo.length;
}

function stepHistory(back) {
  const from = back ? hist.undo : hist.redo;
  const to = back ? hist.redo : hist.undo;
  const e = from.pop();
  if (!e) return;
  e.time = 0; // the next edit starts a step of its own
  to.push(e);
  const text = back ? e.before : e.after;
  if (state.current !== e.path) openFile(e.path);
  setText(e.path, text);
  if (state.view === 'form' && documentKind(e.path)) form.render();
  undoButtons();
}

function setupHistory() {
  $('undo').addEventListener('click', () => stepHistory(true));
  $('redo').addEventListener('click', () => stepHistory(false));
  document.addEventListener(
    'keydown',
    (e) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k !== 'z' && k !== 'y') return;
      if (!e.target.closest || !e.target.closest('.editor-side')) return;
      if (e.target.closest('dialog')) return;
      e.preventDefault();
      stepHistory(k === 'z' && !e.shiftKey);
    },
    true,
  );
}

// ---------------------------------------------------------------- images

/** Copies a dropped or chosen image into assets/; its path (a clash renamed). */
async function addImage(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const path = assetPath(state.files, file.name, file.type, bytes);
  if (state.files.has(path)) return path;
  state.files.set(path, bytes);
  state.pending.set(path, bytes);
  state.dirty.add(path);
  state.files = sortedFiles(state.files);
  renderFileList();
  setStatus(t().added_image(path));
  if (SERVED) scheduleSave();
  return path;
}

const imageUrls = new Map(); // path -> {bytes, url}

function imageUrl(path) {
  const bytes = state.files.get(path);
  if (!bytes) return null;
  const hit = imageUrls.get(path);
  if (hit && hit.bytes === bytes) return hit.url;
  if (hit) URL.revokeObjectURL(hit.url);
  const type = path.endsWith('.svg') ? 'image/svg+xml' : path.endsWith('.png') ? 'image/png' : 'image/jpeg';
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  imageUrls.set(path, { bytes, url });
  return url;
}

// ---------------------------------------------------------------- editions

/** Today as YYYY-MM-DD in Helsinki, where the projects are. */
function today() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
}

/**
 * A new edition from the last one: the next number, today's date, the
 * intro and the news emptied, the events still to come carried over, the
 * videos kept or cleared.
 */
async function newEdition(keepVideos) {
  const { last, id, day } = nextEdition();
  if (!last) return null;
  const src = fileDoc(last);
  const doc = new YamlFile(src.saved);
  const oldDate = String(src.get(['date']) ?? '');
  const oldYear = (await readingOf('date', oldDate, null, null))?.start?.slice(0, 4);
  const number = Number(src.get(['number'])) || 0;
  doc.set(['number'], oldYear && oldYear !== day.slice(0, 4) ? 1 : number + 1);
  doc.set(['date'], day);
  doc.set(['title'], '');
  doc.remove(['intro']);
  if (Array.isArray(src.get(['news']))) doc.set(['news'], []);
  const events = src.get(['events']);
  if (Array.isArray(events)) {
    // From the last to the first, so the indexes stay right.
    for (let i = events.length - 1; i >= 0; i--) {
      const end = await eventEnd(events[i], oldDate);
      if (end !== null && end < day) doc.remove(['events', i]);
    }
  }
  if (!keepVideos && Array.isArray(src.get(['videos']))) doc.remove(['videos']);
  const path = `editions/${id}.yaml`;
  const text = doc.saved;
  record(path, '', text, 'new');
  state.files.set(path, enc.encode(text));
  state.files = sortedFiles(state.files);
  state.edition = id;
  onEdit(path, text);
  renderFileList();
  openFile(path);
  return path;
}

/**
 * The edition a new one is made from (the newest), and the new one's id:
 * this month (`2026-12`), or `2026-12-2`… when that is taken.
 */
function nextEdition() {
  const editions = editionsOf(state.files.keys());
  const day = today();
  let id = day.slice(0, 7);
  for (let n = 2; state.files.has(`editions/${id}.yaml`); n++) id = `${day.slice(0, 7)}-${n}`;
  return { last: editions[editions.length - 1], id, day };
}

function readingOf(field, text, end, edition) {
  if (!text) return Promise.resolve(null);
  return send({ type: 'reading', field, text, end, edition }, TIME_LIMIT_S)
    .then((r) => (r.type === 'success' ? r : null))
    .catch(() => null);
}

/** The day an event ends (its last session's), YYYY-MM-DD; null if unread. */
async function eventEnd(ev, editionDate) {
  const parts = ev.start ? [ev] : ev.sessions || [];
  let latest = null;
  for (const p of parts) {
    const r = await readingOf('start', String(p.start ?? ''), p.end ? String(p.end) : null, editionDate);
    if (r && (!latest || r.end.slice(0, 10) > latest)) latest = r.end.slice(0, 10);
  }
  return latest;
}

function newEditionDialog() {
  const tx = t();
  const { last, id } = nextEdition();
  if (!last) return;
  const dlg = document.createElement('dialog');
  dlg.setAttribute('aria-labelledby', 'new-edition-h');
  dlg.innerHTML = '<h2 id="new-edition-h"></h2><p></p><form method="dialog"><label class="check"><input type="checkbox" id="keep-videos" checked> <span></span></label><div class="dialog-actions"><button type="submit" value="ok"></button><button type="button" value="cancel"></button></div></form>';
  dlg.querySelector('h2').textContent = tx.new_edition_title;
  dlg.querySelector('p').textContent = tx.new_edition_help(last.replace(/^editions\/|\.ya?ml$/g, ''), id);
  dlg.querySelector('label span').textContent = tx.keep_videos;
  const [ok, cancel] = dlg.querySelectorAll('.dialog-actions button');
  ok.textContent = tx.create;
  cancel.textContent = tx.cancel;
  cancel.addEventListener('click', () => dlg.close());
  dlg.addEventListener('close', () => {
    const keep = dlg.querySelector('#keep-videos').checked;
    const go = dlg.returnValue === 'ok';
    dlg.remove();
    if (go) newEdition(keep);
  });
  document.body.append(dlg);
  dlg.showModal();
}

async function loadStarter() {
  const lang = ['fi', 'sv', 'en'].includes(state.ui) ? state.ui : 'fi';
  const base = new URL(`starter/${lang}/`, document.baseURI);
  await openProject(await fetchProject(base));
}

async function fetchProject(base) {
  const index = await (await fetch(new URL('index.json', base))).json();
  const entries = await Promise.all(
    index.files.map(async (p) => {
      const res = await fetch(new URL(p.split('/').map(encodeURIComponent).join('/'), base));
      if (!res.ok) throw new Error(`${p}: ${res.status}`);
      return [p, new Uint8Array(await res.arrayBuffer())];
    }),
  );
  return new Map(entries);
}

// ---------------------------------------------------------------- kirje serve

/** Each file's content on disk as last read or saved (its hash). */
const onDisk = new Map();
let saveTimer = null;
let saving = false;
let away = false;
/** Wait after the last edit before saving. */
const SAVE_MS = 400;

/** The project from the folder on disk, with edits kept from a lost server. */
async function loadServed() {
  const res = await api('files');
  if (res.status === 401 || res.status === 403) {
    setStatus(t().served_key);
    showBanner(t().served_key);
    return;
  }
  const { files } = await res.json();
  const entries = await Promise.all(
    files.map(async (f) => {
      const r = await api(`file?path=${encodeURIComponent(f.path)}`);
      return [f.path, new Uint8Array(await r.arrayBuffer())];
    }),
  );
  onDisk.clear();
  for (const f of files) onDisk.set(f.path, f.hash);
  const all = new Map(entries);
  const kept = unsavedKept();
  await openProject(all);
  // Edits that did not reach the disk before (the server had stopped).
  // Saved against the disk they were made on: if the file changed there
  // meanwhile, the save asks which to keep.
  for (const [path, text] of Object.entries(kept.files || {})) {
    setText(path, text);
    onDisk.set(path, kept.base?.[path] ?? '');
  }
  renderFileList();
  if (state.current && state.view === 'form') showForm();
}

/** How often the page looks for changes made on disk (a colleague, git). */
const DISK_MS = 3000;

/**
 * Files changed, added or removed on disk by someone else come into the
 * page, as an undoable step, unless the page has its own unsaved edit of
 * that file (then its save asks which to keep).
 */
async function checkDisk() {
  if (saving || away || busy || document.hidden || !onDisk.size) return;
  let listed;
  try {
    const res = await api('hashes');
    if (res.status !== 200) return;
    listed = (await res.json()).files;
  } catch {
    return; // Said by the saving when it matters.
  }
  const now = new Map(listed.map((f) => [f.path, f.hash]));
  let changed = false;
  for (const [path, hash] of now) {
    if (onDisk.get(path) === hash || state.dirty.has(path)) continue;
    const res = await api(`file?path=${encodeURIComponent(path)}`).catch(() => null);
    if (!res || res.status !== 200) continue;
    const bytes = new Uint8Array(await res.arrayBuffer());
    onDisk.set(path, hash);
    const text = isText(path) ? decodeText(bytes) : null;
    if (text !== null && state.files.has(path)) {
      record(path, textOf(path), text, 'disk');
      setText(path, text);
    } else {
      state.files.set(path, bytes);
      state.pending.set(path, bytes);
    }
    state.dirty.delete(path);
    changed = true;
  }
  for (const path of [...onDisk.keys()]) {
    if (now.has(path) || state.dirty.has(path)) continue;
    onDisk.delete(path);
    state.files.delete(path);
    state.pending.set(path, null);
    changed = true;
  }
  if (!changed) return;
  state.files = sortedFiles(state.files);
  renderFileList();
  if (!state.files.has(state.current)) openFile(mainFile([...state.files.keys()]));
  else if (state.view === 'form' && documentKind(state.current)) form.render();
  keepUnsaved();
  refresh();
}

function unsavedKept() {
  try {
    return JSON.parse(localStorage.getItem(STORE) || '{}');
  } catch {
    return {};
  }
}

/** The edits not on disk yet, in the browser (text files; pictures wait in memory). */
function keepUnsaved() {
  const files = {};
  const base = {};
  for (const p of state.dirty) {
    const text = decodeText(state.files.get(p));
    if (text === null || !isText(p)) continue;
    files[p] = text;
    base[p] = onDisk.get(p) || '';
  }
  try {
    if (Object.keys(files).length) localStorage.setItem(STORE, JSON.stringify({ files, base }));
    else localStorage.removeItem(STORE);
  } catch {
    // Full or off: the page itself still holds them.
  }
}

function scheduleSave() {
  keepUnsaved();
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveServed, SAVE_MS);
}

/** Writes every changed file to the folder, each checked against the disk. */
async function saveServed() {
  if (saving) return scheduleSave();
  saving = true;
  try {
    for (const path of [...state.dirty]) {
      const bytes = state.files.get(path);
      const res = await api(`file?path=${encodeURIComponent(path)}`, {
        method: 'PUT',
        headers: { 'X-Kirje-Base': onDisk.get(path) || '' },
        body: bytes,
      });
      const json = await res.json().catch(() => ({}));
      if (res.status === 200) {
        onDisk.set(path, json.hash);
        if (state.files.get(path) === bytes) {
          state.dirty.delete(path);
          $('files').querySelector(`button[data-path="${CSS.escape(path)}"]`)?.classList.remove('dirty');
        }
      } else if (res.status === 409) {
        await conflict(path, json.hash || '');
      } else {
        setStatus(json.message || `${path}: ${res.status}`);
        state.dirty.delete(path);
      }
    }
    keepUnsaved();
    if (away) serverBack();
    else if (!state.dirty.size) setStatus(t().saved);
  } catch (err) {
    if (err instanceof Offline) serverAway();
    else throw err;
  } finally {
    saving = false;
  }
  return undefined;
}

let retry = null;

/** The server is not answering: say so, keep the edits, try again. */
function serverAway() {
  keepUnsaved();
  if (!away) {
    away = true;
    showBanner(t().served_away);
  }
  clearTimeout(retry);
  retry = setTimeout(async () => {
    try {
      const res = await api('files');
      if (res.status === 200) {
        serverBack();
        if (state.dirty.size) saveServed();
        return;
      }
    } catch {
      // Still away.
    }
    serverAway();
  }, 2000);
}

function serverBack() {
  away = false;
  showBanner('');
  setStatus(t().served_back);
  suspended = false;
  refresh();
}

/**
 * `path` changed on disk since the page read it: the person chooses to
 * keep theirs, take the disk's, or see both first. Never overwritten
 * silently.
 */
async function conflict(path, diskHash) {
  const tx = t();
  const disk = await api(`file?path=${encodeURIComponent(path)}`).then((r) => (r.status === 200 ? r.arrayBuffer() : null));
  const diskText = disk ? decodeText(new Uint8Array(disk)) ?? '' : '';
  const mine = decodeText(state.files.get(path)) ?? '';
  const dlg = document.createElement('dialog');
  dlg.className = 'conflict';
  dlg.setAttribute('aria-labelledby', 'conflict-h');
  dlg.innerHTML =
    '<h2 id="conflict-h"></h2><p></p><div class="both" hidden><label><span></span><textarea readonly rows="14"></textarea></label><label><span></span><textarea readonly rows="14"></textarea></label></div><form method="dialog" class="dialog-actions"><button value="mine"></button><button value="disk"></button><button type="button" class="see"></button></form>';
  dlg.querySelector('h2').textContent = tx.conflict_title(path);
  dlg.querySelector('p').textContent = tx.conflict_text;
  const [mineBox, diskBox] = dlg.querySelectorAll('.both label');
  mineBox.querySelector('span').textContent = tx.conflict_mine;
  mineBox.querySelector('textarea').value = mine;
  diskBox.querySelector('span').textContent = tx.conflict_disk;
  diskBox.querySelector('textarea').value = diskText;
  const [keep, take] = dlg.querySelectorAll('form button[value]');
  keep.textContent = tx.conflict_keep;
  take.textContent = tx.conflict_take;
  const see = dlg.querySelector('.see');
  see.textContent = tx.conflict_see;
  see.addEventListener('click', () => {
    dlg.querySelector('.both').hidden = false;
    see.hidden = true;
    // Both at the first line where they differ.
    const a = mine.split('\n');
    const b = diskText.split('\n');
    let line = 0;
    while (line < a.length && a[line] === b[line]) line++;
    for (const [area, lines] of [[mineBox, a], [diskBox, b]]) {
      const ta = area.querySelector('textarea');
      const at = lines.slice(0, line).join('\n').length + (line ? 1 : 0);
      ta.setSelectionRange(at, at + (lines[line] || '').length);
      ta.scrollTop = Math.max(0, (line - 3) * parseFloat(getComputedStyle(ta).lineHeight || '18'));
    }
  });
  document.body.append(dlg);
  dlg.showModal();
  const choice = await new Promise((resolve) => dlg.addEventListener('close', () => resolve(dlg.returnValue)));
  dlg.remove();
  if (choice === 'disk' && disk) {
    // The disk's text, as an edit of its own (undo brings the page's back).
    record(path, mine, diskText, 'disk');
    onDisk.set(path, diskHash);
    setText(path, diskText);
    state.dirty.delete(path);
    if (state.view === 'form' && state.current === path) form.render();
  } else {
    // Keep the page's: written over the disk's on the next save.
    onDisk.set(path, diskHash);
    state.dirty.add(path);
    scheduleSave();
  }
}

// ---------------------------------------------------------------- preview

function setStatus(text) {
  $('status').textContent = text;
}

function showBanner(text) {
  const el = $('stale');
  el.textContent = text;
  el.hidden = !text;
}

function wantedOutputs() {
  switch (state.tab) {
    case 'newsletter':
    case 'slides':
      return [state.tab];
    case 'email':
    case 'text':
      return ['email'];
    case 'calendar':
      return ['calendar'];
    default:
      return [];
  }
}

/** Sends pending edits and renders the open tab; one at a time. */
async function refresh() {
  if (suspended || !state.files.size) return;
  if (busy) {
    renderQueued = true;
    return;
  }
  busy = true;
  const started = performance.now();
  const gen = state.generation;
  try {
    await workerReady;
    // The edits since the last render travel with it (one message).
    const changes = [...state.pending];
    state.pending.clear();
    setStatus(t().rendering);
    mark('first_render_sent');
    const res = await send({
      type: 'render',
      changes,
      what: wantedOutputs(),
      fonts: state.moreFonts,
      edition: state.edition,
      lang: state.lang,
    });
    if (gen !== state.generation) {
      // Another project was opened meanwhile: this answer is not its.
      renderQueued = true;
      return;
    }
    const tShow = performance.now();
    await show(res);
    const tShown = performance.now();
    await nextPaint();
    const ms = performance.now() - started;
    if (res.timing) {
      metrics.timings.push({ ...res.timing, worker: res.ms, show: tShown - tShow, paint: performance.now() - tShown, total: ms });
    }
    metrics.compileMs.push(res.ms);
    if (metrics.firstPreviewMs === null && res.check.ok) {
      metrics.firstPreviewMs = performance.now();
    } else if (res.check.ok) {
      metrics.editToPaint.push(ms);
    }
  } catch (err) {
    // A stopped `kirje serve` is said in the banner; never the browser's words.
    setStatus(err instanceof Offline ? t().served_offline : String(err.message || err));
  } finally {
    busy = false;
    state.firstResult = true;
  }
  if (renderQueued) {
    renderQueued = false;
    refresh();
  }
}

function nextPaint() {
  return new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
}

async function show(res) {
  const check = res.check;
  state.check = check;
  if (check.project) {
    updateProjectControls(check.project);
  }
  renderProblems(check.diagnostics);
  applyMarkers();
  markFileProblems();
  const langs = (check.project?.languages || []).join();
  if (form && state.view === 'form' && form.path) {
    if (langs && langs !== state.shownLangs) form.render();
    form.setDiagnostics(check.diagnostics);
  }
  if (langs) state.shownLangs = langs;
  const tx = t();
  let failed = !check.ok;
  const extra = [];
  for (const what of ['newsletter', 'slides', 'email', 'calendar']) {
    const out = res[what];
    if (!out) continue;
    if (out.type !== 'success') {
      failed = true;
      extra.push(...out.diagnostics);
      continue;
    }
    if (out.warnings) extra.push(...out.warnings);
    if (what === 'newsletter' || what === 'slides') showPages(what, out);
    if (what === 'email') showEmail(out);
    if (what === 'calendar') showCalendar(out);
  }
  if (extra.length) renderProblems([...check.diagnostics, ...extra]);
  showBanner(failed ? tx.stale : '');
  setStatus(
    check.errors || check.warnings ? tx.errors(check.errors, check.warnings) : tx.ok,
  );
}

function updateProjectControls(project) {
  state.projectName = project.acronym || project.name;
  $('project-name').textContent =
    project.acronym && !project.name.startsWith(project.acronym)
      ? `${project.acronym} – ${project.name}`
      : project.name;
  fillSelect($('edition'), project.editions.slice().reverse(), state.edition, (v) => (state.edition = v));
  fillSelect($('lang'), project.languages, state.lang, (v) => (state.lang = v));
}

function fillSelect(select, values, current, set) {
  const same =
    select.options.length === values.length &&
    values.every((v, i) => select.options[i].value === v);
  if (!same) {
    select.replaceChildren(
      ...values.map((v) => {
        const o = document.createElement('option');
        o.value = v;
        o.textContent = v;
        return o;
      }),
    );
  }
  if (!values.includes(current)) set(values[0] || '');
  select.value = values.includes(current) ? current : values[0] || '';
}

function showPages(what, out) {
  const pane = $(`pane-${what}`);
  const tx = t();
  const { count, changed } = out.pages;
  while (pane.children.length > count) pane.lastElementChild.remove();
  for (let i = 0; i < count; i++) {
    let page = pane.children[i];
    if (!page) {
      page = document.createElement('figure');
      page.className = 'page';
      const art = document.createElement('div');
      art.className = 'art';
      // The picture is for the eyes; the caption carries the page's text.
      // Inert: the links inside the SVG are not tab stops of the editor.
      art.inert = true;
      const text = document.createElement('figcaption');
      text.className = 'sr-only';
      page.append(art, text);
      pane.append(page);
    }
    if (i in changed) page.firstChild.innerHTML = changed[i];
    const label = what === 'slides' ? tx.slide(i + 1, count) : tx.page(i + 1, count);
    page.dataset.label = label;
    page.lastChild.textContent = `${label}: ${out.texts[i] || ''}`;
  }
  state.outputs[what] = out;
}

function showEmail(out) {
  const prev = state.outputs.email;
  state.outputs.email = out;
  if (prev && prev.html === out.html) {
    $('email-text').textContent = out.text;
    return;
  }
  const html = emailForPreview(out.html, out.images, state.files);
  for (const id of ['email-desktop', 'email-phone']) {
    const frame = $(id);
    frame.onload = () => {
      const doc = frame.contentDocument;
      if (doc && doc.documentElement) {
        frame.style.height = `${doc.documentElement.scrollHeight + 4}px`;
      }
    };
    frame.srcdoc = html;
  }
  $('email-text').textContent = out.text;
}

function showCalendar(out) {
  state.outputs.calendar = out;
  $('ics').textContent = out.ics;
  const list = $('events');
  const events = parseIcs(out.ics, state.ui);
  list.replaceChildren(
    ...(events.length
      ? events.map((ev) => {
          const li = document.createElement('li');
          const when = document.createElement('strong');
          when.textContent = ev.when;
          const what = document.createElement('span');
          what.textContent = ev.summary + (ev.location ? ` · ${ev.location}` : '');
          li.append(when, ' ', what);
          return li;
        })
      : [Object.assign(document.createElement('li'), { textContent: t().no_events })]),
  );
}

function renderProblems(diags) {
  const box = $('problems');
  box.replaceChildren();
  if (!diags.length) return;
  const list = document.createElement('ul');
  for (const d of diags) {
    const li = document.createElement('li');
    li.className = d.severity;
    const where = document.createElement('button');
    where.type = 'button';
    where.className = 'where';
    where.textContent = d.file ? `${d.file}${d.line ? `:${d.line}:${d.column || 1}` : ''}` : '';
    where.addEventListener('click', () => {
      if (!state.files.has(d.file)) return;
      if (state.view === 'form' && documentKind(d.file)) {
        openFile(d.file);
        const doc = fileDoc(d.file);
        if (doc.pathAt && form.focusPath(doc.pathAt(textOffset(doc.saved, d.line, d.column)))) return;
      }
      openFile(d.file);
      if (view && d.line) {
        const pos = offsetOf(view.state.doc, d.line, d.column);
        view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
        view.focus();
      }
    });
    const msg = document.createElement('span');
    msg.className = 'msg';
    msg.textContent = d.message;
    li.append(where, msg);
    for (const h of d.hints || []) {
      const hint = document.createElement('div');
      hint.className = 'hint';
      hint.textContent = h;
      li.append(hint);
    }
    list.append(li);
  }
  box.append(list);
}

function markFileProblems() {
  const bad = new Set(
    (state.check?.diagnostics || []).filter((d) => d.severity === 'error').map((d) => d.file),
  );
  for (const b of $('files').querySelectorAll('button')) {
    b.classList.toggle('has-error', bad.has(b.dataset.path));
  }
}

function selectTab(tab) {
  state.tab = tab;
  for (const b of $('tabs').querySelectorAll('[role=tab]')) {
    b.setAttribute('aria-selected', String(b.dataset.tab === tab));
    b.tabIndex = b.dataset.tab === tab ? 0 : -1;
  }
  for (const p of document.querySelectorAll('.pane')) p.hidden = p.dataset.pane !== tab;
  refresh();
}

// ---------------------------------------------------------------- downloads

function saveBlob(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function suffix() {
  const langs = state.check?.project?.languages || [];
  return state.lang && langs[0] && state.lang !== langs[0] ? `.${state.lang}` : '';
}

async function download(what) {
  $('downloads').open = false;
  await workerReady;
  if (what === 'zip') {
    const tree = {};
    for (const [p, b] of state.files) tree[p] = b;
    const name = (state.projectName || 'kirje').replace(/[^\p{L}\p{N}_-]+/gu, '-');
    saveBlob(`${name}.zip`, new Blob([zipSync(tree, { level: 6 })], { type: 'application/zip' }));
    return;
  }
  if (what === 'newsletter' || what === 'slides') {
    const res = await send({ type: 'pdf', kind: what, edition: state.edition, lang: state.lang }, 2 * TIME_LIMIT_S);
    if (res.bytes) {
      saveBlob(`${what}${suffix()}.pdf`, new Blob([res.bytes], { type: 'application/pdf' }));
    } else {
      renderProblems(res.diagnostics || []);
      setStatus(t().pdf_failed);
    }
    return;
  }
  const need = what === 'ics' ? 'calendar' : 'email';
  const res = await send({ type: 'render', what: [need], edition: state.edition, lang: state.lang });
  const out = res[need];
  if (!out || out.type !== 'success') {
    renderProblems([...(res.check.diagnostics || []), ...((out && out.diagnostics) || [])]);
    return;
  }
  if (what === 'email') saveBlob(`email${suffix()}.html`, new Blob([out.html], { type: 'text/html;charset=utf-8' }));
  if (what === 'text') saveBlob(`email${suffix()}.txt`, new Blob([out.text], { type: 'text/plain;charset=utf-8' }));
  if (what === 'ics') saveBlob('events.ics', new Blob([out.ics], { type: 'text/calendar;charset=utf-8' }));
}

// ---------------------------------------------------------------- opening

async function openFolder() {
  if (window.showDirectoryPicker) {
    let handle;
    try {
      handle = await window.showDirectoryPicker({ mode: 'readwrite' });
    } catch {
      return; // cancelled
    }
    await openProject(await readDirectoryHandle(handle), handle);
  } else {
    $('open-files').click();
  }
}

async function save() {
  if (!state.dir) return;
  const changed = [...state.dirty].map((p) => [p, state.files.get(p)]);
  await writeFiles(state.dir, changed);
  state.dirty.clear();
  for (const b of $('files').querySelectorAll('.dirty')) b.classList.remove('dirty');
  setStatus(t().saved);
}

function setupDrop() {
  let depth = 0;
  const drop = $('drop');
  window.addEventListener('dragenter', (e) => {
    if (![...(e.dataTransfer?.types || [])].includes('Files')) return;
    depth++;
    drop.hidden = false;
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) drop.hidden = true;
  });
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', async (e) => {
    e.preventDefault();
    depth = 0;
    drop.hidden = true;
    const files = await readDropped(e.dataTransfer);
    if (files.size) await openProject(files);
  });
}

// ---------------------------------------------------------------- start

/**
 * A headless snapshot with no driver (`chromium --headless --dump-dom
 * --virtual-time-budget=…`, as scripted page checks use) runs the page on
 * virtual time, which jumps forward whenever this thread is idle, even
 * while the worker is still compiling: the snapshot would be taken before
 * the first preview. Only there is the hold below needed. Browsers people
 * use, and browsers driven by WebDriver or Playwright, run on real time and
 * must not pay for it: the hold keeps this thread busy, and on a two-core
 * machine it took 100–600 ms from the first preview.
 */
const VIRTUAL_TIME_SNAPSHOT = /HeadlessChrome/.test(navigator.userAgent) && !navigator.webdriver;

/**
 * For a virtual-time snapshot: a chain of message tasks keeps the thread
 * from idling until the first results are on screen; each link yields, so
 * the page stays responsive.
 */
function holdUntilFirstResult() {
  const ch = new MessageChannel();
  const started = Date.now();
  ch.port1.onmessage = () => {
    // Also through the render that follows when Typst's other fonts arrive.
    const working = !state.firstResult || busy || waiting.size > 0 || !state.moreFonts;
    if (working && Date.now() - started < 60_000) ch.port2.postMessage(0);
    else ch.port1.close();
  };
  ch.port2.postMessage(0);
}

function setup() {
  mark('script');
  try {
    if (localStorage.getItem('kirje.view') === 'code') state.view = 'code';
  } catch {
    // The form, then.
  }
  applyTexts();
  $('ui-lang').addEventListener('change', (e) => {
    state.ui = UI_LANGS.includes(e.target.value) ? e.target.value : 'fi';
    try {
      localStorage.setItem('kirje.lang', state.ui);
    } catch {
      // Not remembered; still applied.
    }
    applyTexts();
    worker.postMessage({ type: 'lang', lang: state.ui });
    state.outputs = {};
    refresh();
  });
  for (const b of $('tabs').querySelectorAll('[role=tab]')) {
    b.addEventListener('click', () => selectTab(b.dataset.tab));
    b.addEventListener('keydown', (e) => {
      const tabs = [...$('tabs').querySelectorAll('[role=tab]')];
      const i = tabs.indexOf(b);
      const j = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
      if (j === null) return;
      const next = tabs[(j + tabs.length) % tabs.length];
      next.focus();
      selectTab(next.dataset.tab);
    });
  }
  $('edition').addEventListener('change', (e) => {
    state.edition = e.target.value;
    refresh();
  });
  $('lang').addEventListener('change', (e) => {
    state.lang = e.target.value;
    refresh();
  });
  $('open-folder').addEventListener('click', openFolder);
  $('open-files').addEventListener('change', async (e) => {
    const files = await readFileList(e.target.files);
    e.target.value = '';
    if (files.size) await openProject(files);
  });
  $('load-example').addEventListener('click', () => loadExample());
  $('new-project').addEventListener('click', () => loadStarter());
  $('new-edition').addEventListener('click', newEditionDialog);
  $('view-form').addEventListener('click', () => setView('form'));
  $('view-code').addEventListener('click', () => setView('code'));
  setupForm();
  setupHistory();
  $('save').addEventListener('click', save);
  for (const b of document.querySelectorAll('[data-download]')) {
    b.addEventListener('click', () => download(b.dataset.download));
  }
  setupDrop();
  selectTab('newsletter');
  setStatus(t().loading);
  if (VIRTUAL_TIME_SNAPSHOT) holdUntilFirstResult();
  startWorker();
  if (SERVED) {
    // The project is the folder `kirje serve` was started on.
    for (const id of ['open-folder', 'open-files-label', 'new-project', 'load-example', 'save']) $(id).hidden = true;
    document.querySelector('footer.note').dataset.t = 'served_note';
    applyTexts();
    loadServed().catch((err) => setStatus(String(err.message || err)));
    window.addEventListener('beforeunload', keepUnsaved);
    setInterval(checkDisk, DISK_MS);
    return;
  }
  // No project open yet: start from the bundled example.
  loadExample().catch((err) => setStatus(String(err.message || err)));
}

setup();
