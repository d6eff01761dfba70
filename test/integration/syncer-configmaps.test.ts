// ConfigMaps and Secrets reach the host only while a pod uses them (or with `all: true`), driven
// with the real kubectl in the virtual cluster and checked with kubectl on the host.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { eventually, kubectlFor, startVirtualCluster, type Kubectl, type VirtualCluster } from '../support/virtual.js';
import { waitFor } from '../support/wait.js';

const WAIT = { timeoutMs: 60_000 };

const podUsing = (name: string, configMap: string, secret: string): string => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: default}
spec:
  containers:
  - name: app
    image: busybox
    envFrom: [{configMapRef: {name: ${configMap}}}]
    env: [{name: PASSWORD, valueFrom: {secretKeyRef: {name: ${secret}, key: password}}}]
`;

describe('syncer: configmaps and secrets', () => {
  let host: TestApiServer;
  let vc: VirtualCluster;
  let vk: Kubectl;
  let hk: Kubectl;
  const ns = 'vcluster-cms';

  before(async () => {
    host = await startTestApiServer();
    vc = await startVirtualCluster({ host, name: 'cms' });
    vk = kubectlFor(vc.virtualKubeconfigPath);
    hk = kubectlFor(vc.hostKubeconfigPath);
  });
  after(async () => {
    await vc.stop();
    await host.stop();
  });

  it('syncs a ConfigMap and a Secret used by a pod, and not unused ones', async () => {
    await vk.ok(['create', 'configmap', 'app-config', '--from-literal=MODE=prod']);
    await vk.ok(['create', 'configmap', 'unused-config', '--from-literal=X=1']);
    await vk.ok(['create', 'secret', 'generic', 'app-secret', '--from-literal=password=s3cret']);
    await vk.ok(['create', 'secret', 'generic', 'unused-secret', '--from-literal=password=nope']);
    await vk.ok(['apply', '-f', '-'], podUsing('app', 'app-config', 'app-secret'));

    const hostConfigMap = await eventually(() => hk.getJson(['configmap', '-n', ns, 'app-config-x-default-x-cms']), { ...WAIT, what: 'the host ConfigMap' });
    assert.deepEqual(hostConfigMap.data, { MODE: 'prod' });
    assert.equal(hostConfigMap.metadata.labels['vcluster.loft.sh/managed-by'], 'cms');
    assert.equal(hostConfigMap.metadata.labels['vcluster.loft.sh/namespace'], 'default');
    assert.equal(hostConfigMap.metadata.annotations['vcluster.loft.sh/object-name'], 'app-config');
    assert.equal(hostConfigMap.metadata.annotations['vcluster.loft.sh/object-namespace'], 'default');
    assert.equal(hostConfigMap.metadata.annotations['vcluster.loft.sh/object-kind'], '/v1, Kind=ConfigMap');
    assert.equal(hostConfigMap.metadata.ownerReferences?.[0]?.name, 'cms', 'owned by the vcluster service');
    assert.equal(hostConfigMap.metadata.ownerReferences?.[0]?.uid, vc.hostService.metadata?.uid);

    const hostSecret = await eventually(() => hk.getJson(['secret', '-n', ns, 'app-secret-x-default-x-cms']), { ...WAIT, what: 'the host Secret' });
    assert.equal(Buffer.from(hostSecret.data.password, 'base64').toString(), 's3cret');

    assert.equal(await hk.getJson(['configmap', '-n', ns, 'unused-config-x-default-x-cms']), undefined);
    assert.equal(await hk.getJson(['secret', '-n', ns, 'unused-secret-x-default-x-cms']), undefined);
  });

  it('copies data changes both ways', async () => {
    await vk.ok(['patch', 'configmap', 'app-config', '--type=merge', '-p', '{"data":{"MODE":"staging"}}']);
    await waitFor(async () => (await hk.getJson(['configmap', '-n', ns, 'app-config-x-default-x-cms']))?.data.MODE === 'staging', { ...WAIT, what: 'the virtual change on the host' });
    await hk.ok(['patch', 'configmap', '-n', ns, 'app-config-x-default-x-cms', '--type=merge', '-p', '{"data":{"FROM_HOST":"yes"}}']);
    await waitFor(async () => (await vk.getJson(['configmap', 'app-config']))?.data.FROM_HOST === 'yes', { ...WAIT, what: 'the host change in the virtual cluster' });
    const virtual = await vk.getJson(['configmap', 'app-config']);
    assert.deepEqual(virtual?.data, { MODE: 'staging', FROM_HOST: 'yes' });
  });

  it('removes them from the host when no pod uses them any more', async () => {
    await vk.ok(['delete', 'pod', 'app', '--wait=false']);
    await waitFor(async () => (await hk.getJson(['configmap', '-n', ns, 'app-config-x-default-x-cms'])) === undefined, { ...WAIT, what: 'the host ConfigMap to go' });
    await waitFor(async () => (await hk.getJson(['secret', '-n', ns, 'app-secret-x-default-x-cms'])) === undefined, { ...WAIT, what: 'the host Secret to go' });
    // The virtual objects stay.
    assert.notEqual(await vk.getJson(['configmap', 'app-config']), undefined);
    assert.notEqual(await vk.getJson(['secret', 'app-secret']), undefined);
  });

  it('syncs a ConfigMap marked force-sync without a pod', async () => {
    await vk.ok(['create', 'configmap', 'forced', '--from-literal=A=1']);
    await vk.ok(['annotate', 'configmap', 'forced', 'vcluster.loft.sh/force-sync=true']);
    await waitFor(async () => (await hk.getJson(['configmap', '-n', ns, 'forced-x-default-x-cms'])) !== undefined, { ...WAIT, what: 'the forced ConfigMap' });
  });

  it('deletes the host copy when the virtual object is deleted', async () => {
    await vk.ok(['delete', 'configmap', 'forced']);
    await waitFor(async () => (await hk.getJson(['configmap', '-n', ns, 'forced-x-default-x-cms'])) === undefined, { ...WAIT, what: 'the host copy to go' });
  });
});

describe('syncer: all configmaps and secrets', () => {
  let host: TestApiServer;
  let vc: VirtualCluster;

  before(async () => {
    host = await startTestApiServer();
    vc = await startVirtualCluster({ host, name: 'all', config: 'sync:\n  toHost:\n    configMaps:\n      all: true\n    secrets:\n      all: true\n' });
  });
  after(async () => {
    await vc.stop();
    await host.stop();
  });

  it('syncs every ConfigMap and Secret with all: true', async () => {
    const vk = kubectlFor(vc.virtualKubeconfigPath);
    const hk = kubectlFor(vc.hostKubeconfigPath);
    await vk.ok(['create', 'namespace', 'team']);
    await vk.ok(['-n', 'team', 'create', 'configmap', 'lonely', '--from-literal=A=1']);
    await vk.ok(['-n', 'team', 'create', 'secret', 'generic', 'lonely', '--from-literal=B=2']);
    await waitFor(async () => (await hk.getJson(['configmap', '-n', 'vcluster-all', 'lonely-x-team-x-all'])) !== undefined, { ...WAIT, what: 'the ConfigMap' });
    await waitFor(async () => (await hk.getJson(['secret', '-n', 'vcluster-all', 'lonely-x-team-x-all'])) !== undefined, { ...WAIT, what: 'the Secret' });
  });
});
