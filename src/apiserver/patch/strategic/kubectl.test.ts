// Strategic merge patches as kubectl 1.32 sends them: apply ($setElementOrder and $patch: delete,
// recorded from a real 'kubectl apply' against a logging server), set image, set env, rollout
// restart, labels and annotations.

import { describe } from 'node:test';

import { strategicCases } from '../testing/cases.js';
import type { StrategicCase } from '../testing/cases.js';

const cases: StrategicCase[] = [
  {
    name: 'kubectl-apply-observed',
    kind: 'Pod',
    doc: {
      metadata: {
        name: 'nginx',
        namespace: 'default',
        labels: { app: 'web', old: 'x' },
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'old' },
      },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.25',
            env: [{ name: 'A', value: '1' }, { name: 'B', value: '1' }],
          },
          { name: 'side', image: 'busybox' },
        ],
      },
    },
    patch: {
      metadata: {
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'new' },
        labels: { new: 'y', old: null },
      },
      spec: {
        '$setElementOrder/containers': [{ name: 'nginx' }],
        containers: [
          {
            '$setElementOrder/env': [{ name: 'C' }, { name: 'B' }],
            env: [
              { name: 'C', value: '3' },
              { name: 'B', value: '2' },
              { '$patch': 'delete', name: 'A' },
            ],
            image: 'nginx:1.26',
            name: 'nginx',
          },
          { '$patch': 'delete', name: 'side' },
        ],
      },
    },
    want: {
      metadata: {
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'new' },
        labels: { app: 'web', new: 'y' },
        name: 'nginx',
        namespace: 'default',
      },
      spec: {
        containers: [
          {
            env: [{ name: 'C', value: '3' }, { name: 'B', value: '2' }],
            image: 'nginx:1.26',
            name: 'nginx',
          },
        ],
      },
    },
  },
  {
    name: 'kubectl-set-env-observed',
    kind: 'Deployment',
    doc: {
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [{ name: 'nginx', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }] }],
          },
        },
      },
    },
    patch: {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }],
            containers: [{ env: [{ name: 'FOO', value: 'bar' }], name: 'nginx' }],
          },
        },
      },
    },
    want: {
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                env: [{ name: 'FOO', value: 'bar' }, { name: 'A', value: '1' }],
                image: 'nginx:1.25',
                name: 'nginx',
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'apply-image',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'old' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
    },
    patch: {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'new' } },
      spec: {
        '$setElementOrder/containers': [{ name: 'nginx' }],
        containers: [{ image: 'nginx:1.26', name: 'nginx' }],
      },
    },
    want: {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'new' }, name: 'p' },
      spec: { containers: [{ image: 'nginx:1.26', name: 'nginx' }] },
    },
  },
  {
    name: 'apply-remove-container',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }, { name: 'c', image: 'c:1' }],
      },
    },
    patch: {
      spec: {
        '$setElementOrder/containers': [{ name: 'a' }, { name: 'c' }],
        containers: [{ '$patch': 'delete', name: 'b' }],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: { containers: [{ image: 'a:1', name: 'a' }, { image: 'c:1', name: 'c' }] },
    },
  },
  {
    name: 'apply-add-container-middle',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'c', image: 'c:1' }] },
    },
    patch: {
      spec: {
        '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
        containers: [{ name: 'b', image: 'b:1' }],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [{ image: 'a:1', name: 'a' }, { image: 'b:1', name: 'b' }, { image: 'c:1', name: 'c' }],
      },
    },
  },
  {
    name: 'apply-env-change',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'app:1',
            env: [{ name: 'A', value: '1' }, { name: 'B', value: '1' }],
          },
        ],
      },
    },
    patch: {
      spec: {
        '$setElementOrder/containers': [{ name: 'app' }],
        containers: [
          {
            '$setElementOrder/env': [{ name: 'A' }, { name: 'B' }],
            env: [{ name: 'B', value: '2' }],
            name: 'app',
          },
        ],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
            image: 'app:1',
            name: 'app',
          },
        ],
      },
    },
  },
  {
    name: 'apply-env-remove-add',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'app:1',
            env: [{ name: 'A', value: '1' }, { name: 'B', value: '1' }],
          },
        ],
      },
    },
    patch: {
      spec: {
        '$setElementOrder/containers': [{ name: 'app' }],
        containers: [
          {
            '$setElementOrder/env': [{ name: 'C' }, { name: 'B' }],
            env: [{ name: 'C', value: '3' }, { '$patch': 'delete', name: 'A' }],
            name: 'app',
          },
        ],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            env: [{ name: 'C', value: '3' }, { name: 'B', value: '1' }],
            image: 'app:1',
            name: 'app',
          },
        ],
      },
    },
  },
  {
    name: 'apply-env-valuefrom',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'app:1',
            env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          },
        ],
      },
    },
    patch: {
      spec: {
        '$setElementOrder/containers': [{ name: 'app' }],
        containers: [
          {
            '$setElementOrder/env': [{ name: 'A' }],
            env: [{ name: 'A', value: 'x', valueFrom: null }],
            name: 'app',
          },
        ],
      },
    },
    want: {
      metadata: { name: 'p' },
      spec: { containers: [{ env: [{ name: 'A', value: 'x' }], image: 'app:1', name: 'app' }] },
    },
  },
  {
    name: 'labels-add-remove',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p', labels: { keep: '1', old: '1' } },
      spec: { containers: [{ name: 'a', image: 'a:1' }] },
    },
    patch: { metadata: { labels: { new: '2', old: null, gone: null } } },
    want: {
      metadata: { labels: { keep: '1', new: '2' }, name: 'p' },
      spec: { containers: [{ image: 'a:1', name: 'a' }] },
    },
  },
  {
    name: 'service-ports',
    kind: 'Service',
    doc: {
      metadata: { name: 's' },
      spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], selector: { app: 'a' } },
    },
    patch: {
      spec: {
        '$setElementOrder/ports': [{ port: 80 }, { port: 443 }],
        ports: [{ port: 443, targetPort: 8443 }],
        selector: { tier: 'web' },
      },
    },
    want: {
      metadata: { name: 's' },
      spec: {
        ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }, { port: 443, targetPort: 8443 }],
        selector: { app: 'a', tier: 'web' },
      },
    },
  },
  {
    name: 'rollout-restart',
    kind: 'Deployment',
    doc: {
      metadata: { name: 'd' },
      spec: {
        template: {
          metadata: { labels: { app: 'a' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1' }] },
        },
      },
    },
    patch: {
      spec: {
        template: {
          metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' } },
        },
      },
    },
    want: {
      metadata: { name: 'd' },
      spec: {
        template: {
          metadata: {
            annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' },
            labels: { app: 'a' },
          },
          spec: { containers: [{ image: 'nginx:1', name: 'nginx' }] },
        },
      },
    },
  },
  {
    name: 'set-image',
    kind: 'Deployment',
    doc: {
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: { containers: [{ name: 'nginx', image: 'nginx:1' }, { name: 'side', image: 'side:1' }] },
        },
      },
    },
    patch: { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } },
    want: {
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [{ image: 'nginx:1.27', name: 'nginx' }, { image: 'side:1', name: 'side' }],
          },
        },
      },
    },
  },
  {
    name: 'status-conditions',
    kind: 'Pod',
    doc: {
      metadata: { name: 'p' },
      status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'Initialized', status: 'True' }] },
    },
    patch: {
      status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }] },
    },
    want: {
      metadata: { name: 'p' },
      status: {
        conditions: [
          { status: 'True', type: 'Ready' },
          { status: 'True', type: 'PodScheduled' },
          { status: 'True', type: 'Initialized' },
        ],
      },
    },
  },
];

describe('strategic merge patch: what kubectl sends', () => {
  strategicCases(cases);
});
