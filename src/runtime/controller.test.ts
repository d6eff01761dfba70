import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../api/object.js';
import { resourceRef } from '../client/index.js';
import { FakeClock, settle } from '../client/testing/fake-clock.js';
import { Controller, LeadershipLostError, TerminalError, type Reconcile } from './controller.js';
import { enqueueOwner } from './event-mapping.js';
import { Informer } from './informer.js';
import { FakeListWatch } from './testing/fake-list-watch.js';

const configMaps = resourceRef({ group: '', version: 'v1', resource: 'configmaps', namespaced: true, kind: 'ConfigMap' });

function setup(reconcile: Reconcile, options: { workers?: number; drainMs?: number } = {}): { server: FakeListWatch; clock: FakeClock; informer: Informer<KubeObject>; controller: Controller } {
  const server = new FakeListWatch();
  const clock = new FakeClock();
  const informer = new Informer(server, configMaps, { clock });
  const controller = new Controller({ name: 'test', reconcile, clock, ...options }).watch(informer);
  return { server, clock, informer, controller };
}

async function running(controller: Controller, informer: Informer<KubeObject>): Promise<{ stop(reason?: unknown): Promise<void> }> {
  const abort = new AbortController();
  informer.start();
  const done = controller.run(abort.signal);
  await settle();
  return {
    stop: async (reason?: unknown) => {
      abort.abort(reason);
      await done;
      await informer.stop();
    },
  };
}

describe('Controller', () => {
  it('starts workers only after the cache synced, then reconciles every cached object', async () => {
    const seen: string[] = [];
    const { server, clock, informer, controller } = setup((key) => {
      seen.push(`${key} cached=${String(informer.hasSynced())}`);
      return Promise.resolve();
    });
    server.upsert('a', 'x');
    server.upsert('b', 'y');
    server.failLists = [new Error('not yet')];
    const run = await running(controller, informer);
    assert.deepEqual(seen, []);
    await clock.advance(60_000);
    assert.deepEqual(seen.sort(), ['a/x cached=true', 'b/y cached=true']);
    await run.stop();
  });

  it('maps changes to keys: here, the controlling owner', async () => {
    const server = new FakeListWatch();
    const clock = new FakeClock();
    const informer = new Informer(server, configMaps, { clock });
    const seen: string[] = [];
    const controller = new Controller({
      name: 'owners',
      clock,
      reconcile: (key) => {
        seen.push(key);
        return Promise.resolve();
      },
    }).watch(informer, { map: enqueueOwner({ group: 'apps', kind: 'ReplicaSet' }) });
    const owner = (name: string, controllerRef = true): Record<string, unknown> => ({
      metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: `uid-${name}`, controller: controllerRef }] },
    });
    server.upsert('a', 'pod-1', owner('rs-1'));
    const run = await running(controller, informer);
    assert.deepEqual(seen, ['a/rs-1']);
    server.upsert('a', 'pod-2', owner('rs-2', false));
    server.upsert('a', 'pod-3');
    await settle();
    assert.deepEqual(seen, ['a/rs-1'], 'no controller reference, nothing to enqueue');
    server.upsert('a', 'pod-1', owner('rs-3'));
    await settle();
    assert.deepEqual(seen.sort(), ['a/rs-1', 'a/rs-1', 'a/rs-3'], 'a change of owner enqueues the old and the new one');
    await run.stop();
  });

  it('reconciles an updated object once, even with idle workers waiting', async () => {
    const seen: string[] = [];
    const { server, informer, controller } = setup(
      (key) => {
        seen.push(key);
        return Promise.resolve();
      },
      { workers: 4 },
    );
    server.upsert('a', 'x', { data: { v: '1' } });
    const run = await running(controller, informer);
    assert.deepEqual(seen, ['a/x']);
    server.upsert('a', 'x', { data: { v: '2' } });
    await settle();
    assert.deepEqual(seen, ['a/x', 'a/x'], 'one reconcile per change, not one per key the change maps to');
    await run.stop();
  });

  it('retries failures with per-key backoff and stops retrying on success', async () => {
    let calls = 0;
    const { server, clock, informer, controller } = setup((): Promise<void> => {
      calls++;
      return calls < 4 ? Promise.reject(new Error('transient')) : Promise.resolve();
    });
    server.upsert('a', 'x');
    const run = await running(controller, informer);
    assert.equal(calls, 1);
    await clock.advance(5);
    assert.equal(calls, 2);
    await clock.advance(9);
    assert.equal(calls, 2, 'the second retry waits 10 ms');
    await clock.advance(1);
    assert.equal(calls, 3);
    await clock.advance(20);
    assert.equal(calls, 4);
    await clock.advance(100_000);
    assert.equal(calls, 4);
    await run.stop();
  });

  it('does not retry a TerminalError', async () => {
    let calls = 0;
    const { server, clock, informer, controller } = setup((): Promise<void> => {
      calls++;
      return Promise.reject(new TerminalError('spec is invalid'));
    });
    server.upsert('a', 'x');
    const run = await running(controller, informer);
    await clock.advance(100_000);
    assert.equal(calls, 1);
    await run.stop();
  });

  it('requeueAfterMs reconciles the key again later', async () => {
    const times: number[] = [];
    const { server, clock, informer, controller } = setup(() => {
      times.push(clock.now());
      return Promise.resolve({ requeueAfterMs: 1000 });
    });
    server.upsert('a', 'x');
    const start = clock.now();
    const run = await running(controller, informer);
    await clock.advance(2500);
    assert.deepEqual(times.map((t) => t - start), [0, 1000, 2000]);
    await run.stop();
  });

  it('never runs one key in two workers, and reconciles after the last change', async () => {
    const active = new Set<string>();
    let overlaps = 0;
    const versions = new Map<string, string>();
    const { server, clock, informer, controller } = setup(
      async (key) => {
        if (active.has(key)) overlaps++;
        active.add(key);
        versions.set(key, informer.getByKey(key)?.metadata?.resourceVersion ?? '');
        await clock.sleep(10);
        active.delete(key);
      },
      { workers: 4 },
    );
    const run = await running(controller, informer);
    for (let i = 0; i < 60; i++) {
      server.upsert('a', `k${i % 3}`, { data: { i: String(i) } });
      await clock.advance(3);
    }
    await clock.advance(1000);
    assert.equal(overlaps, 0);
    for (const key of ['a/k0', 'a/k1', 'a/k2']) assert.equal(versions.get(key), informer.getByKey(key)?.metadata?.resourceVersion, `${key} saw its last version`);
    await run.stop();
  });

  it('drains waiting keys on a normal stop', async () => {
    const done: string[] = [];
    const { server, clock, informer, controller } = setup(async (key) => {
      await clock.sleep(10);
      done.push(key);
    });
    for (const n of ['a', 'b', 'c']) server.upsert('ns', n);
    const run = await running(controller, informer);
    const stopping = run.stop();
    await clock.advance(100);
    await stopping;
    assert.deepEqual(done.sort(), ['ns/a', 'ns/b', 'ns/c']);
  });

  it('stops at once, aborting the reconcile, when leadership is lost', async () => {
    const started: string[] = [];
    let aborted = 0;
    const { server, informer, controller } = setup(
      (key, signal) =>
        new Promise<void>((resolve) => {
          started.push(key);
          signal.addEventListener('abort', () => {
            aborted++;
            resolve();
          });
        }),
    );
    for (const n of ['a', 'b', 'c']) server.upsert('ns', n);
    const run = await running(controller, informer);
    await run.stop(new LeadershipLostError('lease lost'));
    assert.equal(started.length, 1, 'waiting keys were dropped');
    assert.equal(aborted, 1);
    assert.equal(controller.running, false);
  });
});
