// npm run bench:cli — the command line as users run it, in a throw-away VCLUSTER_HOME and
// KUBECONFIG: `vcluster host start`, `vcluster create` until kubectl answers in the virtual cluster,
// `vcluster delete`, and the idle memory of the processes they leave running.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeSection } from './report.js';
import { childPids, commandLine, describeLogs, machine, memoryOf, mib, onInterrupt, runMain, runCommand, today, VCLUSTER_BIN, waitFor, type Memory } from './support/processes.js';
import { median, secondsText, tableRow } from './support/stats.js';

const quick = process.argv.includes('--quick');
const NAME = 'bench';
const REPEATS = quick ? 1 : 3;
const IDLE_SECONDS = quick ? 3 : 20;
const TARGET_CREATE_SECONDS = 3;
const TARGET_IDLE_MIB = 120;

const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
const home = join(dir, 'home');
const env: NodeJS.ProcessEnv = { ...process.env, VCLUSTER_HOME: home, KUBECONFIG: join(dir, 'kubeconfig') };
const paths = {
  hostPid: join(home, 'host', 'host.pid'),
  hostLog: join(home, 'host', 'host.log'),
  supervisorPid: join(home, 'clusters', NAME, 'vcluster.pid'),
  controlPlaneLog: join(home, 'clusters', NAME, 'vcluster.log'),
  virtualKubeconfig: join(home, 'clusters', NAME, 'data', 'kubeconfig.yaml'),
};

const vcluster = (...args: string[]): Promise<{ seconds: number }> => runCommand(process.execPath, [VCLUSTER_BIN, ...args], env);

const readPid = (path: string): number | undefined => (existsSync(path) ? Number(readFileSync(path, 'utf8').trim()) : undefined);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The `vcluster start` process recorded in vcluster.pid, or found under the supervisor recorded there. */
function controlPlanePids(): { supervisor?: number; start: number } {
  const recorded = readPid(paths.supervisorPid);
  if (recorded === undefined) throw new Error(`no ${paths.supervisorPid}`);
  const isStart = (pid: number): boolean => / start --name /.test(commandLine(pid)) && !/ supervise /.test(commandLine(pid));
  if (isStart(recorded)) return { start: recorded };
  const supervisor = recorded;
  const start = childPids(supervisor).find(isStart);
  if (start === undefined) throw new Error(`no \`vcluster start\` process under the supervisor ${supervisor}`);
  return { supervisor, start };
}

interface CreateRun {
  /** `vcluster create` exits. */
  readonly createSeconds: number;
  /** `vcluster create` starts → `kubectl get ns` in the virtual cluster succeeds. */
  readonly kubectlSeconds: number;
}

async function createUntilKubectl(): Promise<CreateRun> {
  const t0 = performance.now();
  await vcluster('create', NAME, '--connect=false');
  const createSeconds = (performance.now() - t0) / 1000;
  await waitFor('kubectl get ns in the virtual cluster', { timeoutMs: 60_000, intervalMs: 0, retryErrors: true }, () => runCommand('kubectl', ['--kubeconfig', paths.virtualKubeconfig, 'get', 'ns'], env));
  return { createSeconds, kubectlSeconds: (performance.now() - t0) / 1000 };
}

interface Results {
  hostStartSeconds: number;
  creates: CreateRun[];
  deleteSeconds: number[];
  hostStopSeconds: number;
  idle: { controlPlane: Memory; supervisor?: Memory; host: Memory };
}

async function measure(logs: string[]): Promise<Results> {
  const hostStartSeconds = (await vcluster('host', 'start')).seconds;
  console.log(`vcluster host start: ${secondsText(hostStartSeconds)}`);
  const creates: CreateRun[] = [];
  const deleteSeconds: number[] = [];
  let idle: Results['idle'] | undefined;
  for (let i = 1; i <= REPEATS; i++) {
    const run = await createUntilKubectl();
    creates.push(run);
    console.log(`run ${i}: vcluster create ${secondsText(run.createSeconds)}, kubectl get ns answered at ${secondsText(run.kubectlSeconds)}`);
    if (i === REPEATS) {
      await sleep(IDLE_SECONDS * 1000);
      const pids = controlPlanePids();
      const hostPid = readPid(paths.hostPid);
      if (hostPid === undefined) throw new Error(`no ${paths.hostPid}`);
      idle = { controlPlane: memoryOf(pids.start), ...(pids.supervisor === undefined ? {} : { supervisor: memoryOf(pids.supervisor) }), host: memoryOf(hostPid) };
    }
    logs.push(...describeLogs({ [`control plane (run ${i})`]: paths.controlPlaneLog }));
    deleteSeconds.push((await vcluster('delete', NAME)).seconds);
    // The host namespace finishes terminating after delete returns; the next create would wait for it.
    await waitFor(`host namespace vcluster-${NAME} gone`, { timeoutMs: 120_000, intervalMs: 100 }, async () => {
      const hostKubeconfig = join(home, 'host', 'kubeconfig.yaml');
      const r = await runCommand('kubectl', ['--kubeconfig', hostKubeconfig, 'get', 'namespace', `vcluster-${NAME}`, '--ignore-not-found', '-o', 'name'], env);
      return r.stdout.trim() === '' ? true : undefined;
    });
  }
  const hostStopSeconds = (await vcluster('host', 'stop')).seconds;
  logs.push(...describeLogs({ host: paths.hostLog }));
  if (!idle) throw new Error('no idle measurement');
  return { hostStartSeconds, creates, deleteSeconds, hostStopSeconds, idle };
}

function report(r: Results): string {
  const kubectl = r.creates.map((c) => c.kubectlSeconds);
  const create = r.creates.map((c) => c.createSeconds);
  const minMedian = (values: number[]): string => `min ${secondsText(Math.min(...values))}, median ${secondsText(median(values))}`;
  const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');
  return [
    `Machine: ${machine()}. Date: ${today()}. \`node bin/vcluster.js …\` as users run it, with VCLUSTER_HOME and KUBECONFIG in a fresh temporary folder; the embedded host has its default 3 simulated nodes. Each create is followed by \`vcluster delete\` and a wait until the host namespace is gone, so every create starts on a clean host; ${r.creates.length} run(s).`,
    '',
    '| figure | result | target |',
    '|---|---|---|',
    tableRow(['`vcluster host start` (fresh home) → returns, host answering', secondsText(r.hostStartSeconds), '—']),
    tableRow(['`vcluster create bench --connect=false` → `kubectl get ns` succeeds in the virtual cluster', `${minMedian(kubectl)} (the create command alone: ${minMedian(create)})`, `median < ${TARGET_CREATE_SECONDS} s: ${verdict(median(kubectl) < TARGET_CREATE_SECONDS)}`]),
    tableRow(['`vcluster delete bench`', minMedian(r.deleteSeconds), '—']),
    tableRow([`control plane process (\`vcluster start\`), RSS after ${IDLE_SECONDS} s idle`, `${mib(r.idle.controlPlane.rssMiB)} (peak ${mib(r.idle.controlPlane.peakMiB)})`, `< ${TARGET_IDLE_MIB} MiB: ${verdict(r.idle.controlPlane.rssMiB < TARGET_IDLE_MIB)}`]),
    tableRow(['its supervisor (`vcluster supervise`), RSS at the same moment', r.idle.supervisor ? mib(r.idle.supervisor.rssMiB) : 'none', '—']),
    tableRow(['host process (`vcluster host run`), RSS at the same moment (one idle virtual cluster, its CoreDNS pod)', `${mib(r.idle.host.rssMiB)} (peak ${mib(r.idle.host.peakMiB)})`, '—']),
    tableRow(['`vcluster host stop`', secondsText(r.hostStopSeconds), '—']),
  ].join('\n');
}

let cleaning: Promise<void> | undefined;
/** Once (an interrupt and the end of main may both ask): see stopEverything. */
const cleanup = (): Promise<void> => (cleaning ??= stopEverything());

/** Stops what the commands left running (delete, host stop; then kills what is still recorded) and removes the folder. */
async function stopEverything(): Promise<void> {
  const complain = (e: unknown): void => {
    console.error(`cleanup: ${String(e)}`);
  };
  if (existsSync(join(home, 'clusters', NAME))) await vcluster('delete', NAME).catch(complain);
  if (existsSync(paths.hostPid)) await vcluster('host', 'stop').catch(complain);
  for (const pidFile of [paths.supervisorPid, paths.hostPid]) {
    const pid = readPid(pidFile);
    if (pid === undefined || !alive(pid)) continue;
    for (const pidToKill of [...childPids(pid), pid]) {
      try {
        process.kill(pidToKill, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  onInterrupt(cleanup);
  const logs: string[] = [];
  try {
    await runCommand('kubectl', ['version', '--client']).catch(() => {
      throw new Error('kubectl must be on the PATH');
    });
    const text = report(await measure(logs));
    console.log(`\n${text}\n`);
    if (!quick) writeSection('Command line (`npm run bench:cli`)', text);
  } finally {
    if (logs.length > 0) console.log(logs.join('\n'));
    await cleanup();
  }
}

await runMain(main);
