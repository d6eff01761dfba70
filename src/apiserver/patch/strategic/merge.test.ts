// Merging by merge key, primitive merge lists (finalizers), atomic lists, element order, nulls and
// type changes.

import { describe } from 'node:test';

import { strategicCases } from '../testing/cases.js';
import type { StrategicCase } from '../testing/cases.js';

const cases: StrategicCase[] = [
  {
    name: 'plain-add-container-prepends',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] },
    },
    patch: { spec: { containers: [{ name: 'z', image: 'z:1' }] } },
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ image: 'z:1', name: 'z' }, { image: 'a:1', name: 'a' }, { image: 'b:1', name: 'b' }],
      },
    },
  },
  {
    name: 'plain-merge-and-add',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }, { name: 'c', image: 'c:1' }],
      },
    },
    patch: {
      spec: {
        containers: [{ name: 'c', image: 'c:2' }, { name: 'n', image: 'n:1' }, { name: 'a', image: 'a:2' }],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          { image: 'b:1', name: 'b' },
          { image: 'c:2', name: 'c' },
          { image: 'n:1', name: 'n' },
          { image: 'a:2', name: 'a' },
        ],
      },
    },
  },
  {
    name: 'finalizers-union',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a', 'b'] }, spec: {} },
    patch: { metadata: { finalizers: ['c', 'b', 'c'] } },
    want: { metadata: { finalizers: ['c', 'a', 'b'], name: 'p' }, spec: {} },
  },
  {
    name: 'finalizers-existing',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a', 'b', 'c'] }, spec: {} },
    patch: { metadata: { finalizers: ['c', 'a'] } },
    want: { metadata: { finalizers: ['b', 'c', 'a'], name: 'p' }, spec: {} },
  },
  {
    name: 'finalizers-absent',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: {} },
    patch: { metadata: { finalizers: ['x', 'x'] } },
    want: { metadata: { finalizers: ['x', 'x'], name: 'p' }, spec: {} },
  },
  {
    name: 'finalizers-delete',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a', 'b', 'a', 'c'] }, spec: {} },
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['a', 'zz'] } },
    want: { metadata: { finalizers: ['b', 'c'], name: 'p' }, spec: {} },
  },
  {
    name: 'finalizers-delete-and-add',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a', 'b'] }, spec: {} },
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], finalizers: ['c'] } },
    want: { metadata: { finalizers: ['c', 'b'], name: 'p' }, spec: {} },
  },
  {
    name: 'finalizers-apply-order',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a', 'b', 'c'] }, spec: {} },
    patch: {
      metadata: {
        '$setElementOrder/finalizers': ['c', 'd', 'a'],
        '$deleteFromPrimitiveList/finalizers': ['b'],
        finalizers: ['d'],
      },
    },
    want: { metadata: { finalizers: ['c', 'd', 'a'], name: 'p' }, spec: {} },
  },
  {
    name: 'finalizers-order-only',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a', 'b', 'c'] }, spec: {} },
    patch: { metadata: { '$setElementOrder/finalizers': ['c', 'a'] } },
    want: { metadata: { finalizers: ['b', 'c', 'a'], name: 'p' }, spec: {} },
  },
  {
    name: 'finalizers-delete-absent',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: {} },
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } },
    want: { metadata: { name: 'p' }, spec: {} },
  },
  {
    name: 'finalizers-delete-null',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a'] }, spec: {} },
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': null } },
    want: { metadata: { name: 'p' }, spec: {} },
  },
  {
    name: 'finalizers-null',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a'] }, spec: {} },
    patch: { metadata: { finalizers: null } },
    want: { metadata: { name: 'p' }, spec: {} },
  },
  {
    name: 'finalizers-empty',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a'] }, spec: {} },
    patch: { metadata: { finalizers: [] } },
    want: { metadata: { finalizers: ['a'], name: 'p' }, spec: {} },
  },
  {
    name: 'ownerrefs-merge',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p', ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u1' }] },
      spec: {},
    },
    patch: {
      metadata: {
        ownerReferences: [{ apiVersion: 'v1', kind: 'Y', name: 'y', uid: 'u2' }, { uid: 'u1', controller: true }],
      },
    },
    want: {
      metadata: {
        name: 'p',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Y', name: 'y', uid: 'u2' },
          { apiVersion: 'v1', controller: true, kind: 'X', name: 'x', uid: 'u1' },
        ],
      },
      spec: {},
    },
  },
  {
    name: 'ownerrefs-delete',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p', ownerReferences: [{ name: 'x', uid: 'u1' }, { name: 'y', uid: 'u2' }] },
      spec: {},
    },
    patch: { metadata: { ownerReferences: [{ '$patch': 'delete', uid: 'u1' }] } },
    want: { metadata: { name: 'p', ownerReferences: [{ name: 'y', uid: 'u2' }] }, spec: {} },
  },
  {
    name: 'tolerations-atomic',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { tolerations: [{ key: 'a', operator: 'Exists' }] } },
    patch: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } },
    want: { metadata: { name: 'p' }, spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } },
  },
  {
    name: 'args-atomic',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a:1', args: ['x', 'y'] }] },
    },
    patch: { spec: { containers: [{ name: 'a', args: ['z'] }] } },
    want: { metadata: { name: 'p' }, spec: { containers: [{ args: ['z'], image: 'a:1', name: 'a' }] } },
  },
  {
    name: 'atomic-list-keeps-directives',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { tolerations: [{ key: 'a' }] } },
    patch: { spec: { tolerations: [{ key: 'b', '$patch': 'delete' }, { key: 'c', value: null }] } },
    want: {
      metadata: { name: 'p' },
      spec: { tolerations: [{ '$patch': 'delete', key: 'b' }, { key: 'c', value: null }] },
    },
  },
  {
    name: 'null-nested-and-absent',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'a', image: 'a:1', resources: { limits: { cpu: '1', memory: '1Gi' } } }],
      },
    },
    patch: {
      spec: {
        containers: [{ name: 'a', resources: { limits: { cpu: null, gpu: null } }, workingDir: null }],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: { containers: [{ image: 'a:1', name: 'a', resources: { limits: { memory: '1Gi' } } }] },
    },
  },
  {
    name: 'new-container-keeps-nulls',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: {
      spec: {
        containers: [{ name: 'b', image: 'b', resources: null, env: [{ name: 'E', value: null }] }],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          { env: [{ name: 'E', value: null }], image: 'b', name: 'b', resources: null },
          { image: 'a:1', name: 'a' },
        ],
      },
    },
  },
  {
    name: 'type-mismatch-map-to-scalar',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p', labels: { a: '1' } },
      spec: { containers: [{ name: 'a', image: 'a:1' }] },
    },
    patch: { metadata: { labels: 'x' } },
    want: { metadata: { labels: 'x', name: 'p' }, spec: { containers: [{ image: 'a:1', name: 'a' }] } },
  },
  {
    name: 'type-mismatch-scalar-to-map',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { restartPolicy: 'Always' } },
    patch: { spec: { restartPolicy: { a: 1, b: null, c: { '$patch': 'delete' } } } },
    want: { metadata: { name: 'p' }, spec: { restartPolicy: { a: 1 } } },
  },
  {
    name: 'type-mismatch-list-to-map',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { containers: { name: 'x' } } },
    want: { metadata: { name: 'p' }, spec: { containers: { name: 'x' } } },
  },
  {
    name: 'ports-merge',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'a',
            image: 'a:1',
            ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }],
          },
        ],
      },
    },
    patch: {
      spec: {
        containers: [{ name: 'a', ports: [{ containerPort: 443, name: 'https' }, { containerPort: 8080 }] }],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            image: 'a:1',
            name: 'a',
            ports: [
              { containerPort: 80, name: 'http' },
              { containerPort: 443, name: 'https' },
              { containerPort: 8080 },
            ],
          },
        ],
      },
    },
  },
  {
    name: 'order-reorders-server-items',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          { name: 'a', image: 'a:1' },
          { name: 'b', image: 'b:1' },
          { name: 'c', image: 'c:1' },
          { name: 'd', image: 'd:1' },
        ],
      },
    },
    patch: { spec: { '$setElementOrder/containers': [{ name: 'd' }, { name: 'b' }] } },
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          { image: 'a:1', name: 'a' },
          { image: 'c:1', name: 'c' },
          { image: 'd:1', name: 'd' },
          { image: 'b:1', name: 'b' },
        ],
      },
    },
  },
  {
    name: 'order-with-new-and-server-only',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }, { name: 'c', image: 'c:1' }],
      },
    },
    patch: {
      spec: {
        '$setElementOrder/containers': [{ name: 'c' }, { name: 'n' }, { name: 'a' }],
        containers: [{ name: 'n', image: 'n:1' }],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          { image: 'b:1', name: 'b' },
          { image: 'c:1', name: 'c' },
          { image: 'n:1', name: 'n' },
          { image: 'a:1', name: 'a' },
        ],
      },
    },
  },
  {
    name: 'order-neither-present',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { '$setElementOrder/initContainers': [{ name: 'a' }] } },
    want: { metadata: { name: 'p' }, spec: { containers: [{ image: 'a:1', name: 'a' }] } },
  },
  {
    name: 'order-atomic-list',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a:1', args: ['1', '2'] }] },
    },
    patch: {
      spec: { containers: [{ name: 'a', '$setElementOrder/args': ['3', '1'], args: ['3', '1'] }] },
    },
    want: {
      metadata: { name: 'p' },
      spec: { containers: [{ args: ['3', '1'], image: 'a:1', name: 'a' }] },
    },
  },
  {
    name: 'nodeselector-merges',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { nodeSelector: { a: '1' } } },
    patch: { spec: { nodeSelector: { b: '2' } } },
    want: { metadata: { name: 'p' }, spec: { nodeSelector: { a: '1', b: '2' } } },
  },
  {
    name: 'empty-merge-list',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { containers: [] } },
    want: { metadata: { name: 'p' }, spec: { containers: [{ image: 'a:1', name: 'a' }] } },
  },
  {
    name: 'duplicate-keys-in-patch',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: {
      spec: {
        containers: [{ name: 'n', image: '1' }, { name: 'a', image: '2' }, { name: 'n', workingDir: '/w' }],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: { containers: [{ image: '1', name: 'n', workingDir: '/w' }, { image: '2', name: 'a' }] },
    },
  },
  {
    name: 'delete-list-on-map-list',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
    patch: { spec: { '$deleteFromPrimitiveList/containers': [{ name: 'a', image: 'z' }] } },
    want: { metadata: { name: 'p' }, spec: { containers: [{ image: 'z', name: 'a' }] } },
  },
  {
    name: 'delete-list-on-map',
    kind: 'Pod',
    doc: { metadata: { name: 'p', labels: { a: '1' } }, spec: {} },
    patch: { metadata: { '$deleteFromPrimitiveList/labels': { b: '2' } } },
    want: { metadata: { labels: { a: '1', b: '2' }, name: 'p' }, spec: {} },
  },
  {
    name: 'delete-list-on-scalar',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { restartPolicy: 'Always' } },
    patch: { spec: { '$deleteFromPrimitiveList/restartPolicy': 'Never' } },
    want: { metadata: { name: 'p' }, spec: { restartPolicy: 'Never' } },
  },
  {
    name: 'delete-list-type-mismatch',
    kind: 'Pod',
    doc: { metadata: { name: 'p', finalizers: ['a'] }, spec: {} },
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } },
    want: { metadata: { finalizers: ['a'], name: 'p' }, spec: {} },
  },
  {
    name: 'int-merge-key-mismatch-type',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a:1', ports: [{ containerPort: 80 }] }] },
    },
    patch: { spec: { containers: [{ name: 'a', ports: [{ containerPort: '80' }] }] } },
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ image: 'a:1', name: 'a', ports: [{ containerPort: '80' }, { containerPort: 80 }] }],
      },
    },
  },
  {
    name: 'large-order',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          { name: 'c0', image: 'c0:1' },
          { name: 'c1', image: 'c1:1' },
          { name: 'c2', image: 'c2:1' },
          { name: 'c3', image: 'c3:1' },
          { name: 'c4', image: 'c4:1' },
          { name: 'c5', image: 'c5:1' },
          { name: 'c6', image: 'c6:1' },
          { name: 'c7', image: 'c7:1' },
          { name: 'c8', image: 'c8:1' },
          { name: 'c9', image: 'c9:1' },
          { name: 'c10', image: 'c10:1' },
          { name: 'c11', image: 'c11:1' },
          { name: 'c12', image: 'c12:1' },
          { name: 'c13', image: 'c13:1' },
          { name: 'c14', image: 'c14:1' },
          { name: 'c15', image: 'c15:1' },
          { name: 'c16', image: 'c16:1' },
          { name: 'c17', image: 'c17:1' },
          { name: 'c18', image: 'c18:1' },
          { name: 'c19', image: 'c19:1' },
          { name: 'c20', image: 'c20:1' },
          { name: 'c21', image: 'c21:1' },
          { name: 'c22', image: 'c22:1' },
          { name: 'c23', image: 'c23:1' },
          { name: 'c24', image: 'c24:1' },
          { name: 'c25', image: 'c25:1' },
          { name: 'c26', image: 'c26:1' },
          { name: 'c27', image: 'c27:1' },
          { name: 'c28', image: 'c28:1' },
          { name: 'c29', image: 'c29:1' },
        ],
      },
    },
    patch: {
      spec: {
        '$setElementOrder/containers': [
          { name: 'c0' },
          { name: 'c7' },
          { name: 'c14' },
          { name: 'c21' },
          { name: 'c28' },
          { name: 'c4' },
          { name: 'c11' },
          { name: 'c18' },
          { name: 'c25' },
          { name: 'c1' },
          { name: 'c8' },
          { name: 'c15' },
          { name: 'c22' },
          { name: 'c29' },
          { name: 'c5' },
          { name: 'c12' },
          { name: 'c19' },
          { name: 'c26' },
          { name: 'c2' },
          { name: 'c9' },
          { name: 'c16' },
          { name: 'c23' },
          { name: 'c30' },
          { name: 'c6' },
          { name: 'c13' },
          { name: 'c20' },
          { name: 'c27' },
          { name: 'c3' },
          { name: 'c10' },
          { name: 'c17' },
          { name: 'c24' },
        ],
        containers: [{ name: 'c30', image: 'c30:1' }],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          { image: 'c0:1', name: 'c0' },
          { image: 'c7:1', name: 'c7' },
          { image: 'c14:1', name: 'c14' },
          { image: 'c21:1', name: 'c21' },
          { image: 'c28:1', name: 'c28' },
          { image: 'c4:1', name: 'c4' },
          { image: 'c11:1', name: 'c11' },
          { image: 'c18:1', name: 'c18' },
          { image: 'c25:1', name: 'c25' },
          { image: 'c1:1', name: 'c1' },
          { image: 'c8:1', name: 'c8' },
          { image: 'c15:1', name: 'c15' },
          { image: 'c22:1', name: 'c22' },
          { image: 'c29:1', name: 'c29' },
          { image: 'c5:1', name: 'c5' },
          { image: 'c12:1', name: 'c12' },
          { image: 'c19:1', name: 'c19' },
          { image: 'c26:1', name: 'c26' },
          { image: 'c2:1', name: 'c2' },
          { image: 'c9:1', name: 'c9' },
          { image: 'c16:1', name: 'c16' },
          { image: 'c23:1', name: 'c23' },
          { image: 'c30:1', name: 'c30' },
          { image: 'c6:1', name: 'c6' },
          { image: 'c13:1', name: 'c13' },
          { image: 'c20:1', name: 'c20' },
          { image: 'c27:1', name: 'c27' },
          { image: 'c3:1', name: 'c3' },
          { image: 'c10:1', name: 'c10' },
          { image: 'c17:1', name: 'c17' },
          { image: 'c24:1', name: 'c24' },
        ],
      },
    },
  },
  {
    name: 'imagepullsecrets',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: { imagePullSecrets: [{ name: 'a' }] } },
    patch: { spec: { imagePullSecrets: [{ name: 'b' }] } },
    want: { metadata: { name: 'p' }, spec: { imagePullSecrets: [{ name: 'b' }, { name: 'a' }] } },
  },
  {
    name: 'missing-merge-key-absent-list',
    kind: 'Pod',
    doc: { metadata: { name: 'p' }, spec: {} },
    patch: { spec: { containers: [{ image: 'x' }] } },
    want: { metadata: { name: 'p' }, spec: { containers: [{ image: 'x' }] } },
  },
  {
    name: 'patch-null-key-value',
    kind: 'Pod',
    doc: { spec: { containers: [{ name: 'a', image: 'a' }] } },
    patch: { spec: { containers: [{ name: null, image: 'z' }] } },
    want: { spec: { containers: [{ image: 'z', name: null }, { image: 'a', name: 'a' }] } },
  },
  {
    name: 'nested-order-in-merged-elem',
    kind: 'Deployment',
    doc: {
      spec: {
        template: {
          spec: { containers: [{ name: 'a', ports: [{ containerPort: 1 }, { containerPort: 2 }] }] },
        },
      },
    },
    patch: {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'a',
                '$setElementOrder/ports': [{ containerPort: 2 }, { containerPort: 3 }, { containerPort: 1 }],
                ports: [{ containerPort: 3, name: 'x' }],
              },
            ],
          },
        },
      },
    },
    want: {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'a',
                ports: [{ containerPort: 2 }, { containerPort: 3, name: 'x' }, { containerPort: 1 }],
              },
            ],
          },
        },
      },
    },
  },
];

describe('strategic merge patch: merging maps and lists', () => {
  strategicCases(cases);
});
