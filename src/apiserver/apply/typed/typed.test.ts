import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createSchemaRegistry } from '../../schema/registry.js';
import type { SchemaNode } from '../../schema/types.js';
import { FieldSet } from '../field-set.js';
import { fieldElement, keyElement, pathToString, valueElement } from '../path.js';
import { rootType } from '../schema-type.js';
import { compare } from './compare.js';
import { merge } from './merge.js';
import { ensureNamedFieldsAreMembers, removeItems } from './remove.js';
import { toFieldSet } from './to-field-set.js';
import { validate } from './validate.js';

const set = (items: SchemaNode): SchemaNode => ({ type: 'array', 'x-kubernetes-list-type': 'set', items });

// The schemas of structured-merge-diff's typed merge tests, in OpenAPI.
const schema: SchemaNode = {
  type: 'object',
  properties: {
    setStr: set({ type: 'string' }),
    setBool: set({ type: 'boolean' }),
    setNumeric: set({ type: 'number' }),
    list: {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['key', 'id'],
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          id: { type: 'integer' },
          value: { type: 'object', additionalProperties: { type: 'string' } },
          bv: { type: 'boolean' },
          nv: { type: 'number' },
        },
      },
    },
    atomicList: { type: 'array', items: { type: 'string' } },
    inner: { type: 'object', properties: { value: { type: 'string' } } },
    atomicMap: { type: 'object', 'x-kubernetes-map-type': 'atomic', additionalProperties: { type: 'string' } },
    free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  },
};

const type = rootType(schema, { resolver: createSchemaRegistry({}), builtin: false });
const paths = (s: FieldSet): string[] => s.paths().map(pathToString);

// [live, applied, merged], from structured-merge-diff's typed/merge_test.go.
const triplets: [string, string, string][] = [
  ['{}', '{"inner":{}}', '{"inner":{}}'],
  ['{}', '{"inner":null}', '{"inner":null}'],
  ['{"inner":null}', '{"inner":{}}', '{"inner":{}}'],
  ['{"inner":{}}', '{"inner":null}', '{"inner":null}'],
  ['{"atomicList":["a","a","a"]}', '{"atomicList":null}', '{"atomicList":null}'],
  ['{"atomicList":["a","b","c"]}', '{"atomicList":[]}', '{"atomicList":[]}'],
  ['{"setStr":["a","b","c"]}', '{"setStr":["a","b"]}', '{"setStr":["a","b","c"]}'],
  ['{"setStr":["a","b","c"]}', '{"setStr":[]}', '{"setStr":["a","b","c"]}'],
  ['{"setStr":["a","b"]}', '{"setStr":["b","a"]}', '{"setStr":["b","a"]}'],
  ['{"setStr":["a","b","c","g","f"]}', '{"setStr":["c","d","e","f"]}', '{"setStr":["a","b","c","g","d","e","f"]}'],
  ['{"setStr":["c","d","e","f"]}', '{"setStr":["a","c","e"]}', '{"setStr":["a","c","d","e","f"]}'],
  ['{"setStr":["a","b","c","x","y","z"]}', '{"setStr":["d","e","f"]}', '{"setStr":["a","b","c","x","y","z","d","e","f"]}'],
  ['{"setStr":["c","a","g","f"]}', '{"setStr":["c","f","a","g"]}', '{"setStr":["c","f","a","g"]}'],
  ['{"setStr":["a","b","c","d"]}', '{"setStr":["d","e","f","a"]}', '{"setStr":["b","c","d","e","f","a"]}'],
  ['{"setStr":["c","d","e","f","g","h","i","j"]}', '{"setStr":["2","h","3","e","4","k","l"]}', '{"setStr":["c","d","f","g","2","h","i","j","3","e","4","k","l"]}'],
  [
    '{"setStr":["a","b","c","d","e","f","g","h","i","j"]}',
    '{"setStr":["1","b","2","h","3","e","4","k","l"]}',
    '{"setStr":["a","1","b","c","d","f","g","2","h","i","j","3","e","4","k","l"]}',
  ],
  ['{"setStr":["a","b","b"]}', '{"setStr":["c"]}', '{"setStr":["a","b","b","c"]}'],
  ['{"setStr":["a","b","b"]}', '{"setStr":["b"]}', '{"setStr":["a","b"]}'],
  ['{"setStr":["a","b","c","d","e","c"]}', '{"setStr":["1","b","2","e","d"]}', '{"setStr":["a","1","b","c","2","e","c","d"]}'],
  ['{"setStr":["a","b","c","d","e","c"]}', '{"setStr":["1","b","2","c","e","d"]}', '{"setStr":["a","1","b","2","c","e","d"]}'],
  ['{"setStr":["a","a","b","b"]}', '{"setStr":["b","c","d"]}', '{"setStr":["a","a","b","c","d"]}'],
  ['{"setBool":[true]}', '{"setBool":[false]}', '{"setBool":[true,false]}'],
  ['{"setNumeric":[1,2,3.14159]}', '{"setNumeric":[1,2,3]}', '{"setNumeric":[1,2,3.14159,3]}'],
  ['{"setBool":[true,false,true]}', '{"setBool":[true]}', '{"setBool":[true,false]}'],
  ['{"list":[{"key":"a","id":1,"value":{"a":"a"}}]}', '{"list":[{"key":"a","id":2,"value":{"a":"a"}}]}', '{"list":[{"key":"a","id":1,"value":{"a":"a"}},{"key":"a","id":2,"value":{"a":"a"}}]}'],
  ['{"list":[{"key":"a","id":1},{"key":"b","id":1}]}', '{"list":[{"key":"a","id":1},{"key":"a","id":2}]}', '{"list":[{"key":"a","id":1},{"key":"b","id":1},{"key":"a","id":2}]}'],
  ['{"list":[{"key":"b","id":2}]}', '{"list":[{"key":"a","id":1},{"key":"b","id":2},{"key":"c","id":3}]}', '{"list":[{"key":"a","id":1},{"key":"b","id":2},{"key":"c","id":3}]}'],
  ['{"list":[{"key":"a","id":1},{"key":"b","id":2},{"key":"c","id":3}]}', '{"list":[{"key":"c","id":3},{"key":"b","id":2}]}', '{"list":[{"key":"a","id":1},{"key":"c","id":3},{"key":"b","id":2}]}'],
  ['{"list":[{"key":"a","id":1},{"key":"b","id":2},{"key":"c","id":3}]}', '{"list":[{"key":"c","id":3},{"key":"a","id":1}]}', '{"list":[{"key":"b","id":2},{"key":"c","id":3},{"key":"a","id":1}]}'],
  [
    '{"list":[{"key":"a","id":1,"bv":true},{"key":"b","id":2},{"key":"a","id":1,"bv":false,"nv":2}]}',
    '{"list":[{"key":"a","id":1,"nv":3},{"key":"c","id":3},{"key":"b","id":2}]}',
    '{"list":[{"key":"a","id":1,"nv":3},{"key":"c","id":3},{"key":"b","id":2}]}',
  ],
  ['{"list":[{"key":"a","id":1,"nv":1},{"key":"a","id":1,"nv":2}]}', '{}', '{"list":[{"key":"a","id":1,"nv":1},{"key":"a","id":1,"nv":2}]}'],
  ['{"inner":{"value":"x"},"atomicMap":{"a":"1","b":"2"}}', '{"atomicMap":{"c":"3"}}', '{"inner":{"value":"x"},"atomicMap":{"c":"3"}}'],
];

describe('merge', () => {
  for (const [lhs, rhs, want] of triplets) {
    it(`${lhs} + ${rhs}`, () => {
      assert.deepEqual(merge(JSON.parse(lhs), JSON.parse(rhs), type), JSON.parse(want));
    });
  }
});

describe('toFieldSet', () => {
  const cases: [string, unknown, string[]][] = [
    ['scalars, empty maps and nulls are leaves', { inner: {}, atomicList: null, setStr: ['a'] }, ['.atomicList', '.inner', '.setStr[="a"]']],
    ['a duplicated set item is owned as a whole', { setStr: ['a', 'b', 'b'] }, ['.setStr[="a"]', '.setStr[="b"]']],
    [
      'map-list items are owned themselves and through their fields',
      { list: [{ key: 'a', id: 1, value: { x: 'y' } }] },
      ['.list[id=1,key="a"]', '.list[id=1,key="a"].id', '.list[id=1,key="a"].key', '.list[id=1,key="a"].value.x'],
    ],
    ['atomic maps and lists are single leaves', { atomicMap: { a: '1' }, atomicList: ['x'] }, ['.atomicList', '.atomicMap']],
    ['undeclared members of a preserving map are owned with their content', { free: { a: { b: 1 } } }, ['.free.a', '.free.a.b']],
  ];
  for (const [name, value, want] of cases) {
    it(name, () => {
      assert.deepEqual(paths(toFieldSet(value, type)), want);
    });
  }
});

describe('compare', () => {
  it('reports modified leaves, added and removed subtrees', () => {
    const c = compare(
      { inner: { value: 'x' }, setStr: ['a', 'b'], atomicList: ['1'] },
      { inner: { value: 'y' }, setStr: ['b', 'c'], free: { a: 1 }, atomicList: ['1'] },
      type,
      { goZero: false },
    );
    assert.deepEqual(paths(c.modified), ['.inner.value']);
    assert.deepEqual(paths(c.added), ['.free', '.free.a', '.setStr[="c"]']);
    assert.deepEqual(paths(c.removed), ['.setStr[="a"]']);
  });

  it('sees nothing between equal objects, whatever the order of set items', () => {
    const c = compare({ setStr: ['a', 'b'] }, { setStr: ['b', 'a'] }, type, { goZero: false });
    assert.deepEqual([paths(c.added), paths(c.modified), paths(c.removed)], [[], [], []]);
  });
});

describe('removeItems', () => {
  it('removes members, list items and whole struct fields; empties become null', () => {
    const toRemove = FieldSet.of(
      [fieldElement('setStr'), valueElement('a')],
      [fieldElement('list'), keyElement([{ name: 'key', value: 'a' }, { name: 'id', value: 1 }])],
      [fieldElement('inner'), fieldElement('value')],
    );
    const value = { setStr: ['a', 'b'], list: [{ key: 'a', id: 1 }], inner: { value: 'x' }, atomicList: ['z'] };
    assert.deepEqual(removeItems(value, toRemove, type), { setStr: ['b'], list: null, inner: null, atomicList: ['z'] });
  });

  it('ensureNamedFieldsAreMembers makes struct fields with owned descendants removable as a whole', () => {
    const s = FieldSet.of([fieldElement('inner'), fieldElement('value')], [fieldElement('free'), fieldElement('x'), fieldElement('y')]);
    assert.deepEqual(paths(ensureNamedFieldsAreMembers(s, type)), ['.free', '.inner', '.free.x.y', '.inner.value']);
  });
});

describe('validate', () => {
  it('allows duplicates in live objects only', () => {
    const value = { list: [{ key: 'a', id: 1 }, { key: 'a', id: 1 }] };
    assert.deepEqual(validate(value, type, { allowDuplicates: true, rejectUnknownFields: true }), []);
    assert.deepEqual(validate(value, type, { allowDuplicates: false, rejectUnknownFields: true }), [
      { path: '.list', message: 'duplicate entries for key [id=1,key="a"]' },
    ]);
  });

  it('reads undeclared fields as deduced when not rejecting them', () => {
    assert.deepEqual(validate({ bogus: { a: [1] } }, type, { allowDuplicates: true, rejectUnknownFields: false }), []);
    assert.deepEqual(validate({ bogus: 1 }, type, { allowDuplicates: true, rejectUnknownFields: true }), [{ path: '.bogus', message: 'field not declared in schema' }]);
  });
});
