// The real pieces of vcluster-ts as separate processes (bin/vcluster.js, from dist/), as users
// run them, so memory is measured per process. Every child started here is killed when the
// benchmark exits, whatever the reason.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Node } from 'kubernetes-types/core/v1.js';
import { clientFromKubeconfig, resources, type KubeClient } from '../../src/client/index.js';
import { ensureNamespace, ensureService, ensureWorkloadServiceAccount } from '../../src/cli/host-objects.js';

export const VCLUSTER_BIN = fileURLToPath(new URL('../../bin/vcluster.js', import.meta.url));

const children = new Set<ChildProcess>();
const killChildren = (): void => {
  for (const child of children) child.kill('SIGKILL');
};
process.on('exit', killChildren);

let interrupted = false;

/** Ctrl-C or SIGTERM: kill the children, run `cleanup` (at most 60 s), then exit with 130. */
export function onInterrupt(cleanup: () => Promise<void> | void = () => undefined): void {
  const handler = (signal: NodeJS.Signals): void => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\n${signal}: cleaning up\n`);
    killChildren();
    void Promise.race([Promise.resolve().then(cleanup).catch(() => undefined), sleep(60_000)]).then(() => process.exit(130));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** Runs a benchmark's main; its failure ends the process non-zero, unless an interrupt is already cleaning up. */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (e) {
    if (!interrupted) throw e;
  }
}

export interface Memory {
  readonly rssMiB: number;
  /** VmHWM: the largest RSS the process ever had. */
  readonly peakMiB: number;
}

/** VmRSS and VmHWM of a process, from /proc/<pid>/status. */
export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** CPU time (user + system) a process has used so far, in seconds (Linux clock ticks of 10 ms). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The direct children of a process (from /proc/<pid>/task/<tid>/children). */
export function childPids(pid: number): number[] {
  const tasks = `/proc/${pid}/task`;
  if (!existsSync(tasks)) return [];
  return readdirSync(tasks).flatMap((tid) =>
    readFileSync(join(tasks, tid, 'children'), 'utf8')
      .split(' ')
      .filter((s) => s.trim() !== '')
      .map(Number),
  );
}

/** The command line of a process, arguments joined with spaces. */
export function commandLine(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export const today = (): string => new Date().toISOString().slice(0, 10);

export const mib = (m: number): string => `${m.toFixed(0)} MiB`;

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Errors of `check` mean "not yet" (the last one is quoted on timeout); otherwise they end the wait. */
  readonly retryErrors?: boolean;
}

/** Polls `check` until it returns a value (not undefined) or the timeout passes. */
export async function waitFor<T>(what: string, o: WaitOptions, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + o.timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (e) {
      if (o.retryErrors !== true) throw e;
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${o.timeoutMs / 1000} s waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
    await sleep(o.intervalMs ?? 100);
  }
}

/** A `node bin/vcluster.js …` process in the foreground of this benchmark, its output in a log file. */
export interface VclusterProcess {
  readonly pid: number;
  readonly logPath: string;
  /** True once the process has exited. */
  exited(): boolean;
  /** SIGTERM, SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnVcluster(args: readonly string[], logPath: string): VclusterProcess {
  const log = openSync(logPath, 'a');
  // BENCH_NODE_FLAGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the host and control plane.
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');
  const child = spawn(process.execPath, [...flags, VCLUSTER_BIN, ...args], { stdio: ['ignore', log, log] });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start vcluster ${args.join(' ')}`);
  const pid = child.pid;
  children.add(child);
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      children.delete(child);
      resolve();
    });
  });
  return {
    pid,
    logPath,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    stop: async (graceMs = 30_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

/**
 * Runs a command to its end, its output collected; fails (with the end of its stderr) when it
 * exits non-zero. Resolves with its wall time.
 */
export async function runCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<{ seconds: number; stdout: string }> {
  const t0 = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => children.delete(child));
  if (code !== 0) throw new Error(`${[command, ...args].join(' ')} exited with ${code ?? 'a signal'}:\n${stderr.trimEnd().split('\n').slice(-10).join('\n')}`);
  return { seconds: (performance.now() - t0) / 1000, stdout };
}

/** Warnings and errors (pino levels 40 and up) in a process's log, and up to `samples` distinct messages. */
export function logProblems(logPath: string, samples = 5): { warnings: number; errors: number; messages: string[] } {
  if (!existsSync(logPath)) return { warnings: 0, errors: 0, messages: [] };
  let warnings = 0;
  let errors = 0;
  const messages = new Map<string, number>();
  for (const line of readFileSync(logPath, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let level = 50;
    let text = line;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: unknown };
      level = entry.level ?? 30;
      text = `${entry.msg ?? ''}${entry.err === undefined ? '' : `: ${JSON.stringify(entry.err).slice(0, 200)}`}`;
    } catch {
      // not a log line of ours (a crash trace): counts as an error
    }
    if (level < 40) continue;
    if (level >= 50) errors++;
    else warnings++;
    messages.set(text, (messages.get(text) ?? 0) + 1);
  }
  return { warnings, errors, messages: [...messages].slice(0, samples).map(([text, n]) => `${n} × ${text}`) };
}

/** One line per process: how many warnings and errors its log holds, with samples. */
export function describeLogs(processes: Readonly<Record<string, string>>): string[] {
  return Object.entries(processes).flatMap(([name, logPath]) => {
    const p = logProblems(logPath);
    if (p.warnings + p.errors === 0) return [`${name} log: no warnings or errors`];
    return [`${name} log: ${p.warnings} warning(s), ${p.errors} error(s)`, ...p.messages.map((m) => `    ${m}`)];
  });
}

/**
 * Waits for the kubeconfig `proc` writes once it serves, then until `ready(client)` holds; stops
 * the process when that fails. Resolves with a client of its API (no client-side rate limit).
 */
async function whenServing(proc: VclusterProcess, kubeconfigPath: string, what: string, ready: (client: KubeClient) => Promise<boolean>): Promise<KubeClient> {
  let client: KubeClient | undefined;
  const exitedEarly = (): void => {
    if (proc.exited()) throw new Error(`${what} exited; see ${proc.logPath}`);
  };
  try {
    await waitFor(`the kubeconfig of ${what}`, { timeoutMs: 120_000 }, () => {
      exitedEarly();
      return existsSync(kubeconfigPath) ? true : undefined;
    });
    const serving = (client = await clientFromKubeconfig(kubeconfigPath, { qps: 0 }));
    await waitFor(`${what} to be ready`, { timeoutMs: 120_000 }, async () => {
      exitedEarly();
      return (await ready(serving).catch(() => false)) ? true : undefined;
    });
    return serving;
  } catch (e) {
    await client?.close();
    await proc.stop();
    throw e;
  }
}

export interface HostProcess extends VclusterProcess {
  readonly kubeconfigPath: string;
  readonly nodes: number;
  readonly client: KubeClient;
}

/** `vcluster host run` on a fresh data dir; resolves once `nodes` nodes are Ready. */
export async function startHost(o: { dataDir: string; nodes: number }): Promise<HostProcess> {
  const proc = spawnVcluster(['host', 'run', '--data-dir', o.dataDir, '--port', '0', '--nodes', String(o.nodes)], join(o.dataDir, 'host.log'));
  const kubeconfigPath = join(o.dataDir, 'kubeconfig.yaml');
  const client = await whenServing(proc, kubeconfigPath, 'the host', async (c) => (await c.list(resources.nodes)).items.filter(isReady).length >= o.nodes);
  return { ...proc, kubeconfigPath, nodes: o.nodes, client };
}

const isReady = (node: Node): boolean => node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

export interface VirtualClusterProcess extends VclusterProcess {
  readonly name: string;
  readonly hostNamespace: string;
  readonly kubeconfigPath: string;
  readonly client: KubeClient;
}

/**
 * `vcluster start` against the host, after recording on the host what `vcluster create` records
 * (namespace `vcluster-<name>`, the vcluster's Service and workload service account); resolves
 * once the virtual API serves and namespace `default` has its service account.
 */
export async function startVirtualCluster(o: { name: string; host: HostProcess; dataDir: string }): Promise<VirtualClusterProcess> {
  const hostNamespace = `vcluster-${o.name}`;
  await ensureNamespace(o.host.client, hostNamespace);
  await ensureService(o.host.client, hostNamespace, o.name);
  await ensureWorkloadServiceAccount(o.host.client, hostNamespace, o.name);
  const args = ['start', '--name', o.name, '--host-kubeconfig', o.host.kubeconfigPath, '--host-namespace', hostNamespace, '--data-dir', o.dataDir, '--port', '0'];
  const proc = spawnVcluster(args, join(o.dataDir, 'control-plane.log'));
  const kubeconfigPath = join(o.dataDir, 'kubeconfig.yaml');
  const client = await whenServing(proc, kubeconfigPath, `virtual cluster ${o.name}`, async (c) => (await c.get(resources.serviceAccounts, 'default', { namespace: 'default' })) !== undefined);
  return { ...proc, name: o.name, hostNamespace, kubeconfigPath, client };
}
