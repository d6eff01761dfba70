// The namespace lifecycle, service account and root CA controllers against our API server, driven
// by our client and the real kubectl: a deleted namespace is emptied (custom resources included)
// and then goes away; every namespace has its `default` ServiceAccount and `kube-root-ca.crt`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resourceRef, resources, type ObjectLike, type ResourceRef } from '../../src/client/index.js';
import { waitFor } from '../support/wait.js';
import { crd, startControlPlane, type ControlPlane } from './controllers-harness.js';

const widgets = resourceRef({ group: 'example.com', version: 'v1', resource: 'widgets', namespaced: true, kind: 'Widget' });

let cp: ControlPlane;
before(async () => {
  cp = await startControlPlane();
  await cp.admin.create(resources.customResourceDefinitions, crd('widgets') as never);
  await waitFor(async () => (await cp.kubectl(['get', 'widgets', '-A'])).code === 0, { what: 'the widgets CRD to be served' });
});
after(async () => {
  await cp.close();
});

describe('service accounts and the root CA', () => {
  it('gives every namespace, old and new, a default ServiceAccount and kube-root-ca.crt', async () => {
    await cp.kubectlOk(['create', 'namespace', 'team-a']);
    for (const ns of ['default', 'kube-system', 'team-a']) {
      await waitFor(async () => (await cp.admin.get(resources.serviceAccounts, 'default', { namespace: ns })) !== undefined, { what: `default SA in ${ns}` });
      await waitFor(async () => (await cp.admin.get(resources.configMaps, 'kube-root-ca.crt', { namespace: ns }))?.data?.['ca.crt'] === cp.api.caPem, { what: `kube-root-ca.crt in ${ns}` });
    }
    const cm = await cp.admin.get(resources.configMaps, 'kube-root-ca.crt', { namespace: 'team-a' });
    assert.deepEqual(Object.keys(cm?.data ?? {}), ['ca.crt']);
    assert.match(cm?.metadata?.annotations?.['kubernetes.io/description'] ?? '', /^Contains a CA bundle that can be used to verify the kube-apiserver/);
    assert.match(await cp.kubectlOk(['get', 'serviceaccounts', '-n', 'team-a']), /^default\s+0\s+/m);
  });

  it('recreates them when deleted and repairs a tampered CA', async () => {
    await cp.kubectlOk(['create', 'namespace', 'team-b']);
    await waitFor(async () => (await cp.admin.get(resources.serviceAccounts, 'default', { namespace: 'team-b' })) !== undefined, { what: 'default SA' });
    const first = await cp.admin.get(resources.serviceAccounts, 'default', { namespace: 'team-b' });
    await cp.kubectlOk(['delete', 'serviceaccount', 'default', '-n', 'team-b']);
    await waitFor(async () => {
      const sa = await cp.admin.get(resources.serviceAccounts, 'default', { namespace: 'team-b' });
      return sa !== undefined && sa.metadata?.uid !== first?.metadata?.uid;
    }, { what: 'a new default SA' });

    await waitFor(async () => (await cp.admin.get(resources.configMaps, 'kube-root-ca.crt', { namespace: 'team-b' })) !== undefined, { what: 'kube-root-ca.crt' });
    await cp.admin.patch(resources.configMaps, 'kube-root-ca.crt', { data: { 'ca.crt': 'not a CA', extra: 'x' } }, { type: 'merge', namespace: 'team-b' });
    await waitFor(async () => {
      const cm = await cp.admin.get(resources.configMaps, 'kube-root-ca.crt', { namespace: 'team-b' });
      return cm?.data?.['ca.crt'] === cp.api.caPem && cm.data.extra === undefined;
    }, { what: 'the CA put back' });
    await cp.kubectlOk(['delete', 'configmap', 'kube-root-ca.crt', '-n', 'team-b']);
    await waitFor(async () => (await cp.admin.get(resources.configMaps, 'kube-root-ca.crt', { namespace: 'team-b' }))?.data?.['ca.crt'] === cp.api.caPem, { what: 'kube-root-ca.crt recreated' });
  });
});

describe('namespace deletion', () => {
  it('kubectl delete namespace removes everything in it, custom resources included', async () => {
    const ns = 'doomed';
    await cp.kubectlOk(['create', 'namespace', ns]);
    await cp.kubectlOk(['create', 'configmap', 'settings', '-n', ns, '--from-literal=a=b']);
    await cp.kubectlOk(['create', 'secret', 'generic', 'token', '-n', ns, '--from-literal=t=x']);
    await cp.kubectlOk(['create', 'service', 'clusterip', 'web', '-n', ns, '--tcp=80:8080']);
    await cp.kubectlOk(['create', 'deployment', 'web', '-n', ns, '--image=nginx']);
    await cp.kubectlOk(['run', 'solo', '-n', ns, '--image=nginx']);
    await cp.kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', namespace: ns }, spec: { size: 1 } }));
    await waitFor(async () => (await cp.admin.get(resources.serviceAccounts, 'default', { namespace: ns })) !== undefined, { what: 'default SA' });

    const deleted = await cp.kubectl(['delete', 'namespace', ns, '--timeout=90s']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.match(deleted.stdout, new RegExp(`namespace "${ns}" deleted`));
    assert.equal(await cp.admin.get(resources.namespaces, ns), undefined);
    const refs: ResourceRef<ObjectLike>[] = [resources.configMaps, resources.secrets, resources.services, resources.deployments, resources.pods, resources.serviceAccounts, widgets];
    for (const ref of refs) {
      const left = await cp.admin.list(ref, { namespace: ns });
      assert.deepEqual(left.items.map((o) => o.metadata?.name), [], `${ref.resource} left in ${ns}`);
    }
    const got = await cp.kubectl(['get', 'namespace', ns]);
    assert.notEqual(got.code, 0);
    assert.match(got.stderr, /NotFound|not found/);
  });

  it('waits for finalizers on the content, reporting them in the namespace conditions', async () => {
    const ns = 'held';
    await cp.admin.create(resources.namespaces, { metadata: { name: ns } });
    await cp.admin.create(widgets, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'kept', namespace: ns, finalizers: ['example.com/hold'] } });
    await cp.admin.create(resources.configMaps, { metadata: { name: 'plain', namespace: ns } });
    await cp.kubectlOk(['delete', 'namespace', ns, '--wait=false']);

    await waitFor(async () => {
      const n = await cp.admin.get(resources.namespaces, ns);
      return (n?.status?.conditions ?? []).some((c) => c.type === 'NamespaceFinalizersRemaining' && c.status === 'True');
    }, { what: 'the finalizers condition' });
    const terminating = await cp.admin.get(resources.namespaces, ns);
    assert.equal(terminating?.status?.phase, 'Terminating');
    assert.deepEqual(terminating.spec?.finalizers, ['kubernetes']);
    const byType = new Map((terminating.status.conditions ?? []).map((c) => [c.type, c]));
    assert.equal(byType.get('NamespaceFinalizersRemaining')?.message, 'Some finalizers are remaining: example.com/hold in 1 resource instances');
    assert.equal(byType.get('NamespaceContentRemaining')?.message, 'Some resources are remaining: widgets.example.com has 1 resource instances');
    assert.equal(byType.get('NamespaceDeletionDiscoveryFailure')?.status, 'False');
    assert.equal(byType.get('NamespaceDeletionContentFailure')?.status, 'False');
    assert.equal(await cp.admin.get(resources.configMaps, 'plain', { namespace: ns }), undefined);
    const widget = await cp.admin.get(widgets, 'kept', { namespace: ns });
    assert.ok(widget?.metadata?.deletionTimestamp, 'the widget is being deleted');
    // Nothing new may be created meanwhile.
    const refused = await cp.kubectl(['create', 'configmap', 'late', '-n', ns]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /because it is being terminated/);

    await cp.admin.patch(widgets, 'kept', { metadata: { finalizers: null } }, { type: 'merge', namespace: ns });
    await waitFor(async () => (await cp.admin.get(resources.namespaces, ns)) === undefined, { what: 'the namespace to go', timeoutMs: 90_000 });
  });
});
