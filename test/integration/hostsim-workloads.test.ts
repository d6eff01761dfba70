// Workloads on the full embedded host (API server, controller manager, hostsim), with kubectl:
// Deployments spread over nodes and become ready, Jobs complete, DaemonSets run on every node,
// StatefulSets get their volumes. Each scenario needs its controller; it is skipped without it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '../../src/client/index.js';
import { hasController, startEmbeddedHost, type EmbeddedHost } from '../support/host.js';
import { waitFor } from '../support/wait.js';

const rows = (table: string): string[][] => table.trim().split('\n').slice(1).map((l) => l.trim().split(/\s{2,}/));
const needs = (...names: string[]): { skip: string | false } => {
  const missing = names.filter((n) => !hasController(n));
  return { skip: missing.length > 0 ? `no ${missing.join(', ')} controller yet` : false };
};

describe('hostsim workloads', () => {
  let host: EmbeddedHost;
  before(async () => {
    host = await startEmbeddedHost({ storage: 'sqlite' });
    await host.kubectlOk(['create', 'namespace', 'apps']);
  });
  after(async () => {
    await host.stop();
  });

  it('a Deployment of 3 replicas reaches 3/3 with one pod per node', needs('deployment', 'replicaset'), async () => {
    await host.kubectlOk(['create', 'deployment', 'web', '-n', 'apps', '--image=nginx:1.27', '--replicas=3', '--port=80']);
    const status = await host.kubectl(['rollout', 'status', 'deployment/web', '-n', 'apps', '--timeout=120s']);
    assert.equal(status.code, 0, status.stderr);
    await waitFor(async () => rows(await host.kubectlOk(['get', 'deployment', 'web', '-n', 'apps']))[0]?.[1] === '3/3', { timeoutMs: 60_000, what: 'READY 3/3' });
    const pods = rows(await host.kubectlOk(['get', 'pods', '-n', 'apps', '-l', 'app=web', '-o', 'wide']));
    assert.equal(pods.length, 3);
    assert.ok(pods.every((p) => p[1] === '1/1' && p[2] === 'Running'));
    assert.equal(new Set(pods.map((p) => p[6])).size, 3, `spread over nodes: ${pods.map((p) => p[6]).join(', ')}`);
  });

  it('kubectl rollout restart makes new pods, and rollout undo goes back to the previous template', needs('deployment', 'replicaset'), async () => {
    await host.kubectlOk(['create', 'deployment', 'roll', '-n', 'apps', '--image=nginx:1.26', '--replicas=2']);
    await host.kubectlOk(['rollout', 'status', 'deployment/roll', '-n', 'apps', '--timeout=120s']);
    const podsOf = async (): Promise<string[]> => rows(await host.kubectlOk(['get', 'pods', '-n', 'apps', '-l', 'app=roll', '--field-selector=status.phase=Running'])).map((r) => r[0] ?? '');
    const before = new Set(await podsOf());
    await host.kubectlOk(['rollout', 'restart', 'deployment/roll', '-n', 'apps']);
    await host.kubectlOk(['rollout', 'status', 'deployment/roll', '-n', 'apps', '--timeout=120s']);
    await waitFor(async () => {
      const now = await podsOf();
      return now.length === 2 && now.every((p) => !before.has(p));
    }, { timeoutMs: 60_000, what: 'two new pods after the restart' });
    const restartedAt = await host.kubectlOk(['get', 'deployment', 'roll', '-n', 'apps', '-o', 'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}']);
    assert.match(restartedAt, /^\d{4}-\d\d-\d\dT/);

    await host.kubectlOk(['set', 'image', 'deployment/roll', '-n', 'apps', 'nginx=nginx:1.27']);
    await host.kubectlOk(['rollout', 'status', 'deployment/roll', '-n', 'apps', '--timeout=120s']);
    const history = await host.kubectlOk(['rollout', 'history', 'deployment/roll', '-n', 'apps']);
    assert.deepEqual(rows(history.slice(history.indexOf('REVISION'))).map((r) => r[0]), ['1', '2', '3']);
    await host.kubectlOk(['rollout', 'undo', 'deployment/roll', '-n', 'apps']);
    await host.kubectlOk(['rollout', 'status', 'deployment/roll', '-n', 'apps', '--timeout=120s']);
    assert.equal(await host.kubectlOk(['get', 'deployment', 'roll', '-n', 'apps', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']), 'nginx:1.26');
    await waitFor(async () => {
      const images = await host.kubectlOk(['get', 'pods', '-n', 'apps', '-l', 'app=roll', '-o', 'jsonpath={.items[*].spec.containers[0].image}']);
      return images.split(' ').every((i) => i === 'nginx:1.26');
    }, { timeoutMs: 60_000, what: 'only pods of the restored template' });
  });

  it('a Service gets endpoints and endpointslices for its ready pods only', needs('deployment', 'endpoint', 'endpointslice'), async () => {
    await host.kubectlOk(['apply', '-f', '-'], JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop', namespace: 'apps' }, spec: { selector: { app: 'shop' }, ports: [{ port: 80, targetPort: 8080 }] } },
        ...[['ready', 'true'], ['unready', 'false']].map(([name, ready]) => ({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `shop-${name}`, namespace: 'apps', labels: { app: 'shop' }, annotations: { 'hostsim.vcluster-ts.io/ready': ready } },
          spec: { containers: [{ name: 'shop', image: 'shop:1', ports: [{ containerPort: 8080 }] }] },
        })),
      ],
    }));
    const ipOf = async (pod: string): Promise<string> => (await host.client.get(resources.pods, pod, { namespace: 'apps' }))?.status?.podIP ?? '';
    await waitFor(async () => (await ipOf('shop-ready')) !== '' && (await ipOf('shop-unready')) !== '', { timeoutMs: 60_000, what: 'both pods running' });
    const readyIp = await ipOf('shop-ready');
    const unreadyIp = await ipOf('shop-unready');
    await waitFor(async () => (await host.kubectlOk(['get', 'endpoints', 'shop', '-n', 'apps', '-o', 'jsonpath={.subsets[*].addresses[*].ip}'])) === readyIp, { timeoutMs: 60_000, what: 'the ready pod in the endpoints' });
    assert.equal(await host.kubectlOk(['get', 'endpoints', 'shop', '-n', 'apps', '-o', 'jsonpath={.subsets[*].notReadyAddresses[*].ip}']), unreadyIp);
    assert.match(await host.kubectlOk(['get', 'endpoints', 'shop', '-n', 'apps']), new RegExp(`${readyIp.replaceAll('.', '\\.')}:8080`));
    const slices = await host.client.list(resources.endpointSlices, { namespace: 'apps', labelSelector: 'kubernetes.io/service-name=shop' });
    const conditions = Object.fromEntries(slices.items.flatMap((s) => s.endpoints).map((e) => [e.targetRef?.name, e.conditions?.ready]));
    assert.deepEqual(conditions, { 'shop-ready': true, 'shop-unready': false });
  });

  it('foreground deletion removes dependents first; orphan deletion leaves them unowned', needs('deployment', 'replicaset', 'garbagecollector'), async () => {
    for (const name of ['fg', 'orphan']) {
      await host.kubectlOk(['create', 'deployment', name, '-n', 'apps', '--image=nginx:1.27', '--replicas=2']);
      await host.kubectlOk(['rollout', 'status', `deployment/${name}`, '-n', 'apps', '--timeout=120s']);
    }
    const deleted = await host.kubectl(['delete', 'deployment', 'fg', '-n', 'apps', '--cascade=foreground', '--timeout=120s']);
    assert.equal(deleted.code, 0, deleted.stderr);
    // kubectl waited for the deployment itself, which foreground deletion removes last.
    assert.equal((await host.client.list(resources.replicaSets, { namespace: 'apps', labelSelector: 'app=fg' })).items.length, 0);
    assert.equal((await host.client.list(resources.pods, { namespace: 'apps', labelSelector: 'app=fg' })).items.filter((p) => !p.metadata?.deletionTimestamp).length, 0);

    await host.kubectlOk(['delete', 'deployment', 'orphan', '-n', 'apps', '--cascade=orphan']);
    const replicaSets = (await host.client.list(resources.replicaSets, { namespace: 'apps', labelSelector: 'app=orphan' })).items;
    assert.equal(replicaSets.length, 1);
    await waitFor(async () => (await host.client.list(resources.replicaSets, { namespace: 'apps', labelSelector: 'app=orphan' })).items[0]?.metadata?.ownerReferences === undefined, {
      timeoutMs: 30_000,
      what: 'the ReplicaSet without its owner reference',
    });
    const pods = (await host.client.list(resources.pods, { namespace: 'apps', labelSelector: 'app=orphan' })).items;
    assert.equal(pods.filter((p) => p.status?.phase === 'Running').length, 2, 'the orphaned pods keep running');
  });

  it('a Job completes', needs('job'), async () => {
    await host.kubectlOk(['create', 'job', 'pi', '-n', 'apps', '--image=perl:5.34', '--', 'perl', '-Mbignum=bpi', '-wle', 'print bpi(20)']);
    const waited = await host.kubectl(['wait', '--for=condition=complete', 'job/pi', '-n', 'apps', '--timeout=120s']);
    assert.equal(waited.code, 0, waited.stderr);
    const pod = rows(await host.kubectlOk(['get', 'pods', '-n', 'apps', '-l', 'job-name=pi']))[0];
    assert.equal(pod?.[2], 'Completed');
  });

  it('a DaemonSet runs one pod on every node', needs('daemonset'), async () => {
    await host.kubectlOk(['apply', '-f', '-'], JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'apps' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'fluent/fluent-bit:3.1' }] } } },
    }));
    await waitFor(async () => {
      const ds = await host.client.get(resources.daemonSets, 'agent', { namespace: 'apps' });
      return ds?.status?.numberReady === 3 && ds.status.desiredNumberScheduled === 3;
    }, { timeoutMs: 120_000, what: 'the DaemonSet ready on 3 nodes' });
    const nodes = rows(await host.kubectlOk(['get', 'pods', '-n', 'apps', '-l', 'app=agent', '-o', 'wide'])).map((r) => r[6]);
    assert.deepEqual([...nodes].sort(), ['vcluster-ts-node-1', 'vcluster-ts-node-2', 'vcluster-ts-node-3']);
  });

  it('a StatefulSet gets web-0..2 with bound volumes', needs('statefulset'), async () => {
    await host.kubectlOk(['apply', '-f', '-'], JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'apps' },
      spec: {
        serviceName: 'web',
        replicas: 3,
        selector: { matchLabels: { app: 'sts' } },
        template: { metadata: { labels: { app: 'sts' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] } },
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    }));
    await waitFor(async () => (await host.client.get(resources.statefulSets, 'web', { namespace: 'apps' }))?.status?.readyReplicas === 3, { timeoutMs: 120_000, what: 'the StatefulSet ready' });
    const claims = rows(await host.kubectlOk(['get', 'pvc', '-n', 'apps']));
    assert.deepEqual(claims.map((c) => `${c[0]} ${c[1]}`).sort(), ['www-web-0 Bound', 'www-web-1 Bound', 'www-web-2 Bound']);
  });

  it('deleting a namespace removes its pods through graceful deletion', needs('namespace'), async () => {
    await host.kubectlOk(['create', 'namespace', 'doomed']);
    await host.kubectlOk(['run', 'lonely', '-n', 'doomed', '--image=nginx:1.27']);
    await waitFor(async () => (await host.client.get(resources.pods, 'lonely', { namespace: 'doomed' }))?.status?.phase === 'Running', { timeoutMs: 60_000, what: 'running' });
    const deleted = await host.kubectl(['delete', 'namespace', 'doomed', '--wait', '--timeout=120s']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(await host.client.get(resources.namespaces, 'doomed'), undefined);
  });
});
