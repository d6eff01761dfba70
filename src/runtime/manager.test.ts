import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import { resources, splitKey } from '../client/index.js';
import { FakeClock, settle } from '../client/testing/fake-clock.js';
import { Controller } from './controller.js';
import { Manager } from './manager.js';
import { FakeListWatch } from './testing/fake-list-watch.js';

/** FakeListWatch for the informers; leases are never asked for without leader election. */
class FakeCluster extends FakeListWatch {
  get(): Promise<Lease | undefined> {
    return Promise.reject(new Error('no leases here'));
  }
  create(): Promise<Lease> {
    return Promise.reject(new Error('no leases here'));
  }
  update(): Promise<Lease> {
    return Promise.reject(new Error('no leases here'));
  }
}

describe('Manager', () => {
  it('shares informers, runs controllers once caches synced, and stops everything', async () => {
    const cluster = new FakeCluster();
    const clock = new FakeClock();
    const manager = new Manager({ client: cluster, clock });
    const informer = manager.informer(resources.configMaps);
    assert.equal(manager.informer(resources.configMaps), informer, 'one informer per resource and selection');
    assert.notEqual(manager.informer(resources.configMaps, { namespace: 'a' }), informer);
    const reconciled: string[] = [];
    const controller = new Controller({
      name: 'names',
      clock,
      reconcile: (key) => {
        reconciled.push(splitKey(key).name);
        return Promise.resolve(undefined);
      },
    }).watch(informer);
    manager.add(controller);
    cluster.upsert('a', 'x');
    const stop = new AbortController();
    const done = manager.start(stop.signal);
    await settle();
    assert.equal(manager.isLeader(), true, 'without leader election a manager always leads');
    assert.deepEqual(reconciled, ['x']);
    cluster.upsert('a', 'y');
    await settle();
    assert.deepEqual(reconciled, ['x', 'y']);
    assert.throws(() => manager.add(controller), /already started/);
    stop.abort();
    await done;
    assert.equal(manager.isLeader(), false);
    assert.equal(controller.running, false);
    assert.equal(cluster.openWatches, 0, 'informers stopped');
  });
});
