// kirje.toml edits keep comments and untouched lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TomlFile } from '../src/form/tomldoc.js';

const src = readFileSync(new URL('../../crates/kirje-cli/starters/fi/kirje.toml', import.meta.url), 'utf8');

function diff(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  return { removed: x.filter((l) => !y.includes(l)), added: y.filter((l) => !x.includes(l)) };
}

test('a setting changes its own value only', () => {
  const f = new TomlFile(src);
  const out = f.set(['theme', 'primary'], '#00567a');
  assert.deepEqual(diff(src, out), { removed: ['primary = "#1f4e79"'], added: ['primary = "#00567a"'] });
  assert.equal(f.get(['theme', 'primary']), '#00567a');
});

test('a second language, and a translated setting in an inline table', () => {
  const f = new TomlFile(src);
  let out = f.set(['languages'], ['fi', 'sv']);
  assert.deepEqual(diff(src, out).added, ['languages = ["fi", "sv"]']);
  out = f.setText(['theme', 'logo', 'alt'], 'sv', 'Perhekompassis logotyp', ['fi', 'sv']);
  assert.deepEqual(f.get(['theme', 'logo', 'alt']), { fi: 'Perhekompassi-hankkeen logo', sv: 'Perhekompassis logotyp' });
  assert.ok(out.includes('# Pääväri'), 'comments stay');
});

test('a missing key is added to its table, an emptied one removed', () => {
  const f = new TomlFile(src);
  f.set(['sender', 'reply_to'], 'vastaa@example.fi');
  assert.equal(f.get(['sender', 'reply_to']), 'vastaa@example.fi');
  assert.match(f.text, /address = "Satamakatu 4, 65100 Lahdenkylä"\nreply_to = "vastaa@example.fi"\n/);
  f.set(['sender', 'reply_to'], '');
  assert.equal(f.text, src);
  f.set(['send', 'rate'], 5);
  assert.equal(f.get(['send', 'rate']), 5);
});

test('a broken file is refused, never written', () => {
  const f = new TomlFile('languages = ["fi"\n');
  assert.ok(f.error);
  assert.equal(f.writable, false);
});

test('the language list is added to, moved and shortened on its line', () => {
  const f = new TomlFile(src);
  f.add(['languages'], 'fi');
  f.set(['languages', 1], 'sv');
  assert.deepEqual(f.get(['languages']), ['fi', 'sv']);
  f.move(['languages'], 1, 0);
  assert.deepEqual(f.get(['languages']), ['sv', 'fi']);
  f.remove(['languages', 0]);
  assert.equal(f.text, src);
  assert.deepEqual(f.pathAt(src.indexOf('#a4400e')), ['theme', 'accent']);
  assert.deepEqual(f.pathAt(src.indexOf('Perhekompassi-hankkeen logo')), ['theme', 'logo', 'alt']);
});
