// The form's YAML edits keep comments, order and untouched lines:
// `node --test web/test` (run by scripts/suites/web.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { YamlFile } from '../src/form/yamldoc.js';

const root = new URL('../../', import.meta.url).pathname;
const read = (p) => readFileSync(join(root, p), 'utf8');

/** Lines of `b` that differ from `a` (same line count assumed where equal). */
function changedLines(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  let j = 0;
  while (j < x.length - i && x[x.length - 1 - j] === y[y.length - 1 - j]) j++;
  return { removed: x.slice(i, x.length - j), added: y.slice(i, y.length - j) };
}

function yamlFiles() {
  const out = ['examples/lumo/project.yaml'];
  for (const f of readdirSync(join(root, 'examples/lumo/editions'))) out.push(`examples/lumo/editions/${f}`);
  for (const lang of ['fi', 'sv', 'en']) {
    out.push(`crates/kirje-cli/starters/${lang}/project.yaml`);
    out.push(`crates/kirje-cli/starters/${lang}/editions/2026-03.yaml`);
  }
  return out;
}

test('every example and starter file is written back byte for byte', () => {
  for (const p of yamlFiles()) {
    const f = new YamlFile(read(p));
    assert.equal(f.error, null, p);
    assert.ok(f.roundTrip, `${p} does not round-trip`);
  }
});

test('a one-field edit changes one line and keeps the comments', () => {
  const src = read('crates/kirje-cli/starters/fi/editions/2026-03.yaml');
  const out = new YamlFile(src).set(['events', 0, 'place'], 'Lahdenkylän kirjasto');
  const d = changedLines(src, out);
  assert.deepEqual(d.removed, ['    place: Lahdenkylän kaupungintalo, valtuustosali']);
  assert.deepEqual(d.added, ['    place: Lahdenkylän kirjasto']);
  assert.ok(out.startsWith('# editions/2026-03.yaml'));
});

test('a second language turns a text written once into a map', () => {
  const src = 'title: Hei\nnumber: 1 # eka\n';
  const f = new YamlFile(src);
  const out = f.setText(['title'], 'sv', 'Hej', ['fi', 'sv']);
  assert.equal(out, 'title:\n  fi: Hei\n  sv: Hej\nnumber: 1 # eka\n');
  // The main language again: in place; an empty translation goes away.
  assert.equal(f.setText(['title'], 'fi', 'Moi', ['fi', 'sv']), 'title:\n  fi: Moi\n  sv: Hej\nnumber: 1 # eka\n');
  assert.equal(f.setText(['title'], 'sv', '', ['fi', 'sv']), 'title:\n  fi: Moi\nnumber: 1 # eka\n');
});

test('translations go in the project language order', () => {
  const f = new YamlFile('t:\n  fi: A\n  en: C\n');
  assert.equal(f.setText(['t'], 'sv', 'B', ['fi', 'sv', 'en']), 't:\n  fi: A\n  sv: B\n  en: C\n');
});

test('an edit under an alias gives that place its own copy', () => {
  const src = read('examples/lumo/editions/2021-05.yaml');
  const f = new YamlFile(src);
  assert.equal(f.get(['events', 2, 'place', 'fi']), 'Verkossa');
  const out = f.setText(['events', 2, 'place'], 'fi', 'Zoom', ['fi', 'sv', 'en']);
  const g = new YamlFile(out);
  assert.equal(g.get(['events', 2, 'place', 'fi']), 'Zoom');
  assert.equal(g.get(['events', 0, 'place', 'fi']), 'Verkossa');
  assert.equal(g.get(['events', 2, 'place', 'sv']), 'På nätet');
});

test('removing the item that holds an anchor keeps the places that used it', () => {
  const src = read('examples/lumo/editions/2021-05.yaml');
  const out = new YamlFile(src).remove(['events', 0]);
  const g = new YamlFile(out);
  assert.equal(g.error, null);
  assert.equal(g.get(['events', 1, 'place', 'fi']), 'Verkossa');
  assert.equal(g.get(['events', 0, 'region', 'fi']), 'Keski-Suomi');
});

test('lists: add, duplicate, move and remove keep the blank lines between items', () => {
  const src = read('crates/kirje-cli/starters/fi/editions/2026-03.yaml');
  const f = new YamlFile(src);
  f.add(['news'], { title: 'Uusi', body: 'Teksti' });
  assert.equal(f.get(['news', 2, 'title']), 'Uusi');
  assert.match(f.text, /\n\n {2}- title: Uusi\n {4}body: Teksti\n/);
  f.duplicate(['news'], 0);
  assert.equal(f.get(['news', 1, 'title']), 'Hanke käynnistyi vuoden alussa');
  f.move(['news'], 3, 0);
  assert.equal(f.get(['news', 0, 'title']), 'Uusi');
  f.remove(['news', 0]);
  f.remove(['news', 0]);
  assert.equal(f.text, src);
});

test('Markdown is written as a literal block, a time alone in quotes', () => {
  const f = new YamlFile('a: x\nb: y\n');
  assert.equal(f.set(['a'], 'eka\n\n- kaksi'), 'a: |\n  eka\n\n  - kaksi\nb: y\n');
  assert.equal(f.set(['b'], '15:00'), 'a: |\n  eka\n\n  - kaksi\nb: "15:00"\n');
});

test('a syntax error leaves the file to the code view', () => {
  const f = new YamlFile('title: [a\n');
  assert.ok(f.error);
  assert.equal(f.writable, false);
});

test('a diagnostic position names its field', () => {
  const src = 'title: Hei\nevents:\n  - title: X\n    start: 5.13.\n';
  const f = new YamlFile(src);
  assert.deepEqual(f.pathAt(src.indexOf('5.13.')), ['events', 0, 'start']);
  assert.deepEqual(f.pathAt(src.indexOf('start')), ['events', 0, 'start']);
});

test('a file written in its own way keeps its other lines', () => {
  const src = 'title:   Hei   # otsikko\r\nnumber: 1\r\nnews:\r\n- title: a\r\n  body: >\r\n    b\r\n    c\r\n- title: x\r\n  body: y\r\n';
  const f = new YamlFile(src);
  assert.equal(f.roundTrip, false);
  assert.equal(f.set(['number'], 2), src.replace('number: 1', 'number: 2'));
  const out = f.add(['news'], { title: 'd', body: 'e' });
  assert.equal(out, `${src.replace('number: 1', 'number: 2')}- title: d\r\n  body: e\r\n`);
  // Next to a line the library writes otherwise, that line is written anew
  // too, and the file still means what the form says.
  const g = new YamlFile('a: >\n  b\n  c\nn: 1\n');
  const out2 = g.set(['n'], 2);
  assert.deepEqual(new YamlFile(out2).get([]), { a: 'b c\n', n: 2 });
});
