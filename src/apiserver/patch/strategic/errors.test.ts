// Patches kube-apiserver refuses, with its status code and message: 400 for malformed directives,
// 422 for lists of lists, and 500 (no reason) for the plain Go errors it lets through.

import { describe } from 'node:test';

import { strategicCases } from '../testing/cases.js';
import type { StrategicCase } from '../testing/cases.js';

const cases: StrategicCase[] = [
  {
    name: 'map-merge-directive-error',
    kind: 'Pod',
    doc: { metadata: { name: 'p', labels: { a: '1' } }, spec: {} },
    patch: { metadata: { labels: { '$patch': 'merge', b: '1' } } },
    error: [500, 'unknown patch type: merge in map: map[$patch:merge b:1]'],
  },
  {
    name: 'map-bad-directive',
    kind: 'Pod',
    doc: { metadata: { name: 'p', labels: { a: '1' } }, spec: {} },
    patch: { metadata: { labels: { '$patch': 'foo', b: '1' } } },
    error: [500, 'unknown patch type: foo in map: map[$patch:foo b:1]'],
  },
  {
    name: 'map-bad-directive-number',
    kind: 'Pod',
    doc: { metadata: { name: 'p', labels: { a: '1' } }, spec: {} },
    patch: { metadata: { labels: { '$patch': 1 } } },
    error: [500, 'unknown patch type: %!s(int64=1) in map: map[$patch:1]'],
  },
  {
    name: 'list-merge-directive-error',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { containers: [{ '$patch': 'merge' }, { name: 'x', image: 'x:1' }] } },
    error: [500, 'merging lists cannot yet be specified in the patch'],
  },
  {
    name: 'list-bad-directive',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { containers: [{ '$patch': 'zap', name: 'a' }] } },
    error: [500, 'unknown patch type: zap in map: map[$patch:zap name:a]'],
  },
  {
    name: 'list-delete-no-key',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { containers: [{ '$patch': 'delete' }] } },
    error: [500, 'map: map[$patch:delete] does not contain declared merge key: name'],
  },
  {
    name: 'missing-merge-key',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { containers: [{ image: 'x' }] } },
    error: [500, 'map: map[image:x] does not contain declared merge key: name'],
  },
  {
    name: 'retainkeys-unlisted-field',
    kind: 'Deployment',
    doc: { metadata: { name: 'd' }, spec: { strategy: { type: 'RollingUpdate' } } },
    patch: { spec: { strategy: { '$retainKeys': ['type'], rollingUpdate: { maxSurge: 2 } } } },
    error: [400, 'invalid patch format of retainKeys'],
  },
  {
    name: 'retainkeys-not-list',
    kind: 'Deployment',
    doc: { metadata: { name: 'd' }, spec: { strategy: { type: 'RollingUpdate' } } },
    patch: { spec: { strategy: { '$retainKeys': 'type' } } },
    error: [400, 'invalid patch format of retainKeys'],
  },
  {
    name: 'list-of-lists',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a'] }, spec: {} },
    patch: { metadata: { finalizers: [['x']] } },
    error: [500, 'list element types are not identical: [[a] [[x]]]'],
  },
  {
    name: 'mixed-element-types',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a'] }, spec: {} },
    patch: { metadata: { finalizers: [1] } },
    error: [500, 'list element types are not identical: [[a] [1]]'],
  },
  {
    name: 'scalars-in-map-merge-list',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: ['a'] } },
    patch: { spec: { containers: ['b'] } },
    error: [500, 'expected a map[string]interface {}, but received a string'],
  },
  {
    name: 'order-mismatch',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] },
    },
    patch: {
      spec: {
        '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }],
        containers: [{ name: 'b', image: 'b:1' }, { name: 'a', image: 'a:1' }],
      },
    },
    error: [500, "The order in patch list:\n[map[image:b:1 name:b] map[image:a:1 name:a]]\n doesn't match $setElementOrder list:\n[map[name:a] map[name:b]]\n"],
  },
  {
    name: 'order-missing-item',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] },
    },
    patch: {
      spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'z', image: 'z:1' }] },
    },
    error: [500, "The order in patch list:\n[map[image:z:1 name:z]]\n doesn't match $setElementOrder list:\n[map[name:a]]\n"],
  },
  {
    name: 'order-not-list',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { '$setElementOrder/containers': 'a' } },
    error: [500, 'expected a []interface {}, but received a string'],
  },
  {
    name: 'order-bad-prefix',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { '$setElementOrderX/containers': [] } },
    error: [400, 'invalid patch format of setElementOrder list'],
  },
  {
    name: 'order-no-slash',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { '$setElementOrder': [] } },
    error: [400, 'invalid patch format of setElementOrder list'],
  },
  {
    name: 'delete-list-no-slash',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a'] }, spec: {} },
    patch: { metadata: { '$deleteFromPrimitiveListfinalizers': ['a'] } },
    error: [400, 'invalid patch format of primitive list'],
  },
  {
    name: 'order-empty-original',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { initContainers: [] } },
    patch: { spec: { '$setElementOrder/initContainers': [] } },
    error: [500, 'no elements in any of the given slices'],
  },
  {
    name: 'order-original-not-list',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { initContainers: 'x' } },
    patch: { spec: { '$setElementOrder/initContainers': [] } },
    error: [500, 'expected a []interface {}, but received a string'],
  },
  {
    name: 'order-item-missing-key',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: {
      spec: {
        '$setElementOrder/containers': [{ image: 'a' }],
        containers: [{ name: 'a', image: 'a:1' }],
      },
    },
    error: [500, 'map: map[image:a] does not contain declared merge key: name'],
  },
  {
    name: 'order-new-list',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: {} },
    patch: {
      spec: {
        '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
        containers: [
          { name: 'a', image: 'a:1' },
          { '$patch': 'delete', name: 'x' },
          { name: 'b', image: 'b:1' },
        ],
      },
    },
    error: [500, "The order in patch list:\n[map[image:a:1 name:a] map[$patch:delete name:x] map[image:b:1 name:b]]\n doesn't match $setElementOrder list:\n[map[name:b] map[name:a]]\n"],
  },
  {
    name: 'null-patch-value-for-absent-list-elem',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { containers: [null] } },
    error: [500, 'list element types are not identical: [[map[image:a:1 name:a]] [<nil>]]'],
  },
  {
    name: 'null-element-in-list',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a'] }, spec: {} },
    patch: { metadata: { finalizers: ['b', null] } },
    error: [500, 'list element types are not identical: [[a] [b <nil>]]'],
  },
  {
    name: 'order-scalar-items',
    kind: 'Pod',
    doc: { spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: { spec: { '$setElementOrder/containers': ['a'], containers: [{ name: 'a', image: 'a' }] } },
    error: [500, 'expected a map[string]interface {}, but received a string'],
  },
  {
    name: 'order-scalar-items-no-patch-list',
    kind: 'Pod',
    doc: { spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: { spec: { '$setElementOrder/containers': ['a'] } },
    error: [500, 'value for key 0 is not a map'],
  },
  {
    name: 'order-map-after-match',
    kind: 'Pod',
    doc: { spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: { spec: { '$setElementOrder/containers': [{ name: 'a' }, 'x'] } },
    error: [500, 'expected a map[string]interface {}, but received a string'],
  },
  {
    name: 'original-elem-no-key',
    kind: 'Pod',
    doc: { spec: { containers: [{ image: 'x' }] } },
    patch: { spec: { containers: [{ name: 'a', image: 'a' }] } },
    error: [500, 'map: map[image:x] does not contain declared merge key: name'],
  },
];

describe('strategic merge patch: errors kube reports', () => {
  strategicCases(cases);
});
