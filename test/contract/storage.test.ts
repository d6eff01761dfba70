// One conformance suite for every storage backend: memory, SQLite and a real etcd.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  isStorageError,
  openEtcdStore,
  openMemoryStore,
  openSqliteStore,
  type CommonStoreOptions,
  type Store,
  type StorageErrorCode,
  type WatchEvent,
} from '../../src/storage/index.js';
import { startEtcd, type EtcdServer } from '../support/etcd.js';
import { waitFor } from '../support/wait.js';

const manual: CommonStoreOptions = { compaction: { intervalMs: 0, retainRevisions: 0 }, progressIntervalMs: 50 };

interface Backend {
  readonly name: string;
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
  open(options?: CommonStoreOptions): Promise<Store>;
}

let tmp = '';
let etcd: EtcdServer | undefined;
let counter = 0;

const backends: Backend[] = [
  { name: 'memory', open: (o) => Promise.resolve(openMemoryStore({ ...manual, ...o })) },
  {
    name: 'sqlite',
    setup: () => {
      tmp = mkdtempSync(join(tmpdir(), 'vcluster-sqlite-'));
      return Promise.resolve();
    },
    teardown: () => {
      rmSync(tmp, { recursive: true, force: true });
      return Promise.resolve();
    },
    open: (o) => Promise.resolve(openSqliteStore({ path: join(tmp, `db-${++counter}.sqlite`), ...manual, ...o })),
  },
  {
    name: 'etcd',
    setup: async () => {
      etcd = await startEtcd();
    },
    teardown: async () => {
      await etcd?.stop();
    },
    open: (o) => openEtcdStore({ endpoints: [etcd!.endpoint], ...manual, ...o }),
  },
];

async function rejectsWith(p: Promise<unknown>, code: StorageErrorCode): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isStorageError(e), `expected a StorageError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

function obj(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'ConfigMap', metadata: { name }, data: { v: name }, ...extra };
}

function recorder(): { events: WatchEvent[]; objects: () => WatchEvent[]; listener: (e: WatchEvent) => void } {
  const events: WatchEvent[] = [];
  return { events, objects: () => events.filter((e) => e.type !== 'PROGRESS'), listener: (e) => events.push(e) };
}

for (const backend of backends) {
  describe(`storage conformance: ${backend.name}`, () => {
    before(async () => backend.setup?.());
    after(async () => backend.teardown?.());

    // Each test uses its own resource prefix so that tests sharing one etcd do not see each other.
    let prefix = '';
    const key = (name: string): string => `${prefix}ns/${name}`;
    async function withStore(fn: (s: Store) => Promise<void>, options?: CommonStoreOptions): Promise<void> {
      prefix = `/registry/t${++counter}x${Date.now().toString(36)}/`;
      const store = await backend.open(options);
      try {
        await fn(store);
      } finally {
        await store.close();
      }
    }

    it('creates and gets with a global monotonic revision', () =>
      withStore(async (s) => {
        const a = await s.create(key('a'), obj('a'));
        const b = await s.create(key('b'), obj('b'));
        assert.ok(b.revision > a.revision);
        assert.equal(a.createRevision, a.revision);
        const got = await s.get(key('a'));
        assert.deepEqual(got?.value, obj('a'));
        assert.equal(got.revision, a.revision);
        assert.equal(await s.get(key('missing')), undefined);
        assert.ok((await s.currentRevision()) >= b.revision);
        await rejectsWith(s.create(key('a'), obj('again')), 'KeyExists');
        assert.deepEqual((await s.get(key('a')))?.value, obj('a'), 'a failed create changes nothing');
      }));

    it('updates with compare-and-swap on the revision', () =>
      withStore(async (s) => {
        const a = await s.create(key('a'), obj('a'));
        const a2 = await s.update(key('a'), obj('a', { data: { v: 2 } }), a.revision);
        assert.ok(a2.revision > a.revision);
        assert.equal(a2.createRevision, a.revision);
        await rejectsWith(s.update(key('a'), obj('stale'), a.revision), 'Conflict');
        await rejectsWith(s.update(key('nope'), obj('x'), 1), 'NotFound');
        assert.deepEqual((await s.get(key('a')))?.value, obj('a', { data: { v: 2 } }));
      }));

    it('deletes, optionally at an expected revision, and recreates', () =>
      withStore(async (s) => {
        const a = await s.create(key('a'), obj('a'));
        await rejectsWith(s.delete(key('a'), a.revision + 1000), 'Conflict');
        const gone = await s.delete(key('a'), a.revision);
        assert.deepEqual(gone.value, obj('a'));
        assert.ok(gone.revision > a.revision);
        assert.equal(await s.get(key('a')), undefined);
        await rejectsWith(s.delete(key('a')), 'NotFound');
        const again = await s.create(key('a'), obj('a2'));
        assert.equal(again.createRevision, again.revision);
        assert.ok(again.revision > gone.revision);
      }));

    it('lets exactly one of many concurrent creates of a key win', () =>
      withStore(async (s) => {
        const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => s.create(key('race'), obj(`r${i}`))));
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        for (const r of results) if (r.status === 'rejected') assert.ok(isStorageError(r.reason, 'KeyExists'));
      }));

    it('lists a prefix in key order, not its neighbours', () =>
      withStore(async (s) => {
        for (const n of ['c', 'a', 'b']) await s.create(key(n), obj(n));
        await s.create(`${prefix}ns1/x`, obj('x'));
        await s.create(`${prefix}nsx`, obj('y'));
        const list = await s.list(`${prefix}ns/`);
        assert.deepEqual(list.items.map((i) => i.key), [key('a'), key('b'), key('c')]);
        assert.equal(list.continue, undefined);
        assert.ok(list.revision >= (list.items.at(-1)?.revision ?? 0));
        const all = await s.list(prefix);
        assert.equal(all.items.length, 5);
      }));

    it('pages with limit and continue at one consistent revision', () =>
      withStore(async (s) => {
        for (let i = 0; i < 25; i++) await s.create(key(`k${String(i).padStart(2, '0')}`), obj(`k${i}`));
        const first = await s.list(`${prefix}ns/`, { limit: 10 });
        assert.equal(first.items.length, 10);
        assert.equal(first.remaining, 15);
        assert.ok(first.continue);
        // Changes after the first page must not show up in later pages.
        await s.delete(key('k15'));
        await s.create(key('k99'), obj('k99'));
        const second = await s.list(`${prefix}ns/`, { limit: 10, continue: first.continue });
        const third = await s.list(`${prefix}ns/`, { limit: 10, continue: second.continue! });
        assert.equal(second.revision, first.revision);
        assert.equal(third.continue, undefined);
        const names = [...first.items, ...second.items, ...third.items].map((i) => i.key.slice(-3));
        assert.deepEqual(names, Array.from({ length: 25 }, (_, i) => `k${String(i).padStart(2, '0')}`));
        assert.equal(second.items.find((i) => i.key.endsWith('k15'))?.value.kind, 'ConfigMap');
      }));

    it('lists at a past revision', () =>
      withStore(async (s) => {
        const a = await s.create(key('a'), obj('a'));
        const mid = await s.create(key('b'), obj('b'));
        await s.update(key('a'), obj('a', { data: { v: 'new' } }), a.revision);
        await s.delete(key('b'));
        await s.create(key('c'), obj('c'));
        const then = await s.list(`${prefix}ns/`, { revision: mid.revision });
        assert.equal(then.revision, mid.revision);
        assert.deepEqual(then.items.map((i) => [i.key, i.value.data]), [[key('a'), { v: 'a' }], [key('b'), { v: 'b' }]]);
        const now = await s.list(`${prefix}ns/`);
        assert.deepEqual(now.items.map((i) => [i.key, i.value.data]), [[key('a'), { v: 'new' }], [key('c'), { v: 'c' }]]);
        await rejectsWith(s.list(`${prefix}ns/`, { revision: (await s.currentRevision()) + 1000 }), 'FutureRevision');
      }));

    it('watches from a revision: history, then live events, in order with previous values', () =>
      withStore(async (s) => {
        const start = await s.currentRevision();
        const a = await s.create(key('a'), obj('a'));
        await s.create(`${prefix}other/z`, obj('z'));
        const rec = recorder();
        const w = await s.watch(`${prefix}ns/`, start, rec.listener);
        const a2 = await s.update(key('a'), obj('a', { data: { v: 2 } }), a.revision);
        const del = await s.delete(key('a'));
        await waitFor(() => rec.objects().length >= 3);
        const evs = rec.objects();
        assert.deepEqual(evs.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
        assert.deepEqual(evs.map((e) => (e.type === 'PROGRESS' ? 0 : e.revision)), [a.revision, a2.revision, del.revision]);
        const [added, modified, deleted] = evs;
        assert.ok(added?.type === 'ADDED' && added.prevValue === undefined);
        assert.ok(modified?.type === 'MODIFIED');
        assert.deepEqual(modified.prevValue, obj('a'));
        assert.deepEqual(modified.value, obj('a', { data: { v: 2 } }));
        assert.ok(deleted?.type === 'DELETED');
        assert.deepEqual(deleted.value, obj('a', { data: { v: 2 } }));
        w.stop();
        await s.create(key('after-stop'), obj('x'));
        assert.equal(await w.ended, undefined);
        await new Promise((r) => setTimeout(r, 100));
        assert.equal(rec.objects().length, 3, 'nothing is delivered after stop');
      }));

    it('gives every MODIFIED event the value it replaced, also after writes nobody watched', () =>
      withStore(async (s) => {
        const version = (v: number): Record<string, unknown> => obj('b', { data: { v } });
        const rec = recorder();
        const w = await s.watch(`${prefix}ns/`, await s.currentRevision(), rec.listener);
        const b1 = await s.create(key('b'), version(1));
        const b2 = await s.update(key('b'), version(2), b1.revision);
        const b3 = await s.update(key('b'), version(3), b2.revision);
        await waitFor(() => rec.objects().length >= 3);
        w.stop();
        const b4 = await s.update(key('b'), version(4), b3.revision);
        const later = recorder();
        const w2 = await s.watch(`${prefix}ns/`, b4.revision, later.listener);
        await s.update(key('b'), version(5), b4.revision);
        await waitFor(() => later.objects().length >= 1);
        w2.stop();
        const pairs = [...rec.objects(), ...later.objects()].map((e) =>
          e.type === 'PROGRESS' ? [] : [e.type === 'MODIFIED' ? e.prevValue : undefined, e.value],
        );
        assert.deepEqual(pairs, [
          [undefined, version(1)],
          [version(1), version(2)],
          [version(2), version(3)],
          [version(4), version(5)],
        ]);
      }));

    it('hands out values that callers may change without changing the store or other readers', () =>
      withStore(async (s) => {
        // A watcher makes local stores keep the latest values in memory: reads then come from there.
        const rec = recorder();
        const w = await s.watch(`${prefix}ns/`, await s.currentRevision(), rec.listener);
        const written = obj('m', { spec: { list: [{ n: 1 }], gone: undefined } });
        const created = await s.create(key('m'), written);
        (written.metadata as Record<string, unknown>).name = 'changed-after-create';
        await waitFor(() => rec.objects().length >= 1);
        const first = await s.get(key('m'));
        assert.ok(first);
        assert.deepEqual(first.value, obj('m', { spec: { list: [{ n: 1 }] } }));
        assert.equal(first.revision, created.revision);
        assert.equal(first.createRevision, created.revision);
        const item = (first.value.spec as { list: { n: number }[] }).list[0];
        assert.ok(item);
        item.n = 99;
        const second = await s.get(key('m'));
        assert.deepEqual(second?.value, obj('m', { spec: { list: [{ n: 1 }] } }), 'a changed read leaves the next read alone');
        const event = rec.objects()[0];
        assert.ok(event?.type === 'ADDED');
        assert.deepEqual(event.value, obj('m', { spec: { list: [{ n: 1 }] } }), 'the event is not the written object');
        const updated = await s.update(key('m'), obj('m', { data: { v: 'two' } }), created.revision);
        const third = await s.get(key('m'));
        assert.ok(third);
        assert.deepEqual(third.value, obj('m', { data: { v: 'two' } }));
        assert.equal(third.revision, updated.revision);
        assert.equal(third.createRevision, created.revision);
        await s.delete(key('m'));
        assert.equal(await s.get(key('m')), undefined);
        w.stop();
      }));

    it('fans one write out to 100 watchers exactly once each', () =>
      withStore(async (s) => {
        const from = await s.currentRevision();
        const recs = Array.from({ length: 100 }, () => recorder());
        const watches = await Promise.all(recs.map((r) => s.watch(`${prefix}ns/`, from, r.listener)));
        const w = await s.create(key('fan'), obj('fan'));
        await waitFor(() => recs.every((r) => r.objects().length >= 1));
        await new Promise((r) => setTimeout(r, 50));
        for (const r of recs) {
          assert.equal(r.objects().length, 1);
          assert.equal(r.objects()[0]?.type === 'ADDED' && r.objects()[0]?.revision, w.revision);
        }
        for (const wt of watches) wt.stop();
      }));

    it('sends progress notifications to idle watchers as the store moves on', () =>
      withStore(async (s) => {
        const from = await s.currentRevision();
        const rec = recorder();
        const w = await s.watch(`${prefix}quiet/`, from, rec.listener, { progressNotify: true });
        const elsewhere = await s.create(key('busy'), obj('busy'));
        await waitFor(() => rec.events.some((e) => e.type === 'PROGRESS' && e.revision >= elsewhere.revision));
        assert.equal(rec.objects().length, 0);
        w.stop();
      }));

    it('compacts: the state at the compaction revision stays, older history is gone', () =>
      withStore(async (s) => {
        const a = await s.create(key('a'), obj('a'));
        const a2 = await s.update(key('a'), obj('a', { data: { v: 2 } }), a.revision);
        const b = await s.create(key('b'), obj('b'));
        await s.delete(key('b'));
        const at = await s.create(key('c'), obj('c'));
        await s.update(key('a'), obj('a', { data: { v: 3 } }), a2.revision);
        await s.compact(at.revision);
        assert.ok((await s.compactedRevision()) >= at.revision);
        await rejectsWith(s.list(`${prefix}ns/`, { revision: b.revision }), 'Compacted');
        await rejectsWith(s.watch(`${prefix}ns/`, a.revision, () => undefined), 'Compacted');
        const still = await s.list(`${prefix}ns/`, { revision: at.revision });
        assert.deepEqual(still.items.map((i) => [i.key, i.value.data]), [[key('a'), { v: 2 }], [key('c'), { v: 'c' }]]);
        const rec = recorder();
        const w = await s.watch(`${prefix}ns/`, at.revision, rec.listener);
        await waitFor(() => rec.objects().length >= 1);
        assert.equal(rec.objects()[0]?.type, 'MODIFIED');
        w.stop();
        assert.deepEqual((await s.get(key('a')))?.value.data, { v: 3 });
      }));

    it('compacts on a schedule', () =>
      withStore(
        async (s) => {
          const first = await s.create(key('a'), obj('a'));
          let rev = first.revision;
          for (let i = 0; i < 5; i++) rev = (await s.update(key('a'), obj('a', { data: { v: i } }), rev)).revision;
          await waitFor(async () => (await s.compactedRevision()) > first.revision);
          await rejectsWith(s.list(`${prefix}ns/`, { revision: first.revision }), 'Compacted');
          assert.deepEqual((await s.get(key('a')))?.value.data, { v: 4 });
        },
        { compaction: { intervalMs: 30, retainRevisions: 0 } },
      ));

    it('rejects a continue token from a compacted revision', () =>
      withStore(async (s) => {
        for (let i = 0; i < 4; i++) await s.create(key(`k${i}`), obj(`k${i}`));
        const page = await s.list(`${prefix}ns/`, { limit: 2 });
        const k0 = await s.get(key('k0'));
        await s.update(key('k0'), obj('k0', { data: { v: 'x' } }), k0!.revision);
        await s.compact(await s.currentRevision());
        await rejectsWith(s.list(`${prefix}ns/`, { limit: 2, continue: page.continue! }), 'Compacted');
      }));

    it('sets the revision on every value through the decorator', () =>
      withStore(
        async (s) => {
          const from = await s.currentRevision();
          const rec = recorder();
          const w = await s.watch(`${prefix}ns/`, from, rec.listener);
          const c = await s.create(key('a'), obj('a'));
          assert.equal(c.value.rv, c.revision);
          assert.equal((await s.get(key('a')))?.value.rv, c.revision);
          assert.equal((await s.list(`${prefix}ns/`)).items[0]?.value.rv, c.revision);
          const d = await s.delete(key('a'));
          assert.equal(d.value.rv, d.revision);
          await waitFor(() => rec.objects().length >= 2);
          assert.deepEqual(rec.objects().map((e) => (e.type === 'PROGRESS' ? 0 : e.value.rv)), [c.revision, d.revision]);
          w.stop();
        },
        { decorate: (v, rev) => { v.rv = rev; } },
      ));

    it('rejects bad input with typed errors and keeps working', () =>
      withStore(async (s) => {
        await rejectsWith(s.create(key('s'), 'text' as unknown as Record<string, unknown>), 'InvalidValue');
        await rejectsWith(s.create(key('arr'), [] as unknown as Record<string, unknown>), 'InvalidValue');
        await rejectsWith(s.create(key('null'), null as unknown as Record<string, unknown>), 'InvalidValue');
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        await rejectsWith(s.create(key('cyclic'), cyclic), 'InvalidValue');
        await rejectsWith(s.create(key('big'), { data: 'x'.repeat(2 * 1024 * 1024) }), 'ValueTooLarge');
        for (const bad of ['pods/ns/a', '/etc/passwd', '/registry/pods', '/registry/pods//a', '/registry/pods/../x', '/registry/pods/a b', '/registry/pods/\u00e9']) {
          await rejectsWith(s.create(bad, obj('x')), 'InvalidKey');
          await rejectsWith(s.get(bad), 'InvalidKey');
        }
        await rejectsWith(s.list('/registry/pods'), 'InvalidKey');
        await rejectsWith(s.list(`${prefix}ns/`, { continue: 'not-a-token' }), 'InvalidContinue');
        await rejectsWith(s.list(`${prefix}ns/`, { limit: -1 }), 'InvalidValue');
        await rejectsWith(s.watch(`${prefix}ns/`, -5, () => undefined), 'InvalidValue');
        const ok = await s.create(key('fine'), obj('fine'));
        assert.deepEqual((await s.get(key('fine')))?.value, obj('fine'));
        assert.equal((await s.list(`${prefix}ns/`)).items.length, 1);
        assert.ok(ok.revision > 0);
      }));

    it('ends watches and refuses calls once closed', async () => {
      prefix = `/registry/t${++counter}closed/`;
      const s = await backend.open();
      const w = await s.watch(prefix, await s.currentRevision(), () => undefined);
      await s.close();
      const ended = await w.ended;
      assert.ok(isStorageError(ended, 'Closed'));
      await rejectsWith(s.get(`${prefix}x`), 'Closed');
    });
  });
}
