// npm run bench:hostsim — pods of Deployments reaching Running on the embedded host (its own
// process: API server on SQLite, controllers, simulated nodes, scheduler and kubelets), beside the
// physical limit measured in the same run: creating as many bare pods through the API.
// KEEP_BENCH_DIRS=1 keeps the hosts' data dirs and logs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Namespace, Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { resources, type KubeClient } from '../src/client/index.js';
import { writeSection } from './report.js';
import { describeLogs, machine, mib, onInterrupt, runMain, startHost, today, type HostProcess, type Memory, memoryOf } from './support/processes.js';
import { countText, rateText, runConcurrently, secondsText, tableRow } from './support/stats.js';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [100, 300] : [1_000, 5_000];
const REPLICAS = 100;
const CONCURRENCY = 32;
/** One node per 100 pods (at least 3): a node takes at most 110 (kubelet's default), so a tenth stays free. */
const nodesFor = (pods: number): number => Math.max(3, Math.ceil(pods / 100));
const RUNNING_TIMEOUT_MS = 15 * 60_000;

const podSpec: PodSpec = { containers: [{ name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] };

function deployment(name: string, replicas: number): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec } },
  };
}

/** A scheduler name nobody serves: such pods stay Pending and cost only the API server. */
const NO_SCHEDULER = 'bench-no-scheduler';

const barePod = (name: string, schedulerName: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'bare' } }, spec: { ...podSpec, schedulerName } });

const namespace = (name: string): Namespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

/**
 * Resolves with performance.now() when `target` pods of the namespace are Running, as a watch
 * started from a list tells; fails after `timeoutMs`.
 */
async function whenRunning(client: KubeClient, ns: string, target: number, timeoutMs: number): Promise<number> {
  const running = new Set<string>();
  const track = (pod: Pod, deleted: boolean): void => {
    const name = pod.metadata?.name ?? '';
    if (!deleted && pod.status?.phase === 'Running') running.add(name);
    else running.delete(name);
  };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const list = await client.list(resources.pods, { namespace: ns, signal });
    for (const pod of list.items) track(pod, false);
    if (running.size >= target) return performance.now();
    let resourceVersion = list.metadata.resourceVersion;
    // A server ends watches (its timeout, or a reader too slow for the flood): resume where it stopped, as an informer does.
    for (;;) {
      for await (const event of client.watch(resources.pods, { namespace: ns, resourceVersion, allowWatchBookmarks: true, signal })) {
        if (event.type === 'ERROR') throw event.error;
        resourceVersion = event.object.metadata?.resourceVersion ?? resourceVersion;
        if (event.type === 'BOOKMARK') continue;
        track(event.object, event.type === 'DELETED');
        if (running.size >= target) return performance.now();
      }
    }
  } catch (e) {
    throw new Error(`${running.size} of ${target} pods Running in namespace ${ns}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

interface SizeResult {
  readonly pods: number;
  readonly deployments: number;
  readonly nodes: number;
  /** Deployments created → their last pod Running. */
  readonly deploymentSeconds: number;
  /** Bare pods created at concurrency 32 → the last one Running. */
  readonly bareRunningSeconds: number;
  /** Bare pods no scheduler serves, created at concurrency 32: the API's own rate. */
  readonly apiOnlySeconds: number;
  readonly host: Memory;
}

/** Data dirs of hosts not stopped yet, removed if the benchmark is interrupted. */
const dataDirs = new Set<string>();

async function withFreshHost<T>(nodes: number, logs: string[], label: string, work: (host: HostProcess) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-hostsim-'));
  dataDirs.add(dataDir);
  let host: HostProcess | undefined;
  try {
    host = await startHost({ dataDir, nodes });
    return await work(host);
  } finally {
    await host?.client.close();
    await host?.stop();
    logs.push(...describeLogs({ [label]: join(dataDir, 'host.log') }));
    if (process.env.KEEP_BENCH_DIRS !== '1') rmSync(dataDir, { recursive: true, force: true });
    dataDirs.delete(dataDir);
  }
}

async function createBarePods(client: KubeClient, ns: string, pods: number, schedulerName: string): Promise<number> {
  const load = await runConcurrently(pods, CONCURRENCY, (i) => client.create(resources.pods, barePod(`p-${i}`, schedulerName), { namespace: ns }));
  if (load.errors > 0) throw new Error(`${load.errors} of ${pods} bare pod creates failed: ${load.firstError ?? ''}`);
  return load.seconds;
}

async function measureSize(pods: number, logs: string[]): Promise<SizeResult> {
  const deployments = pods / REPLICAS;
  const nodes = nodesFor(pods);
  const { deploymentSeconds, host } = await withFreshHost(nodes, logs, `host (${pods} pods of Deployments)`, async (h) => {
    await h.client.create(resources.namespaces, namespace('bench'));
    const t0 = performance.now();
    const createAll = Promise.all(Array.from({ length: deployments }, (_, i) => h.client.create(resources.deployments, deployment(`d-${i}`, REPLICAS), { namespace: 'bench' })));
    const [allRunningAt] = await Promise.all([whenRunning(h.client, 'bench', pods, RUNNING_TIMEOUT_MS), createAll]);
    return { deploymentSeconds: (allRunningAt - t0) / 1000, host: memoryOf(h.pid) };
  });
  const bare = await withFreshHost(nodes, logs, `host (${pods} bare pods)`, async (h) => {
    await h.client.create(resources.namespaces, namespace('api-only'));
    const apiOnlySeconds = await createBarePods(h.client, 'api-only', pods, NO_SCHEDULER);
    await h.client.create(resources.namespaces, namespace('bare'));
    const t0 = performance.now();
    const [allRunningAt] = await Promise.all([whenRunning(h.client, 'bare', pods, RUNNING_TIMEOUT_MS), createBarePods(h.client, 'bare', pods, 'default-scheduler')]);
    return { apiOnlySeconds, bareRunningSeconds: (allRunningAt - t0) / 1000 };
  });
  console.log(`${countText(pods)} pods: Deployments all Running after ${secondsText(deploymentSeconds)}; bare pods all Running after ${secondsText(bare.bareRunningSeconds)}; bare pods created (API only) in ${secondsText(bare.apiOnlySeconds)}`);
  return { pods, deployments, nodes, deploymentSeconds, ...bare, host };
}

function report(results: readonly SizeResult[]): string {
  return [
    `Machine: ${machine()}. Date: ${today()}. The host runs as \`vcluster host run\` in its own process (SQLite storage), on a fresh data dir for each row and figure; the benchmark talks to it over HTTP/2 from another process. The simulated kubelets keep their defaults (what users get): no start delay, containers run as soon as a kubelet takes the pod. Nodes: the default shape (110 pods each), one per 100 pods (at least 3).`,
    '',
    `Deployments of ${REPLICAS} replicas are created at once; the clock stops when a watch sees the last pod Running. Physical limit: the same number of bare pods created through the API at concurrency ${CONCURRENCY} on a second fresh host, with a \`schedulerName\` no scheduler serves, so that only the API server works; the clock stops when the last create is answered. Then, on that host, as many bare pods that it schedules and starts: the time until the last is Running.`,
    '',
    '| pods | Deployments | nodes | Deployments → all Running | pods/s | bare pods → all Running | bare pods created, API only (physical limit) | pods/s | ratio limit / Deployments | host RSS at the end | host peak RSS |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map((r) =>
      tableRow([
        countText(r.pods),
        r.deployments,
        r.nodes,
        secondsText(r.deploymentSeconds),
        rateText(r.pods / r.deploymentSeconds),
        secondsText(r.bareRunningSeconds),
        secondsText(r.apiOnlySeconds),
        rateText(r.pods / r.apiOnlySeconds),
        (r.apiOnlySeconds / r.deploymentSeconds).toFixed(2),
        mib(r.host.rssMiB),
        mib(r.host.peakMiB),
      ]),
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  onInterrupt(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });
  const results: SizeResult[] = [];
  const logs: string[] = [];
  for (const pods of SIZES) results.push(await measureSize(pods, logs));
  const text = report(results);
  console.log(`\n${text}\n\n${logs.join('\n')}`);
  if (!quick) writeSection('Embedded host (`npm run bench:hostsim`)', text);
}

await runMain(main);
