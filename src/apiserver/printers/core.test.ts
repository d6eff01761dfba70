import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const ago = (seconds: number): string => new Date(now.getTime() - seconds * 1000).toISOString();
const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: ago(300), ...extra });

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: '', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

function columns(kind: string): string[] {
  return printTable({ group: '', kind }, [], { now }).columnDefinitions.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

describe('Service', () => {
  it('has kube columns', () => {
    assert.deepEqual(columns('Service'), ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', '(Selector)']);
  });
  const cases: { name: string; spec: Json; status?: Json; want: Cell[] }[] = [
    {
      name: 'ClusterIP',
      spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], selector: { 'k8s-app': 'kube-dns' } },
      want: ['svc', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP', '5m', 'k8s-app=kube-dns'],
    },
    {
      name: 'NodePort',
      spec: { type: 'NodePort', clusterIPs: ['10.96.1.2'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] },
      want: ['svc', 'NodePort', '10.96.1.2', '<none>', '80:30080/TCP', '5m', '<none>'],
    },
    {
      name: 'LoadBalancer with ingress IPs (sorted, de-duplicated, never clipped)',
      spec: { type: 'LoadBalancer', clusterIPs: ['10.96.3.4'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.20' }, { ip: '203.0.113.10' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.10' }] } },
      want: ['svc', 'LoadBalancer', '10.96.3.4', '203.0.113.10,203.0.113.20,lb.example.com', '443:31443/TCP', '5m', '<none>'],
    },
    {
      name: 'LoadBalancer pending',
      spec: { type: 'LoadBalancer', clusterIPs: ['1.3.4.5'], ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 7777, protocol: 'SCTP' }] },
      want: ['svc', 'LoadBalancer', '1.3.4.5', '<pending>', '80/TCP,8090/UDP,7777/SCTP', '5m', '<none>'],
    },
    {
      name: 'LoadBalancer with external IPs after the ingress points',
      spec: { type: 'LoadBalancer', clusterIPs: ['10.9.8.7'], externalIPs: ['80.11.12.10', '80.11.12.11'], ports: [{ port: 8888, protocol: 'tcp' }] },
      status: { loadBalancer: { ingress: [{ ip: '2.3.4.5', hostname: 'a' }, { ip: '3.4.5.6' }] } },
      want: ['svc', 'LoadBalancer', '10.9.8.7', '2.3.4.5,3.4.5.6,80.11.12.10,80.11.12.11', '8888/tcp', '5m', '<none>'],
    },
    {
      name: 'ClusterIP with external IPs',
      spec: { type: 'ClusterIP', clusterIPs: ['10.0.0.1'], externalIPs: ['1.2.3.4'], ports: [{ port: 80, protocol: 'TCP' }] },
      want: ['svc', 'ClusterIP', '10.0.0.1', '1.2.3.4', '80/TCP', '5m', '<none>'],
    },
    {
      name: 'ExternalName',
      spec: { type: 'ExternalName', externalName: 'my.database.example.com' },
      want: ['svc', 'ExternalName', '<none>', 'my.database.example.com', '<none>', '5m', '<none>'],
    },
    {
      name: 'headless, clusterIP only',
      spec: { type: 'ClusterIP', clusterIP: 'None', ports: [{ port: 80, protocol: 'TCP' }] },
      want: ['svc', 'ClusterIP', 'None', '<none>', '80/TCP', '5m', '<none>'],
    },
    {
      name: 'no type',
      spec: {},
      want: ['svc', '', '<none>', '<unknown>', '<none>', '5m', '<none>'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => { assert.deepEqual(cells('Service', { metadata: meta('svc'), spec: c.spec, status: c.status }), c.want); });
  }
});

describe('Endpoints', () => {
  const cases: { name: string; subsets?: unknown; want: string }[] = [
    { name: 'none', want: '<none>' },
    { name: 'no ports', subsets: [{ addresses: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }] }], want: '1.2.3.4,5.6.7.8' },
    {
      name: 'one port',
      subsets: [{ addresses: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }], ports: [{ port: 8001, protocol: 'TCP' }] }],
      want: '1.2.3.4:8001,5.6.7.8:8001',
    },
    {
      name: 'more than three',
      subsets: [{ addresses: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }, { ip: '9.8.7.6' }, { ip: '6.6.6.6' }], ports: [{ port: 8001 }] }],
      want: '1.2.3.4:8001,5.6.7.8:8001,9.8.7.6:8001 + 1 more...',
    },
    {
      name: 'IPv6 is bracketed',
      subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 443 }] }],
      want: '[fd00::1]:443',
    },
  ];
  for (const c of cases) {
    it(c.name, () => { assert.deepEqual(cells('Endpoints', { metadata: meta('ep'), subsets: c.subsets }), ['ep', c.want, '5m']); });
  }
});

describe('Node', () => {
  const node = (extra: Json, labels: Json = {}): Json => ({
    metadata: meta('node-1', { labels }),
    status: {
      nodeInfo: { kubeletVersion: 'v1.32.4', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0-31-amd64', containerRuntimeVersion: 'containerd://1.7.24' },
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'node-1' }],
      ...extra,
    },
  });
  it('prints a ready control-plane node, wide columns included', () => {
    assert.deepEqual(
      cells('Node', node({ conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }] }, { 'node-role.kubernetes.io/control-plane': '' })),
      ['node-1', 'Ready', 'control-plane', '5m', 'v1.32.4', '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.1.0-31-amd64', 'containerd://1.7.24'],
    );
  });
  const statusCases: { name: string; node: Json; status: string }[] = [
    { name: 'not ready', node: { status: { conditions: [{ type: 'Ready', status: 'False' }] } }, status: 'NotReady' },
    { name: 'unknown ready', node: { status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }, status: 'NotReady' },
    { name: 'no Ready condition', node: { status: { conditions: [{ type: 'InvalidValue', status: 'True' }] } }, status: 'Unknown' },
    { name: 'cordoned', node: { spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }, status: 'Ready,SchedulingDisabled' },
    { name: 'cordoned, no conditions', node: { spec: { unschedulable: true } }, status: 'Unknown,SchedulingDisabled' },
    { name: 'last Ready condition wins', node: { status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'Ready', status: 'True' }] } }, status: 'Ready' },
  ];
  for (const c of statusCases) {
    it(`status: ${c.name}`, () => { assert.equal(cells('Node', { metadata: meta('n'), ...c.node })[1], c.status); });
  }
  it('collects roles from both label styles, sorted', () => {
    const labels = { 'node-role.kubernetes.io/master': '', 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/proxy': '', 'kubernetes.io/role': 'node', 'node-role.kubernetes.io/': '' };
    assert.equal(cells('Node', { metadata: meta('n', { labels }) })[2], 'control-plane,master,node,proxy');
  });
  it('prints unknowns for an empty node', () => {
    assert.deepEqual(cells('Node', { metadata: { name: 'n' } }), ['n', 'Unknown', '<none>', '<unknown>', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
  it('takes the first address of each type', () => {
    const c = cells('Node', { metadata: meta('n'), status: { addresses: [{ type: 'ExternalIP', address: '2.2.2.2' }, { type: 'InternalIP', address: '3.3.3.3' }, { type: 'ExternalIP', address: '4.4.4.4' }] } });
    assert.deepEqual(c.slice(5, 7), ['3.3.3.3', '2.2.2.2']);
  });
});

describe('simple core kinds', () => {
  const cases: { kind: string; obj: Json; want: Cell[] }[] = [
    { kind: 'Namespace', obj: { metadata: meta('default'), status: { phase: 'Active' } }, want: ['default', 'Active', '5m'] },
    { kind: 'Namespace', obj: { metadata: meta('gone', { deletionTimestamp: ago(1) }), status: { phase: 'Terminating' } }, want: ['gone', 'Terminating', '5m'] },
    {
      kind: 'Secret',
      obj: { metadata: meta('tls'), type: 'kubernetes.io/tls', data: { 'tls.crt': 'YQ==', 'tls.key': 'Yg==' } },
      want: ['tls', 'kubernetes.io/tls', 2, '5m'],
    },
    { kind: 'Secret', obj: { metadata: meta('empty'), type: 'Opaque' }, want: ['empty', 'Opaque', 0, '5m'] },
    { kind: 'ServiceAccount', obj: { metadata: meta('default') }, want: ['default', 0, '5m'] },
    { kind: 'ServiceAccount', obj: { metadata: meta('sa1'), secrets: [{ name: 's1' }, { name: 's2' }] }, want: ['sa1', 2, '5m'] },
    { kind: 'ConfigMap', obj: { metadata: meta('kube-root-ca.crt'), data: { 'ca.crt': 'x' } }, want: ['kube-root-ca.crt', 1, '5m'] },
    { kind: 'ConfigMap', obj: { metadata: meta('mixed'), data: { a: 'b' }, binaryData: { bin: 'AA==' } }, want: ['mixed', 2, '5m'] },
    {
      kind: 'ReplicationController',
      obj: {
        metadata: meta('rc1'),
        spec: { replicas: 5, selector: { a: 'b' }, template: { spec: { containers: [{ name: 'test', image: 'test_image' }] } } },
        status: { replicas: 3, readyReplicas: 1 },
      },
      want: ['rc1', 5, 3, 1, '5m', 'test', 'test_image', 'a=b'],
    },
    { kind: 'ReplicationController', obj: { metadata: {} }, want: ['', 0, 0, 0, '<unknown>', '', '', '<none>'] },
    { kind: 'ComponentStatus', obj: { metadata: { name: 'cs1' }, conditions: [] }, want: ['cs1', 'Unknown', '', ''] },
    {
      kind: 'ComponentStatus',
      obj: { metadata: { name: 'etcd-0' }, conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }] },
      want: ['etcd-0', 'Healthy', 'ok', ''],
    },
    {
      kind: 'ComponentStatus',
      obj: { metadata: { name: 'cs3' }, conditions: [{ type: 'Healthy', status: 'False', message: 'm', error: 'e' }] },
      want: ['cs3', 'Unhealthy', 'm', 'e'],
    },
  ];
  for (const c of cases) {
    it(`${c.kind} ${JSON.stringify(c.want[0])}`, () => { assert.deepEqual(cells(c.kind, c.obj), c.want); });
  }
});

describe('PersistentVolume and PersistentVolumeClaim', () => {
  const claimRef = { namespace: 'default', name: 'data' };
  const pvCases: { name: string; pv: Json; want: Cell[] }[] = [
    {
      name: 'bound',
      pv: { metadata: meta('pv1'), spec: { claimRef, accessModes: ['ReadOnlyMany'], capacity: { storage: '4Gi' }, persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', volumeMode: 'Filesystem' }, status: { phase: 'Bound' } },
      want: ['pv1', '4Gi', 'ROX', 'Delete', 'Bound', 'default/data', 'standard', '<unset>', '', '5m', 'Filesystem'],
    },
    {
      name: 'canonical capacity, all access modes, attributes class',
      pv: { metadata: meta('pv2'), spec: { accessModes: ['ReadWriteOncePod', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'], capacity: { storage: '1024Mi' }, persistentVolumeReclaimPolicy: 'Retain', volumeAttributesClassName: 'gold' }, status: { phase: 'Available' } },
      want: ['pv2', '1Gi', 'RWO,RWX,RWOP', 'Retain', 'Available', '', '', 'gold', '', '5m', '<unset>'],
    },
    {
      name: 'terminating, beta storage class annotation, failure reason',
      pv: {
        metadata: meta('pv3', { deletionTimestamp: ago(5), annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' } }),
        spec: { storageClassName: 'new' },
        status: { phase: 'Failed', reason: 'ProvisioningFailed' },
      },
      want: ['pv3', '0', '', '', 'Terminating', '', 'old', '<unset>', 'ProvisioningFailed', '5m', '<unset>'],
    },
  ];
  for (const c of pvCases) {
    it(`PV ${c.name}`, () => { assert.deepEqual(cells('PersistentVolume', c.pv), c.want); });
  }
  const pvcCases: { name: string; pvc: Json; want: Cell[] }[] = [
    {
      name: 'bound',
      pvc: { metadata: meta('data'), spec: { volumeName: 'pvc-123', storageClassName: 'standard', volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } },
      want: ['data', 'Bound', 'pvc-123', '1Gi', 'RWO', 'standard', '<unset>', '5m', 'Filesystem'],
    },
    {
      name: 'pending hides capacity and modes',
      pvc: { metadata: meta('data'), spec: { storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } },
      want: ['data', 'Pending', '', '', '', 'standard', '<unset>', '5m', '<unset>'],
    },
    {
      name: 'terminating',
      pvc: { metadata: meta('data', { deletionTimestamp: ago(1) }), spec: { volumeName: 'v', volumeAttributesClassName: 'my-vacn' }, status: { phase: 'Bound' } },
      want: ['data', 'Terminating', 'v', '0', '', '', 'my-vacn', '5m', '<unset>'],
    },
  ];
  for (const c of pvcCases) {
    it(`PVC ${c.name}`, () => { assert.deepEqual(cells('PersistentVolumeClaim', c.pvc), c.want); });
  }
});

describe('ResourceQuota', () => {
  it('splits requests and limits, sorted, canonical quantities', () => {
    const quota = {
      metadata: meta('compute'),
      status: {
        hard: { cpu: '100', memory: '4Gi', pods: '10', services: '10', replicationcontrollers: '10', resourcequotas: '1', 'limits.cpu': '200', 'limits.memory': '8Gi', 'requests.storage': '1000Gi' },
        used: { cpu: '1', memory: '1024Mi', pods: '1', services: '1', replicationcontrollers: '1', resourcequotas: '1', 'limits.cpu': '2000m', 'limits.memory': '2Gi' },
      },
    };
    assert.deepEqual(columns('ResourceQuota'), ['Name', 'Age', 'Request', 'Limit']);
    assert.deepEqual(cells('ResourceQuota', quota), [
      'compute',
      '5m',
      'cpu: 1/100, memory: 1Gi/4Gi, pods: 1/10, replicationcontrollers: 1/10, requests.storage: 0/1000Gi, resourcequotas: 1/1, services: 1/10',
      'limits.cpu: 2/200, limits.memory: 2Gi/8Gi',
    ]);
  });
});
