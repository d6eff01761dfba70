// The SQLite file stays bounded under endless updates when compaction is on.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { openSqliteStore } from '../../src/storage/index.js';
import { waitFor } from '../support/wait.js';

const KEYS = 100;
const UPDATES = 50_000;
const RETAIN = 1_000;
const dir = mkdtempSync(join(tmpdir(), 'vcluster-bounded-'));
after(() => { rmSync(dir, { recursive: true, force: true }); });

const size = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

/*
 * The bound: 100 live objects of ~1.1 KiB, plus at most 2 x RETAIN revisions of history between
 * compactions (compaction starts when history reaches 2 x RETAIN and cuts it to RETAIN), with
 * SQLite's page and index overhead (~3 rows per 4 KiB page): about (100 + 2,000) x 1.4 KiB, 3 MiB.
 * We allow 4 MiB for the database file. The WAL is checkpointed and truncated after compaction.
 * Without compaction the same run needs over 55 MiB.
 */
const DB_BOUND = 4 * 1024 * 1024;
const WAL_BOUND = 8 * 1024 * 1024;
/*
 * Checkpoints run on a worker thread while the writer goes on; the WAL restarts from its beginning
 * whenever one catches up, and the writer checkpoints itself when the worker reports the WAL past
 * FALLBACK_FRAMES (4,000 frames of ~4 KiB), which it may learn some thousands of frames late.
 * Seen in the busy test below: 22-57 MiB; without the writer stepping in, 240+ MiB.
 */
const WAL_PEAK_BOUND = 128 * 1024 * 1024;

it(`keeps the SQLite file under 4 MiB after ${UPDATES} updates to ${KEYS} keys`, async () => {
  const path = join(dir, 'bounded.sqlite');
  const store = openSqliteStore({ path, compaction: { intervalMs: 60_000, retainRevisions: RETAIN } });
  const payload = 'x'.repeat(1000);
  const revisions: number[] = [];
  for (let k = 0; k < KEYS; k++) {
    revisions.push((await store.create(`/registry/configmaps/b/k${k}`, { data: { payload, n: '0' } })).revision);
  }
  let peak = 0;
  for (let i = 0; i < UPDATES; i++) {
    const k = i % KEYS;
    revisions[k] = (await store.update(`/registry/configmaps/b/k${k}`, { data: { payload, n: String(i) } }, revisions[k]!)).revision;
    // Let background work (compaction steps) run, as network I/O would in the API server.
    if (i % 200 === 0) {
      await new Promise((r) => setImmediate(r));
      peak = Math.max(peak, size(path));
    }
  }
  const current = await store.currentRevision();
  await waitFor(async () => (await store.compactedRevision()) >= current - 2 * RETAIN);
  await store.compact(current - RETAIN); // what the next scheduled run would do; reclaims free pages
  const db = size(path);
  const wal = size(`${path}-wal`);
  peak = Math.max(peak, db);
  assert.ok(db < DB_BOUND, `database file is ${db} bytes`);
  assert.ok(peak < DB_BOUND, `database file peaked at ${peak} bytes`);
  assert.ok(wal <= WAL_BOUND, `WAL is ${wal} bytes`);
  const { items } = await store.list('/registry/configmaps/b/');
  assert.equal(items.length, KEYS);
  assert.ok(items.every((it) => typeof it.value.data === 'object'));
  await store.close();
});

it('keeps the WAL bounded when the writer never lets a checkpoint catch up', async () => {
  // Large values and few pauses: the worker's checkpoint is always behind the writer, so the WAL
  // never restarts by itself.
  const path = join(dir, 'busy.sqlite');
  const store = openSqliteStore({ path, compaction: { intervalMs: 0, retainRevisions: 0 } });
  const payload = 'y'.repeat(6000);
  let walPeak = 0;
  for (let i = 0; i < 10_000; i++) {
    await store.create(`/registry/configmaps/busy/c${i}`, { data: { payload } });
    if (i % 50 === 0) {
      await new Promise((r) => setImmediate(r));
      walPeak = Math.max(walPeak, size(`${path}-wal`));
    }
  }
  assert.ok(walPeak <= WAL_PEAK_BOUND, `WAL peaked at ${walPeak} bytes`);
  assert.equal((await store.list('/registry/configmaps/busy/', { limit: 1 })).remaining, 9_999);
  await store.close();
});
