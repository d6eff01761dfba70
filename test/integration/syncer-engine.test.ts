// The engine's promises, checked on real servers: foreign host objects are never touched, the
// syncer does not write when nothing changed, a restart converges exactly (changes and deletions
// made while it was down, host orphans), and two vclusters on one host stay apart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '../../src/client/index.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { eventually, kubectlFor, startVirtualCluster, type Kubectl, type VirtualCluster } from '../support/virtual.js';
import { waitFor } from '../support/wait.js';

const WAIT = { timeoutMs: 60_000 };
const forced = (name: string, data: Record<string, string>, namespace = 'default'): string =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, annotations: { 'vcluster.loft.sh/force-sync': 'true' } }, data });

describe('syncer engine', () => {
  let host: TestApiServer;
  let vc: VirtualCluster;
  let vk: Kubectl;
  let hk: Kubectl;
  const NS = 'vcluster-eng';
  const hostCm = (name: string, namespace = 'default') => hk.getJson(['configmap', '-n', NS, `${name}-x-${namespace}-x-eng`]);

  before(async () => {
    host = await startTestApiServer();
    vc = await startVirtualCluster({ host, name: 'eng' });
    vk = kubectlFor(vc.virtualKubeconfigPath);
    hk = kubectlFor(vc.hostKubeconfigPath);
  });
  after(async () => {
    await vc.stop();
    await host.stop();
  });

  it('leaves a foreign host object with the wanted name untouched and says why in an event', async () => {
    // Not labelled at all, and labelled as ours but without our annotations.
    await hk.ok(['-n', NS, 'create', 'configmap', 'clash-x-default-x-eng', '--from-literal=owner=someone-else']);
    await hk.ok(['-n', NS, 'create', 'configmap', 'lookalike-x-default-x-eng', '--from-literal=owner=someone-else']);
    await hk.ok(['-n', NS, 'label', 'configmap', 'lookalike-x-default-x-eng', 'vcluster.loft.sh/managed-by=eng']);
    await vk.ok(['apply', '-f', '-'], forced('clash', { mine: 'yes' }));
    await vk.ok(['apply', '-f', '-'], forced('lookalike', { mine: 'yes' }));
    for (const name of ['clash', 'lookalike']) {
      await waitFor(async () => {
        const events = await vk.getJson(['events', '--field-selector', `involvedObject.name=${name}`]);
        return (events?.items ?? []).some((e: any) => e.reason === 'SyncError' && e.type === 'Warning');
      }, { ...WAIT, what: `the SyncError event of ${name}` });
      const describe = await vk.ok(['describe', 'configmap', name]);
      assert.match(describe, /SyncError/);
      assert.match(describe, /not managed by vcluster eng/);
      const foreign = await eventually(() => hostCm(name));
      assert.deepEqual(foreign.data, { owner: 'someone-else' }, 'the foreign object keeps its data');
      assert.equal((foreign.metadata.annotations ?? {})['vcluster.loft.sh/object-name'], undefined);
    }
    // The virtual objects are not deleted either.
    assert.notEqual(await vk.getJson(['configmap', 'clash']), undefined);
    // Once the foreign object is gone, ours takes the name.
    await hk.ok(['-n', NS, 'delete', 'configmap', 'clash-x-default-x-eng']);
    await waitFor(async () => (await hostCm('clash'))?.data?.mine === 'yes', { ...WAIT, what: 'our copy after the foreign one went' });
  });

  it('does not write when nothing changed', async () => {
    await vk.ok(['apply', '-f', '-'], forced('quiet', { a: '1' }));
    await vk.ok(['create', 'service', 'clusterip', 'quiet', '--tcp=80:80']);
    await waitFor(async () => (await hostCm('quiet')) !== undefined, { ...WAIT, what: 'the host ConfigMap' });
    await waitFor(async () => {
      const h = await vc.host.get(resources.services, 'quiet-x-default-x-eng', { namespace: NS });
      const v = await vc.virtual.get(resources.services, 'quiet', { namespace: 'default' });
      return h !== undefined && v?.spec?.clusterIP === h.spec?.clusterIP;
    }, { ...WAIT, what: 'the Service to settle' });
    const versions = async () => [
      (await vc.host.get(resources.configMaps, 'quiet-x-default-x-eng', { namespace: NS }))?.metadata?.resourceVersion,
      (await vc.virtual.get(resources.configMaps, 'quiet', { namespace: 'default' }))?.metadata?.resourceVersion,
      (await vc.host.get(resources.services, 'quiet-x-default-x-eng', { namespace: NS }))?.metadata?.resourceVersion,
      (await vc.virtual.get(resources.services, 'quiet', { namespace: 'default' }))?.metadata?.resourceVersion,
    ];
    // Let any pending reconcile finish, then make sure a quiet period brings no writes.
    await new Promise((r) => setTimeout(r, 500));
    const before = await versions();
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(await versions(), before);
  });

  it('converges exactly after a restart: changes, deletions and re-creations made while it was down, and host orphans', async () => {
    await vk.ok(['apply', '-f', '-'], forced('changed', { v: '1' }));
    await vk.ok(['apply', '-f', '-'], forced('deleted', { v: '1' }));
    await vk.ok(['apply', '-f', '-'], forced('recreated', { v: '1' }));
    await vk.ok(['create', 'service', 'clusterip', 'moved', '--tcp=80:80']);
    await vk.ok(['create', 'service', 'clusterip', 'gone', '--tcp=80:80']);
    for (const name of ['changed', 'deleted', 'recreated']) await waitFor(async () => (await hostCm(name)) !== undefined, { ...WAIT, what: name });
    for (const name of ['moved', 'gone']) await waitFor(async () => (await hk.getJson(['service', '-n', NS, `${name}-x-default-x-eng`])) !== undefined, { ...WAIT, what: name });
    const oldUid = (await vk.getJson(['configmap', 'recreated']))?.metadata.uid;

    await vc.stopSyncer();
    await vk.ok(['apply', '-f', '-'], forced('changed', { v: '2', added: 'yes' }));
    await vk.ok(['label', 'configmap', 'changed', 'tier=gold']);
    await vk.ok(['delete', 'configmap', 'deleted']);
    await vk.ok(['delete', 'configmap', 'recreated']);
    await vk.ok(['apply', '-f', '-'], forced('recreated', { v: 'new' }));
    await vk.ok(['apply', '-f', '-'], forced('created', { v: '1' }));
    await vk.ok(['patch', 'service', 'moved', '--type=merge', '-p', '{"spec":{"selector":{"app":"elsewhere"}}}']);
    await vk.ok(['delete', 'service', 'gone']);
    // An orphan: a copy whose virtual object never existed (e.g. left by a crash).
    const orphan = await vc.host.get(resources.configMaps, 'changed-x-default-x-eng', { namespace: NS });
    await vc.host.create(resources.configMaps, {
      metadata: {
        name: 'orphan-x-default-x-eng',
        namespace: NS,
        labels: orphan?.metadata?.labels ?? {},
        annotations: { ...orphan?.metadata?.annotations, 'vcluster.loft.sh/object-name': 'orphan', 'vcluster.loft.sh/object-host-name': 'orphan-x-default-x-eng', 'vcluster.loft.sh/object-uid': 'f00' },
      },
      data: { left: 'behind' },
    });
    await vc.startSyncer();

    await waitFor(async () => {
      const changed = await hostCm('changed');
      return changed?.data?.v === '2' && changed.data.added === 'yes' && changed.metadata.labels?.tier === 'gold';
    }, { ...WAIT, what: 'the change made while down' });
    await waitFor(async () => (await hostCm('deleted')) === undefined, { ...WAIT, what: 'the deletion made while down' });
    await waitFor(async () => (await hostCm('created'))?.data?.v === '1', { ...WAIT, what: 'the object created while down' });
    await waitFor(async () => (await hostCm('orphan')) === undefined, { ...WAIT, what: 'the orphan to be removed' });
    await waitFor(async () => (await hostCm('recreated'))?.data?.v === 'new', { ...WAIT, what: 'the re-created object' });
    const recreated = await hostCm('recreated');
    const newUid = (await vk.getJson(['configmap', 'recreated']))?.metadata.uid;
    assert.notEqual(newUid, oldUid);
    assert.equal(recreated?.metadata.annotations['vcluster.loft.sh/object-uid'], newUid);
    await waitFor(async () => (await hk.getJson(['service', '-n', NS, 'moved-x-default-x-eng']))?.spec.selector.app === 'elsewhere', { ...WAIT, what: 'the selector change made while down' });
    await waitFor(async () => (await hk.getJson(['service', '-n', NS, 'gone-x-default-x-eng'])) === undefined, { ...WAIT, what: 'the service deleted while down' });
    // The virtual side was not changed by the restart.
    assert.deepEqual((await vk.getJson(['configmap', 'changed']))?.data, { v: '2', added: 'yes' });
  });
});

describe('syncer: two vclusters on one host', () => {
  let host: TestApiServer;
  let a: VirtualCluster;
  let b: VirtualCluster;
  let c: VirtualCluster;

  before(async () => {
    host = await startTestApiServer();
    a = await startVirtualCluster({ host, name: 'alpha' });
    b = await startVirtualCluster({ host, name: 'beta' });
    // Two vclusters can also share one host namespace (`vcluster create -n`).
    c = await startVirtualCluster({ host, name: 'gamma', hostNamespace: 'vcluster-alpha' });
  });
  after(async () => {
    await Promise.all([a.stop(), b.stop(), c.stop()]);
    await host.stop();
  });

  it('keeps their objects apart', async () => {
    const hk = kubectlFor(host.kubeconfigPath);
    for (const vc of [a, b, c]) {
      const vk = kubectlFor(vc.virtualKubeconfigPath);
      await vk.ok(['apply', '-f', '-'], forced('shared', { owner: vc.name }));
      await vk.ok(['create', 'service', 'clusterip', 'web', '--tcp=80:80']);
    }
    const where = (vc: VirtualCluster, kind: string, name: string) => hk.getJson([kind, '-n', vc.hostNamespace, `${name}-x-default-x-${vc.name}`]);
    for (const vc of [a, b, c]) {
      await waitFor(async () => (await where(vc, 'configmap', 'shared'))?.data?.owner === vc.name, { ...WAIT, what: `${vc.name}'s ConfigMap` });
      await waitFor(async () => (await where(vc, 'service', 'web')) !== undefined, { ...WAIT, what: `${vc.name}'s Service` });
      const service = await where(vc, 'service', 'web');
      assert.equal(service?.spec.selector['vcluster.loft.sh/managed-by'], vc.name);
    }
    // Deleting in one vcluster leaves the others alone, even in a shared host namespace.
    await kubectlFor(a.virtualKubeconfigPath).ok(['delete', 'configmap', 'shared']);
    await waitFor(async () => (await where(a, 'configmap', 'shared')) === undefined, { ...WAIT, what: "alpha's copy to go" });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await where(b, 'configmap', 'shared'))?.data?.owner, 'beta');
    assert.equal((await where(c, 'configmap', 'shared'))?.data?.owner, 'gamma');
    // Each vcluster only sees its own: nothing of beta or gamma shows up in alpha.
    const list = await a.virtual.list(resources.configMaps, { namespace: 'default' });
    assert.deepEqual(list.items.map((i) => i.metadata?.name).filter((n) => n !== 'kube-root-ca.crt').sort(), []);
  });
});
