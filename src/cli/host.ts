import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, type CliContext } from './context.js';
import { hostDir, readJson } from './home.js';
import { runningPid, spawnBackground, stopProcess, type PidFile } from './processes.js';
import { waitForApiServer } from './readiness.js';

export interface HostInfo {
  readonly kubeconfig: string;
  readonly url: string;
  readonly pid: number;
}

const paths = (ctx: CliContext) => {
  const dir = hostDir(ctx.home);
  return { dir, pid: { path: join(dir, 'host.pid') } satisfies PidFile, log: join(dir, 'host.log'), kubeconfig: join(dir, 'kubeconfig.yaml'), info: join(dir, 'host.json') };
};

/** The embedded host if it runs. */
export function runningHost(ctx: CliContext): HostInfo | undefined {
  const p = paths(ctx);
  const pid = runningPid(p.pid);
  if (pid === undefined) return undefined;
  const info = readJson(p.info) as { url?: string } | undefined;
  return { kubeconfig: p.kubeconfig, url: info?.url ?? '', pid };
}

/** `vcluster host start`: the embedded host in the background; returns once kubectl works against it. */
export async function startHost(ctx: CliContext, options: { nodes?: number; nodesFile?: string; port?: number } = {}): Promise<HostInfo> {
  const running = runningHost(ctx);
  if (running) return running;
  const p = paths(ctx);
  const args = [...ctx.self.args, 'host', 'run', '--data-dir', p.dir];
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.nodes !== undefined) args.push('--nodes', String(options.nodes));
  if (options.nodesFile !== undefined) args.push('--nodes-file', options.nodesFile);
  const pid = spawnBackground(ctx.self.command, args, { logPath: p.log, pidFile: p.pid, env: ctx.env });
  await ctx.progress.step('Starting the embedded host cluster', () =>
    waitForApiServer(p.kubeconfig, { timeoutMs: 120_000, alive: () => runningPid(p.pid) === pid, logPath: p.log }),
  );
  const host = runningHost(ctx);
  if (!host) throw new CliError(`the embedded host stopped; see ${p.log}`);
  return host;
}

export async function stopHost(ctx: CliContext): Promise<boolean> {
  return stopProcess(paths(ctx).pid, 30_000);
}

export function hostStatus(ctx: CliContext): string {
  const host = runningHost(ctx);
  return host ? `running (pid ${host.pid}) at ${host.url}\nkubeconfig: ${host.kubeconfig}` : 'not running';
}

export function hostKubeconfig(ctx: CliContext): string {
  const p = paths(ctx);
  if (!existsSync(p.kubeconfig)) throw new CliError('the embedded host has never run: start it with `vcluster host start`');
  return readFileSync(p.kubeconfig, 'utf8');
}

export function hostPaths(ctx: CliContext): { kubeconfig: string; log: string; dir: string } {
  const p = paths(ctx);
  return { kubeconfig: p.kubeconfig, log: p.log, dir: p.dir };
}
