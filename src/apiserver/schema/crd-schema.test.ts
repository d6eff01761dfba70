import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customResourceDefinitionName, customResourceListSchema, customResourceSchema } from './crd-schema.js';
import { componentRef, wellKnown } from './names.js';
import type { SchemaNode } from './types.js';

/** The schema at a property path, failing the test when a step is missing. */
function at(node: SchemaNode, ...path: (string | number)[]): SchemaNode {
  let current = node;
  for (const step of path) {
    const next: SchemaNode | undefined = step === 0 ? current.items : current.properties?.[step];
    assert.ok(next, `missing ${path.join('.')}`);
    current = next;
  }
  return current;
}

describe('custom resource schemas', () => {
  const names: [string, string, string, string][] = [
    ['stable.example.com', 'v1', 'CronTab', 'com.example.stable.v1.CronTab'],
    ['example.com', 'v1alpha1', 'Widget', 'com.example.v1alpha1.Widget'],
    ['widgets', 'v2', 'Widget', 'widgets.v2.Widget'],
  ];
  for (const [group, version, kind, expected] of names) {
    it(`names ${kind} of ${group}/${version} ${expected}`, () => {
      assert.equal(customResourceDefinitionName(group, version, kind), expected);
    });
  }

  const user: SchemaNode = {
    type: 'object',
    properties: {
      metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 10 } } },
      spec: {
        type: 'object',
        properties: {
          template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
          items: { type: 'array', items: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { a: { type: 'string' } } } },
        },
      },
    },
  };

  it('declares apiVersion, kind and ObjectMeta at the root and in embedded resources, and the GVK', () => {
    const out = customResourceSchema('example.com', 'v1', 'Widget', user);
    assert.deepEqual(out['x-kubernetes-group-version-kind'], [{ group: 'example.com', kind: 'Widget', version: 'v1' }]);
    assert.equal(at(out, 'apiVersion').type, 'string');
    assert.equal(at(out, 'kind').type, 'string');
    assert.deepEqual(at(out, 'metadata').allOf, [{ $ref: componentRef(wellKnown.objectMeta) }]);
    assert.deepEqual(at(out, 'spec', 'template', 'metadata').allOf, [{ $ref: componentRef(wellKnown.objectMeta) }]);
    assert.equal(at(out, 'spec', 'template')['x-kubernetes-preserve-unknown-fields'], true);
    assert.equal(at(out, 'spec', 'items', 0, 'kind').type, 'string');
    assert.equal(at(out, 'spec', 'items', 0, 'a').type, 'string');
    assert.equal(at(user, 'metadata').allOf, undefined, 'input untouched');
  });

  it('admits any field when the CRD has no schema', () => {
    const out = customResourceSchema('example.com', 'v1', 'Widget', undefined);
    assert.equal(out['x-kubernetes-preserve-unknown-fields'], true);
    assert.equal(out.type, 'object');
  });

  it('publishes a list schema referencing the kind', () => {
    const list = customResourceListSchema('example.com', 'v1', 'Widget');
    assert.deepEqual(list['x-kubernetes-group-version-kind'], [{ group: 'example.com', kind: 'WidgetList', version: 'v1' }]);
    assert.equal(at(list, 'items', 0).$ref, componentRef('com.example.v1.Widget'));
    assert.deepEqual(list.required, ['items']);
  });
});
