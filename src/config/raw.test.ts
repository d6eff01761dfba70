import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from './errors.js';
import { applySetArgs, mergeValues, parseSetKey, parseSetValue, parseYamlObject } from './raw.js';

describe('helm --set syntax', () => {
  const keys = [
    { key: 'a.b.c', path: ['a', 'b', 'c'] },
    { key: 'a\\.io/x', path: ['a.io/x'] },
    { key: 'list[2].name', path: ['list', 2, 'name'] },
    { key: 'a..b', path: undefined },
    { key: '', path: undefined },
    { key: 'a[x]', path: undefined },
    { key: 'a.', path: undefined },
  ];
  for (const k of keys) {
    it(`key ${JSON.stringify(k.key)}`, () => {
      assert.deepEqual(parseSetKey(k.key), k.path);
    });
  }
  const values = [
    { raw: 'true', value: true },
    { raw: 'false', value: false },
    { raw: 'null', value: null },
    { raw: '42', value: 42 },
    { raw: '-1', value: -1 },
    { raw: '007', value: '007' },
    { raw: '1.5', value: '1.5' },
    { raw: 'text', value: 'text' },
    { raw: '{a,b,3}', value: ['a', 'b', 3] },
    { raw: '{}', value: [] },
  ];
  for (const v of values) {
    it(`value ${v.raw}`, () => {
      assert.deepEqual(parseSetValue(v.raw), v.value);
    });
  }

  it('applies assignments in order, several per argument, creating lists and mappings', () => {
    assert.deepEqual(applySetArgs({ a: { keep: 1, drop: 2 } }, ['a.b=1,a.c=x', 'l[1]=y', 'a.drop=null', 'a.b=2']), {
      a: { keep: 1, b: 2, c: 'x' },
      l: [null, 'y'],
    });
  });

  it('refuses malformed assignments; like helm, a scalar on the way is replaced by a mapping', () => {
    assert.throws(() => applySetArgs({}, ['a']), ConfigError);
    assert.throws(() => applySetArgs({}, ['[0]=x']), (e: unknown) => e instanceof ConfigError && /is not a list/.test(e.message));
    assert.deepEqual(applySetArgs({ a: 1 }, ['a.b=1']), { a: { b: 1 } });
  });

  it('does not change its input', () => {
    const input = { a: { b: 1 } };
    applySetArgs(input, ['a.b=2']);
    assert.deepEqual(input, { a: { b: 1 } });
  });
});

describe('merging -f files', () => {
  it('merges mappings, replaces lists and scalars, null unsets', () => {
    assert.deepEqual(mergeValues({ a: { x: 1, y: [1, 2] }, b: 1, c: 1 }, { a: { y: [3] }, b: { z: 1 }, c: null }), {
      a: { x: 1, y: [3] },
      b: { z: 1 },
    });
  });
});

describe('YAML', () => {
  it('an empty document is an empty mapping; comments only too', () => {
    assert.deepEqual(parseYamlObject(''), {});
    assert.deepEqual(parseYamlObject('# nothing\n'), {});
  });
  it('aliases are resolved, but alias bombs are refused', () => {
    assert.deepEqual(parseYamlObject('a: &x {b: 1}\nc: *x\n'), { a: { b: 1 }, c: { b: 1 } });
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    assert.throws(() => parseYamlObject(bomb));
  });
});
