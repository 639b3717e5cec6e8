// The form's pure parts: picture names, and which files it can draw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assetPath, cleanName } from '../src/form/assets.js';
import { misfit, shape } from '../src/form/schema.js';
import { YamlFile } from '../src/form/yamldoc.js';

const schema = (name) => JSON.parse(readFileSync(new URL(`../../schema/${name}.schema.json`, import.meta.url), 'utf8'));

test('a dropped picture gets a clean name, and a clash a number', () => {
  assert.deepEqual(cleanName('Perhetalon ovi (kesä).JPG', 'image/jpeg'), { stem: 'perhetalon-ovi-kesa', ext: 'jpg' });
  assert.deepEqual(cleanName('Ööö.png', 'image/png'), { stem: 'ooo', ext: 'png' });
  assert.deepEqual(cleanName('...', 'image/svg+xml'), { stem: 'kuva', ext: 'svg' });
  const a = new Uint8Array([1, 2, 3]);
  const files = new Map([['assets/ovi.jpg', a]]);
  assert.equal(assetPath(files, 'Ovi.jpeg', 'image/jpeg', a), 'assets/ovi.jpg', 'the same picture again');
  assert.equal(assetPath(files, 'Ovi.jpeg', 'image/jpeg', new Uint8Array([9])), 'assets/ovi-2.jpg');
});

test('every example and starter file fits the form', () => {
  const files = [
    ['edition', 'examples/lumo/editions/2021-05.yaml'],
    ['project', 'examples/lumo/project.yaml'],
    ['edition', 'crates/kirje-cli/starters/sv/editions/2026-03.yaml'],
    ['project', 'crates/kirje-cli/starters/en/project.yaml'],
  ];
  for (const [kind, p] of files) {
    const root = schema(kind);
    const doc = new YamlFile(readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8'));
    assert.equal(misfit(doc.get([]), shape(root, root), root), null, p);
  }
});

test('a value outside the schema is found at its place', () => {
  const root = schema('edition');
  const top = shape(root, root);
  const at = (text) => misfit(new YamlFile(text).get([]), top, root);
  assert.deepEqual(at('number: 1\ndate: 2026-01-01\ntitle: x\nnews:\n  - title: a\n    body: b\n    colour: red\n'), ['news', 0, 'colour']);
  assert.deepEqual(at('title: {fi: a, de: b}\n'), ['title', 'de']);
  assert.deepEqual(at('news: yes\n'), ['news']);
  assert.equal(at('title: {fi: a, sv: b}\nnumber: 3\n'), null);
});
