// npm run bench:sync — the syncer between a virtual cluster's control plane and the embedded host
// (two processes, as `vcluster create` runs them): how fast pods created in the virtual cluster
// reach the host, beside creating them on the host directly in the same run; the latency of one
// pod at a steady rate; memory of both processes. KEEP_BENCH_DIRS=1 keeps the data dirs and logs.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Namespace, Pod } from 'kubernetes-types/core/v1.js';
import { resources, type KubeClient } from '../src/client/index.js';
import { hostName } from '../src/syncer/names.js';
import { writeSection } from './report.js';
import { cpuSecondsOf, describeLogs, machine, memoryOf, mib, onInterrupt, runMain, startHost, startVirtualCluster, today, waitFor, type HostProcess, type Memory, type VirtualClusterProcess } from './support/processes.js';
import { perUnit, requestCounts, type RequestCounts } from './support/request-counts.js';
import { countText, msText, percentile, rateText, runAtRate, runConcurrently, secondsText, tableRow } from './support/stats.js';

const quick = process.argv.includes('--quick');
const NAME = 'bench';
const PODS = quick ? 200 : 2_000;
const CONCURRENCY = 32;
const RATE = 100;
const RATE_SECONDS = quick ? 5 : 20;
const TARGET_RATIO = 1.5;
const TARGET_P99_MS = 100;
/** Direct pods, synced pods, rate pods and CoreDNS all run on the host: one node per 100 pods. */
const NODES = Math.ceil((2 * PODS + RATE * RATE_SECONDS + 1) / 100);
const SETTLE_TIMEOUT_MS = 10 * 60_000;

const pod = (name: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'bench' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } });

const namespace = (name: string): Namespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

const hostPodName = (virtualName: string): string => hostName({ vclusterName: NAME, hostNamespace: `vcluster-${NAME}` }, virtualName, 'default').name;

/** The pods of one host namespace as a watch sees them: when each name first appeared. */
class HostPodWatch {
  readonly seenAt = new Map<string, number>();
  private readonly abort = new AbortController();
  private failure: Error | undefined;

  constructor(client: KubeClient, ns: string) {
    const watching = async (): Promise<void> => {
      const list = await client.list(resources.pods, { namespace: ns, signal: this.abort.signal });
      for (const p of list.items) this.seenAt.set(p.metadata?.name ?? '', performance.now());
      let resourceVersion = list.metadata.resourceVersion;
      // A server ends watches (its timeout, or a reader too slow for the flood): resume where it stopped, as an informer does.
      for (;;) {
        for await (const event of client.watch(resources.pods, { namespace: ns, resourceVersion, allowWatchBookmarks: true, signal: this.abort.signal })) {
          if (event.type === 'ERROR') throw event.error;
          resourceVersion = event.object.metadata?.resourceVersion ?? resourceVersion;
          const name = event.type === 'ADDED' ? event.object.metadata?.name : undefined;
          if (name !== undefined && !this.seenAt.has(name)) this.seenAt.set(name, performance.now());
        }
      }
    };
    watching().catch((e: unknown) => {
      if (!this.abort.signal.aborted) this.failure = e instanceof Error ? e : new Error(String(e));
    });
  }

  /** Resolves with the latest time one of `names` was first seen, once all were seen. */
  async allSeen(names: readonly string[], timeoutMs: number): Promise<number> {
    await waitFor(`${countText(names.length)} pods on the host`, { timeoutMs, intervalMs: 10 }, () => {
      if (this.failure !== undefined) throw this.failure;
      return names.every((n) => this.seenAt.has(n)) ? true : undefined;
    });
    return Math.max(...names.map((n) => this.seenAt.get(n) ?? NaN));
  }

  stop(): void {
    this.abort.abort();
  }
}

/** Waits until `count` pods of the namespace are Running (the host and the syncer have caught up). */
async function settled(client: KubeClient, ns: string, count: number): Promise<void> {
  await waitFor(`${countText(count)} Running pods in namespace ${ns}`, { timeoutMs: SETTLE_TIMEOUT_MS, intervalMs: 1000 }, async () => {
    const list = await client.list(resources.pods, { namespace: ns });
    return list.items.filter((p) => p.status?.phase === 'Running').length >= count ? true : undefined;
  });
}

async function createPods(client: KubeClient, ns: string, prefix: string): Promise<number> {
  const load = await runConcurrently(PODS, CONCURRENCY, (i) => client.create(resources.pods, pod(`${prefix}-${i}`), { namespace: ns }));
  if (load.errors > 0) throw new Error(`${load.errors} of ${PODS} creates in namespace ${ns} failed: ${load.firstError ?? ''}`);
  return load.seconds;
}

/** CPU seconds the host and control plane processes used during one phase, and its wall time. */
interface PhaseCpu {
  readonly seconds: number;
  readonly host: number;
  readonly controlPlane: number;
  /** This benchmark's own process (clients and watches). */
  readonly bench: number;
  /** API requests per pod (watches and lists left out) the host and the virtual API server answered. */
  readonly hostRequests: string;
  readonly virtualRequests: string;
}

interface Results {
  readonly directSeconds: number;
  readonly syncSeconds: number;
  /** Create request sent → the host watch sees the pod. */
  readonly latenciesMs: number[];
  /** Create request sent → the virtual API answered. */
  readonly answeredMs: number[];
  readonly latencyErrors: number;
  readonly cpu: Readonly<Record<'direct' | 'sync' | 'rate', PhaseCpu>>;
}

/** Runs `work` and measures its wall time and the CPU both processes used meanwhile. */
async function withCpu<T>(host: HostProcess, vc: VirtualClusterProcess, pods: number, work: () => Promise<T>): Promise<{ value: T; cpu: PhaseCpu }> {
  const counts = async (): Promise<[RequestCounts, RequestCounts]> => Promise.all([requestCounts(host.client), requestCounts(vc.client)]);
  const [hostBefore, virtualBefore] = await counts();
  const before = { at: performance.now(), host: cpuSecondsOf(host.pid), controlPlane: cpuSecondsOf(vc.pid), bench: cpuSecondsOf(process.pid) };
  const value = await work();
  const [hostAfter, virtualAfter] = await counts();
  const cpu = {
    hostRequests: perUnit(hostBefore, hostAfter, pods),
    virtualRequests: perUnit(virtualBefore, virtualAfter, pods),
    seconds: (performance.now() - before.at) / 1000,
    host: cpuSecondsOf(host.pid) - before.host,
    controlPlane: cpuSecondsOf(vc.pid) - before.controlPlane,
    bench: cpuSecondsOf(process.pid) - before.bench,
  };
  return { value, cpu };
}

async function measure(host: HostProcess, vc: VirtualClusterProcess, hostPods: HostPodWatch): Promise<Results> {
  // (a) the host's own create rate, then the same pods through the virtual cluster.
  await host.client.create(resources.namespaces, namespace('direct'));
  const direct = await withCpu(host, vc, PODS, () => createPods(host.client, 'direct', 'd'));
  console.log(`${countText(PODS)} pods created on the host in ${secondsText(direct.value)}`);
  await settled(host.client, 'direct', PODS);
  const synced = Array.from({ length: PODS }, (_, i) => hostPodName(`s-${i}`));
  const sync = await withCpu(host, vc, PODS, async () => {
    const t0 = performance.now();
    await createPods(vc.client, 'default', 's');
    return ((await hostPods.allSeen(synced, SETTLE_TIMEOUT_MS)) - t0) / 1000;
  });
  console.log(`${countText(PODS)} pods created in the virtual cluster were all on the host after ${secondsText(sync.value)}`);
  await settled(vc.client, 'default', PODS);
  // (b) latency at a steady rate.
  const sentAt = new Map<string, number>();
  const answeredMs: number[] = [];
  const created: string[] = [];
  const rate = await withCpu(host, vc, RATE * RATE_SECONDS, async () => {
    const load = await runAtRate(
      RATE * RATE_SECONDS,
      RATE,
      async (i) => {
        await vc.client.create(resources.pods, pod(`l-${i}`), { namespace: 'default' });
        const name = hostPodName(`l-${i}`);
        answeredMs.push(performance.now() - (sentAt.get(name) ?? NaN));
        created.push(name);
      },
      (i, at) => {
        sentAt.set(hostPodName(`l-${i}`), at);
      },
    );
    await hostPods.allSeen(created, SETTLE_TIMEOUT_MS);
    return load.errors;
  });
  const latenciesMs = created.map((n) => (hostPods.seenAt.get(n) ?? NaN) - (sentAt.get(n) ?? NaN)).sort((a, b) => a - b);
  answeredMs.sort((a, b) => a - b);
  return { directSeconds: direct.value, syncSeconds: sync.value, latenciesMs, answeredMs, latencyErrors: rate.value, cpu: { direct: direct.cpu, sync: sync.cpu, rate: rate.cpu } };
}

const spread = (sortedMs: readonly number[]): string => `p50 ${msText(percentile(sortedMs, 50))}, p99 ${msText(percentile(sortedMs, 99))}, max ${msText(sortedMs.at(-1) ?? NaN)}`;

const cpuText = (c: PhaseCpu): string => `${secondsText(c.seconds)}: host ${c.host.toFixed(1)} s, control plane ${c.controlPlane.toFixed(1)} s, benchmark ${c.bench.toFixed(1)} s`;

function report(r: Results, controlPlane: Memory, hostMemory: Memory): string {
  const ratio = r.syncSeconds / r.directSeconds;
  const p99 = percentile(r.latenciesMs, 99);
  const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');
  return [
    `Machine: ${machine()}. Date: ${today()}. Two processes, as \`vcluster create\` runs them: the embedded host (\`vcluster host run\`, SQLite, ${NODES} simulated nodes with the default timings, so it schedules and starts every pod) and the virtual cluster's control plane (\`vcluster start\`: API server on SQLite, controllers, syncer); the benchmark talks to both over HTTP/2 from a third process. Pods: one nginx container, in the virtual namespace \`default\`; a pod counts as on the host when a watch of host namespace \`vcluster-${NAME}\` sees it ADDED under its translated name (\`s-1-x-default-x-${NAME}\`). Each phase starts once the pods of the previous one are Running.`,
    '',
    '| figure | result | physical limit in the same run | ratio / target |',
    '|---|---|---|---|',
    tableRow([
      `${countText(PODS)} pods created in the virtual cluster at concurrency ${CONCURRENCY} → all on the host`,
      `${secondsText(r.syncSeconds)} (${rateText(PODS / r.syncSeconds)})`,
      `as many pods created on the host directly (namespace \`direct\`) at concurrency ${CONCURRENCY}: ${secondsText(r.directSeconds)} (${rateText(PODS / r.directSeconds)})`,
      `${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}: ${verdict(ratio <= TARGET_RATIO)})`,
    ]),
    tableRow([
      `pods created in the virtual cluster at ${RATE}/s for ${RATE_SECONDS} s: create sent → ADDED on the host`,
      `${spread(r.latenciesMs)} (${countText(r.latenciesMs.length)} pods, ${r.latencyErrors} failed creates; the virtual create itself answered in ${spread(r.answeredMs)})`,
      '—',
      `p99 target < ${TARGET_P99_MS} ms: ${verdict(p99 < TARGET_P99_MS)}`,
    ]),
    tableRow(['control plane process (`vcluster start`) after the run', `RSS ${mib(controlPlane.rssMiB)}, peak ${mib(controlPlane.peakMiB)}`, '—', '—']),
    tableRow(['host process (`vcluster host run`) after the run', `RSS ${mib(hostMemory.rssMiB)}, peak ${mib(hostMemory.peakMiB)}`, '—', '—']),
    '',
    `CPU time used during each phase (wall time, then per process): direct creates ${cpuText(r.cpu.direct)}; virtual creates until all on the host ${cpuText(r.cpu.sync)}; steady rate until all on the host ${cpuText(r.cpu.rate)}.`,
    '',
    `API requests per pod during each phase (watches, lists and leases left out; the host's own simulated scheduler and kubelets included): direct creates, host ${r.cpu.direct.hostRequests}; virtual creates, host ${r.cpu.sync.hostRequests}; virtual ${r.cpu.sync.virtualRequests}.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  onInterrupt(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const logs = { host: join(dir, 'host', 'host.log'), 'control plane': join(dir, 'vcluster', 'control-plane.log') };
  let host: HostProcess | undefined;
  let vc: VirtualClusterProcess | undefined;
  let hostPods: HostPodWatch | undefined;
  try {
    mkdirSync(join(dir, 'host'));
    mkdirSync(join(dir, 'vcluster'));
    host = await startHost({ dataDir: join(dir, 'host'), nodes: NODES });
    vc = await startVirtualCluster({ name: NAME, host, dataDir: join(dir, 'vcluster') });
    hostPods = new HostPodWatch(host.client, vc.hostNamespace);
    const results = await measure(host, vc, hostPods);
    const text = report(results, memoryOf(vc.pid), memoryOf(host.pid));
    console.log(`\n${text}\n`);
    if (!quick) writeSection('Syncer (`npm run bench:sync`)', text);
    if (results.latencyErrors > 0) throw new Error(`${results.latencyErrors} creates failed during the rate phase`);
  } finally {
    hostPods?.stop();
    await vc?.client.close();
    await vc?.stop();
    await host?.client.close();
    await host?.stop();
    console.log(describeLogs(logs).join('\n'));
    if (process.env.KEEP_BENCH_DIRS !== '1') rmSync(dir, { recursive: true, force: true });
  }
}

await runMain(main);
