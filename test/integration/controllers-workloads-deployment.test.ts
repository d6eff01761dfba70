// The ReplicaSet and Deployment controllers in-process against our API server, driven as a user
// would with the real kubectl: a Deployment reaches 3/3 and `kubectl rollout status` succeeds,
// `rollout restart` and `rollout undo` roll pods over to a new and back to an old template, and
// `rollout history` lists the revisions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { resources } from '../../src/client/index.js';
import { deploymentController } from '../../src/controllers/deployment.js';
import { replicaSetController } from '../../src/controllers/replicaset.js';
import { waitFor } from '../support/wait.js';
import { ensureNamespace, startCluster, type Cluster } from './controllers-workloads-support.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: deploy
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25"}]
`;

let cluster: Cluster;
before(async () => {
  cluster = await startCluster({
    controllers: (ctx) => [replicaSetController(ctx), deploymentController(ctx)],
    // Pods labelled hold=yes never start: a rollout to them cannot progress.
    kubelet: { defaultNode: 'node-1', hold: (pod) => pod.metadata?.labels?.hold === 'yes' },
  });
  await ensureNamespace(cluster.client, 'deploy');
});
after(async () => {
  await cluster.stop();
});

const podsOf = async (ns: string, selector: string): Promise<Pod[]> => (await cluster.client.list(resources.pods, { namespace: ns, labelSelector: selector })).items;
const replicaSetsOf = async (ns: string): Promise<ReplicaSet[]> => (await cluster.client.list(resources.replicaSets, { namespace: ns })).items;

describe('Deployment', () => {
  it('reaches 3/3 ready and kubectl rollout status succeeds', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: DEPLOYMENT });
    const status = await cluster.kubectl(['rollout', 'status', 'deployment/web', '-n', 'deploy', '--timeout=60s'], { timeoutMs: 90_000 });
    assert.match(status.stdout, /successfully rolled out/);
    const d = await cluster.client.get(resources.deployments, 'web', { namespace: 'deploy' });
    assert.ok(d?.status && d.metadata);
    assert.equal(d.status.readyReplicas, 3);
    assert.equal(d.status.availableReplicas, 3);
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
    const conditions = Object.fromEntries((d.status.conditions ?? []).map((c) => [c.type, c.reason]));
    assert.deepEqual(conditions, { Available: 'MinimumReplicasAvailable', Progressing: 'NewReplicaSetAvailable' });
    const rss = await replicaSetsOf('deploy');
    assert.equal(rss.length, 1);
    const meta = rss[0]!.metadata!;
    const hash = meta.labels?.['pod-template-hash'] ?? '';
    assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    assert.equal(meta.name, `web-${hash}`);
    assert.deepEqual(
      [meta.annotations?.['deployment.kubernetes.io/revision'], meta.annotations?.['deployment.kubernetes.io/desired-replicas'], meta.annotations?.['deployment.kubernetes.io/max-replicas']],
      ['1', '3', '4'],
    );
    const pods = await podsOf('deploy', 'app=web');
    assert.equal(pods.length, 3);
    for (const pod of pods) {
      const m = pod.metadata!;
      assert.ok(m.name?.startsWith(`web-${hash}-`));
      assert.equal(m.labels?.['pod-template-hash'], hash);
      assert.deepEqual(m.ownerReferences?.map((r) => [r.kind, r.name, r.controller, r.blockOwnerDeletion]), [['ReplicaSet', `web-${hash}`, true, true]]);
    }
    const get = await cluster.kubectl(['get', 'deployment', 'web', '-n', 'deploy']);
    assert.match(get.stdout, /web\s+3\/3\s+3\s+3/);
  });

  it('kubectl rollout restart replaces every pod through a new ReplicaSet', async () => {
    const before = new Set((await podsOf('deploy', 'app=web')).map((p) => p.metadata?.name));
    await cluster.kubectl(['rollout', 'restart', 'deployment/web', '-n', 'deploy']);
    const status = await cluster.kubectl(['rollout', 'status', 'deployment/web', '-n', 'deploy', '--timeout=60s'], { timeoutMs: 90_000 });
    assert.match(status.stdout, /successfully rolled out/);
    await waitFor(async () => (await podsOf('deploy', 'app=web')).length === 3, { timeoutMs: 30_000, what: 'old pods to go' });
    const pods = await podsOf('deploy', 'app=web');
    assert.ok(pods.every((p) => !before.has(p.metadata?.name)), 'every pod is new');
    assert.ok(pods.every((p) => p.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] !== undefined));
    const rss = await replicaSetsOf('deploy');
    assert.equal(rss.length, 2);
    const byRevision = Object.fromEntries(rss.map((rs) => [rs.metadata?.annotations?.['deployment.kubernetes.io/revision'], rs.spec?.replicas]));
    assert.deepEqual(byRevision, { '1': 0, '2': 3 });
    const d = await cluster.client.get(resources.deployments, 'web', { namespace: 'deploy' });
    assert.equal(d?.metadata?.annotations?.['deployment.kubernetes.io/revision'], '2');
  });

  it('kubectl rollout history lists the revisions and rollout undo goes back to the previous template', async () => {
    const history = await cluster.kubectl(['rollout', 'history', 'deployment/web', '-n', 'deploy']);
    assert.match(history.stdout, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    await cluster.kubectl(['rollout', 'undo', 'deployment/web', '-n', 'deploy']);
    const status = await cluster.kubectl(['rollout', 'status', 'deployment/web', '-n', 'deploy', '--timeout=60s'], { timeoutMs: 90_000 });
    assert.match(status.stdout, /successfully rolled out/);
    await waitFor(async () => (await podsOf('deploy', 'app=web')).length === 3, { timeoutMs: 30_000, what: 'old pods to go' });
    const pods = await podsOf('deploy', 'app=web');
    assert.ok(pods.every((p) => p.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] === undefined), 'back to the template without the restart annotation');
    const rss = await replicaSetsOf('deploy');
    const first = rss.find((rs) => rs.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] === undefined);
    assert.deepEqual(
      [first?.metadata?.annotations?.['deployment.kubernetes.io/revision'], first?.metadata?.annotations?.['deployment.kubernetes.io/revision-history'], first?.spec?.replicas],
      ['3', '1', 3],
    );
    const after = await cluster.kubectl(['rollout', 'history', 'deployment/web', '-n', 'deploy']);
    assert.match(after.stdout, /REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>/);
    const d: Deployment | undefined = await cluster.client.get(resources.deployments, 'web', { namespace: 'deploy' });
    assert.equal(d?.metadata?.annotations?.['deployment.kubernetes.io/revision'], '3');
  });
});

const deploymentYaml = (name: string, spec: string, labels = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: deploy}
spec:
${spec}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}${labels}}}
    spec:
      containers: [{name: main, image: "nginx:1.25"}]
`;
const deployment = async (name: string): Promise<Deployment> => (await cluster.client.get(resources.deployments, name, { namespace: 'deploy' }))!;
const progressing = async (name: string): Promise<string | undefined> => (await deployment(name)).status?.conditions?.find((c) => c.type === 'Progressing')?.reason;
const ownedReplicaSets = async (name: string): Promise<ReplicaSet[]> => (await replicaSetsOf('deploy')).filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.name === name));

describe('Deployment strategies and knobs', () => {
  it('Recreate: old pods are all gone before new ones are made', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: deploymentYaml('recreate', '  replicas: 2\n  strategy: {type: Recreate}') });
    await cluster.kubectl(['rollout', 'status', 'deployment/recreate', '-n', 'deploy', '--timeout=60s'], { timeoutMs: 90_000 });
    const oldPods = new Set((await podsOf('deploy', 'app=recreate')).map((p) => p.metadata?.name));
    const seen: Pod[][] = [];
    const stop = new AbortController();
    const watching = (async () => {
      try {
        for await (const e of cluster.client.watch(resources.pods, { namespace: 'deploy', labelSelector: 'app=recreate', signal: stop.signal })) {
          if (e.type === 'ADDED' && !oldPods.has(e.object.metadata?.name)) seen.push(await podsOf('deploy', 'app=recreate'));
        }
      } catch {
        // stopped
      }
    })();
    await cluster.kubectl(['set', 'image', 'deployment/recreate', '-n', 'deploy', 'main=nginx:1.26']);
    await cluster.kubectl(['rollout', 'status', 'deployment/recreate', '-n', 'deploy', '--timeout=60s'], { timeoutMs: 90_000 });
    stop.abort();
    await watching;
    assert.ok(seen.length > 0);
    // Whenever a new pod appeared, no old pod was left.
    for (const snapshot of seen) assert.ok(snapshot.every((p) => !oldPods.has(p.metadata?.name)), 'an old pod outlived the first new one');
  });

  it('pause holds a new template back; resume rolls it out', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: deploymentYaml('paused', '  replicas: 2') });
    await cluster.kubectl(['rollout', 'status', 'deployment/paused', '-n', 'deploy', '--timeout=60s'], { timeoutMs: 90_000 });
    await cluster.kubectl(['rollout', 'pause', 'deployment/paused', '-n', 'deploy']);
    await waitFor(async () => (await progressing('paused')) === 'DeploymentPaused', { timeoutMs: 30_000, what: 'DeploymentPaused' });
    await cluster.kubectl(['set', 'image', 'deployment/paused', '-n', 'deploy', 'main=nginx:1.26']);
    await waitFor(async () => (await deployment('paused')).status?.observedGeneration === (await deployment('paused')).metadata?.generation, { timeoutMs: 30_000, what: 'the change observed' });
    assert.equal((await ownedReplicaSets('paused')).length, 1, 'no new ReplicaSet while paused');
    await cluster.kubectl(['rollout', 'resume', 'deployment/paused', '-n', 'deploy']);
    await cluster.kubectl(['rollout', 'status', 'deployment/paused', '-n', 'deploy', '--timeout=60s'], { timeoutMs: 90_000 });
    assert.equal((await ownedReplicaSets('paused')).length, 2);
    // rollout status returns once the new pods are available; old ones may still be terminating.
    await waitFor(async () => (await podsOf('deploy', 'app=paused')).every((p) => p.spec?.containers[0]?.image === 'nginx:1.26'), { timeoutMs: 30_000, what: 'old pods gone' });
  });

  it('keeps at most revisionHistoryLimit old ReplicaSets', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: deploymentYaml('history', '  replicas: 1\n  revisionHistoryLimit: 1') });
    for (const tag of ['1.26', '1.27', '1.28']) {
      await cluster.kubectl(['set', 'image', 'deployment/history', '-n', 'deploy', `main=nginx:${tag}`]);
      await cluster.kubectl(['rollout', 'status', 'deployment/history', '-n', 'deploy', '--timeout=60s'], { timeoutMs: 90_000 });
    }
    await waitFor(async () => (await ownedReplicaSets('history')).length === 2, { timeoutMs: 30_000, what: 'old ReplicaSets cleaned up' });
    const revisions = (await ownedReplicaSets('history')).map((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision']).sort();
    assert.deepEqual(revisions, ['3', '4']);
  });

  it('reports ProgressDeadlineExceeded when new pods never become ready, and rollout status fails', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: deploymentYaml('stuck', '  replicas: 1\n  progressDeadlineSeconds: 1', ', hold: "yes"') });
    await waitFor(async () => (await progressing('stuck')) === 'ProgressDeadlineExceeded', { timeoutMs: 30_000, what: 'ProgressDeadlineExceeded' });
    const d = await deployment('stuck');
    const cond = d.status?.conditions?.find((c) => c.type === 'Progressing');
    assert.equal(cond?.status, 'False');
    assert.match(cond.message ?? '', /^ReplicaSet "stuck-[a-z0-9]+" has timed out progressing\.$/);
    assert.equal(d.status?.conditions?.find((c) => c.type === 'Available')?.reason, 'MinimumReplicasUnavailable');
    const status = await cluster.kubectl(['rollout', 'status', 'deployment/stuck', '-n', 'deploy', '--timeout=30s'], { allowFail: true, timeoutMs: 60_000 });
    assert.notEqual(status.code, 0);
    assert.match(status.stderr, /exceeded its progress deadline/);
  });

  it('scaling during a rollout spreads the change proportionally', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: deploymentYaml('scale', '  replicas: 10\n  strategy: {rollingUpdate: {maxSurge: 3, maxUnavailable: 2}}') });
    await cluster.kubectl(['rollout', 'status', 'deployment/scale', '-n', 'deploy', '--timeout=60s'], { timeoutMs: 90_000 });
    // The new template's pods never get ready: the rollout stops half way.
    await cluster.kubectl(['patch', 'deployment/scale', '-n', 'deploy', '--type=merge', '-p', JSON.stringify({ spec: { template: { metadata: { labels: { hold: 'yes' } } } } })]);
    await waitFor(async () => {
      const rss = await ownedReplicaSets('scale');
      return rss.length === 2 && rss.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0) === 13;
    }, { timeoutMs: 30_000, what: 'the rollout to reach maxSurge' });
    const before = Object.fromEntries((await ownedReplicaSets('scale')).map((rs) => [rs.metadata?.annotations?.['deployment.kubernetes.io/revision'], rs.spec?.replicas]));
    assert.deepEqual(before, { '1': 8, '2': 5 });
    await cluster.kubectl(['scale', 'deployment/scale', '-n', 'deploy', '--replicas=20']);
    await waitFor(async () => (await ownedReplicaSets('scale')).reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0) === 23, { timeoutMs: 30_000, what: 'the scale to 20 (+3 surge)' });
    const after = Object.fromEntries((await ownedReplicaSets('scale')).map((rs) => [rs.metadata?.annotations?.['deployment.kubernetes.io/revision'], rs.spec?.replicas]));
    // kube: 10 more split 8:5 of 13 → +6 and +4 (rounded), the old set being the larger gets the leftover.
    assert.deepEqual(after, { '1': 14, '2': 9 });
  });
});
