import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { resourceVersionNumber, SideState, type CacheView } from './engine-state.js';
import { MemoryMappingStore } from './mapping-store.js';

const cm = (uid: string, rv: string, extra: Partial<ConfigMap> = {}): ConfigMap => ({ metadata: { name: 'a', namespace: 'ns', uid, resourceVersion: rv }, ...extra });

class FakeCache implements CacheView<ConfigMap> {
  readonly items = new Map<string, ConfigMap>();
  lastSyncResourceVersion: string | undefined = '10';
  getByKey(key: string): ConfigMap | undefined {
    return this.items.get(key);
  }
}

describe('resourceVersionNumber', () => {
  const cases: readonly [string | undefined, number][] = [['12', 12], ['0', 0], [undefined, 0], ['abc', 0], ['1e3', 0], ['', 0]];
  for (const [value, expect] of cases) it(`${String(value)} → ${expect}`, () => { assert.equal(resourceVersionNumber(value), expect); });
});

describe('SideState.current', () => {
  it('is the cached object when we wrote nothing', () => {
    const cache = new FakeCache();
    cache.items.set('ns/a', cm('u1', '5'));
    assert.equal(new SideState(cache).current('ns/a')?.metadata?.resourceVersion, '5');
  });

  it('is our write while the cache has not delivered it', () => {
    const cache = new FakeCache();
    cache.items.set('ns/a', cm('u1', '5'));
    const state = new SideState(cache);
    state.wrote('ns/a', cm('u1', '11'));
    assert.equal(state.current('ns/a')?.metadata?.resourceVersion, '11');
    cache.items.set('ns/a', cm('u1', '12'));
    assert.equal(state.current('ns/a')?.metadata?.resourceVersion, '12', 'a newer cached object wins');
  });

  it('is our created object before the cache has it, and gone once the cache has moved past it', () => {
    const cache = new FakeCache();
    const state = new SideState(cache);
    state.wrote('ns/a', cm('u1', '11'));
    assert.equal(state.current('ns/a')?.metadata?.uid, 'u1');
    cache.lastSyncResourceVersion = '20';
    assert.equal(state.current('ns/a'), undefined, 'deleted by someone since');
  });

  it('hides an object we deleted until the cache drops it', () => {
    const cache = new FakeCache();
    cache.items.set('ns/a', cm('u1', '5'));
    const state = new SideState(cache);
    state.deletedObject('ns/a', 'u1', undefined);
    assert.equal(state.current('ns/a'), undefined);
    cache.items.set('ns/a', cm('u2', '30'));
    assert.equal(state.current('ns/a')?.metadata?.uid, 'u2', 'a new object of the same name is seen');
  });

  it('keeps a gracefully deleted object that still exists', () => {
    const cache = new FakeCache();
    cache.items.set('ns/a', cm('u1', '5'));
    const state = new SideState(cache);
    state.deletedObject('ns/a', 'u1', cm('u1', '11', { metadata: { name: 'a', namespace: 'ns', uid: 'u1', resourceVersion: '11', deletionTimestamp: 'now' } }));
    assert.equal(state.current('ns/a')?.metadata?.deletionTimestamp, 'now');
    assert.equal(state.getOld('ns/a'), undefined, 'our own deletion is not "deleted from outside"');
  });
});

describe('SideState old states', () => {
  it('remembers the last state seen, never an older one of the same object', () => {
    const state = new SideState(new FakeCache());
    assert.equal(state.getOld('ns/a'), undefined);
    state.remember('ns/a', cm('u1', '7'));
    state.remember('ns/a', cm('u1', '6'));
    assert.equal(state.getOld('ns/a')?.metadata?.resourceVersion, '7');
    state.remember('ns/a', cm('u2', '3'));
    assert.equal(state.getOld('ns/a')?.metadata?.uid, 'u2', 'a new object replaces the old one');
  });

  it('does not remember objects being deleted, and forgets on request', () => {
    const state = new SideState(new FakeCache());
    state.remember('ns/a', cm('u1', '7', { metadata: { name: 'a', namespace: 'ns', uid: 'u1', resourceVersion: '7', deletionTimestamp: 'now' } }));
    assert.equal(state.getOld('ns/a'), undefined);
    state.wrote('ns/a', cm('u1', '8'));
    assert.equal(state.getOld('ns/a')?.metadata?.resourceVersion, '8', 'a write is the newest state');
    state.forget('ns/a');
    assert.equal(state.getOld('ns/a'), undefined);
    assert.equal(state.size, 0);
  });
});

describe('MemoryMappingStore', () => {
  const kind = '/v1, Kind=Pod';
  it('records pairs both ways, replaces conflicting ones and forgets', () => {
    const store = new MemoryMappingStore();
    store.record(kind, { name: 'a', namespace: 'ns' }, { name: 'a-x-ns-x-vc', namespace: 'vcluster-vc' });
    assert.deepEqual(store.virtualToHost(kind, { name: 'a', namespace: 'ns' }), { name: 'a-x-ns-x-vc', namespace: 'vcluster-vc' });
    assert.deepEqual(store.hostToVirtual(kind, { name: 'a-x-ns-x-vc', namespace: 'vcluster-vc' }), { name: 'a', namespace: 'ns' });
    assert.deepEqual([...store.kinds()], [kind]);
    store.record(kind, { name: 'a', namespace: 'ns' }, { name: 'other', namespace: 'vcluster-vc' });
    assert.equal(store.hostToVirtual(kind, { name: 'a-x-ns-x-vc', namespace: 'vcluster-vc' }), undefined);
    assert.equal(store.size(kind), 1);
    store.forget(kind, { name: 'a', namespace: 'ns' });
    assert.equal(store.virtualToHost(kind, { name: 'a', namespace: 'ns' }), undefined);
    assert.equal(store.hostToVirtual(kind, { name: 'other', namespace: 'vcluster-vc' }), undefined);
    assert.equal(store.hostToVirtual('/v1, Kind=Secret', { name: 'other', namespace: 'vcluster-vc' }), undefined);
  });
});
