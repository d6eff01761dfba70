import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyDefaults, hasDefaults, prepareForCreate } from './index.js';
import type { Obj } from './util.js';

const g = (group: string, kind: string) => ({ group, version: 'v1', kind });

describe('other groups', () => {
  const table: [string, ReturnType<typeof g>, Obj, Obj][] = [
    [
      'NetworkPolicy ingress only',
      g('networking.k8s.io', 'NetworkPolicy'),
      { spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] } },
      { spec: { podSelector: {}, ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }], policyTypes: ['Ingress'] } },
    ],
    [
      'NetworkPolicy with egress',
      g('networking.k8s.io', 'NetworkPolicy'),
      { spec: { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] } },
      { spec: { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }], policyTypes: ['Ingress', 'Egress'] } },
    ],
    [
      'NetworkPolicy explicit types',
      g('networking.k8s.io', 'NetworkPolicy'),
      { spec: { podSelector: {}, policyTypes: ['Egress'] } },
      { spec: { podSelector: {}, policyTypes: ['Egress'] } },
    ],
    [
      'IngressClass parameters scope',
      g('networking.k8s.io', 'IngressClass'),
      { spec: { controller: 'a.io/b', parameters: { kind: 'K', name: 'n' } } },
      { spec: { controller: 'a.io/b', parameters: { kind: 'K', name: 'n', scope: 'Cluster' } } },
    ],
    ['Ingress has none', g('networking.k8s.io', 'Ingress'), { spec: { defaultBackend: {} } }, { spec: { defaultBackend: {} } }],
    [
      'EndpointSlice ports',
      g('discovery.k8s.io', 'EndpointSlice'),
      { addressType: 'IPv4', ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }] },
      { addressType: 'IPv4', ports: [{ port: 80, name: '', protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }] },
    ],
    [
      'RoleBinding api groups',
      g('rbac.authorization.k8s.io', 'RoleBinding'),
      { roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'u' }, { kind: 'Group', name: 'g' }, { kind: 'ServiceAccount', name: 's', namespace: 'd' }] },
      {
        roleRef: { kind: 'Role', name: 'r', apiGroup: 'rbac.authorization.k8s.io' },
        subjects: [
          { kind: 'User', name: 'u', apiGroup: 'rbac.authorization.k8s.io' },
          { kind: 'Group', name: 'g', apiGroup: 'rbac.authorization.k8s.io' },
          { kind: 'ServiceAccount', name: 's', namespace: 'd' },
        ],
      },
    ],
    [
      'ClusterRoleBinding roleRef',
      g('rbac.authorization.k8s.io', 'ClusterRoleBinding'),
      { roleRef: { kind: 'ClusterRole', name: 'r' } },
      { roleRef: { kind: 'ClusterRole', name: 'r', apiGroup: 'rbac.authorization.k8s.io' } },
    ],
    ['PriorityClass', g('scheduling.k8s.io', 'PriorityClass'), { value: 10 }, { value: 10, preemptionPolicy: 'PreemptLowerPriority' }],
    ['PriorityClass Never', g('scheduling.k8s.io', 'PriorityClass'), { value: 10, preemptionPolicy: 'Never' }, { value: 10, preemptionPolicy: 'Never' }],
    ['StorageClass', g('storage.k8s.io', 'StorageClass'), { provisioner: 'x.io/y' }, { provisioner: 'x.io/y', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' }],
    [
      'CSIDriver',
      g('storage.k8s.io', 'CSIDriver'),
      { spec: {} },
      {
        spec: {
          attachRequired: true,
          podInfoOnMount: false,
          storageCapacity: false,
          fsGroupPolicy: 'ReadWriteOnceWithFSType',
          volumeLifecycleModes: ['Persistent'],
          requiresRepublish: false,
          seLinuxMount: false,
        },
      },
    ],
    [
      'CustomResourceDefinition',
      g('apiextensions.k8s.io', 'CustomResourceDefinition'),
      { spec: { group: 'example.com', names: { plural: 'widgets', kind: 'Widget' }, versions: [{ name: 'v1beta1', storage: false }, { name: 'v1', storage: true }] } },
      {
        spec: {
          group: 'example.com',
          names: { plural: 'widgets', kind: 'Widget', singular: 'widget', listKind: 'WidgetList' },
          versions: [{ name: 'v1beta1', storage: false }, { name: 'v1', storage: true }],
          conversion: { strategy: 'None' },
        },
        status: { storedVersions: ['v1'] },
      },
    ],
    [
      'CustomResourceDefinition webhook port',
      g('apiextensions.k8s.io', 'CustomResourceDefinition'),
      { spec: { names: { kind: 'W', plural: 'ws', singular: 'w', listKind: 'Ws' }, conversion: { strategy: 'Webhook', webhook: { clientConfig: { service: { name: 's', namespace: 'd' } } } } }, status: { storedVersions: ['v1'] } },
      {
        spec: { names: { kind: 'W', plural: 'ws', singular: 'w', listKind: 'Ws' }, conversion: { strategy: 'Webhook', webhook: { clientConfig: { service: { name: 's', namespace: 'd', port: 443 } } } } },
        status: { storedVersions: ['v1'] },
      },
    ],
    ['unknown kind untouched', g('example.com', 'Widget'), { spec: { a: 1 } }, { spec: { a: 1 } }],
  ];
  for (const [name, gvk, obj, want] of table) it(name, () => { assert.deepEqual(applyDefaults(gvk, obj), want); });

  it('hasDefaults', () => {
    assert.ok(hasDefaults('', 'Pod'));
    assert.ok(hasDefaults('apps', 'Deployment'));
    assert.ok(!hasDefaults('', 'ConfigMap'));
    assert.ok(!hasDefaults('example.com', 'Widget'));
  });
});

describe('prepareForCreate', () => {
  it('Pod: admission defaults and status', () => {
    const pod = applyDefaults(g('', 'Pod'), { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x:1' }] } });
    prepareForCreate(g('', 'Pod'), pod);
    const spec = pod.spec as Obj;
    assert.equal(spec.priority, 0);
    assert.equal(spec.serviceAccountName, 'default');
    assert.equal((spec.tolerations as Obj[]).length, 2);
    assert.deepEqual(pod.status, { phase: 'Pending', qosClass: 'BestEffort' });
  });
  it('Pod with scheduling gates gets the SchedulingGated condition', () => {
    const pod = applyDefaults(g('', 'Pod'), { spec: { schedulingGates: [{ name: 'g' }], containers: [{ name: 'c', image: 'x:1', resources: { limits: { cpu: '1', memory: '1Gi' } } }] } });
    prepareForCreate(g('', 'Pod'), pod);
    assert.deepEqual(pod.status, {
      phase: 'Pending',
      qosClass: 'Guaranteed',
      conditions: [
        { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: null, reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' },
      ],
    });
  });
  it('Namespace: kubernetes finalizer', () => {
    const ns = prepareForCreate(g('', 'Namespace'), applyDefaults(g('', 'Namespace'), { metadata: { name: 'n' }, status: { phase: 'Terminating' } }));
    assert.deepEqual(ns, { metadata: { name: 'n', labels: { 'kubernetes.io/metadata.name': 'n' } }, status: { phase: 'Active' }, spec: { finalizers: ['kubernetes'] } });
  });
  it('Service: empty load balancer status', () => {
    assert.deepEqual(prepareForCreate(g('', 'Service'), { spec: {}, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } }).status, { loadBalancer: {} });
  });
  it('status reset and re-defaulted', () => {
    assert.deepEqual(prepareForCreate(g('apps', 'Deployment'), { spec: {}, status: { replicas: 3 } }).status, {});
    assert.deepEqual(prepareForCreate(g('', 'PersistentVolumeClaim'), { spec: {}, status: { phase: 'Bound' } }).status, { phase: 'Pending' });
  });
  it('PersistentVolume phase transition time', () => {
    const pv = prepareForCreate(g('', 'PersistentVolume'), { spec: {} }, { now: new Date('2024-05-06T07:08:09.123Z') });
    assert.deepEqual(pv.status, { phase: 'Pending', lastPhaseTransitionTime: '2024-05-06T07:08:09Z' });
  });
  it('CRD stored versions', () => {
    const crd = prepareForCreate(g('apiextensions.k8s.io', 'CustomResourceDefinition'), { spec: { versions: [{ name: 'v2', storage: true }] }, status: { storedVersions: ['v1'], conditions: [] } });
    assert.deepEqual(crd.status, { storedVersions: ['v2'] });
  });
  it('kinds without create rewrites are unchanged', () => {
    assert.deepEqual(prepareForCreate(g('', 'ConfigMap'), { data: {} }), { data: {} });
  });
});
