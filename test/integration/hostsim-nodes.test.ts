// The embedded host's simulated nodes, as kubectl shows them: Ready nodes with kubelet's status,
// labels, pod CIDRs and leases; a node file; re-registration; cordon.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resources } from '../../src/client/index.js';
import { startEmbeddedHost, type EmbeddedHost } from '../support/host.js';
import { waitFor } from '../support/wait.js';

const rows = (table: string): string[][] => table.trim().split('\n').slice(1).map((l) => l.trim().split(/\s{2,}/));

describe('hostsim nodes (default configuration)', () => {
  let host: EmbeddedHost;
  before(async () => {
    host = await startEmbeddedHost({ storage: 'sqlite', controllers: false });
  });
  after(async () => {
    await host.stop();
  });

  it('kubectl get nodes shows three Ready nodes of kubelet v1.32', async () => {
    const table = rows(await host.kubectlOk(['get', 'nodes', '-o', 'wide']));
    assert.deepEqual(table.map((r) => r[0]), ['vcluster-ts-node-1', 'vcluster-ts-node-2', 'vcluster-ts-node-3']);
    for (const [i, r] of table.entries()) {
      assert.equal(r[1], 'Ready');
      assert.equal(r[2], '<none>');
      assert.equal(r[4], 'v1.32.2');
      assert.equal(r[5], `172.18.0.${i + 2}`);
      assert.equal(r[7], 'Debian GNU/Linux 12 (bookworm)');
      assert.equal(r[9], 'containerd://1.7.24');
    }
  });

  it('reports what a kubelet reports', async () => {
    const node = JSON.parse(await host.kubectlOk(['get', 'node', 'vcluster-ts-node-2', '-o', 'json']));
    assert.equal(node.spec.podCIDR, '10.244.1.0/24');
    assert.deepEqual(node.spec.podCIDRs, ['10.244.1.0/24']);
    assert.equal(node.metadata.labels['kubernetes.io/hostname'], 'vcluster-ts-node-2');
    assert.equal(node.metadata.labels['kubernetes.io/os'], 'linux');
    assert.equal(node.metadata.labels['kubernetes.io/arch'], 'amd64');
    assert.equal(node.metadata.labels['node.kubernetes.io/instance-type'], 'hostsim.standard');
    assert.deepEqual(Object.keys(node.status.capacity).sort(), ['cpu', 'ephemeral-storage', 'hugepages-1Gi', 'hugepages-2Mi', 'memory', 'pods']);
    assert.equal(node.status.allocatable.pods, '110');
    assert.deepEqual(node.status.conditions.map((c: any) => `${c.type}=${c.status}`), ['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True']);
    assert.deepEqual(node.status.addresses, [{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: 'vcluster-ts-node-2' }]);
    assert.equal(node.status.daemonEndpoints.kubeletEndpoint.Port, 10250);
    assert.equal(node.status.nodeInfo.operatingSystem, 'linux');
    const described = await host.kubectlOk(['describe', 'node', 'vcluster-ts-node-2']);
    for (const text of ['PodCIDR:', '10.244.1.0/24', 'KubeletReady', 'kubelet is posting ready status', 'Allocatable:', 'Kubelet Version:', 'v1.32.2']) assert.ok(described.includes(text), `describe node shows ${text}`);
  });

  it('heartbeats on leases in kube-node-lease', async () => {
    const leases = JSON.parse(await host.kubectlOk(['get', 'leases', '-n', 'kube-node-lease', '-o', 'json']));
    assert.deepEqual(leases.items.map((l: any) => l.spec.holderIdentity).sort(), ['vcluster-ts-node-1', 'vcluster-ts-node-2', 'vcluster-ts-node-3']);
    for (const l of leases.items) {
      assert.equal(l.spec.leaseDurationSeconds, 40);
      assert.match(l.spec.renewTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      assert.equal(l.metadata.ownerReferences[0].kind, 'Node');
    }
  });

  it('registers a node again when it is deleted', async () => {
    const before = await host.client.get(resources.nodes, 'vcluster-ts-node-3');
    await host.kubectlOk(['delete', 'node', 'vcluster-ts-node-3']);
    await waitFor(async () => {
      const again = await host.client.get(resources.nodes, 'vcluster-ts-node-3');
      return again !== undefined && again.metadata?.uid !== before?.metadata?.uid && again.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
    }, { timeoutMs: 60_000, what: 'node re-registered' });
  });
});

describe('hostsim nodes (from a file)', () => {
  let host: EmbeddedHost;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostsim-nodes-'));
    const file = join(dir, 'nodes.yaml');
    writeFileSync(
      file,
      [
        'template:',
        '  capacity: {cpu: "2", memory: 4Gi, pods: "20"}',
        '  labels: {topology.kubernetes.io/region: lab}',
        'nodes:',
        '- name: gpu-1',
        '  labels: {accelerator: gpu}',
        '  taints: [{key: dedicated, value: gpu, effect: NoSchedule}]',
        '  capacity: {nvidia.com/gpu: 2}',
        '- name: small-1',
        '  allocatable: {cpu: 1500m}',
        '',
      ].join('\n'),
    );
    host = await startEmbeddedHost({ controllers: false, nodes: file });
  });
  after(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the configured nodes, labels, taints and capacity', async () => {
    const list = JSON.parse(await host.kubectlOk(['get', 'nodes', '-o', 'json']));
    const byName = new Map<string, any>(list.items.map((n: any) => [n.metadata.name, n]));
    assert.deepEqual([...byName.keys()].sort(), ['gpu-1', 'small-1']);
    const gpu = byName.get('gpu-1');
    assert.deepEqual(gpu.spec.taints, [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    assert.equal(gpu.metadata.labels.accelerator, 'gpu');
    assert.equal(gpu.metadata.labels['topology.kubernetes.io/region'], 'lab');
    assert.equal(gpu.status.capacity['nvidia.com/gpu'], '2');
    assert.equal(gpu.status.capacity.memory, '4Gi');
    assert.equal(byName.get('small-1').status.allocatable.cpu, '1500m');
    assert.equal(byName.get('small-1').status.capacity.cpu, '2');
  });

  it('schedules by taints, tolerations and extended resources', async () => {
    await host.kubectlOk(['create', 'namespace', 'gpu']);
    const pod = (name: string, tolerate: boolean): string =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'gpu' },
        spec: {
          containers: [{ name: 'cuda', image: 'nvidia/cuda:12.4.0-base-ubuntu22.04', resources: { limits: { 'nvidia.com/gpu': '1' } } }],
          ...(tolerate ? { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] } : {}),
        },
      });
    await host.kubectlOk(['apply', '-f', '-'], pod('untolerated', false));
    await host.kubectlOk(['apply', '-f', '-'], pod('tolerated', true));
    await waitFor(async () => (await host.client.get(resources.pods, 'tolerated', { namespace: 'gpu' }))?.status?.phase === 'Running', { timeoutMs: 60_000, what: 'the tolerating pod to run' });
    assert.equal((await host.client.get(resources.pods, 'tolerated', { namespace: 'gpu' }))?.spec?.nodeName, 'gpu-1');
    const want = '0/2 nodes are available: 1 Insufficient nvidia.com/gpu, 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.';
    await waitFor(async () => (await host.client.get(resources.pods, 'untolerated', { namespace: 'gpu' }))?.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False' && c.message === want) === true, {
      timeoutMs: 60_000,
      what: 'the untolerating pod to be unschedulable',
    });
  });

  it('keeps cordoned nodes free and schedules again once uncordoned', async () => {
    await host.kubectlOk(['create', 'namespace', 'cordon']);
    await host.kubectlOk(['cordon', 'gpu-1', 'small-1']);
    await host.kubectlOk(['run', 'waiting', '-n', 'cordon', '--image=busybox:1.36', '--', 'sleep', '3600']);
    const want = '0/2 nodes are available: 2 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.';
    await waitFor(async () => (await host.client.get(resources.pods, 'waiting', { namespace: 'cordon' }))?.status?.conditions?.some((c) => c.message === want) === true, { timeoutMs: 60_000, what: 'unschedulable' });
    await host.kubectlOk(['uncordon', 'small-1']);
    await waitFor(async () => (await host.client.get(resources.pods, 'waiting', { namespace: 'cordon' }))?.status?.phase === 'Running', { timeoutMs: 60_000, what: 'running after uncordon' });
    await host.kubectlOk(['uncordon', 'gpu-1']);
  });
});
