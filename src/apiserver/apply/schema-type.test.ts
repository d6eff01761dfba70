import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createSchemaRegistry } from '../schema/registry.js';
import type { SchemaNode } from '../schema/types.js';
import { FieldSet } from './field-set.js';
import { fieldElement, indexElement, pathToString } from './path.js';
import { DEDUCED, rootType } from './schema-type.js';
import type { Atom, TypeRef } from './schema-type.js';
import { builtinKind, schemas } from './testing.js';
import { reconcileWithSchema } from './typed/reconcile.js';

/** The type at a path of field names ('[]' steps into list items). */
function at(type: TypeRef, ...steps: string[]): Atom {
  let t = type;
  for (const step of steps) {
    const atom = t.atom();
    if (step === '[]') {
      assert.ok(atom.list, `no list at ${step}`);
      t = atom.list.element;
      continue;
    }
    assert.ok(atom.map, `no map at ${step}`);
    const next = atom.map.fields.get(step)?.type ?? atom.map.element;
    assert.ok(next, `no field ${step}`);
    t = next;
  }
  return t.atom();
}

describe('SSA types of the built-in kinds', () => {
  const pod = () => rootType(builtinKind('', 'v1', 'Pod').schema, { resolver: schemas(), builtin: true });
  const deploy = () => rootType(builtinKind('apps', 'v1', 'Deployment').schema, { resolver: schemas(), builtin: true });

  const cases: [string, () => Atom, (a: Atom) => unknown, unknown][] = [
    ['containers: a map keyed by name', () => at(pod(), 'spec', 'containers'), (a) => [a.list?.atomic, a.list?.keys], [false, ['name']]],
    ['ports: keyed by containerPort and protocol', () => at(pod(), 'spec', 'containers', '[]', 'ports'), (a) => a.list?.keys, ['containerPort', 'protocol']],
    ['a port’s protocol defaults to TCP', () => at(pod(), 'spec', 'containers', '[]', 'ports', '[]'), (a) => a.map?.fields.get('protocol')?.default, 'TCP'],
    ['finalizers: a set', () => at(pod(), 'metadata', 'finalizers'), (a) => [a.list?.atomic, a.list?.keys], [false, []]],
    ['args: atomic', () => at(pod(), 'spec', 'containers', '[]', 'args'), (a) => a.list?.atomic, true],
    ['labels: a granular map of strings', () => at(pod(), 'metadata', 'labels'), (a) => [a.map?.atomic, a.map?.element?.atom().scalar], [false, 'string']],
    ['a label selector: an atomic map', () => at(deploy(), 'spec', 'selector'), (a) => a.map?.atomic, true],
    ['resources: quantities are untyped scalars', () => at(pod(), 'spec', 'containers', '[]', 'resources', 'limits'), (a) => a.map?.element?.atom(), { scalar: 'untyped' }],
    ['int-or-string: an untyped scalar', () => at(deploy(), 'spec', 'strategy', 'rollingUpdate', 'maxSurge'), (a) => a, { scalar: 'untyped' }],
    ['Go zero values: spec is a value struct, containers a required list', () => at(pod()), (a) => [a.map?.fields.get('spec')?.zero, at(pod(), 'spec').map?.fields.get('containers')?.zero], ['struct', 'null']],
  ];
  for (const [name, atom, pick, want] of cases) {
    it(name, () => {
      assert.deepEqual(pick(atom()), want);
    });
  }
});

describe('SSA types of custom schemas', () => {
  const resolver = createSchemaRegistry({});
  const t = (schema: SchemaNode) => rootType(schema, { resolver, builtin: false });

  it('a list with only a patch strategy is associative; without anything, atomic', () => {
    const type = t({
      type: 'object',
      properties: {
        merged: { type: 'array', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'id', items: { type: 'object' } },
        mergedSet: { type: 'array', 'x-kubernetes-patch-strategy': 'merge', items: { type: 'string' } },
        plain: { type: 'array', items: { type: 'string' } },
      },
    });
    assert.deepEqual(at(type, 'merged').list?.keys, ['id']);
    assert.equal(at(type, 'mergedSet').list?.atomic, false);
    assert.equal(at(type, 'plain').list?.atomic, true);
  });

  it('unknown fields are deduced below x-kubernetes-preserve-unknown-fields, and undeclared elsewhere', () => {
    const type = t({ type: 'object', properties: { open: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } }, closed: { type: 'object', properties: { a: { type: 'string' } } } } });
    assert.equal(at(type, 'open').map?.element, DEDUCED);
    assert.equal(at(type, 'closed').map?.element, undefined);
  });

  it('deduced values: maps granular, lists atomic', () => {
    assert.deepEqual([DEDUCED.atom().map?.atomic, DEDUCED.atom().list?.atomic, DEDUCED.atom().scalar], [false, true, 'untyped']);
  });
});

describe('reconcileWithSchema', () => {
  it('collapses fields recorded below a list that became atomic', () => {
    const type = rootType({ type: 'object', properties: { l: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } } } }, { resolver: createSchemaRegistry({}), builtin: false });
    const recorded = FieldSet.of([fieldElement('l'), indexElement(0), fieldElement('a')], [fieldElement('x')]);
    assert.deepEqual(reconcileWithSchema(recorded, type)?.paths().map(pathToString), ['.l', '.x']);
    assert.equal(reconcileWithSchema(FieldSet.of([fieldElement('l')]), type), undefined);
  });
});
