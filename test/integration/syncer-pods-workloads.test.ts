// Workloads through the syncer with the real kubectl: a Deployment's pods on the host, a host pod
// deleted from outside, a PersistentVolumeClaim bound on the host with its fake PV in the virtual
// cluster, and a syncer that was down while things changed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { resources } from '../../src/client/index.js';
import { waitFor } from '../support/wait.js';
import { startPodsCluster, type PodsCluster } from './syncer-pods-harness.js';

const LONG = { timeoutMs: 60_000, intervalMs: 100 };

describe('pod-side syncers with workloads', () => {
  let c: PodsCluster;
  before(async () => {
    c = await startPodsCluster();
  });
  after(async () => {
    await c.close();
  });

  const hostPods = async (prefix: string): Promise<Pod[]> =>
    (await c.host.admin.list(resources.pods, { namespace: c.hostNamespace })).items.filter((p) => p.metadata?.name?.startsWith(prefix) === true);
  const virtualPods = async (label: string): Promise<Pod[]> => (await c.virtual.admin.list(resources.pods, { namespace: 'default', labelSelector: label })).items;

  it('a Deployment yields host pods named per spec, running, with IPs back in the virtual cluster', async (t) => {
    if (!c.hasController('deployment') || !c.hasController('replicaset')) {
      t.skip('the virtual cluster has no deployment controller yet');
      return;
    }
    await c.kubectlOk(['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2']);
    await waitFor(async () => (await virtualPods('app=web')).filter((p) => p.status?.phase === 'Running' && (p.status.podIP ?? '') !== '').length === 2, {
      ...LONG,
      what: 'two running virtual pods',
    });
    const virtual = await virtualPods('app=web');
    const hosts = await hostPods('web-');
    assert.deepEqual(hosts.map((p) => p.metadata?.name).sort(), virtual.map((p) => `${p.metadata?.name ?? ''}-x-default-x-vc`).sort());
    for (const host of hosts) {
      assert.equal(host.metadata?.annotations?.['vcluster.loft.sh/owner-set-kind'], 'ReplicaSet');
      assert.equal(host.metadata.annotations['cluster-autoscaler.kubernetes.io/safe-to-evict'], 'true');
    }
    await waitFor(async () => (await c.kubectl(['rollout', 'status', 'deployment/web', '--timeout=5s'])).code === 0, { ...LONG, what: 'the rollout' });
    const wide = await c.kubectlOk(['get', 'pods', '-l', 'app=web', '-o', 'wide']);
    assert.match(wide, /10\.244\.0\.\d+/);
  });

  it('a host pod deleted from outside: the virtual pod goes and its controller replaces it', async (t) => {
    if (!c.hasController('replicaset')) {
      t.skip('the virtual cluster has no replicaset controller yet');
      return;
    }
    const [victim] = await virtualPods('app=web');
    const victimName = victim?.metadata?.name ?? '';
    await c.host.admin.delete(resources.pods, `${victimName}-x-default-x-vc`, { namespace: c.hostNamespace });
    await waitFor(async () => (await c.virtual.admin.get(resources.pods, victimName, { namespace: 'default' })) === undefined, { ...LONG, what: 'the virtual pod to go' });
    await waitFor(async () => {
      const pods = (await virtualPods('app=web')).filter((p) => p.status?.phase === 'Running');
      return pods.length === 2 && pods.every((p) => p.metadata?.name !== victimName);
    }, { ...LONG, what: 'a replacement pod running' });
    await waitFor(async () => (await hostPods('web-')).length === 2, { ...LONG, what: 'two host pods again' });
  });

  it('a PVC binds on the host and a fake PV appears; it goes with the claim', async () => {
    const pvc = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 2Gi
`;
    await c.kubectlOk(['apply', '-f', '-'], pvc);
    await waitFor(async () => (await c.virtual.admin.get(resources.persistentVolumeClaims, 'data', { namespace: 'default' }))?.status?.phase === 'Bound', {
      ...LONG,
      what: 'the virtual claim to be bound',
    });
    const host = await c.host.admin.get(resources.persistentVolumeClaims, 'data-x-default-x-vc', { namespace: c.hostNamespace });
    const virtual = await c.virtual.admin.get(resources.persistentVolumeClaims, 'data', { namespace: 'default' });
    assert.equal(virtual?.spec?.volumeName, host?.spec?.volumeName);
    assert.equal(virtual?.metadata?.annotations?.['pv.kubernetes.io/bind-completed'], 'yes');
    const volumeName = host?.spec?.volumeName ?? '';
    await waitFor(async () => (await c.virtual.admin.get(resources.persistentVolumes, volumeName)) !== undefined, { ...LONG, what: 'the fake PV' });
    const pv = await c.virtual.admin.get(resources.persistentVolumes, volumeName);
    assert.equal(pv?.metadata?.labels?.['vcluster.loft.sh/fake-pv'], 'true');
    assert.deepEqual([pv.spec?.claimRef?.namespace, pv.spec?.claimRef?.name], ['default', 'data']);
    assert.equal(pv.status?.phase, 'Bound');
    const listed = await c.kubectlOk(['get', 'pv']);
    assert.match(listed, new RegExp(`${volumeName}\\s+2Gi\\s+RWO\\s+Delete\\s+Bound\\s+default/data`));
    // A pod using the claim mounts the host claim.
    const pod = JSON.stringify({ spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }], containers: [{ name: 'c', image: 'nginx', volumeMounts: [{ name: 'd', mountPath: '/d' }] }] } });
    await c.kubectlOk(['run', 'uses-data', '--image=nginx', `--overrides=${pod}`]);
    await waitFor(async () => (await hostPods('uses-data-')).length === 1, { ...LONG, what: 'the host pod using the claim' });
    const [hostPod] = await hostPods('uses-data-');
    assert.equal(hostPod?.spec?.volumes?.find((v) => v.name === 'd')?.persistentVolumeClaim?.claimName, 'data-x-default-x-vc');
    await c.kubectlOk(['delete', 'pod', 'uses-data', '--wait=false']);

    await c.kubectlOk(['delete', 'pvc', 'data', '--wait=false']);
    await waitFor(async () => (await c.host.admin.get(resources.persistentVolumeClaims, 'data-x-default-x-vc', { namespace: c.hostNamespace })) === undefined, {
      ...LONG,
      what: 'the host claim to go',
    });
    await waitFor(async () => (await c.virtual.admin.get(resources.persistentVolumes, volumeName)) === undefined, { ...LONG, what: 'the fake PV to go' });
  });

  it('changes made while the syncer is down are caught up after a restart', async () => {
    await c.kubectlOk(['run', 'stays', '--image=nginx']);
    await c.kubectlOk(['run', 'goes', '--image=nginx']);
    await waitFor(async () => (await hostPods('goes-x-')).length === 1 && (await hostPods('stays-x-')).length === 1, { ...LONG, what: 'both host pods' });
    await c.stopSyncer();
    await c.kubectlOk(['delete', 'pod', 'goes', '--wait=false']);
    await c.kubectlOk(['label', 'pod', 'stays', 'color=blue']);
    await c.kubectlOk(['run', 'new', '--image=nginx']);
    await c.restartSyncer();
    await waitFor(async () => (await hostPods('goes-x-')).length === 0, { ...LONG, what: 'the orphaned host pod to be removed' });
    await waitFor(async () => (await hostPods('stays-x-'))[0]?.metadata?.labels?.color === 'blue', { ...LONG, what: 'the label on the host pod' });
    await waitFor(async () => (await hostPods('new-x-')).length === 1, { ...LONG, what: 'the new host pod' });
  });
});
