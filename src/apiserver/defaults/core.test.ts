import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyDefaults } from './index.js';
import type { Obj } from './util.js';

const core = (kind: string) => ({ group: '', version: 'v1', kind });
const CONTAINER = { imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' };
const POD_SPEC = { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' };

describe('Pod', () => {
  it('matches kubectl run output', () => {
    const pod = applyDefaults(core('Pod'), { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } });
    assert.deepEqual(pod.spec, { containers: [{ name: 'c', image: 'nginx:1.25', ...CONTAINER }], enableServiceLinks: true, ...POD_SPEC });
  });
  it('requests default to limits, canonically', () => {
    const pod = applyDefaults(core('Pod'), { spec: { containers: [{ name: 'c', image: 'x:1', resources: { limits: { cpu: '1000m', memory: '1024Mi' }, requests: { cpu: '0.5' } } }] } });
    assert.deepEqual(((pod.spec as Obj).containers as Obj[])[0]?.resources, { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
  });
  it('hostNetwork copies container ports to host ports', () => {
    const pod = applyDefaults(core('Pod'), { spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x:1', ports: [{ containerPort: 8080 }] }] } });
    assert.deepEqual(((pod.spec as Obj).containers as Obj[])[0]?.ports, [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
  });
  it('status podIP and podIPs are kept in step', () => {
    const a = applyDefaults(core('Pod'), { spec: { containers: [] }, status: { podIP: '10.0.0.1', hostIP: '192.168.0.1' } });
    assert.deepEqual(a.status, { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }], hostIP: '192.168.0.1', hostIPs: [{ ip: '192.168.0.1' }] });
    const b = applyDefaults(core('Pod'), { spec: { containers: [] }, status: { podIPs: [{ ip: '10.0.0.2' }, { ip: 'fd00::2' }] } });
    assert.equal((b.status as Obj).podIP, '10.0.0.2');
  });
});

describe('Service', () => {
  const table: [string, Obj, Obj][] = [
    [
      'ClusterIP',
      { ports: [{ port: 80 }], selector: { app: 'web' } },
      {
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        selector: { app: 'web' },
        sessionAffinity: 'None',
        type: 'ClusterIP',
        internalTrafficPolicy: 'Cluster',
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
      },
    ],
    [
      'with a cluster IP',
      { clusterIP: '10.96.0.10', ports: [{ port: 53, protocol: 'UDP', targetPort: 'dns' }] },
      {
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        ports: [{ port: 53, protocol: 'UDP', targetPort: 'dns' }],
        sessionAffinity: 'None',
        type: 'ClusterIP',
        internalTrafficPolicy: 'Cluster',
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
      },
    ],
    [
      'NodePort',
      { type: 'NodePort', ports: [{ port: 80 }] },
      {
        type: 'NodePort',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
      },
    ],
    [
      'LoadBalancer',
      { type: 'LoadBalancer', ports: [{ port: 80 }] },
      {
        type: 'LoadBalancer',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
        allocateLoadBalancerNodePorts: true,
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
      },
    ],
    ['ExternalName', { type: 'ExternalName', externalName: 'example.com' }, { type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' }],
    [
      'ClientIP affinity',
      { ports: [{ port: 80 }], sessionAffinity: 'ClientIP' },
      {
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        type: 'ClusterIP',
        internalTrafficPolicy: 'Cluster',
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
      },
    ],
    [
      'IPv6 cluster IP',
      { clusterIP: 'fd00::10', ports: [{ port: 80 }] },
      {
        clusterIP: 'fd00::10',
        clusterIPs: ['fd00::10'],
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        sessionAffinity: 'None',
        type: 'ClusterIP',
        internalTrafficPolicy: 'Cluster',
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv6'],
      },
    ],
  ];
  for (const [name, spec, want] of table) it(name, () => { assert.deepEqual(applyDefaults(core('Service'), { spec }).spec, want); });
});

describe('other core kinds', () => {
  it('Secret: type Opaque and stringData folded into data', () => {
    assert.deepEqual(applyDefaults(core('Secret'), { data: { a: 'eA==' }, stringData: { b: 'hello' } }), { type: 'Opaque', data: { a: 'eA==', b: 'aGVsbG8=' } });
    assert.deepEqual(applyDefaults(core('Secret'), { type: 'kubernetes.io/tls' }), { type: 'kubernetes.io/tls' });
  });
  it('Namespace: name label and phase', () => {
    assert.deepEqual(applyDefaults(core('Namespace'), { metadata: { name: 'team' } }), { metadata: { name: 'team', labels: { 'kubernetes.io/metadata.name': 'team' } }, status: { phase: 'Active' } });
  });
  it('PersistentVolumeClaim', () => {
    assert.deepEqual(applyDefaults(core('PersistentVolumeClaim'), { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } }), {
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });
  it('PersistentVolume', () => {
    assert.deepEqual(applyDefaults(core('PersistentVolume'), { spec: { capacity: { storage: '10Gi' }, hostPath: { path: '/x' } } }), {
      spec: { capacity: { storage: '10Gi' }, hostPath: { path: '/x', type: '' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });
  it('Node: podCIDR / podCIDRs and allocatable', () => {
    assert.deepEqual(applyDefaults(core('Node'), { spec: { podCIDR: '10.244.0.0/24' }, status: { capacity: { cpu: '4000m' } } }), {
      spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
      status: { capacity: { cpu: '4' }, allocatable: { cpu: '4' } },
    });
  });
  it('Endpoints port protocol', () => {
    assert.deepEqual(applyDefaults(core('Endpoints'), { subsets: [{ ports: [{ port: 80 }] }] }), { subsets: [{ ports: [{ port: 80, protocol: 'TCP' }] }] });
  });
  it('LimitRange container defaults from max', () => {
    const lr = applyDefaults(core('LimitRange'), { spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }] } });
    assert.deepEqual(lr, { spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' }, default: { cpu: '2' }, defaultRequest: { cpu: '2', memory: '64Mi' } }] } });
  });
  it('ResourceQuota quantities', () => {
    assert.deepEqual(applyDefaults(core('ResourceQuota'), { spec: { hard: { 'requests.cpu': '1000m', pods: '10' } } }), { spec: { hard: { 'requests.cpu': '1', pods: '10' } } });
  });
  it('ReplicationController selector and labels from the template', () => {
    const rc = applyDefaults(core('ReplicationController'), { spec: { template: { metadata: { labels: { app: 'a' } }, spec: { containers: [] } } } });
    assert.deepEqual(rc.metadata, { labels: { app: 'a' } });
    assert.deepEqual((rc.spec as Obj).selector, { app: 'a' });
    assert.equal((rc.spec as Obj).replicas, 1);
  });
  it('PodTemplate', () => {
    const pt = applyDefaults(core('PodTemplate'), { template: { spec: { containers: [] } } });
    assert.deepEqual(pt, { template: { spec: { containers: [], ...POD_SPEC } } });
  });
  it('kinds without defaults pass through', () => {
    const cm = { data: { a: 'b' } };
    assert.deepEqual(applyDefaults(core('ConfigMap'), structuredClone(cm)), cm);
  });
});
