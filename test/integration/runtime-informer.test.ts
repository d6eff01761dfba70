// The runtime's informer against our API server, over HTTP/2 and in-process: every change is seen
// exactly once across server-side watch timeouts, a 410 relist after compaction, and a restart
// after changes were made while it was away.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { createClient, inProcessClient, resources, type KubeClient, type ListAllOptions, type ObjectLike, type ObjectList, type ResourceRef, type WatchEvent, type WatchOptions } from '../../src/client/index.js';
import { Informer, type ListWatchClient } from '../../src/runtime/index.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { waitFor } from '../support/wait.js';

let api: TestApiServer;
before(async () => {
  api = await startTestApiServer({ storage: 'sqlite' });
});
after(async () => {
  await api.stop();
});

/** The real client, counting its lists and watches; `hold` delays the next watch until released. */
class Counting implements ListWatchClient {
  lists = 0;
  watches = 0;
  held = 0;
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;
  constructor(private readonly client: KubeClient) {}
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release(): void {
    this.gate = undefined;
    this.open?.();
  }
  listAll<T extends ObjectLike>(ref: ResourceRef<T>, options?: ListAllOptions): Promise<ObjectList<T>> {
    this.lists++;
    return this.client.listAll(ref, options);
  }
  async *watch<T extends ObjectLike>(ref: ResourceRef<T>, options?: WatchOptions): AsyncGenerator<WatchEvent<T>> {
    if (this.gate) {
      this.held++;
      await this.gate;
    }
    this.watches++;
    yield* this.client.watch(ref, options);
  }
}

const flavours: Record<string, () => KubeClient> = {
  'HTTP/2': () => createClient({ server: api.url, caPem: api.caPem, clientCertPem: api.adminCertPem, clientKeyPem: api.adminKeyPem }),
  'in-process': () => inProcessClient(api.handler, { user: { name: 'admin', groups: ['system:masters'] } }),
};

let n = 0;
for (const [flavour, connect] of Object.entries(flavours)) {
  describe(flavour, () => {
    const ns = `informer-${n++}`;
    let client: KubeClient;
    before(async () => {
      client = connect();
      await client.create(resources.namespaces, { metadata: { name: ns } });
    });
    after(async () => {
      await client.close();
    });

    it('sees every change exactly once across watch timeouts, a 410 relist and a restart', async () => {
      const counting = new Counting(client);
      // One-second watches: the server ends each, and the informer must resume without loss or repeat.
      const informer = new Informer<ConfigMap>(counting, resources.configMaps, { namespace: ns, watchTimeoutSeconds: () => 1 });
      const seen: string[] = [];
      const show = (cm: ConfigMap): string => `${cm.metadata?.name ?? ''} ${JSON.stringify(cm.data ?? {})}`;
      informer.addHandler({
        onAdd: (cm) => seen.push(`add ${show(cm)}`),
        onUpdate: (old, cm) => seen.push(`update ${show(old)} → ${JSON.stringify(cm.data ?? {})}`),
        onDelete: (cm, unknown) => seen.push(`delete ${show(cm)}${unknown ? ' (relist)' : ''}`),
      });
      informer.start();
      assert.equal(await informer.waitForSync(), true);

      const patch = (name: string, v: string): Promise<ConfigMap> => client.patch(resources.configMaps, name, { data: { v } }, { type: 'merge', namespace: ns });
      await client.create(resources.configMaps, { metadata: { name: 'one', namespace: ns }, data: { v: '1' } });
      await client.create(resources.configMaps, { metadata: { name: 'two', namespace: ns }, data: { v: '1' } });
      await waitFor(() => seen.length >= 2);
      await sleep(3500);
      await patch('one', '2');
      await waitFor(() => seen.length >= 3);
      assert.ok(counting.watches >= 3, `the server ended watches (${counting.watches} so far)`);

      // Between two watches (the informer's resourceVersion is now fixed), the store moves on and
      // is compacted: the next watch gets 410 and the informer relists.
      counting.hold();
      await waitFor(() => counting.held === 1, { what: 'the informer to start its next watch' });
      await client.create(resources.configMaps, { metadata: { generateName: 'bump-', namespace: 'default' } });
      await api.storage.compact(await api.storage.currentRevision());
      counting.release();
      await waitFor(() => counting.lists >= 2, { what: 'a relist after 410' });
      await patch('one', '3');
      await client.delete(resources.configMaps, 'two', { namespace: ns });
      await client.create(resources.configMaps, { metadata: { name: 'three', namespace: ns }, data: { v: '3' } });
      await waitFor(() => seen.length >= 6);

      // Away while things change and history is compacted: the restart relists and delivers the differences.
      await informer.stop();
      await patch('one', '4');
      await client.delete(resources.configMaps, 'three', { namespace: ns });
      await client.create(resources.configMaps, { metadata: { name: 'four', namespace: ns }, data: { v: '4' } });
      await api.storage.compact(await api.storage.currentRevision());
      informer.start();
      await waitFor(() => seen.length >= 9, { what: 'the differences after the restart' });
      await sleep(2500);
      await informer.stop();

      assert.deepEqual(seen.slice(0, 6), [
        'add one {"v":"1"}',
        'add two {"v":"1"}',
        'update one {"v":"1"} → {"v":"2"}',
        'update one {"v":"2"} → {"v":"3"}',
        'delete two {"v":"1"}',
        'add three {"v":"3"}',
      ]);
      assert.deepEqual(seen.slice(6).sort(), ['add four {"v":"4"}', 'delete three {"v":"3"} (relist)', 'update one {"v":"3"} → {"v":"4"}']);
      assert.equal(seen.length, 9);
      assert.deepEqual(informer.list(ns).map((c) => c.metadata?.name).sort(), ['four', 'one']);
      assert.equal(informer.get(ns, 'one')?.data?.v, '4');
    });

    it('follows only the selected objects and indexes them', async () => {
      const informer = new Informer<ConfigMap>(client, resources.configMaps, {
        namespace: ns,
        labelSelector: 'tier=web',
        indexers: { color: (cm) => (cm.data?.color ? [cm.data.color] : []) },
      });
      const events: string[] = [];
      informer.addHandler({ onAdd: (cm) => events.push(`add ${cm.metadata?.name ?? ''}`), onDelete: (cm) => events.push(`delete ${cm.metadata?.name ?? ''}`) });
      informer.start();
      await informer.waitForSync();
      await client.create(resources.configMaps, { metadata: { name: 'web-a', namespace: ns, labels: { tier: 'web' } }, data: { color: 'red' } });
      await client.create(resources.configMaps, { metadata: { name: 'db-a', namespace: ns, labels: { tier: 'db' } }, data: { color: 'red' } });
      await client.create(resources.configMaps, { metadata: { name: 'web-b', namespace: ns, labels: { tier: 'web' } }, data: { color: 'blue' } });
      await waitFor(() => informer.size === 2);
      assert.deepEqual(informer.byIndex('color', 'red').map((c) => c.metadata?.name), ['web-a']);
      // Leaving the selection is a delete to the informer.
      await client.patch(resources.configMaps, 'web-a', { metadata: { labels: { tier: 'db' } } }, { type: 'merge', namespace: ns });
      await waitFor(() => informer.size === 1);
      await informer.stop();
      assert.deepEqual(events, ['add web-a', 'add web-b', 'delete web-a']);
    });
  });
}
