import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { fakeGuid, fakeNode, fakeNodeAddresses, goArch, isNodeNeeded } from './nodes.translate.js';

describe('isNodeNeeded', () => {
  const onNode = (extra: Partial<Pod['metadata']> = {}): Pod => ({ metadata: { name: 'p', ...extra }, spec: { containers: [], nodeName: 'n1' } });
  const daemonSetOwner = { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: 'u' }] };
  const cases: { name: string; virtual: Pod[]; host: Pod[]; expected: boolean }[] = [
    { name: 'no pods', virtual: [], host: [], expected: false },
    { name: 'a virtual pod on the node', virtual: [onNode()], host: [], expected: true },
    { name: 'a host pod of ours on the node', virtual: [], host: [onNode()], expected: true },
    { name: 'only a virtual DaemonSet pod', virtual: [onNode(daemonSetOwner)], host: [], expected: false },
    { name: 'only a host DaemonSet pod', virtual: [], host: [onNode({ annotations: { 'vcluster.loft.sh/owner-set-kind': 'DaemonSet' } })], expected: false },
    { name: 'a pod on another node', virtual: [{ spec: { containers: [], nodeName: 'n2' } }], host: [], expected: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(isNodeNeeded('n1', c.virtual, c.host), c.expected);
    });
  }
});

describe('fakeNode (upstream createFakeNode)', () => {
  const options = { byHostname: false, arch: 'amd64', now: '2024-01-01T00:00:00Z', bootID: 'b', machineID: 'm', systemUUID: 's' };
  it('labels, annotations, made-up capacity and info; nothing of the host node', () => {
    const node = fakeNode('worker.1', options);
    assert.deepEqual(node.metadata, {
      name: 'worker.1',
      labels: {
        'vcluster.loft.sh/fake-node': 'true',
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': 'fake-worker.1',
        'kubernetes.io/os': 'linux',
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'false' },
    });
    assert.deepEqual(node.spec, { taints: [] });
    const resources = { cpu: '16', memory: '32Gi', 'ephemeral-storage': '100Gi', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', pods: '110' };
    assert.deepEqual(node.status?.capacity, resources);
    assert.deepEqual(node.status.allocatable, resources);
    assert.deepEqual(node.status.conditions?.map((c) => [c.type, c.status, c.reason]), [
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
      ['Ready', 'True', 'KubeletReady'],
    ]);
    assert.deepEqual(node.status.addresses, []);
    assert.deepEqual(node.status.daemonEndpoints, { kubeletEndpoint: { Port: 10250 } });
    assert.equal(node.status.nodeInfo?.kubeletVersion, 'v1.19.1');
    assert.equal(node.status.nodeInfo.osImage, 'Fake Kubernetes Image');
  });
  it('the kubernetes.io/hostname label is cut to 63 characters', () => {
    const name = 'n'.repeat(70);
    assert.equal(fakeNode(name, options).metadata?.labels?.['kubernetes.io/hostname']?.length, 63);
  });
  it('addresses: hostname when proxying kubelets by hostname, the node IP when given', () => {
    assert.deepEqual(fakeNode('a.b', { ...options, byHostname: true, nodeIP: '10.0.0.9' }).status?.addresses, [
      { address: 'a-b.nodes.vcluster.com', type: 'Hostname' },
      { address: '10.0.0.9', type: 'InternalIP' },
    ]);
  });
  it('fakeNodeAddresses on update', () => {
    const created = fakeNode('n1', options);
    assert.deepEqual(fakeNodeAddresses(created, undefined), [{ address: 'n1.nodes.vcluster.com', type: 'Hostname' }]);
    const updated = { ...created, status: { ...created.status, addresses: [{ address: 'n1.nodes.vcluster.com', type: 'Hostname' }] } };
    assert.equal(fakeNodeAddresses(updated, undefined), undefined);
  });
  it('goArch and fakeGuid', () => {
    assert.equal(goArch('x64'), 'amd64');
    assert.equal(goArch('arm64'), 'arm64');
    assert.match(fakeGuid((n) => 'x'.repeat(n)), /^x{8}-x{4}-x{4}-x{4}-x{12}$/);
  });
});
