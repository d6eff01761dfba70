// The DaemonSet controller in-process against our API server, with kubectl: one pod per node its
// template admits (taints and nodeSelector honoured), pinned with a metadata.name node-affinity
// term, a new node gets its pod, and a template change rolls over every node within
// maxUnavailable so that `kubectl rollout status` succeeds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { resources } from '../../src/client/index.js';
import { daemonSetController } from '../../src/controllers/daemonset.js';
import { waitFor } from '../support/wait.js';
import { createNode, ensureNamespace, startCluster, type Cluster } from './controllers-workloads-support.js';

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: ds
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      nodeSelector: {role: worker}
      containers: [{name: agent, image: "busybox:1.36"}]
`;

let cluster: Cluster;
before(async () => {
  cluster = await startCluster({ controllers: (ctx) => [daemonSetController(ctx)] });
  await ensureNamespace(cluster.client, 'ds');
  await createNode(cluster.client, 'node-1', { metadata: { labels: { role: 'worker' } } });
  await createNode(cluster.client, 'node-2', { metadata: { labels: { role: 'worker' } } });
  await createNode(cluster.client, 'node-3', { metadata: { labels: { role: 'worker' } }, spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } });
  await createNode(cluster.client, 'control', { metadata: { labels: { role: 'control' } } });
});
after(async () => {
  await cluster.stop();
});

const podsByNode = async (): Promise<Map<string, Pod[]>> => {
  const map = new Map<string, Pod[]>();
  for (const p of (await cluster.client.list(resources.pods, { namespace: 'ds' })).items) {
    if (p.metadata?.deletionTimestamp) continue;
    const node = p.spec?.nodeName ?? '';
    map.set(node, [...(map.get(node) ?? []), p]);
  }
  return map;
};
const ds = async (): Promise<DaemonSet> => (await cluster.client.get(resources.daemonSets, 'agent', { namespace: 'ds' }))!;

describe('DaemonSet', () => {
  it('runs one pod on every node the template admits', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: DS });
    const status = await cluster.kubectl(['rollout', 'status', 'daemonset/agent', '-n', 'ds', '--timeout=60s'], { timeoutMs: 90_000 });
    assert.match(status.stdout, /daemon set "agent" successfully rolled out/);
    const byNode = await podsByNode();
    assert.deepEqual([...byNode.keys()].sort(), ['node-1', 'node-2']);
    for (const [node, pods] of byNode) {
      assert.equal(pods.length, 1);
      const pod = pods[0]!;
      assert.deepEqual(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms, [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }]);
      assert.ok(pod.spec.tolerations?.some((t) => t.key === 'node.kubernetes.io/unschedulable' && t.effect === 'NoSchedule' && t.operator === 'Exists'));
      assert.ok(pod.metadata?.name?.startsWith('agent-'));
      assert.ok(pod.metadata?.labels?.['controller-revision-hash']);
    }
    const s = (await ds()).status!;
    assert.deepEqual(
      [s.desiredNumberScheduled, s.currentNumberScheduled, s.numberReady, s.numberAvailable, s.updatedNumberScheduled, s.numberMisscheduled],
      [2, 2, 2, 2, 2, 0],
    );
    const revisions = (await cluster.client.list(resources.controllerRevisions, { namespace: 'ds' })).items;
    assert.equal(revisions.length, 1);
    assert.equal(revisions[0]!.metadata?.name, `agent-${revisions[0]!.metadata?.labels?.['controller-revision-hash'] ?? ''}`);
  });

  it('gives a new node its pod', async () => {
    await createNode(cluster.client, 'node-4', { metadata: { labels: { role: 'worker' } } });
    await waitFor(async () => (await podsByNode()).has('node-4'), { timeoutMs: 30_000, what: 'a pod on node-4' });
    await waitFor(async () => (await ds()).status?.numberReady === 3, { timeoutMs: 30_000, what: '3 ready' });
  });

  it('rolls a template change over every node, tolerating the tainted one now', async () => {
    const before = new Set([...(await podsByNode()).values()].flat().map((p) => p.metadata?.name));
    await cluster.kubectl(['patch', 'daemonset/agent', '-n', 'ds', '--type=merge', '-p', JSON.stringify({ spec: { template: { spec: { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] } } } })]);
    const status = await cluster.kubectl(['rollout', 'status', 'daemonset/agent', '-n', 'ds', '--timeout=60s'], { timeoutMs: 90_000 });
    assert.match(status.stdout, /successfully rolled out/);
    await waitFor(async () => {
      const byNode = await podsByNode();
      return ['node-1', 'node-2', 'node-3', 'node-4'].every((n) => byNode.get(n)?.length === 1) && [...byNode.values()].flat().every((p) => !before.has(p.metadata?.name));
    }, { timeoutMs: 30_000, what: 'a new pod on every worker' });
    const s = (await ds()).status!;
    assert.deepEqual([s.desiredNumberScheduled, s.updatedNumberScheduled, s.numberAvailable], [4, 4, 4]);
    const history = await cluster.kubectl(['rollout', 'history', 'daemonset/agent', '-n', 'ds']);
    assert.match(history.stdout, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
  });

  it('removes the pod of a node that stops matching', async () => {
    await cluster.client.patch(resources.nodes, 'node-4', { metadata: { labels: { role: 'control' } } }, { type: 'merge' });
    await waitFor(async () => !(await podsByNode()).has('node-4'), { timeoutMs: 30_000, what: 'the pod on node-4 to go' });
    await waitFor(async () => (await ds()).status?.desiredNumberScheduled === 3, { timeoutMs: 30_000, what: 'desired 3' });
  });

  it('kubectl rollout undo goes back to the template without the toleration', async () => {
    await cluster.kubectl(['rollout', 'undo', 'daemonset/agent', '-n', 'ds']);
    await cluster.kubectl(['rollout', 'status', 'daemonset/agent', '-n', 'ds', '--timeout=60s'], { timeoutMs: 90_000 });
    await waitFor(async () => {
      const byNode = await podsByNode();
      return [...byNode.keys()].sort().join() === 'node-1,node-2' && [...byNode.values()].flat().every((p) => !(p.spec?.tolerations ?? []).some((t) => t.key === 'dedicated'));
    }, { timeoutMs: 30_000, what: 'pods without the toleration on node-1 and node-2 only' });
    const revisions = (await cluster.client.list(resources.controllerRevisions, { namespace: 'ds' })).items.map((r) => r.revision).sort();
    assert.deepEqual(revisions, [2, 3], 'the first revision came back as the newest');
  });
});
