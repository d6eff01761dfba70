// The garbage collector against our API server: background, foreground and orphan deletion as
// `kubectl delete --cascade=…` does them, dangling and mismatched owners, several owners,
// cluster-scoped owners, and owners of a custom kind defined after the collector started.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { resourceRef, resources, type KubeClient, type ObjectLike, type ResourceRef } from '../../src/client/index.js';
import { waitFor } from '../support/wait.js';
import { crd, startControlPlane, type ControlPlane } from './controllers-harness.js';

const widgets = resourceRef({ group: 'example.com', version: 'v1', resource: 'widgets', namespaced: true, kind: 'Widget' });
const gadgets = resourceRef({ group: 'example.com', version: 'v1', resource: 'gadgets', namespaced: false, kind: 'Gadget' });

let cp: ControlPlane;
let admin: KubeClient;
before(async () => {
  cp = await startControlPlane();
  admin = cp.admin;
  await admin.create(resources.customResourceDefinitions, crd('widgets') as never);
  await waitFor(async () => (await cp.kubectl(['get', 'widgets', '-A'])).code === 0, { what: 'the widgets CRD to be served' });
});
after(async () => {
  await cp.close();
});

function ownerRef(owner: ObjectLike, options: { block?: boolean; controller?: boolean } = {}): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? '',
    kind: owner.kind ?? '',
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    ...(options.controller !== undefined ? { controller: options.controller } : {}),
    ...(options.block !== undefined ? { blockOwnerDeletion: options.block } : {}),
  };
}

async function namespace(name: string): Promise<void> {
  await admin.create(resources.namespaces, { metadata: { name } });
}

async function configMap(ns: string, name: string, owners: OwnerReference[], finalizers?: string[]): Promise<ObjectLike> {
  return admin.create(resources.configMaps, { metadata: { name, namespace: ns, ownerReferences: owners, ...(finalizers ? { finalizers } : {}) } });
}

const gone = async (ref: ResourceRef<ObjectLike>, name: string, ns?: string): Promise<boolean> => (await admin.get(ref, name, ns !== undefined ? { namespace: ns } : {})) === undefined;

describe('garbage collector', () => {
  it('background: kubectl delete removes the dependents of every kind afterwards', async () => {
    const ns = 'gc-background';
    await namespace(ns);
    const owner = await admin.create(widgets, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'owner', namespace: ns } });
    // Custom resources get server-set metadata like any object (their UID is what owners are known by).
    assert.match(owner.metadata?.uid ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-/);
    assert.ok(owner.metadata?.creationTimestamp);
    await configMap(ns, 'child-cm', [ownerRef(owner, { controller: true, block: true })]);
    await admin.create(resources.secrets, { metadata: { name: 'child-secret', namespace: ns, ownerReferences: [ownerRef(owner)] } });
    const childWidget = await admin.create(widgets, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'child-widget', namespace: ns, ownerReferences: [ownerRef(owner)] } });
    await configMap(ns, 'grandchild', [ownerRef(childWidget)]);
    await admin.create(resources.pods, { metadata: { name: 'child-pod', namespace: ns, ownerReferences: [ownerRef(owner)] }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    await configMap(ns, 'unrelated', []);

    const out = await cp.kubectlOk(['delete', 'widget', 'owner', '-n', ns]);
    assert.match(out, /widget.example.com "owner" deleted/);
    assert.ok(await gone(widgets, 'owner', ns), 'the owner goes at once');
    await waitFor(
      async () =>
        (await gone(resources.configMaps, 'child-cm', ns)) &&
        (await gone(resources.secrets, 'child-secret', ns)) &&
        (await gone(widgets, 'child-widget', ns)) &&
        (await gone(resources.configMaps, 'grandchild', ns)) &&
        (await gone(resources.pods, 'child-pod', ns)),
      { what: 'the dependents and their dependents to be collected' },
    );
    assert.ok(!(await gone(resources.configMaps, 'unrelated', ns)));
  });

  it('foreground: the owner waits for its blocking dependents, which go first', async () => {
    const ns = 'gc-foreground';
    await namespace(ns);
    const owner = await configMap(ns, 'owner', []);
    await configMap(ns, 'blocking-held', [ownerRef(owner, { block: true })], ['example.com/hold']);
    await configMap(ns, 'blocking', [ownerRef(owner, { block: true })]);
    await configMap(ns, 'non-blocking', [ownerRef(owner, { block: false })]);

    const out = await cp.kubectlOk(['delete', 'configmap', 'owner', '-n', ns, '--cascade=foreground', '--wait=false']);
    assert.match(out, /configmap "owner" deleted/);
    await waitFor(async () => (await gone(resources.configMaps, 'blocking', ns)) && (await gone(resources.configMaps, 'non-blocking', ns)), { what: 'the free dependents to go' });
    await waitFor(async () => (await admin.get(resources.configMaps, 'blocking-held', { namespace: ns }))?.metadata?.deletionTimestamp !== undefined, { what: 'the held dependent to be deleted' });
    const waiting = await admin.get(resources.configMaps, 'owner', { namespace: ns });
    assert.ok(waiting?.metadata?.deletionTimestamp, 'the owner is being deleted');
    assert.deepEqual(waiting.metadata.finalizers, ['foregroundDeletion']);
    assert.match(await cp.kubectlOk(['get', 'configmap', 'owner', '-n', ns, '-o', 'jsonpath={.metadata.finalizers}']), /foregroundDeletion/);

    await admin.patch(resources.configMaps, 'blocking-held', { metadata: { finalizers: null } }, { type: 'merge', namespace: ns });
    await waitFor(async () => (await gone(resources.configMaps, 'blocking-held', ns)) && (await gone(resources.configMaps, 'owner', ns)), { what: 'the owner to go after its last blocking dependent' });
  });

  it('foreground with kubectl waiting: a whole tree goes, leaves first', async () => {
    const ns = 'gc-foreground-tree';
    await namespace(ns);
    const root = await admin.create(widgets, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'root', namespace: ns } });
    const middle = await admin.create(widgets, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'middle', namespace: ns, ownerReferences: [ownerRef(root, { block: true, controller: true })] } });
    for (let i = 0; i < 5; i++) await configMap(ns, `leaf-${i}`, [ownerRef(middle, { block: true, controller: true })]);
    const result = await cp.kubectl(['delete', 'widget', 'root', '-n', ns, '--cascade=foreground', '--timeout=90s']);
    assert.equal(result.code, 0, result.stderr);
    // kubectl returned once the root was gone, which needed everything below it gone first.
    assert.ok(await gone(widgets, 'root', ns));
    assert.ok(await gone(widgets, 'middle', ns));
    assert.deepEqual((await admin.list(resources.configMaps, { namespace: ns, labelSelector: '' })).items.map((c) => c.metadata?.name).filter((n) => n?.startsWith('leaf-')), []);
  });

  it('orphan: the dependents stay, without the reference to the deleted owner', async () => {
    const ns = 'gc-orphan';
    await namespace(ns);
    const owner = await configMap(ns, 'owner', []);
    const other = await configMap(ns, 'other-owner', []);
    await configMap(ns, 'kept-1', [ownerRef(owner, { block: true, controller: true })]);
    await configMap(ns, 'kept-2', [ownerRef(owner), ownerRef(other)]);
    const result = await cp.kubectl(['delete', 'configmap', 'owner', '-n', ns, '--cascade=orphan', '--timeout=90s']);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(await gone(resources.configMaps, 'owner', ns));
    const kept1 = await admin.get(resources.configMaps, 'kept-1', { namespace: ns });
    const kept2 = await admin.get(resources.configMaps, 'kept-2', { namespace: ns });
    assert.deepEqual(kept1?.metadata?.ownerReferences ?? [], []);
    assert.deepEqual(kept2?.metadata?.ownerReferences?.map((r) => r.name), ['other-owner']);
    // And they stay: nothing collects them later.
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(!(await gone(resources.configMaps, 'kept-1', ns)));
  });

  it('collects objects whose owner never existed or has another UID, and drops only the dangling references of others', async () => {
    const ns = 'gc-dangling';
    await namespace(ns);
    const real = await configMap(ns, 'real', []);
    await configMap(ns, 'no-such-owner', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-0000-0000-000000000001' }]);
    await configMap(ns, 'wrong-uid', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'real', uid: '00000000-0000-0000-0000-000000000002' }]);
    await configMap(ns, 'half', [ownerRef(real), { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-0000-0000-000000000003' }]);
    await waitFor(async () => (await gone(resources.configMaps, 'no-such-owner', ns)) && (await gone(resources.configMaps, 'wrong-uid', ns)), { what: 'orphans of missing owners to go' });
    await waitFor(async () => (await admin.get(resources.configMaps, 'half', { namespace: ns }))?.metadata?.ownerReferences?.length === 1, { what: 'the dangling reference to be dropped' });
    assert.equal((await admin.get(resources.configMaps, 'half', { namespace: ns }))?.metadata?.ownerReferences?.[0]?.uid, real.metadata?.uid);

  });

  it('collects a thousand dependents of one owner', async () => {
    const ns = 'gc-many';
    await namespace(ns);
    const owner = await configMap(ns, 'owner', []);
    const count = 1000;
    for (let i = 0; i < count; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => configMap(ns, `dep-${i + j}`, [ownerRef(owner)])));
    }
    await configMap(ns, 'survivor', []);
    await cp.kubectlOk(['delete', 'configmap', 'owner', '-n', ns]);
    await waitFor(async () => (await admin.list(resources.configMaps, { namespace: ns })).items.filter((c) => c.metadata?.name?.startsWith('dep-')).length === 0, {
      what: 'a thousand dependents to go',
      timeoutMs: 120_000,
      intervalMs: 200,
    });
    assert.ok(!(await gone(resources.configMaps, 'survivor', ns)));
  });

  it('follows cluster-scoped owners and owners of a kind defined after it started', async () => {
    const ns = 'gc-cluster';
    await namespace(ns);
    const role = await admin.create(resources.clusterRoles, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'gc-owner-role' }, rules: [] });
    await configMap(ns, 'owned-by-role', [ownerRef(role)]);

    await admin.create(resources.customResourceDefinitions, crd('gadgets') as never);
    await waitFor(async () => (await cp.kubectl(['get', 'gadgets'])).code === 0, { what: 'the gadgets CRD to be served' });
    const gadget = await admin.create(gadgets, { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g1' } });
    await configMap(ns, 'owned-by-gadget', [ownerRef(gadget)]);
    const gadgetChild = await admin.create(gadgets, { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g2', ownerReferences: [ownerRef(gadget)] } });
    assert.ok(gadgetChild.metadata?.uid);

    await cp.kubectlOk(['delete', 'clusterrole', 'gc-owner-role']);
    await cp.kubectlOk(['delete', 'gadget', 'g1']);
    await waitFor(
      async () => (await gone(resources.configMaps, 'owned-by-role', ns)) && (await gone(resources.configMaps, 'owned-by-gadget', ns)) && (await gone(gadgets, 'g2')),
      { what: 'the dependents of cluster-scoped owners to go' },
    );
  });
});
