// npm run bench:storage — each figure of our Store beside the raw engine measured in the same run.
import Database from 'better-sqlite3';
import { Etcd3 } from 'etcd3';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openEtcdStore, openMemoryStore, openSqliteStore, type Store } from '../src/storage/index.js';
import { startEtcd } from '../test/support/etcd.js';
import { writeSection } from './report.js';

const quick = process.argv.includes('--quick');
const N = quick ? 2_000 : 10_000;
const LIST_KEYS = 10_000;
const WATCHERS = 100;
const CONCURRENCY = 64;

/** A 1 KiB ConfigMap-like object. */
function object(i: number): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `cm-${i}`, namespace: 'bench', labels: { app: 'bench' } },
    data: { payload: 'x'.repeat(900) },
  };
}
const key = (run: string, i: number): string => `/registry/configmaps/${run}/cm-${String(i).padStart(6, '0')}`;

async function timeIt(fn: () => Promise<void> | void): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function concurrently(total: number, width: number, op: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < total) await op(next++);
    }),
  );
}

interface Row {
  backend: string;
  figure: string;
  ours: number;
  raw: number;
  unit: 'ops/s' | 'ms';
}

async function storeFigures(name: string, store: Store, run: string): Promise<{ seq: number; conc: number; list: number; fanout: number }> {
  const seqMs = await timeIt(async () => {
    for (let i = 0; i < N; i++) await store.create(key(`${run}s`, i), object(i));
  });
  const concMs = await timeIt(() => concurrently(N, CONCURRENCY, (i) => store.create(key(`${run}c`, i), object(i))));
  for (let i = N; i < LIST_KEYS; i++) await store.create(key(`${run}s`, i), object(i));
  const listMs = await timeIt(async () => {
    const res = await store.list(`/registry/configmaps/${run}s/`);
    if (res.items.length !== LIST_KEYS) throw new Error(`${name}: listed ${res.items.length}`);
  });
  const fanoutMs = await fanout(store, `${run}w`);
  return { seq: (N / seqMs) * 1000, conc: (N / concMs) * 1000, list: listMs, fanout: fanoutMs };
}

/** Mean time from a write until all 100 watchers have its event, over 20 writes. */
async function fanout(store: Store, run: string): Promise<number> {
  const prefix = `/registry/configmaps/${run}/`;
  let pending = 0;
  let done: () => void = () => undefined;
  const from = await store.currentRevision();
  const watches = await Promise.all(
    Array.from({ length: WATCHERS }, () =>
      store.watch(prefix, from, (e) => {
        if (e.type !== 'PROGRESS' && --pending === 0) done();
      }),
    ),
  );
  let total = 0;
  for (let i = 0; i < 20; i++) {
    pending = WATCHERS;
    const all = new Promise<void>((r) => (done = r));
    total += await timeIt(async () => {
      await store.create(key(run, i), object(i));
      await all;
    });
  }
  for (const w of watches) w.stop();
  return total / 20;
}

function rawSqlite(path: string): { seq: number; list: number } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE kv (rev INTEGER PRIMARY KEY, key TEXT NOT NULL, value TEXT); CREATE INDEX kv_key ON kv (key)');
  const insert = db.prepare('INSERT INTO kv (rev, key, value) VALUES (?, ?, ?)');
  const values = Array.from({ length: LIST_KEYS }, (_, i) => JSON.stringify(object(i)));
  const t0 = performance.now();
  for (let i = 0; i < N; i++) insert.run(i + 1, key('raw', i), values[i]);
  const seqMs = performance.now() - t0;
  for (let i = N; i < LIST_KEYS; i++) insert.run(i + 1, key('raw', i), values[i]);
  const list = db.prepare('SELECT key, value FROM kv WHERE key >= ? AND key < ? ORDER BY key');
  const t1 = performance.now();
  const rows = list.all('/registry/configmaps/raw/', '/registry/configmaps/raw0') as { value: string }[];
  for (const r of rows) JSON.parse(r.value);
  const listMs = performance.now() - t1;
  db.close();
  return { seq: (N / seqMs) * 1000, list: listMs };
}

async function rawEtcd(endpoint: string): Promise<{ seq: number; conc: number; list: number }> {
  const client = new Etcd3({ hosts: [endpoint], grpcOptions: { 'grpc.max_receive_message_length': -1 } });
  const values = Array.from({ length: LIST_KEYS }, (_, i) => Buffer.from(JSON.stringify(object(i))));
  const put = (k: string, i: number): Promise<unknown> => client.kv.put({ key: Buffer.from(k), value: values[i] });
  const seqMs = await timeIt(async () => {
    for (let i = 0; i < N; i++) await put(key('rawes', i), i);
  });
  const concMs = await timeIt(() => concurrently(N, CONCURRENCY, (i) => put(key('rawec', i), i)));
  for (let i = N; i < LIST_KEYS; i++) await put(key('rawes', i), i);
  const listMs = await timeIt(async () => {
    const res = await client.kv.range({ key: Buffer.from('/registry/configmaps/rawes/'), range_end: Buffer.from('/registry/configmaps/rawes0') });
    for (const kv of res.kvs) JSON.parse(kv.value.toString());
  });
  client.close();
  return { seq: (N / seqMs) * 1000, conc: (N / concMs) * 1000, list: listMs };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vcluster-bench-'));
  const rows: Row[] = [];
  const none = { compaction: { intervalMs: 0, retainRevisions: 0 } };
  try {
    // SQLite: raw first, then ours, each on a fresh file.
    const raw = rawSqlite(join(dir, 'raw.sqlite'));
    const sqlite = openSqliteStore({ path: join(dir, 'ours.sqlite'), ...none });
    const ours = await storeFigures('sqlite', sqlite, 'sq');
    await sqlite.close();
    rows.push(
      { backend: 'sqlite', figure: 'sequential writes', ours: ours.seq, raw: raw.seq, unit: 'ops/s' },
      { backend: 'sqlite', figure: `${CONCURRENCY} concurrent writers`, ours: ours.conc, raw: raw.seq, unit: 'ops/s' },
      { backend: 'sqlite', figure: `list ${LIST_KEYS} keys`, ours: ours.list, raw: raw.list, unit: 'ms' },
      { backend: 'sqlite', figure: `1 write to ${WATCHERS} watchers`, ours: ours.fanout, raw: NaN, unit: 'ms' },
    );

    const etcd = await startEtcd();
    try {
      const rawE = await rawEtcd(etcd.endpoint);
      const store = await openEtcdStore({ endpoints: [etcd.endpoint], ...none });
      const oursE = await storeFigures('etcd', store, 'et');
      await store.close();
      rows.push(
        { backend: 'etcd', figure: 'sequential writes', ours: oursE.seq, raw: rawE.seq, unit: 'ops/s' },
        { backend: 'etcd', figure: `${CONCURRENCY} concurrent writers`, ours: oursE.conc, raw: rawE.conc, unit: 'ops/s' },
        { backend: 'etcd', figure: `list ${LIST_KEYS} keys`, ours: oursE.list, raw: rawE.list, unit: 'ms' },
        { backend: 'etcd', figure: `1 write to ${WATCHERS} watchers`, ours: oursE.fanout, raw: NaN, unit: 'ms' },
      );
    } finally {
      await etcd.stop();
    }

    const memory = openMemoryStore(none);
    const mem = await storeFigures('memory', memory, 'me');
    await memory.close();
    rows.push(
      { backend: 'memory', figure: 'sequential writes', ours: mem.seq, raw: NaN, unit: 'ops/s' },
      { backend: 'memory', figure: `${CONCURRENCY} concurrent writers`, ours: mem.conc, raw: NaN, unit: 'ops/s' },
      { backend: 'memory', figure: `list ${LIST_KEYS} keys`, ours: mem.list, raw: NaN, unit: 'ms' },
      { backend: 'memory', figure: `1 write to ${WATCHERS} watchers`, ours: mem.fanout, raw: NaN, unit: 'ms' },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const fmt = (v: number, unit: string): string => (Number.isNaN(v) ? '—' : unit === 'ops/s' ? `${Math.round(v).toLocaleString('en-US')} ops/s` : `${v.toFixed(1)} ms`);
  const ratio = (r: Row): string => {
    if (Number.isNaN(r.raw)) return '—';
    const x = r.unit === 'ops/s' ? r.ours / r.raw : r.raw / r.ours;
    return `${(x * 100).toFixed(0)}%`;
  };
  const lines = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}. ${N.toLocaleString('en-US')} writes of 1 KiB objects per figure.`,
    '',
    'Raw engines, measured in the same run: bare better-sqlite3 `INSERT`s of pre-serialized rows into an indexed table in the same durability mode (WAL, synchronous=NORMAL), and bare etcd3 puts. Ratio: our throughput ÷ raw (for lists: raw time ÷ our time). Target for writes: ≥ 70%.',
    '',
    '| backend | figure | ours | raw engine | ratio |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.backend} | ${r.figure} | ${fmt(r.ours, r.unit)} | ${fmt(r.raw, r.unit)} | ${ratio(r)} |`),
  ];
  console.log(lines.join('\n'));
  if (!quick) writeSection('Storage (`npm run bench:storage`)', lines.join('\n'));
}

await main();
