// npm run bench:apiserver — the API server under load, beside the raw storage write rate of the same run.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createClient, resources, type KubeClient } from '../src/client/index.js';
import { openSqliteStore } from '../src/storage/index.js';
import { writeSection } from './report.js';
import { percentile, runConcurrently, type LoadResult } from './support/stats.js';

const quick = process.argv.includes('--quick');
const CONCURRENCY = 32;
const CONCURRENT_CREATES = quick ? 2_000 : 10_000;
const RATE = 200;
const RATE_SECONDS = quick ? 10 : 60;
const WATCHERS = 100;
const WATCH_EVENTS = quick ? 50 : 200;

function pod(name: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'bench', tier: 'load' }, annotations: { 'bench/note': 'x'.repeat(200) } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
  };
}

async function startServer(): Promise<{ child: ChildProcess; url: string; caPem: string; certPem: string; keyPem: string }> {
  // BENCH_SERVER_NODE_FLAGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server alone.
  const flags = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'bench/support/serve-apiserver.ts', 'sqlite'], { stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: child.stdout })) {
    const info = JSON.parse(line) as { url: string; caPem: string; certPem: string; keyPem: string };
    return { child, ...info };
  }
  throw new Error('API server process ended before it listened');
}

/** Bare SQLite inserts and our Store's creates, in the same durability mode: the physical limit. */
async function rawWriteRates(): Promise<{ sqlite: number; store: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-raw-'));
  const n = 10_000;
  try {
    const db = new Database(join(dir, 'raw.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE kv (rev INTEGER PRIMARY KEY, key TEXT NOT NULL, value TEXT); CREATE INDEX kv_key ON kv (key)');
    const insert = db.prepare('INSERT INTO kv (rev, key, value) VALUES (?, ?, ?)');
    const text = JSON.stringify(pod('raw'));
    let t0 = performance.now();
    for (let i = 0; i < n; i++) insert.run(i + 1, `/registry/pods/bench/p${i}`, text);
    const sqlite = (n / (performance.now() - t0)) * 1000;
    db.close();
    const store = openSqliteStore({ path: join(dir, 'store.sqlite'), compaction: { intervalMs: 0, retainRevisions: 0 } });
    t0 = performance.now();
    for (let i = 0; i < n; i++) await store.create(`/registry/pods/bench/p${i}`, pod(`p${i}`));
    const storeRate = (n / (performance.now() - t0)) * 1000;
    await store.close();
    return { sqlite, store: storeRate };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function createConcurrently(client: KubeClient, ns: string, total: number): Promise<LoadResult> {
  return runConcurrently(total, CONCURRENCY, (i) => client.create(resources.pods, pod(`c-${i}`), { namespace: ns }));
}

/** Open-loop load: requests leave on schedule whatever the previous ones do; latency counts from the scheduled time. */
async function createAtRate(client: KubeClient, ns: string): Promise<{ latencies: number[]; errors: number }> {
  const total = RATE * RATE_SECONDS;
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now() + 100;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      client.create(resources.pods, pod(`r-${i}`), { namespace: ns }).then(
        () => {
          latencies.push(performance.now() - due);
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  return { latencies: latencies.sort((a, b) => a - b), errors };
}

async function watchFanout(client: KubeClient, ns: string): Promise<{ meanMs: number; p99Ms: number }> {
  const list = await client.list(resources.configMaps, { namespace: ns });
  const rv = list.metadata.resourceVersion ?? '0';
  const ac = new AbortController();
  // Every watcher listens on this one signal.
  setMaxListeners(WATCHERS + 1, ac.signal);
  const created = new Map<string, number>();
  const delays: number[] = [];
  const seen = new Array<number>(WATCHERS).fill(0);
  const watchers = Array.from({ length: WATCHERS }, async (_, w) => {
    for await (const ev of client.watch(resources.configMaps, { namespace: ns, resourceVersion: rv, signal: ac.signal })) {
      if (ev.type !== 'ADDED') continue;
      const sent = created.get(ev.object.metadata?.name ?? '');
      if (sent !== undefined) delays.push(performance.now() - sent);
      if (++seen[w]! >= WATCH_EVENTS) return;
    }
  });
  await new Promise((r) => setTimeout(r, 500));
  for (let i = 0; i < WATCH_EVENTS; i++) {
    const name = `w-${i}`;
    created.set(name, performance.now());
    await client.create(resources.configMaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { i: String(i) } }, { namespace: ns });
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.race([Promise.all(watchers), new Promise((r) => setTimeout(r, 60_000))]);
  ac.abort();
  delays.sort((a, b) => a - b);
  return { meanMs: delays.reduce((a, b) => a + b, 0) / Math.max(1, delays.length), p99Ms: percentile(delays, 99) };
}

async function main(): Promise<void> {
  const raw = await rawWriteRates();
  const server = await startServer();
  const client = createClient({ server: server.url, caPem: server.caPem, clientCertPem: server.certPem, clientKeyPem: server.keyPem }, { qps: 0 });
  try {
    const ns = 'bench';
    await client.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const conc = await createConcurrently(client, ns, CONCURRENT_CREATES);
    const createRate = CONCURRENT_CREATES / conc.seconds;
    const rated = await createAtRate(client, ns);
    const total = CONCURRENT_CREATES + rated.latencies.length;
    let listMs = performance.now();
    const listed = await client.list(resources.pods, { namespace: ns });
    listMs = performance.now() - listMs;
    const fan = await watchFanout(client, ns);
    const lines = [
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}. Server in its own process on SQLite (WAL, synchronous=NORMAL); client: our HTTP/2 client, one connection, TLS with a client certificate. Objects: pods of about 1 KiB, validated, defaulted and admitted like kube-apiserver does.`,
      '',
      '| figure | result | physical limit in the same run | ratio / target |',
      '|---|---|---|---|',
      `| creates at concurrency ${CONCURRENCY} | ${Math.round(createRate).toLocaleString('en-US')} pods/s (${conc.errors} errors) | raw SQLite inserts ${Math.round(raw.sqlite).toLocaleString('en-US')}/s; our Store ${Math.round(raw.store).toLocaleString('en-US')}/s | ${((createRate / raw.sqlite) * 100).toFixed(0)}% of raw SQLite (target ≥ 25%) |`,
      `| creates at a fixed ${RATE} qps for ${RATE_SECONDS} s | p50 ${percentile(rated.latencies, 50).toFixed(1)} ms, p99 ${percentile(rated.latencies, 99).toFixed(1)} ms, max ${(rated.latencies.at(-1) ?? NaN).toFixed(1)} ms (${rated.errors} errors) | — | p99 target < 50 ms |`,
      `| list of ${listed.items.length.toLocaleString('en-US')} pods | ${listMs.toFixed(0)} ms | — | — |`,
      `| ${WATCHERS} concurrent watchers, ${WATCH_EVENTS} creates | event delivered to every watcher: mean ${fan.meanMs.toFixed(1)} ms, p99 ${fan.p99Ms.toFixed(1)} ms | — | — |`,
      '',
      `Upstream vcluster's 2023 load test averaged 150 ms per request on etcd and 1.4 s on SQLite at 200 qps. ${total.toLocaleString('en-US')} pods were created in this run.`,
    ];
    console.log(lines.join('\n'));
    if (!quick) writeSection('API server (`npm run bench:apiserver`)', lines.join('\n'));
  } finally {
    await client.close();
    server.child.kill('SIGTERM');
  }
}

await main();
