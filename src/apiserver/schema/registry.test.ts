import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentRef } from './names.js';
import { createSchemaRegistry } from './registry.js';
import type { SchemaNode } from './types.js';

const target: SchemaNode = { type: 'object', description: 'the type', properties: { a: { type: 'string' } }, 'x-kubernetes-map-type': 'atomic' };
const registry = createSchemaRegistry({
  'g.v1.Thing': { ...target, 'x-kubernetes-group-version-kind': [{ group: 'g', kind: 'Thing', version: 'v1' }] },
  'g.v1.Alias': { $ref: componentRef('g.v1.Thing') },
  'g.v1.Loop': { $ref: componentRef('g.v1.Loop') },
});

describe('schema registry', () => {
  const derefCases: [string, SchemaNode, Partial<SchemaNode>][] = [
    ['a bare reference', { $ref: componentRef('g.v1.Thing') }, { description: 'the type', type: 'object' }],
    ['an allOf wrapper, whose description and extensions win', { allOf: [{ $ref: componentRef('g.v1.Thing') }], description: 'the field', 'x-kubernetes-map-type': 'granular' },
      { description: 'the field', type: 'object', 'x-kubernetes-map-type': 'granular' }],
    ['a chain of references', { $ref: componentRef('g.v1.Alias') }, { type: 'object' }],
    ['a plain node', { type: 'string' }, { type: 'string' }],
    ['an unknown reference (left as it is)', { $ref: componentRef('nope') }, { $ref: componentRef('nope') }],
    ['a self-reference (left as it is)', { $ref: componentRef('g.v1.Loop') }, { $ref: componentRef('g.v1.Loop') }],
  ];
  for (const [name, node, expected] of derefCases) {
    it(`derefs ${name}`, () => {
      const out = registry.deref(node);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(out[key as keyof SchemaNode], value);
      assert.equal(out.allOf, undefined);
      assert.equal(registry.deref(node), out, 'cached');
    });
  }

  it('finds definitions by kind and overlays extra ones', () => {
    assert.equal(registry.definitionForKind('g', 'v1', 'Thing'), 'g.v1.Thing');
    assert.equal(registry.definitionForKind('g', 'v2', 'Thing'), undefined);
    const more = registry.withDefinitions({ 'x.v1.Other': { type: 'object', 'x-kubernetes-group-version-kind': [{ group: 'x', kind: 'Other', version: 'v1' }] } });
    assert.equal(more.definitionForKind('x', 'v1', 'Other'), 'x.v1.Other');
    assert.equal(registry.definition('x.v1.Other'), undefined);
    assert.deepEqual(more.definitionNames(), ['g.v1.Alias', 'g.v1.Loop', 'g.v1.Thing', 'x.v1.Other']);
    assert.equal(registry.definition('toString'), undefined);
  });
});
