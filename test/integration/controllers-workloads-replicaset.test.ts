// The ReplicaSet and ReplicationController controllers in-process against our API server: pods
// made from the template and owned by the set, extra pods deleted least valuable first (not
// ready before ready), orphans adopted and pods that stop matching released, and the status
// counts (with minReadySeconds) kube reports.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { resources } from '../../src/client/index.js';
import { replicaSetController, replicationControllerController, replicationControllers } from '../../src/controllers/replicaset.js';
import { waitFor } from '../support/wait.js';
import { ensureNamespace, startCluster, type Cluster } from './controllers-workloads-support.js';

let cluster: Cluster;
before(async () => {
  cluster = await startCluster({
    controllers: (ctx) => [replicaSetController(ctx), replicationControllerController(ctx)],
    // Pods labelled hold=yes are never scheduled nor started: they stay Pending and not ready.
    kubelet: { defaultNode: 'node-1', hold: (pod) => pod.metadata?.labels?.hold === 'yes' },
  });
  await ensureNamespace(cluster.client, 'rs');
});
after(async () => {
  await cluster.stop();
});

const rsYaml = (name: string, replicas: number, extra = ''): string => `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: ${name}, namespace: rs}
spec:
  replicas: ${replicas}
${extra}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}, tier: web}}
    spec:
      containers: [{name: main, image: "nginx:1.25"}]
`;
const pods = async (selector: string): Promise<Pod[]> => (await cluster.client.list(resources.pods, { namespace: 'rs', labelSelector: selector })).items.filter((p) => !p.metadata?.deletionTimestamp);
const rs = async (name: string): Promise<ReplicaSet> => (await cluster.client.get(resources.replicaSets, name, { namespace: 'rs' }))!;
const orphan = (name: string, labels: Record<string, string>): Pod => ({ metadata: { name, namespace: 'rs', labels }, spec: { containers: [{ name: 'main', image: 'nginx:1.25' }] } });

describe('ReplicaSet', () => {
  it('keeps spec.replicas pods made from its template, and reports them', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: rsYaml('front', 3) });
    await waitFor(async () => (await rs('front')).status?.readyReplicas === 3, { timeoutMs: 30_000, what: '3 ready' });
    const list = await pods('app=front');
    assert.equal(list.length, 3);
    for (const p of list) {
      assert.match(p.metadata?.name ?? '', /^front-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      assert.deepEqual(p.metadata?.labels, { app: 'front', tier: 'web' });
      assert.deepEqual(p.metadata.ownerReferences?.map((r) => [r.apiVersion, r.kind, r.name, r.controller, r.blockOwnerDeletion]), [['apps/v1', 'ReplicaSet', 'front', true, true]]);
    }
    const s = (await rs('front')).status!;
    assert.deepEqual([s.replicas, s.fullyLabeledReplicas, s.readyReplicas, s.availableReplicas, s.observedGeneration], [3, 3, 3, 3, 1]);
    const get = await cluster.kubectl(['get', 'rs', 'front', '-n', 'rs']);
    assert.match(get.stdout, /front\s+3\s+3\s+3/);
  });

  it('replaces a deleted pod', async () => {
    const victim = (await pods('app=front'))[0]!.metadata!.name!;
    await cluster.client.delete(resources.pods, victim, { namespace: 'rs', gracePeriodSeconds: 0 });
    await waitFor(async () => {
      const list = await pods('app=front');
      return list.length === 3 && !list.some((p) => p.metadata?.name === victim);
    }, { timeoutMs: 30_000, what: 'a replacement' });
    await waitFor(async () => (await rs('front')).status?.readyReplicas === 3, { timeoutMs: 30_000, what: '3 ready again' });
  });

  it('adopts a matching orphan instead of creating, and deletes not-ready pods first when scaling down', async () => {
    // A held orphan (never ready) matching the selector: adopting it makes 4, one too many.
    await cluster.client.create(resources.pods, orphan('stray', { app: 'front', hold: 'yes' }));
    await waitFor(async () => (await cluster.client.get(resources.pods, 'stray', { namespace: 'rs' })) === undefined, { timeoutMs: 30_000, what: 'the adopted, unready orphan to be the one deleted' });
    const list = await pods('app=front');
    assert.equal(list.length, 3);
    assert.deepEqual(list.map((p) => p.status?.phase), ['Running', 'Running', 'Running'], JSON.stringify(list.map((p) => [p.metadata?.name, p.metadata?.labels, p.status?.phase, p.metadata?.creationTimestamp])));
  });

  it('releases a pod whose labels stop matching', async () => {
    const target = (await pods('app=front'))[0]!.metadata!.name!;
    await cluster.client.patch(resources.pods, target, { metadata: { labels: { app: 'elsewhere' } } }, { type: 'merge', namespace: 'rs' });
    await waitFor(async () => {
      const p = await cluster.client.get(resources.pods, target, { namespace: 'rs' });
      return (p?.metadata?.ownerReferences ?? []).length === 0;
    }, { timeoutMs: 30_000, what: 'the release' });
    await waitFor(async () => (await pods('app=front')).length === 3, { timeoutMs: 30_000, what: 'a replacement for the released pod' });
  });

  it('counts availability after minReadySeconds only', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: rsYaml('slow', 1, '  minReadySeconds: 2') });
    await waitFor(async () => (await rs('slow')).status?.readyReplicas === 1, { timeoutMs: 30_000, what: 'ready' });
    await waitFor(async () => (await rs('slow')).status?.availableReplicas === 1, { timeoutMs: 30_000, what: 'available after minReadySeconds' });
  });

  it('scales down to zero', async () => {
    await cluster.kubectl(['scale', 'rs/front', '-n', 'rs', '--replicas=0']);
    await waitFor(async () => (await pods('app=front')).length === 0 && (await rs('front')).status?.replicas === 0, { timeoutMs: 30_000, what: 'no pods' });
  });
});

describe('ReplicationController', () => {
  it('keeps its replicas with a map selector', async () => {
    await cluster.kubectl(['apply', '-f', '-'], {
      input: `apiVersion: v1
kind: ReplicationController
metadata: {name: legacy, namespace: rs}
spec:
  replicas: 2
  selector: {app: legacy}
  template:
    metadata: {labels: {app: legacy}}
    spec:
      containers: [{name: main, image: "nginx:1.25"}]
`,
    });
    await waitFor(async () => (await cluster.client.get(replicationControllers, 'legacy', { namespace: 'rs' }))?.status?.readyReplicas === 2, { timeoutMs: 30_000, what: '2 ready' });
    const list = await pods('app=legacy');
    assert.equal(list.length, 2);
    assert.deepEqual(list[0]!.metadata?.ownerReferences?.map((r) => [r.apiVersion, r.kind]), [['v1', 'ReplicationController']]);
  });
});
