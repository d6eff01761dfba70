import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveNodes } from '../config.js';
import { nodeStatus, nodeStatusChanged, registrationNode } from './node-object.js';

const T0 = Date.UTC(2026, 0, 1);
const facts = { kernelVersion: '6.8.0', bootID: 'boot-1' };

describe('node objects', () => {
  const [n1] = resolveNodes({ nodes: [{ name: 'vcluster-ts-node-1', labels: { 'topology.kubernetes.io/zone': 'a' }, taints: [{ key: 'gpu', effect: 'NoSchedule' }] }] });
  it('registers with kubelet labels, annotations, podCIDR and taints', () => {
    const node = registrationNode(n1!, '10.244.0.0/24', facts, T0);
    assert.deepEqual(node.metadata?.labels, {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'vcluster-ts-node-1',
      'kubernetes.io/os': 'linux',
      'node.kubernetes.io/instance-type': 'hostsim.standard',
      'topology.kubernetes.io/zone': 'a',
    });
    assert.equal(node.metadata.annotations?.['hostsim.vcluster-ts.io/simulated'], 'true');
    assert.deepEqual(node.spec?.podCIDRs, ['10.244.0.0/24']);
    assert.deepEqual(node.spec.taints, [{ key: 'gpu', effect: 'NoSchedule' }]);
    assert.equal(node.spec.unschedulable, undefined);
  });
  it('reports status as kubelet does', () => {
    const s = nodeStatus(n1!, facts, T0, [{ names: ['docker.io/library/nginx:latest'], sizeBytes: 5 }]);
    assert.deepEqual(s.conditions?.map((c) => `${c.type}=${c.status}/${c.reason}`), ['MemoryPressure=False/KubeletHasSufficientMemory', 'DiskPressure=False/KubeletHasNoDiskPressure', 'PIDPressure=False/KubeletHasSufficientPID', 'Ready=True/KubeletReady']);
    assert.deepEqual(s.addresses, [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'vcluster-ts-node-1' }]);
    assert.equal(s.capacity?.pods, '110');
    assert.equal(s.nodeInfo?.kubeletVersion, 'v1.32.2');
    assert.equal(s.nodeInfo.containerRuntimeVersion, 'containerd://1.7.24');
    assert.deepEqual(s.daemonEndpoints, { kubeletEndpoint: { Port: 10250 } });
    assert.match(s.nodeInfo.systemUUID, /^[0-9a-f]{8}-[0-9a-f]{4}-/);
    assert.equal(s.images?.length, 1);
  });
  it('keeps transition times and sees only real changes', () => {
    const first = nodeStatus(n1!, facts, T0, []);
    const beat = nodeStatus(n1!, facts, T0 + 60_000, [], first);
    assert.equal(beat.conditions?.[3]?.lastTransitionTime, first.conditions?.[3]?.lastTransitionTime);
    assert.notEqual(beat.conditions?.[3]?.lastHeartbeatTime, first.conditions?.[3]?.lastHeartbeatTime);
    assert.equal(nodeStatusChanged(first, beat), false);
    assert.equal(nodeStatusChanged(first, nodeStatus(n1!, facts, T0, [{ names: ['x'], sizeBytes: 1 }], first)), true);
  });
});
