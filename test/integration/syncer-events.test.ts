// Host events about synced objects show up in the virtual cluster, about the virtual objects.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '../../src/client/index.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { eventually, kubectlFor, startVirtualCluster, type Kubectl, type VirtualCluster } from '../support/virtual.js';
import { waitFor } from '../support/wait.js';

const WAIT = { timeoutMs: 60_000 };
const NS = 'vcluster-ev';

describe('syncer: events', () => {
  let host: TestApiServer;
  let vc: VirtualCluster;
  let vk: Kubectl;

  before(async () => {
    host = await startTestApiServer();
    vc = await startVirtualCluster({ host, name: 'ev' });
    vk = kubectlFor(vc.virtualKubeconfigPath);
  });
  after(async () => {
    await vc.stop();
    await host.stop();
  });

  const hostEvent = (name: string, involved: { kind: string; name: string; uid?: string }, message: string, extra: Record<string, unknown> = {}) =>
    vc.host.create(resources.events, {
      metadata: { name, namespace: NS, ...extra },
      involvedObject: { apiVersion: 'v1', kind: involved.kind, name: involved.name, namespace: NS, ...(involved.uid === undefined ? {} : { uid: involved.uid }) },
      reason: 'LoadBalancerFailed',
      message,
      type: 'Warning',
      count: 1,
      firstTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      source: { component: 'service-controller' },
    });

  it('copies host events about a synced Service, translated back', async () => {
    await vk.ok(['create', 'service', 'loadbalancer', 'shop', '--tcp=80:80']);
    const hostService = await eventually(() => vc.host.get(resources.services, 'shop-x-default-x-ev', { namespace: NS }), { ...WAIT, what: 'the host Service' });
    await hostEvent('shop-x-default-x-ev.17a3b2c1d0e9f8a7', { kind: 'Service', name: 'shop-x-default-x-ev', uid: hostService.metadata?.uid }, `Error syncing load balancer ${NS}/shop-x-default-x-ev: quota exceeded for shop-x-default-x-ev`);
    const event = await eventually(() => vk.getJson(['event', 'shop.17a3b2c1d0e9f8a7']), { ...WAIT, what: 'the virtual event' });
    const virtualService = await vk.getJson(['service', 'shop']);
    assert.equal(event.involvedObject.name, 'shop');
    assert.equal(event.involvedObject.namespace, 'default');
    assert.equal(event.involvedObject.uid, virtualService?.metadata.uid);
    assert.equal(event.message, 'Error syncing load balancer default/shop: quota exceeded for shop');
    assert.equal(event.reason, 'LoadBalancerFailed');
    assert.match(await vk.ok(['describe', 'service', 'shop']), /LoadBalancerFailed.*quota exceeded for shop/);

    // Updates (e.g. the count) follow.
    const current = await vc.host.get(resources.events, 'shop-x-default-x-ev.17a3b2c1d0e9f8a7', { namespace: NS });
    await vc.host.update(resources.events, { ...current!, count: 5 });
    await waitFor(async () => (await vk.getJson(['event', 'shop.17a3b2c1d0e9f8a7']))?.count === 5, { ...WAIT, what: 'the count update' });
  });

  it('ignores host events about objects that are not synced, unless force-synced', async () => {
    await hostEvent('stranger.1', { kind: 'Service', name: 'stranger' }, 'not ours');
    await hostEvent('forced.1', { kind: 'Service', name: 'stranger' }, 'forced through', { annotations: { 'vcluster.loft.sh/force-sync': 'true' } });
    await waitFor(async () => (await vk.getJson(['event', 'forced.1', '-n', 'default'])) !== undefined, { ...WAIT, what: 'the force-synced event' });
    const forced = await eventually(() => vk.getJson(['event', 'forced.1', '-n', 'default']));
    assert.equal(forced.metadata.annotations?.['vcluster.loft.sh/force-sync'], undefined);
    assert.deepEqual(forced.involvedObject, { namespace: 'default' });
    const all = await vc.virtual.list(resources.events, {});
    assert.equal(all.items.some((e) => e.metadata.name === 'stranger.1'), false);
  });
});
