// The StatefulSet controller in-process against our API server, driven with the real kubectl: a
// StatefulSet creates web-0..2 in order (each only once its predecessor is Running and Ready),
// with stable identity and claims, scales down from the highest ordinal, rolls out a new
// template through ControllerRevisions and `kubectl rollout undo` goes back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { resources, type WatchEvent } from '../../src/client/index.js';
import { statefulSetController } from '../../src/controllers/statefulset.js';
import { waitFor } from '../support/wait.js';
import { ensureNamespace, startCluster, type Cluster } from './controllers-workloads-support.js';

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  namespace: sts
spec:
  serviceName: nginx
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25"}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;

const ready = (pod: Pod): boolean => pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

let cluster: Cluster;
const events: WatchEvent<Pod>[] = [];
const stopWatch = new AbortController();
before(async () => {
  cluster = await startCluster({ controllers: (ctx) => [statefulSetController(ctx)], kubelet: { defaultNode: 'node-1' } });
  await ensureNamespace(cluster.client, 'sts');
  void (async () => {
    try {
      for await (const e of cluster.client.watch(resources.pods, { namespace: 'sts', signal: stopWatch.signal })) events.push(e);
    } catch {
      // stopped
    }
  })();
});
after(async () => {
  stopWatch.abort();
  await cluster.stop();
});

const pod = (name: string): Promise<Pod | undefined> => cluster.client.get(resources.pods, name, { namespace: 'sts' });
const sts = async (): Promise<StatefulSet> => (await cluster.client.get(resources.statefulSets, 'web', { namespace: 'sts' }))!;

describe('StatefulSet', () => {
  it('creates web-0..2 in order, each after its predecessor is Running and Ready', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: STS });
    const status = await cluster.kubectl(['rollout', 'status', 'statefulset/web', '-n', 'sts', '--timeout=60s'], { timeoutMs: 90_000 });
    assert.match(status.stdout, /partitioned roll out complete: 3 new pods have been updated|statefulset rolling update complete 3 pods/);
    // Replay the watch: when web-i first appears, web-(i-1) must already have been seen Ready.
    const last = new Map<string, Pod>();
    const added: string[] = [];
    for (const e of events) {
      if (e.type === 'BOOKMARK' || e.type === 'ERROR') continue;
      const name = e.object.metadata?.name ?? '';
      if (e.type === 'ADDED') {
        added.push(name);
        const ordinal = Number(name.slice('web-'.length));
        if (ordinal > 0) assert.ok(last.get(`web-${ordinal - 1}`) && ready(last.get(`web-${ordinal - 1}`)!), `${name} was created before web-${ordinal - 1} was ready`);
      }
      last.set(name, e.object);
    }
    assert.deepEqual(added, ['web-0', 'web-1', 'web-2']);

    const set = await sts();
    for (const [i, name] of ['web-0', 'web-1', 'web-2'].entries()) {
      const p = (await pod(name))!;
      assert.deepEqual([p.spec?.hostname, p.spec?.subdomain], [name, 'nginx']);
      assert.deepEqual(
        [p.metadata?.labels?.['statefulset.kubernetes.io/pod-name'], p.metadata?.labels?.['apps.kubernetes.io/pod-index'], p.metadata?.labels?.['controller-revision-hash']],
        [name, String(i), set.status?.updateRevision],
      );
      assert.equal(p.spec?.volumes?.find((v) => v.name === 'www')?.persistentVolumeClaim?.claimName, `www-${name}`);
      const claim = await cluster.client.get(resources.persistentVolumeClaims, `www-${name}`, { namespace: 'sts' });
      assert.equal(claim?.metadata?.labels?.app, 'nginx');
    }
    assert.deepEqual(
      [set.status?.replicas, set.status?.readyReplicas, set.status?.currentReplicas, set.status?.updatedReplicas, set.status?.availableReplicas, set.status?.observedGeneration],
      [3, 3, 3, 3, 3, set.metadata?.generation],
    );
    assert.equal(set.status?.currentRevision, set.status?.updateRevision);
    assert.match(set.status?.updateRevision ?? '', /^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    const revisions = (await cluster.client.list(resources.controllerRevisions, { namespace: 'sts' })).items;
    assert.deepEqual(revisions.map((r) => [r.metadata?.name, r.revision]), [[set.status?.updateRevision, 1]]);
  });

  it('scales down from the highest ordinal', async () => {
    const from = events.length;
    await cluster.kubectl(['scale', 'statefulset/web', '-n', 'sts', '--replicas=1']);
    await waitFor(async () => (await sts()).status?.replicas === 1 && (await pod('web-1')) === undefined, { timeoutMs: 30_000, what: 'scale down to 1' });
    const deleting = events
      .slice(from)
      .flatMap((e) => (e.type === 'DELETED' || (e.type === 'MODIFIED' && e.object.metadata?.deletionTimestamp !== undefined) ? [e.object.metadata?.name] : []));
    assert.deepEqual([...new Set(deleting)], ['web-2', 'web-1']);
    assert.ok(await pod('web-0'));
    // Claims stay (whenScaled: Retain).
    assert.ok(await cluster.client.get(resources.persistentVolumeClaims, 'www-web-2', { namespace: 'sts' }));
    await cluster.kubectl(['scale', 'statefulset/web', '-n', 'sts', '--replicas=3']);
    await cluster.kubectl(['rollout', 'status', 'statefulset/web', '-n', 'sts', '--timeout=60s'], { timeoutMs: 90_000 });
  });

  it('rolls out a new template highest ordinal first, and rollout undo goes back', async () => {
    const first = (await sts()).status?.updateRevision;
    const from = events.length;
    await cluster.kubectl(['set', 'image', 'statefulset/web', '-n', 'sts', 'nginx=nginx:1.26']);
    await waitFor(async () => (await sts()).status?.updateRevision !== first, { timeoutMs: 30_000, what: 'a new update revision' });
    await cluster.kubectl(['rollout', 'status', 'statefulset/web', '-n', 'sts', '--timeout=60s'], { timeoutMs: 90_000 });
    await waitFor(async () => {
      const s = await sts();
      return s.status?.currentRevision === s.status?.updateRevision && s.status?.updatedReplicas === 3;
    }, { timeoutMs: 30_000, what: 'the update to complete' });
    for (const name of ['web-0', 'web-1', 'web-2']) assert.equal((await pod(name))?.spec?.containers[0]?.image, 'nginx:1.26');
    const replaced = events.slice(from).flatMap((e) => (e.type === 'MODIFIED' && e.object.metadata?.deletionTimestamp !== undefined) || e.type === 'DELETED' ? [e.object.metadata?.name] : []);
    assert.deepEqual([...new Set(replaced)], ['web-2', 'web-1', 'web-0']);
    const history = await cluster.kubectl(['rollout', 'history', 'statefulset/web', '-n', 'sts']);
    assert.match(history.stdout, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);

    await cluster.kubectl(['rollout', 'undo', 'statefulset/web', '-n', 'sts']);
    await waitFor(async () => (await sts()).status?.updateRevision === first, { timeoutMs: 30_000, what: 'the first revision to be the update revision again' });
    await waitFor(async () => {
      const s = (await sts()).status;
      return s !== undefined && s.currentRevision === first && s.updatedReplicas === 3 && s.readyReplicas === 3;
    }, { timeoutMs: 60_000, what: 'the rollback to complete' });
    for (const name of ['web-0', 'web-1', 'web-2']) assert.equal((await pod(name))?.spec?.containers[0]?.image, 'nginx:1.25');
    const revisions = (await cluster.client.list(resources.controllerRevisions, { namespace: 'sts' })).items;
    assert.equal(revisions.find((r) => r.metadata?.name === first)?.revision, 3, 'the old revision became the newest');
  });
});
