// Volumes on the embedded host: the default StorageClass, dynamic provisioning, static binding,
// pods waiting for their claims, and reclaiming volumes when claims go.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '../../src/client/index.js';
import { startEmbeddedHost, type EmbeddedHost } from '../support/host.js';
import { waitFor } from '../support/wait.js';

const rows = (table: string): string[][] => table.trim().split('\n').slice(1).map((l) => l.trim().split(/\s{2,}/));

const claim = (name: string, namespace: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } }, ...extra } });

describe('hostsim storage', () => {
  let host: EmbeddedHost;
  const bound = (ns: string, name: string): Promise<void> =>
    waitFor(async () => (await host.client.get(resources.persistentVolumeClaims, name, { namespace: ns }))?.status?.phase === 'Bound', { timeoutMs: 60_000, what: `${ns}/${name} Bound` });

  before(async () => {
    host = await startEmbeddedHost({ storage: 'sqlite', controllers: false });
    for (const ns of ['data', 'later', 'static']) await host.kubectlOk(['create', 'namespace', ns]);
  });
  after(async () => {
    await host.stop();
  });

  it('has a default StorageClass named standard', async () => {
    const [row] = rows(await host.kubectlOk(['get', 'storageclass']));
    assert.deepEqual(row?.slice(0, 5), ['standard (default)', 'vcluster-ts.io/hostpath', 'Delete', 'Immediate', 'false']);
  });

  it('provisions a volume for a claim and binds it', async () => {
    await host.kubectlOk(['apply', '-f', '-'], claim('db', 'data'));
    await bound('data', 'db');
    const pvc = await host.client.get(resources.persistentVolumeClaims, 'db', { namespace: 'data' });
    const volumeName = `pvc-${pvc?.metadata?.uid ?? ''}`;
    assert.equal(pvc?.spec?.volumeName, volumeName);
    assert.equal(pvc.spec.storageClassName, 'standard');
    assert.deepEqual(pvc.status?.capacity, { storage: '2Gi' });
    assert.deepEqual(pvc.status.accessModes, ['ReadWriteOnce']);
    assert.equal(pvc.metadata?.annotations?.['pv.kubernetes.io/bind-completed'], 'yes');
    assert.equal(pvc.metadata.annotations['volume.kubernetes.io/storage-provisioner'], 'vcluster-ts.io/hostpath');
    const [pvcRow] = rows(await host.kubectlOk(['get', 'pvc', 'db', '-n', 'data']));
    assert.deepEqual(pvcRow?.slice(0, 6), ['db', 'Bound', volumeName, '2Gi', 'RWO', 'standard']);
    await waitFor(async () => (await host.client.get(resources.persistentVolumes, volumeName))?.status?.phase === 'Bound', { timeoutMs: 30_000, what: 'the volume Bound' });
    const pv = await host.client.get(resources.persistentVolumes, volumeName);
    assert.equal(pv?.spec?.persistentVolumeReclaimPolicy, 'Delete');
    assert.equal(pv.spec.claimRef?.uid, pvc.metadata.uid);
    assert.ok(pv.spec.hostPath?.path);
    assert.equal(pv.metadata?.annotations?.['pv.kubernetes.io/provisioned-by'], 'vcluster-ts.io/hostpath');
    const [pvRow] = rows(await host.kubectlOk(['get', 'pv', volumeName]));
    assert.deepEqual(pvRow?.slice(0, 7), [volumeName, '2Gi', 'RWO', 'Delete', 'Bound', 'data/db', 'standard']);
    const events = await host.kubectlOk(['get', 'events', '-n', 'data', '--field-selector', 'involvedObject.name=db']);
    assert.match(events, /ProvisioningSucceeded/);
  });

  it('runs a pod that mounts the claim', async () => {
    await host.kubectlOk(['apply', '-f', '-'], JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'db', namespace: 'data' },
      spec: { containers: [{ name: 'pg', image: 'postgres:16', volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }] }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'db' } }] },
    }));
    await waitFor(async () => (await host.client.get(resources.pods, 'db', { namespace: 'data' }))?.status?.phase === 'Running', { timeoutMs: 60_000, what: 'the pod Running' });
  });

  it('reclaims the volume when the claim is deleted', async () => {
    const pvc = await host.client.get(resources.persistentVolumeClaims, 'db', { namespace: 'data' });
    await host.kubectlOk(['delete', 'pod', 'db', '-n', 'data', '--wait']);
    await host.kubectlOk(['delete', 'pvc', 'db', '-n', 'data', '--wait']);
    await waitFor(async () => (await host.client.get(resources.persistentVolumes, `pvc-${pvc?.metadata?.uid ?? ''}`)) === undefined, { timeoutMs: 60_000, what: 'the volume deleted' });
  });

  it('holds a pod back until its claim exists and is bound', async () => {
    await host.kubectlOk(['apply', '-f', '-'], JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'waiter', namespace: 'later' },
      spec: { containers: [{ name: 'app', image: 'busybox:1.36' }], volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'late' } }] },
    }));
    const message = '0/3 nodes are available: persistentvolumeclaim "late" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    await waitFor(async () => (await host.client.get(resources.pods, 'waiter', { namespace: 'later' }))?.status?.conditions?.some((c) => c.message === message) === true, { timeoutMs: 60_000, what: 'waiting for the claim' });
    await host.kubectlOk(['apply', '-f', '-'], claim('late', 'later'));
    await waitFor(async () => (await host.client.get(resources.pods, 'waiter', { namespace: 'later' }))?.status?.phase === 'Running', { timeoutMs: 60_000, what: 'running once the claim is bound' });
  });

  it('binds claims to matching static volumes and keeps Retain volumes after release', async () => {
    const pv = (name: string, storage: string): string =>
      JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name, labels: { disk: name } }, spec: { capacity: { storage }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: '', hostPath: { path: `/srv/${name}` } } });
    await host.kubectlOk(['apply', '-f', '-'], pv('static-small', '1Gi'));
    await host.kubectlOk(['apply', '-f', '-'], pv('static-large', '10Gi'));
    await waitFor(async () => (await host.client.get(resources.persistentVolumes, 'static-large'))?.status?.phase === 'Available', { timeoutMs: 30_000, what: 'Available' });
    await host.kubectlOk(['apply', '-f', '-'], claim('manual', 'static', { storageClassName: '' }));
    await bound('static', 'manual');
    assert.equal((await host.client.get(resources.persistentVolumeClaims, 'manual', { namespace: 'static' }))?.spec?.volumeName, 'static-large');
    assert.equal((await host.client.get(resources.persistentVolumes, 'static-large'))?.metadata?.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
    await host.kubectlOk(['delete', 'pvc', 'manual', '-n', 'static', '--wait']);
    await waitFor(async () => (await host.client.get(resources.persistentVolumes, 'static-large'))?.status?.phase === 'Released', { timeoutMs: 30_000, what: 'Released and kept' });
  });
});
