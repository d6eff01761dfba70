// Lists longer than the server reads or writes at once (500 objects): the same answer as paging
// through them, in every response format, with other requests answered while one is written and
// a client that goes away mid-list costing nothing. On SQLite and in memory.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { createClient, inProcessClient, resources, type KubeClient } from '../../src/client/index.js';
import type { Store } from '../../src/storage/index.js';
import { kubectl, startTestApiServer, type StorageKind, type TestApiServer } from '../support/apiserver.js';

const COUNT = 1_234;
const NS = 'many';

for (const storage of ['sqlite', 'memory'] satisfies StorageKind[]) {
  describe(`lists of ${COUNT} objects (${storage})`, () => {
    let api: TestApiServer;
    let client: KubeClient;
    let cacheDir: string;
    // What the server asks its store for, while `recording`.
    const calls: string[] = [];
    let recording = false;
    let onFirstChunk: (() => void) | undefined;
    const observe = (store: Store): Store =>
      new Proxy(store, {
        get(target, prop) {
          const value: unknown = Reflect.get(target, prop, target);
          if (typeof value !== 'function' || (prop !== 'list' && prop !== 'get')) return value;
          return (...args: unknown[]): unknown => {
            const options = args[1] as { limit?: number; countRemaining?: boolean; continue?: string } | undefined;
            if (recording) {
              calls.push(prop === 'get' ? 'get' : `list limit=${options?.limit ?? 0} count=${options?.countRemaining ?? true}${options?.continue ? ' continued' : ''}`);
              if (prop === 'list' && calls.length === 1) onFirstChunk?.();
            }
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    before(async () => {
      api = await startTestApiServer({ storage, wrapStorage: observe });
      client = createClient({ server: api.url, caPem: api.caPem, clientCertPem: api.adminCertPem, clientKeyPem: api.adminKeyPem }, { qps: 0 });
      cacheDir = mkdtempSync(join(tmpdir(), 'vcluster-kubectl-'));
      await client.create(resources.namespaces, { metadata: { name: NS } });
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          for (let i = next++; i < COUNT; i = next++) {
            await client.create(resources.configMaps, { metadata: { name: `cm-${String(i).padStart(4, '0')}`, namespace: NS, labels: { even: String(i % 2 === 0) } }, data: { i: String(i) } });
          }
        }),
      );
    });
    after(async () => {
      await client.close();
      await api.stop();
      rmSync(cacheDir, { recursive: true, force: true });
    });

    const names = (items: readonly ConfigMap[]): string[] => items.map((c) => c.metadata?.name ?? '');

    it('a list without a limit holds exactly what paging through it returns, at one resourceVersion', async () => {
      const whole = await client.list(resources.configMaps, { namespace: NS });
      const paged: ConfigMap[] = [];
      let token: string | undefined;
      do {
        const page = await client.list(resources.configMaps, { namespace: NS, limit: 200, ...(token ? { continue: token } : {}) });
        paged.push(...page.items);
        token = page.metadata.continue;
      } while (token);
      assert.equal(whole.items.length, COUNT);
      assert.deepEqual(names(whole.items), names(paged));
      assert.deepEqual(whole.items, paged);
      assert.equal(whole.metadata.continue, undefined);
      assert.equal(whole.metadata.remainingItemCount, undefined);
      const exact = await client.list(resources.configMaps, { namespace: NS, resourceVersion: whole.metadata.resourceVersion, resourceVersionMatch: 'Exact' });
      assert.deepEqual(exact.items, whole.items);
    });

    it('selectors apply across the chunks', async () => {
      const even = await client.list(resources.configMaps, { namespace: NS, labelSelector: 'even=true' });
      assert.equal(even.items.length, COUNT / 2);
      assert.ok(even.items.every((c) => c.metadata?.labels?.even === 'true'));
      const one = await client.list(resources.configMaps, { namespace: NS, fieldSelector: 'metadata.name=cm-1233' });
      assert.deepEqual(names(one.items), ['cm-1233']);
    });

    it('kubectl reads the Table, -o json and -o name of the whole list', async () => {
      const run = async (args: string[]): Promise<string> => {
        const r = await kubectl(['get', 'configmaps', '-n', NS, ...args], { kubeconfig: api.kubeconfigPath, cacheDir });
        assert.equal(r.code, 0, r.stderr);
        return r.stdout;
      };
      const table = (await run([])).trim().split('\n');
      assert.match(table[0] ?? '', /^NAME\s+DATA\s+AGE$/);
      assert.equal(table.length, COUNT + 1);
      assert.match(table.at(-1) ?? '', /^cm-1233\s+1\s+\S+$/);
      const json = JSON.parse(await run(['-o', 'json'])) as { items: ConfigMap[] };
      assert.equal(json.items.length, COUNT);
      assert.equal(json.items[777]?.data?.i, '777');
      assert.equal((await run(['-o', 'name'])).trim().split('\n').length, COUNT);
    });

    it('serves PartialObjectMetadataList in full', async () => {
      const res = await client.request({
        method: 'GET',
        path: { ref: resources.configMaps, namespace: NS },
        accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io',
      });
      const list = await res.json<{ kind: string; items: { kind: string; metadata: { name: string } }[] }>();
      assert.equal(list.kind, 'PartialObjectMetadataList');
      assert.equal(list.items.length, COUNT);
      assert.ok(list.items.every((i) => i.kind === 'PartialObjectMetadata' && i.metadata.name.startsWith('cm-')));
    });

    it('reads a long list in chunks at one revision, serving other requests in between', async () => {
      const inProcess = inProcessClient(api.handler, { user: { name: 'admin', groups: ['system:masters'] } });
      let got: Promise<unknown> | undefined;
      calls.length = 0;
      onFirstChunk = () => {
        got = inProcess.get(resources.configMaps, 'cm-0001', { namespace: NS });
      };
      recording = true;
      try {
        const list = await client.list(resources.configMaps, { namespace: NS });
        assert.equal(list.items.length, COUNT);
      } finally {
        recording = false;
        onFirstChunk = undefined;
      }
      assert.ok(await got);
      assert.deepEqual(calls, ['list limit=500 count=false', 'get', 'list limit=500 count=false continued', 'list limit=500 count=false continued']);
      await inProcess.close();
    });

    it('keeps serving when a client goes away in the middle of a list', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await client.request({ method: 'GET', path: { ref: resources.configMaps, namespace: NS }, stream: true });
        res.cancel();
      }
      const again = await client.list(resources.configMaps, { namespace: NS });
      assert.equal(again.items.length, COUNT);
    });
  });
}
