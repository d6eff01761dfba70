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
