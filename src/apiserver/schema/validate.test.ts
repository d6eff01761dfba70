import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customResourceSchema } from './crd-schema.js';
import { prune } from './prune.js';
import { createSchemaRegistry } from './registry.js';
import { generatedSchemas } from './testing.js';
import type { SchemaNode } from './types.js';
import { typeErrors, unknownFields } from './validate.js';
import { UnknownDefinitionError } from './walk.js';

const builtIn = generatedSchemas();

// A custom resource exercising what built-in kinds do not: preserve-unknown-fields, embedded
// resources, maps of objects, int-or-string without a reference.
const widgetSchema: SchemaNode = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        size: { type: 'integer' },
        port: { 'x-kubernetes-int-or-string': true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        backends: {
          type: 'object',
          additionalProperties: { type: 'object', properties: { weight: { type: 'integer' } } },
        },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'object', properties: { a: { type: 'string' } } } } },
        anything: { 'x-kubernetes-preserve-unknown-fields': true },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', properties: { x: { type: 'string' } } } } },
        steps: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, args: { type: 'array', items: { type: 'string' } } } } },
        empty: { type: 'object' },
      },
    },
  },
};
const WIDGET = 'com.example.v1.Widget';
const registry = builtIn.withDefinitions({ [WIDGET]: customResourceSchema('example.com', 'v1', 'Widget', widgetSchema) });

const pod = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  ...extra,
});
const widget = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w' },
  spec,
  ...extra,
});

const unknownCases: [string, string, Record<string, unknown>, string[]][] = [
  ['a valid pod', 'io.k8s.api.core.v1.Pod', pod({ restartPolicy: 'Always' }), []],
  ['a top-level unknown field', 'io.k8s.api.core.v1.Pod', pod({}, { foo: 1 }), ['foo']],
  ['spec.foo', 'io.k8s.api.core.v1.Pod', pod({ foo: 'x' }), ['spec.foo']],
  ['a field in a list item', 'io.k8s.api.core.v1.Pod', pod({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y', foo: 1 }] }), ['spec.containers[1].foo']],
  ['a field in a nested list', 'io.k8s.api.core.v1.Pod', pod({ containers: [{ name: 'a', ports: [{ containerPort: 80, bar: true }] }] }), ['spec.containers[0].ports[0].bar']],
  ['restartPolicy in a container', 'io.k8s.api.apps.v1.Deployment',
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: {}, template: { spec: { initContainers: [{ name: 'i', restartPolicy: 'Always', bogus: 1 }] } } } },
    ['spec.template.spec.initContainers[0].bogus']],
  ['containers under template.metadata', 'io.k8s.api.apps.v1.Deployment',
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { metadata: { containers: [], labels: { a: 'b' } } } } },
    ['spec.template.metadata.containers']],
  ['an unknown metadata field', 'io.k8s.api.core.v1.Pod', pod({}, { metadata: { name: 'p', nmae: 'x' } }), ['metadata.nmae']],
  ['free-form map keys are not unknown', 'io.k8s.api.core.v1.Pod', pod({ nodeSelector: { anything: 'goes' } }, { metadata: { labels: { x: 'y' }, annotations: { z: 'w' } } }), []],
  ['int-or-string values', 'io.k8s.api.core.v1.Service',
    { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 80, targetPort: 'http' }, { port: 81, targetPort: 8081 }] } }, []],
  ['RawExtension content is free', 'io.k8s.api.apps.v1.ControllerRevision',
    { apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: 1, data: { spec: { anything: { deep: 1 } } } }, []],
  ['quantities in a map', 'io.k8s.api.core.v1.Pod', pod({ containers: [{ name: 'c', resources: { limits: { cpu: '1', memory: 512 }, bogus: {} } }] }), ['spec.containers[0].resources.bogus']],
  ['wrong-typed values are not descended into', 'io.k8s.api.core.v1.Pod', pod({ containers: 'nope', foo: 1 }), ['spec.foo']],
  ['custom resource: valid', WIDGET, widget({ size: 1, port: 'http', labels: { a: 'b' }, steps: [{ name: 's', args: ['x'] }] }), []],
  ['custom resource: unknown in a map value object', WIDGET, widget({ backends: { blue: { weight: 1, colour: 'x' } } }), ['spec.backends.blue.colour']],
  ['custom resource: preserve-unknown-fields keeps undeclared members, checks declared ones', WIDGET,
    widget({ free: { whatever: { x: 1 }, known: { a: 'y', b: 2 } } }), ['spec.free.known.b']],
  ['custom resource: a typeless preserved field takes anything', WIDGET, widget({ anything: { a: [1, { b: 2 }] } }), []],
  ['custom resource: embedded resource keeps apiVersion, kind, metadata', WIDGET,
    widget({ template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { x: 'y', z: 1 } } }), ['spec.template.spec.z']],
  ['custom resource: an object without properties declares nothing', WIDGET, widget({ empty: { a: 1 } }), ['spec.empty.a']],
  ['custom resource: nested list item', WIDGET, widget({ steps: [{ name: 'a' }, { name: 'b', run: 'x' }] }), ['spec.steps[1].run']],
  ['custom resource: status is not declared', WIDGET, widget({}, { status: { ready: true } }), ['status']],
];

describe('unknownFields', () => {
  for (const [name, definition, obj, expected] of unknownCases) {
    it(name, () => {
      assert.deepEqual(unknownFields(obj, definition, registry), expected);
    });
  }

  it('treats the root of a schema without apiVersion/kind/metadata as a resource', () => {
    const bare = createSchemaRegistry({ x: { type: 'object', properties: { spec: { type: 'object' } } } });
    assert.deepEqual(unknownFields({ apiVersion: 'v', kind: 'K', metadata: { a: 1 }, spec: {}, other: 1 }, 'x', bare), ['other']);
  });

  it('throws a typed error for an unknown definition', () => {
    assert.throws(() => unknownFields({}, 'no.such.Thing', registry), UnknownDefinitionError);
  });
});

const typeCases: [string, string, Record<string, unknown>, [string, string][]][] = [
  ['a valid pod', 'io.k8s.api.core.v1.Pod', pod({ terminationGracePeriodSeconds: 30, hostNetwork: false }), []],
  ['string where an integer is required', 'io.k8s.api.apps.v1.Deployment',
    { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: '1' } }, [['spec.replicas', 'integer']]],
  ['a fraction where an integer is required', 'io.k8s.api.apps.v1.Deployment',
    { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 1.5 } }, [['spec.replicas', 'integer']]],
  ['object where a list is required', 'io.k8s.api.core.v1.Pod', pod({ containers: { name: 'c' } }), [['spec.containers', 'array']]],
  ['list where an object is required', 'io.k8s.api.core.v1.Pod', pod({ securityContext: [] }), [['spec.securityContext', 'object']]],
  ['string in a nested list', 'io.k8s.api.core.v1.Pod', pod({ containers: [{ name: 'c', ports: [{ containerPort: '80' }] }] }),
    [['spec.containers[0].ports[0].containerPort', 'integer']]],
  ['number in a list of strings', 'io.k8s.api.core.v1.Pod', pod({ containers: [{ name: 'c', args: ['a', 2] }] }), [['spec.containers[0].args[1]', 'string']]],
  ['number as a label value', 'io.k8s.api.core.v1.Pod', pod({}, { metadata: { labels: { a: 1 } } }), [['metadata.labels.a', 'string']]],
  ['boolean as int-or-string', 'io.k8s.api.core.v1.Service', { spec: { ports: [{ port: 80, targetPort: true }] } },
    [['spec.ports[0].targetPort', 'integer or string']]],
  ['integer and string as int-or-string', 'io.k8s.api.core.v1.Service', { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 81, targetPort: 'web' }] } }, []],
  ['quantities as strings and numbers', 'io.k8s.api.core.v1.Pod', pod({ containers: [{ name: 'c', resources: { limits: { cpu: 0.5, memory: '1Gi' } } }] }), []],
  ['an object as a quantity', 'io.k8s.api.core.v1.Pod', pod({ containers: [{ name: 'c', resources: { limits: { cpu: {} } } }] }),
    [['spec.containers[0].resources.limits.cpu', 'string or number']]],
  ['a malformed quantity', 'io.k8s.api.core.v1.Pod', pod({ containers: [{ name: 'c', resources: { requests: { cpu: 'lots' } } }] }),
    [['spec.containers[0].resources.requests.cpu', 'quantity']]],
  ['int32 out of range', 'io.k8s.api.apps.v1.Deployment', { spec: { replicas: 3000000000 } }, [['spec.replicas', 'int32']]],
  ['int64 in range', 'io.k8s.api.core.v1.Pod', pod({ activeDeadlineSeconds: 3000000000 }), []],
  ['invalid base64 in Secret data', 'io.k8s.api.core.v1.Secret', { data: { ok: 'aGk=', bad: 'not base64!' } }, [['data.bad', 'byte']]],
  ['a malformed timestamp', 'io.k8s.api.core.v1.Pod', pod({}, { metadata: { creationTimestamp: 'yesterday' } }), [['metadata.creationTimestamp', 'date-time']]],
  ['a valid timestamp', 'io.k8s.api.core.v1.Pod', pod({}, { metadata: { creationTimestamp: '2024-05-01T10:00:00Z' } }), []],
  ['null is accepted anywhere', 'io.k8s.api.core.v1.Pod', pod({ containers: null, nodeSelector: null }, { metadata: null }), []],
  ['RawExtension takes any value', 'io.k8s.api.apps.v1.ControllerRevision', { revision: 1, data: { x: [1, 'a', true] } }, []],
  ['string at the root of a custom resource field', WIDGET, widget({ size: 'big', steps: [{ args: [1] }] }),
    [['spec.size', 'integer'], ['spec.steps[0].args[0]', 'string']]],
  ['int-or-string in a custom resource', WIDGET, widget({ port: 1.5 }), [['spec.port', 'integer or string']]],
  ['wrong type in a map value object', WIDGET, widget({ backends: { blue: { weight: 'heavy' } } }), [['spec.backends.blue.weight', 'integer']]],
  ['anything in a preserved field', WIDGET, widget({ anything: 'x', free: { y: 1 } }), []],
];

describe('typeErrors', () => {
  for (const [name, definition, obj, expected] of typeCases) {
    it(name, () => {
      const errors = typeErrors(obj, definition, registry);
      assert.deepEqual(errors.map((e) => [e.path, e.expected]), expected);
      for (const e of errors) assert.ok(e.message.startsWith(`${e.path}: Invalid value: `), e.message);
    });
  }

  it('words messages as kube-apiserver does for schema type errors', () => {
    const [error] = typeErrors({ spec: { replicas: 'two' } }, 'io.k8s.api.apps.v1.Deployment', registry);
    assert.equal(error?.message, 'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"');
  });
});

const pruneCases: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ['keeps a valid object', widget({ size: 1, labels: { a: 'b' } }), widget({ size: 1, labels: { a: 'b' } })],
  ['drops unknown fields at every level', widget({ size: 1, extra: 1, steps: [{ name: 'a', run: 'x' }] }, { status: {} }),
    widget({ size: 1, steps: [{ name: 'a' }] })],
  ['prunes inside map values', widget({ backends: { blue: { weight: 1, colour: 'x' } } }), widget({ backends: { blue: { weight: 1 } } })],
  ['keeps undeclared members of preserved objects, prunes declared ones', widget({ free: { any: { x: 1 }, known: { a: 'y', b: 2 } }, anything: { deep: [1] } }),
    widget({ free: { any: { x: 1 }, known: { a: 'y' } }, anything: { deep: [1] } })],
  ['keeps embedded resource type fields', widget({ template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { x: 'y', z: 1 } } }),
    widget({ template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { x: 'y' } } })],
  ['prunes metadata to ObjectMeta', widget({}, { metadata: { name: 'w', labels: { a: 'b' }, nope: 1 } }), widget({}, { metadata: { name: 'w', labels: { a: 'b' } } })],
  ['empties an object without properties', widget({ empty: { a: 1 } }), widget({ empty: {} })],
  ['keeps wrong-typed values as they are', widget({ steps: 'x', size: { a: 1 } }), widget({ steps: 'x', size: { a: 1 } })],
];

describe('prune', () => {
  const schema = registry.definition(WIDGET) ?? {};
  for (const [name, input, expected] of pruneCases) {
    it(name, () => {
      const before = structuredClone(input);
      assert.deepEqual(prune(input, schema, registry), expected);
      assert.deepEqual(input, before, 'input must not change');
    });
  }

  it('removes exactly what unknownFields reports', () => {
    for (const [, , obj] of unknownCases.filter(([, definition]) => definition === WIDGET)) {
      const pruned = prune(obj, schema, registry);
      assert.deepEqual(unknownFields(pruned, WIDGET, registry), []);
      assert.equal(unknownFields(obj, WIDGET, registry).length > 0, JSON.stringify(pruned) !== JSON.stringify(obj));
    }
  });

  it('keeps undeclared apiVersion/kind/metadata of a resource root unless told otherwise', () => {
    const bare: SchemaNode = { type: 'object', properties: { spec: { type: 'object', properties: {} } } };
    const obj = { apiVersion: 'v', kind: 'K', metadata: { a: 1 }, spec: { b: 1 } };
    assert.deepEqual(prune(obj, bare, registry), { apiVersion: 'v', kind: 'K', metadata: { a: 1 }, spec: {} });
    assert.deepEqual(prune(obj, bare, registry, { resourceRoot: false }), { spec: {} });
  });
});
