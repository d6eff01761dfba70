// $patch (replace/delete on maps and list elements), $retainKeys, and directives inside values the
// document does not have yet.

import { describe } from 'node:test';

import { strategicCases } from '../testing/cases.js';
import type { StrategicCase } from '../testing/cases.js';

const cases: StrategicCase[] = [
  {
    name: 'map-replace-directive',
    kind: 'Pod',
    doc: { metadata: { name: 'p', labels: { a: '1', b: '2' } }, spec: {} },
    patch: { metadata: { labels: { '$patch': 'replace', c: '3' } } },
    want: { metadata: { labels: { c: '3' }, name: 'p' }, spec: {} },
  },
  {
    name: 'map-replace-keeps-nulls',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a:1', resources: { limits: { cpu: '1' } } }] },
    },
    patch: {
      spec: {
        containers: [{ name: 'a', resources: { '$patch': 'replace', requests: { cpu: '2' }, limits: null } }],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ image: 'a:1', name: 'a', resources: { limits: null, requests: { cpu: '2' } } }],
      },
    },
  },
  {
    name: 'map-delete-directive',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a:1' }], affinity: { nodeAffinity: {} } },
    },
    patch: { spec: { affinity: { '$patch': 'delete' } } },
    want: { metadata: { name: 'p' }, spec: { affinity: {}, containers: [{ image: 'a:1', name: 'a' }] } },
  },
  {
    name: 'map-delete-absent',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { affinity: { '$patch': 'delete' } } },
    want: { metadata: { name: 'p' }, spec: { containers: [{ image: 'a:1', name: 'a' }] } },
  },
  {
    name: 'list-replace-directive',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] },
    },
    patch: {
      spec: {
        containers: [{ '$patch': 'replace' }, { name: 'x', image: 'x:1' }, { name: 'y', image: 'y:1' }],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: { containers: [{ image: 'x:1', name: 'x' }, { image: 'y:1', name: 'y' }] },
    },
  },
  {
    name: 'list-replace-directive-dups',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: {
      spec: {
        containers: [
          { name: 'x', image: 'x:1' },
          { '$patch': 'replace' },
          { name: 'b', image: 'b:1' },
          { name: 'x', image: 'x:2' },
        ],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ image: 'x:1', name: 'x' }, { image: 'x:2', name: 'x' }, { image: 'b:1', name: 'b' }],
      },
    },
  },
  {
    name: 'list-delete-missing',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { containers: [{ '$patch': 'delete', name: 'zz' }] } },
    want: { metadata: { name: 'p' }, spec: { containers: [{ image: 'a:1', name: 'a' }] } },
  },
  {
    name: 'list-delete-and-add-same',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] },
    },
    patch: { spec: { containers: [{ '$patch': 'delete', name: 'a' }, { name: 'a', image: 'new' }] } },
    want: {
      metadata: { name: 'p' },
      spec: { containers: [{ image: 'new', name: 'a' }, { image: 'b:1', name: 'b' }] },
    },
  },
  {
    name: 'retainkeys-deployment-strategy',
    kind: 'Deployment',
    doc: {
      metadata: { name: 'd' },
      spec: { replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
    },
    patch: { spec: { strategy: { '$retainKeys': ['type'], type: 'Recreate' } } },
    want: { metadata: { name: 'd' }, spec: { replicas: 1, strategy: { type: 'Recreate' } } },
  },
  {
    name: 'retainkeys-with-null',
    kind: 'Deployment',
    doc: {
      metadata: { name: 'd' },
      spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
    },
    patch: { spec: { strategy: { '$retainKeys': ['type'], type: 'Recreate', rollingUpdate: null } } },
    want: { metadata: { name: 'd' }, spec: { strategy: { type: 'Recreate' } } },
  },
  {
    name: 'retainkeys-volume',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: { volumes: [{ name: 'v', hostPath: { path: '/x' } }, { name: 'w', emptyDir: {} }] },
    },
    patch: {
      spec: {
        '$setElementOrder/volumes': [{ name: 'v' }, { name: 'w' }],
        volumes: [{ '$retainKeys': ['emptyDir', 'name'], emptyDir: { medium: 'Memory' }, name: 'v' }],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: { volumes: [{ emptyDir: { medium: 'Memory' }, name: 'v' }, { emptyDir: {}, name: 'w' }] },
    },
  },
  {
    name: 'retainkeys-absent-target',
    kind: 'Deployment',
    doc: { metadata: { name: 'd' }, spec: { replicas: 1 } },
    patch: { spec: { strategy: { '$retainKeys': ['type'], type: 'Recreate' } } },
    want: {
      metadata: { name: 'd' },
      spec: { replicas: 1, strategy: { '$retainKeys': ['type'], type: 'Recreate' } },
    },
  },
  {
    name: 'new-field-nulls-and-directives',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: {
      spec: {
        affinity: { nodeAffinity: null, podAffinity: { '$patch': 'delete' }, x: { y: null, z: 1 } },
        hostAliases: [{ ip: '1.1.1.1', hostnames: null }, { '$patch': 'delete', ip: '2' }, null],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: {
        affinity: { x: { z: 1 } },
        containers: [{ image: 'a:1', name: 'a' }],
        hostAliases: [{ ip: '1.1.1.1' }, null],
      },
    },
  },
  {
    name: 'new-list-with-order-directive',
    kind: 'Deployment',
    doc: { metadata: { name: 'd' }, spec: { replicas: 1 } },
    patch: {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'a' }],
            containers: [{ name: 'a', image: 'a:1', env: [{ name: 'X', value: null }] }],
          },
        },
      },
    },
    want: {
      metadata: { name: 'd' },
      spec: {
        replicas: 1,
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'a' }],
            containers: [{ env: [{ name: 'X' }], image: 'a:1', name: 'a' }],
          },
        },
      },
    },
  },
  {
    name: 'unknown-dollar-key',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: {} },
    patch: { metadata: { '$foo': 'bar' } },
    want: { metadata: { '$foo': 'bar', name: 'p' }, spec: {} },
  },
  {
    name: 'patch-directive-in-new-list-elem',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: {} },
    patch: { spec: { containers: [{ '$patch': 'delete', name: 'a' }, { name: 'b', image: 'b:1' }] } },
    want: { metadata: { name: 'p' }, spec: { containers: [{ image: 'b:1', name: 'b' }] } },
  },
  {
    name: 'retain-keys-nested-in-new',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: {} },
    patch: { spec: { volumes: [{ '$retainKeys': ['name'], name: 'v' }] } },
    want: { metadata: { name: 'p' }, spec: { volumes: [{ '$retainKeys': ['name'], name: 'v' }] } },
  },
  {
    name: 'retainkeys-top',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: { '$retainKeys': ['metadata', 'kind', 'apiVersion'] },
    want: { metadata: { name: 'p' } },
  },
];

describe('strategic merge patch: directives', () => {
  strategicCases(cases);
});
