import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../api/object.js';
import { objectKey, resourceRef } from '../client/index.js';
import { FakeClock, settle } from '../client/testing/fake-clock.js';
import { Informer, type EventHandler } from './informer.js';
import { FakeListWatch } from './testing/fake-list-watch.js';

const configMaps = resourceRef({ group: '', version: 'v1', resource: 'configmaps', namespaced: true, kind: 'ConfigMap' });
const rv = (o: KubeObject): string => o.metadata?.resourceVersion ?? '?';

function recorder(): { events: string[]; handler: EventHandler<KubeObject> } {
  const events: string[] = [];
  return {
    events,
    handler: {
      onAdd: (o, initial) => events.push(`add ${objectKey(o)}@${rv(o)}${initial ? ' initial' : ''}`),
      onUpdate: (a, b) => events.push(`update ${objectKey(b)}@${rv(a)}→${rv(b)}`),
      onDelete: (o, unknown) => events.push(`delete ${objectKey(o)}@${rv(o)}${unknown ? ' unknown' : ''}`),
    },
  };
}

function setup(options: { resyncMs?: number } = {}): { server: FakeListWatch; clock: FakeClock; informer: Informer<KubeObject>; events: string[] } {
  const server = new FakeListWatch();
  const clock = new FakeClock();
  const informer = new Informer(server, configMaps, { clock, ...options });
  const { events, handler } = recorder();
  informer.addHandler(handler);
  return { server, clock, informer, events };
}

describe('Informer', () => {
  it('lists, then delivers watch events with the previous state', async (t) => {
    const { server, informer, events } = setup();
    t.after(() => informer.stop());
    server.upsert('a', 'one');
    informer.start();
    assert.equal(await informer.waitForSync(), true);
    server.upsert('a', 'two');
    server.upsert('a', 'one', { data: { x: '1' } });
    server.remove('a', 'two');
    await settle();
    assert.deepEqual(events, ['add a/one@2 initial', 'add a/two@3', 'update a/one@2→4', 'delete a/two@5']);
    assert.deepEqual(informer.keys(), ['a/one']);
    assert.deepEqual(informer.get('a', 'one')?.data, { x: '1' });
    assert.equal(informer.lastSyncResourceVersion, '5');
  });

  it('resumes from the last resourceVersion when the server ends the watch: nothing twice, nothing lost', async (t) => {
    const { server, informer, events } = setup();
    t.after(() => informer.stop());
    informer.start();
    await informer.waitForSync();
    server.upsert('a', 'x');
    await settle();
    server.endWatches();
    server.upsert('a', 'y');
    await settle();
    assert.deepEqual(events, ['add a/x@2', 'add a/y@3']);
    assert.deepEqual(server.calls.map((c) => `${c.verb}${c.resourceVersion ? `@${c.resourceVersion}` : ''}`), ['list', 'watch@1', 'watch@2']);
  });

  it('bookmarks advance the resourceVersion it resumes from', async (t) => {
    const { server, informer } = setup();
    t.after(() => informer.stop());
    server.upsert('a', 'x');
    informer.start();
    await informer.waitForSync();
    server.upsert('b', 'other-namespace-change-not-followed');
    await settle();
    server.bookmark();
    await settle();
    assert.equal(informer.lastSyncResourceVersion, '3');
    server.endWatches();
    await settle();
    assert.equal(server.calls.at(-1)?.resourceVersion, '3');
  });

  it('relists after 410 and delivers only the differences', async (t) => {
    const { server, clock, informer, events } = setup();
    t.after(() => informer.stop());
    server.upsert('a', 'same');
    server.upsert('a', 'changed');
    server.upsert('a', 'deleted');
    informer.start();
    await informer.waitForSync();
    events.length = 0;
    await settle();
    assert.equal(server.openWatches, 1);
    // The watch breaks; while we are away, things change and the history is compacted.
    server.breakWatches();
    await settle();
    server.upsert('a', 'changed', { data: { v: '2' } });
    server.remove('a', 'deleted');
    server.upsert('a', 'new');
    server.compact();
    await clock.advance(60_000);
    assert.deepEqual(events.sort(), ['add a/new@7', 'delete a/deleted@4 unknown', 'update a/changed@3→5']);
    assert.deepEqual(informer.keys().sort(), ['a/changed', 'a/new', 'a/same']);
    assert.deepEqual(server.calls.map((c) => c.verb), ['list', 'watch', 'watch', 'list', 'watch']);
  });

  it('relists on a 410 ERROR event', async (t) => {
    const { server, informer, events } = setup();
    t.after(() => informer.stop());
    informer.start();
    await informer.waitForSync();
    server.upsert('a', 'x');
    await settle();
    server.expireWatches();
    await settle();
    assert.deepEqual(events, ['add a/x@2']);
    assert.deepEqual(server.calls.map((c) => c.verb), ['list', 'watch', 'list', 'watch']);
  });

  it('retries a failed list with backoff', async (t) => {
    const { server, clock, informer } = setup();
    t.after(() => informer.stop());
    server.failLists = [new Error('boom'), new Error('boom')];
    informer.start();
    await settle();
    assert.equal(informer.hasSynced(), false);
    await clock.advance(60_000);
    assert.equal(informer.hasSynced(), true);
    assert.equal(server.calls.filter((c) => c.verb === 'list').length, 3);
  });

  it('treats a recreated object (new UID, same name) as delete + add', async (t) => {
    const { server, informer, events } = setup();
    t.after(() => informer.stop());
    server.upsert('a', 'x');
    informer.start();
    await informer.waitForSync();
    await settle();
    server.breakWatches();
    server.remove('a', 'x');
    server.upsert('a', 'x');
    server.compact();
    await settle();
    const clock = (informer as unknown as { clock: FakeClock }).clock;
    await clock.advance(60_000);
    assert.deepEqual(events, ['add a/x@2 initial', 'delete a/x@2 unknown', 'add a/x@4']);
  });

  it('resyncs every cached object as an update to itself', async (t) => {
    const { server, clock, informer, events } = setup({ resyncMs: 1000 });
    t.after(() => informer.stop());
    server.upsert('a', 'x');
    informer.start();
    await informer.waitForSync();
    await clock.advance(1000);
    await clock.advance(1000);
    assert.deepEqual(events, ['add a/x@2 initial', 'update a/x@2→2', 'update a/x@2→2']);
  });

  it('replays the cache to a handler added late', async (t) => {
    const { server, informer } = setup();
    t.after(() => informer.stop());
    server.upsert('a', 'x');
    informer.start();
    await informer.waitForSync();
    const late = recorder();
    informer.addHandler(late.handler);
    assert.deepEqual(late.events, ['add a/x@2 initial']);
  });

  it('indexes by namespace and custom functions', async (t) => {
    const server = new FakeListWatch();
    const informer = new Informer(server, configMaps, { clock: new FakeClock(), indexers: { color: (o) => [String((o.data as { color?: string } | undefined)?.color)] } });
    t.after(() => informer.stop());
    server.upsert('a', 'x', { data: { color: 'red' } });
    server.upsert('b', 'y', { data: { color: 'red' } });
    informer.start();
    await informer.waitForSync();
    assert.deepEqual(informer.list('a').map(objectKey), ['a/x']);
    assert.deepEqual(informer.byIndex('color', 'red').map(objectKey).sort(), ['a/x', 'b/y']);
  });

  it('stop ends the watch; waitForSync on a stopped informer is false', async () => {
    const server = new FakeListWatch();
    server.failLists = [new Error('down')];
    const informer = new Informer(server, configMaps, { clock: new FakeClock() });
    informer.start();
    const waiting = informer.waitForSync();
    await informer.stop();
    assert.equal(await waiting, false);
    assert.equal(server.openWatches, 0);
  });
});
