// The configuration decides which syncers run; an invalid one is refused, naming the key, before
// anything starts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '../../src/client/index.js';
import { ConfigError } from '../../src/config/index.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { eventually, kubectlFor, startVirtualCluster, type VirtualCluster } from '../support/virtual.js';

describe('syncer: configuration', () => {
  let host: TestApiServer;

  before(async () => {
    host = await startTestApiServer();
  });
  after(async () => {
    await host.stop();
  });

  const refusals: readonly { readonly name: string; readonly config: string; readonly syncFlag?: string; readonly path: RegExp }[] = [
    { name: 'a wrong type', config: 'sync:\n  toHost:\n    pods:\n      enabled: "yes"\n', path: /sync\.toHost\.pods\.enabled/ },
    { name: 'an unknown key', config: 'sync:\n  toHost:\n    configMap:\n      all: true\n', path: /sync\.toHost\.configMap/ },
    { name: 'a feature not built yet', config: 'sync:\n  toHost:\n    ingresses:\n      enabled: true\n', path: /sync\.toHost\.ingresses\.enabled.*not supported yet/ },
    { name: 'a wrong type in values.yaml', config: 'sync:\n  secrets:\n    all: maybe\n', path: /sync\.secrets\.all/ },
    { name: 'an unknown --sync entry', config: '', syncFlag: '-nosuchthing', path: /nosuchthing/ },
  ];
  for (const refusal of refusals) {
    it(`refuses ${refusal.name}, naming the key`, async () => {
      await assert.rejects(
        startVirtualCluster({ host, name: 'bad', config: refusal.config, ...(refusal.syncFlag === undefined ? {} : { syncFlag: refusal.syncFlag }) }),
        (e: unknown) => e instanceof ConfigError && refusal.path.test(e.message),
      );
    });
  }

  it('started nothing for a refused configuration', async () => {
    const namespace = await kubectlFor(host.kubeconfigPath).getJson(['namespace', 'vcluster-bad']);
    assert.equal(namespace, undefined);
  });

  describe('with services and configmaps off', () => {
    let vc: VirtualCluster;
    before(async () => {
      vc = await startVirtualCluster({ host, name: 'off', config: 'sync:\n  toHost:\n    services:\n      enabled: false\n', syncFlag: '-configmaps' });
    });
    after(async () => {
      await vc.stop();
    });

    it('syncs neither, but still the rest', async () => {
      const vk = kubectlFor(vc.virtualKubeconfigPath);
      await vk.ok(['create', 'service', 'clusterip', 'web', '--tcp=80:80']);
      await vk.ok(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'vcluster.loft.sh/force-sync': 'true' } } }));
      await vk.ok(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', annotations: { 'vcluster.loft.sh/force-sync': 'true' } } }));
      await eventually(() => vc.host.get(resources.secrets, 's-x-default-x-off', { namespace: 'vcluster-off' }), { what: 'the secret' });
      assert.equal(await vc.host.get(resources.services, 'web-x-default-x-off', { namespace: 'vcluster-off' }), undefined);
      assert.equal(await vc.host.get(resources.configMaps, 'c-x-default-x-off', { namespace: 'vcluster-off' }), undefined);
    });
  });
});
