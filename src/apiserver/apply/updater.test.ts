import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { KubeObject } from '../../api/object.js';
import { customKind, Harness } from './testing.js';
import type { KindSchema } from './testing.js';

// Cases of structured-merge-diff's merge tests (multiple_appliers_test.go), under .spec of a
// custom kind with the same schema: a map-list of items that hold a set.
function kind(): KindSchema {
  return customKind('example.com', 'v1', 'Nested', {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          listOfLists: {
            type: 'array',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['name'],
            items: {
              type: 'object',
              properties: { name: { type: 'string' }, value: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } },
            },
          },
          struct: { type: 'object', properties: { name: { type: 'string' }, scalarField: { type: 'string' } } },
        },
      },
    },
  });
}

const obj = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Nested', metadata: { name: 'n' }, spec });
const lol = (...items: Record<string, unknown>[]): KubeObject => obj({ listOfLists: items });

type Op = readonly ['apply' | 'update', string, KubeObject];

interface Case {
  readonly name: string;
  readonly ops: readonly Op[];
  readonly object: KubeObject;
  readonly owners: Record<string, string[]>;
}

const L = (name: string) => `.spec.listOfLists[name="${name}"]`;

const cases: Case[] = [
  {
    name: 'remove_one_keep_one_with_two_sub_items',
    ops: [
      ['apply', 'apply-one', lol({ name: 'a' }, { name: 'b', value: ['c'] })],
      ['apply', 'apply-two', lol({ name: 'b', value: ['d'] })],
      ['apply', 'apply-one', lol({ name: 'a' })],
    ],
    object: lol({ name: 'a' }, { name: 'b', value: ['d'] }),
    owners: { 'apply-one/Apply': [L('a'), `${L('a')}.name`], 'apply-two/Apply': [L('b'), `${L('b')}.name`, `${L('b')}.value[="d"]`] },
  },
  {
    name: 'remove_one_keep_one_with_dangling_subitem',
    ops: [
      ['apply', 'apply-one', lol({ name: 'a' }, { name: 'b', value: ['c'] })],
      ['apply', 'apply-two', lol({ name: 'b', value: ['d'] })],
      ['update', 'controller', lol({ name: 'a' }, { name: 'b', value: ['c', 'd', 'e'] })],
      ['apply', 'apply-one', lol({ name: 'a' })],
    ],
    object: lol({ name: 'a' }, { name: 'b', value: ['d', 'e'] }),
    owners: {
      'apply-one/Apply': [L('a'), `${L('a')}.name`],
      'apply-two/Apply': [L('b'), `${L('b')}.name`, `${L('b')}.value[="d"]`],
      'controller/Update': [`${L('b')}.value[="e"]`],
    },
  },
  {
    name: 'remove_one_with_dangling_subitem_keep_one',
    ops: [
      ['apply', 'apply-one', lol({ name: 'a' }, { name: 'b', value: ['c'] })],
      ['apply', 'apply-two', lol({ name: 'a', value: ['b'] })],
      ['update', 'controller', lol({ name: 'a', value: ['b'] }, { name: 'b', value: ['c', 'd'] })],
      ['apply', 'apply-one', lol({ name: 'a' })],
    ],
    object: lol({ name: 'a', value: ['b'] }),
    owners: { 'apply-one/Apply': [L('a'), `${L('a')}.name`], 'apply-two/Apply': [L('a'), `${L('a')}.name`, `${L('a')}.value[="b"]`] },
  },
  {
    name: 'unset_scalar_shared_with_updater',
    ops: [
      ['update', 'updater', obj({ struct: { name: 'a', scalarField: 'a' } })],
      ['apply', 'applier', obj({ struct: { name: 'a', scalarField: 'a' } })],
      ['apply', 'applier', obj({ struct: { name: 'a' } })],
    ],
    object: obj({ struct: { name: 'a', scalarField: 'a' } }),
    owners: { 'applier/Apply': ['.spec.struct.name'], 'updater/Update': ['.spec', '.spec.struct', '.spec.struct.name', '.spec.struct.scalarField'] },
  },
  {
    name: 'updater_claims_field',
    ops: [
      ['apply', 'applier', obj({ struct: { name: 'a', scalarField: 'a' } })],
      ['update', 'updater', obj({ struct: { name: 'a', scalarField: 'b' } })],
    ],
    object: obj({ struct: { name: 'a', scalarField: 'b' } }),
    owners: { 'applier/Apply': ['.spec.struct.name'], 'updater/Update': ['.spec.struct.scalarField'] },
  },
];

describe('ownership after applies and updates (structured-merge-diff cases)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const h = new Harness(kind());
      for (const [op, manager, o] of c.ops) {
        if (op === 'apply') h.apply(manager, o);
        else h.update(manager, o);
      }
      assert.deepEqual(h.object(), c.object);
      assert.deepEqual(h.owners(), c.owners);
    });
  }
});
