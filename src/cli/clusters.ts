import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { clientFromKubeconfig, type KubeClient } from '../client/index.js';
import { applySetFlags, ConfigError, hostRbacRules, loadConfigFiles, type ConfigFile, type ParsedConfig } from '../config/index.js';
import { CliError, type CliContext } from './context.js';
import { clusterDir, listClusterStates, readClusterState, removeClusterDir, writeClusterState, type ClusterState } from './home.js';
import { startHost, runningHost } from './host.js';
import {
  deleteClusterObjects,
  deleteSyncedObjects,
  deleteSyncedPods,
  ensureNamespace,
  ensureService,
  ensureWorkloadServiceAccount,
  missingPermissions,
  putSecret,
  readSecret,
} from './host-objects.js';
import { currentContext, mergeContext, readKubeconfig, removeContext, userKubeconfigPath, useContext, vclusterContextName } from './kubeconfig-file.js';
import { runningPid, spawnBackground, stopProcess, type PidFile } from './processes.js';
import { waitForApiServer } from './readiness.js';
import { freeLoopbackPort } from '../lib/net.js';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface CreateRequest {
  readonly name: string;
  readonly namespace?: string;
  readonly files: readonly ConfigFile[];
  readonly sets: readonly string[];
  readonly upgrade: boolean;
  readonly connect: boolean;
  readonly hostKubeconfig?: string;
}

interface HostTarget {
  readonly kubeconfig: string;
  readonly context: string;
  readonly embedded: boolean;
}

const files = (ctx: CliContext, name: string) => {
  const dir = clusterDir(ctx.home, name);
  return {
    dir,
    data: join(dir, 'data'),
    config: join(dir, 'config.yaml'),
    log: join(dir, 'vcluster.log'),
    pid: { path: join(dir, 'vcluster.pid') } satisfies PidFile,
    kubeconfig: join(dir, 'data', 'kubeconfig.yaml'),
  };
};

function checkName(name: string): void {
  if (!NAME.test(name) || name.length > 52) {
    throw new CliError(`invalid name ${JSON.stringify(name)}: must be a lowercase RFC 1123 label of at most 52 characters (a-z, 0-9, '-')`);
  }
}

export function loadConfig(req: Pick<CreateRequest, 'files' | 'sets'>): ParsedConfig {
  try {
    const parsed = loadConfigFiles(req.files.length > 0 ? req.files : [{ name: 'defaults', text: '{}' }]);
    return req.sets.length > 0 ? applySetFlags(parsed.config, req.sets) : parsed;
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(`invalid configuration:\n${e.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    throw e;
  }
}

/** The host to use: an explicit kubeconfig, the current kube context, else the embedded host. */
async function resolveHost(ctx: CliContext, explicit: string | undefined): Promise<HostTarget> {
  if (explicit) {
    const ctxName = currentContext(readKubeconfig(explicit))?.name;
    if (!ctxName) throw new CliError(`${explicit} has no current context`);
    return { kubeconfig: explicit, context: ctxName, embedded: false };
  }
  const path = userKubeconfigPath(ctx.env);
  const current = currentContext(readKubeconfig(path));
  if (current) {
    // A context of one of our virtual clusters: create beside it, on its host, not inside it.
    const owner = listClusterStates(ctx.home).find((s) => vclusterContextName(s.name, s.namespace, s.hostContext) === current.name);
    if (owner) return { kubeconfig: owner.hostKubeconfig, context: owner.hostContext, embedded: owner.embeddedHost };
    return { kubeconfig: path, context: current.name, embedded: false };
  }
  const host = runningHost(ctx) ?? (await startHost(ctx));
  const embeddedCtx = currentContext(readKubeconfig(host.kubeconfig))?.name ?? 'vcluster-ts-host';
  return { kubeconfig: host.kubeconfig, context: embeddedCtx, embedded: true };
}

async function hostClient(target: Pick<HostTarget, 'kubeconfig' | 'context'>): Promise<KubeClient> {
  return clientFromKubeconfig(target.kubeconfig, { context: target.context });
}

/** Starts the control plane process (supervised) and waits until its API answers. */
async function launch(ctx: CliContext, state: ClusterState): Promise<void> {
  const f = files(ctx, state.name);
  mkdirSync(f.data, { recursive: true });
  const args = [
    ...ctx.self.args,
    'supervise',
    '--',
    ...ctx.self.args,
    'start',
    '--name', state.name,
    '--config', f.config,
    '--host-kubeconfig', state.hostKubeconfig,
    '--host-context', state.hostContext,
    '--host-namespace', state.namespace,
    '--data-dir', f.data,
    '--port', String(state.port),
  ];
  if (ctx.debug) args.push('--debug');
  const pid = spawnBackground(ctx.self.command, args, { logPath: f.log, pidFile: f.pid, env: ctx.env });
  await ctx.progress.step(`Starting the control plane of ${state.name}`, () =>
    waitForApiServer(f.kubeconfig, { timeoutMs: 120_000, alive: () => runningPid(f.pid) === pid, logPath: f.log }),
  );
}

function virtualKubeconfig(ctx: CliContext, name: string): string {
  const f = files(ctx, name);
  if (!existsSync(f.kubeconfig)) throw new CliError(`virtual cluster ${name} has not started yet (no ${f.kubeconfig})`);
  return readFileSync(f.kubeconfig, 'utf8');
}

/** `vcluster create NAME`: validate, record on the host, start the control plane, connect. */
export async function createCluster(ctx: CliContext, req: CreateRequest): Promise<void> {
  checkName(req.name);
  const parsed = loadConfig(req);
  for (const w of parsed.warnings) ctx.progress.warn(w);
  const existing = readClusterState(ctx.home, req.name);
  if (existing && !req.upgrade) {
    throw new CliError(`virtual cluster ${req.name} already exists in namespace ${existing.namespace}: use --upgrade to change its configuration`);
  }
  const namespace = req.namespace ?? existing?.namespace ?? `vcluster-${req.name}`;
  if (existing && existing.namespace !== namespace) throw new CliError(`virtual cluster ${req.name} lives in namespace ${existing.namespace}, not ${namespace}`);
  const target: HostTarget = existing && !req.hostKubeconfig ? { kubeconfig: existing.hostKubeconfig, context: existing.hostContext, embedded: existing.embeddedHost } : await resolveHost(ctx, req.hostKubeconfig);
  if (target.embedded && !runningHost(ctx)) await startHost(ctx);
  const host = await hostClient(target);
  try {
    if (!existing && !req.upgrade && (await readSecret(host, namespace, `vc-config-${req.name}`))) {
      throw new CliError(`a virtual cluster ${req.name} already exists in namespace ${namespace} on this host: use --upgrade to change it`);
    }
    const missing = await missingPermissions(host, namespace, hostRbacRules(parsed.config));
    if (missing.length > 0) {
      throw new CliError(`the host user lacks permissions this configuration needs:\n${missing.map((m) => `  ${m}`).join('\n')}`);
    }
    const createdNamespace = await ctx.progress.step(`Preparing namespace ${namespace} on the host`, async () => {
      const created = await ensureNamespace(host, namespace);
      await ensureService(host, namespace, req.name);
      await ensureWorkloadServiceAccount(host, namespace, req.name);
      await putSecret(host, namespace, `vc-config-${req.name}`, { 'config.yaml': stringify(parsed.config.source.values) }, { app: 'vcluster', release: req.name });
      return created;
    });
    const f = files(ctx, req.name);
    mkdirSync(f.dir, { recursive: true, mode: 0o700 });
    writeFileSync(f.config, stringify(parsed.config.source.values), { mode: 0o600 });
    if (existing) await ctx.progress.step(`Stopping the control plane of ${req.name}`, () => stopProcess(f.pid));
    const state: ClusterState = {
      name: req.name,
      namespace,
      hostKubeconfig: target.kubeconfig,
      hostContext: target.context,
      embeddedHost: target.embedded,
      createdNamespace: existing?.createdNamespace ?? createdNamespace,
      port: existing?.port ?? (await freeLoopbackPort()),
      created: existing?.created ?? new Date().toISOString(),
      paused: false,
      ...(existing?.previousContext ? { previousContext: existing.previousContext } : {}),
    };
    writeClusterState(ctx.home, state);
    await launch(ctx, state);
    await storeKubeconfigSecret(ctx, host, state);
  } finally {
    await host.close();
  }
  if (req.connect) connectCluster(ctx, { name: req.name, activate: true });
  ctx.progress.done(
    `virtual cluster ${req.name} is running in namespace ${namespace}${req.connect ? ` (kube context ${vclusterContextName(req.name, namespace, target.context)})` : ''}`,
  );
}

async function storeKubeconfigSecret(ctx: CliContext, host: KubeClient, state: ClusterState): Promise<void> {
  const kubeconfig = virtualKubeconfig(ctx, state.name);
  const pki = join(files(ctx, state.name).data, 'pki');
  const read = (f: string): string => (existsSync(join(pki, f)) ? readFileSync(join(pki, f), 'utf8') : '');
  await putSecret(
    host,
    state.namespace,
    `vc-${state.name}`,
    { config: kubeconfig, 'certificate-authority': read('ca.crt'), 'client-certificate': read('admin.crt'), 'client-key': read('admin.key') },
    { app: 'vcluster', release: state.name },
  );
}

function requireState(ctx: CliContext, name: string): ClusterState {
  const state = readClusterState(ctx.home, name);
  if (!state) throw new CliError(`virtual cluster ${name} not found (see vcluster list)`);
  return state;
}

/** `vcluster connect`: merges the context into a kubeconfig, or returns the kubeconfig to print. */
export function connectCluster(ctx: CliContext, options: { name: string; activate: boolean; kubeConfigPath?: string; print?: boolean }): string | undefined {
  const state = requireState(ctx, options.name);
  const text = virtualKubeconfig(ctx, options.name);
  if (options.print) return text;
  const contextName = vclusterContextName(state.name, state.namespace, state.hostContext);
  const path = options.kubeConfigPath ?? userKubeconfigPath(ctx.env);
  const before = currentContext(readKubeconfig(path))?.name;
  mergeContext(path, text, contextName, options.activate);
  if (options.activate && before && before !== contextName) writeClusterState(ctx.home, { ...state, previousContext: before });
  return undefined;
}

/** `vcluster disconnect`: back to the context that was current before connecting. */
export function disconnect(ctx: CliContext): string {
  const path = userKubeconfigPath(ctx.env);
  const current = currentContext(readKubeconfig(path))?.name;
  const state = listClusterStates(ctx.home).find((s) => vclusterContextName(s.name, s.namespace, s.hostContext) === current);
  if (!state) throw new CliError('the current kube context is not a virtual cluster');
  const back = state.previousContext ?? state.hostContext;
  useContext(path, back);
  return back;
}

export interface ClusterRow {
  name: string;
  namespace: string;
  status: 'Running' | 'Paused' | 'Failed';
  age: string;
  connected: boolean;
  host: string;
  created: string;
}

function age(since: string, now: Date): string {
  const s = Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

export function listClusters(ctx: CliContext, now = new Date()): ClusterRow[] {
  const current = currentContext(readKubeconfig(userKubeconfigPath(ctx.env)))?.name;
  return listClusterStates(ctx.home).map((s) => ({
    name: s.name,
    namespace: s.namespace,
    status: s.paused ? 'Paused' : runningPid(files(ctx, s.name).pid) !== undefined ? 'Running' : 'Failed',
    age: age(s.created, now),
    connected: current === vclusterContextName(s.name, s.namespace, s.hostContext),
    host: s.embeddedHost ? 'embedded' : s.hostContext,
    created: s.created,
  }));
}

export function formatClusterTable(rows: ClusterRow[]): string {
  const header = ['NAME', 'NAMESPACE', 'STATUS', 'AGE', 'CONNECTED', 'HOST'];
  const cells = rows.map((r) => [r.name, r.namespace, r.status, r.age, r.connected ? 'True' : 'False', r.host]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  return [header, ...cells].map((row) => row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('   ').trimEnd()).join('\n');
}

/** `vcluster delete`: stops it, removes everything it put on the host, its data and its context. Idempotent. */
export async function deleteCluster(ctx: CliContext, name: string, options: { deleteNamespace?: boolean } = {}): Promise<void> {
  const state = readClusterState(ctx.home, name);
  if (!state) {
    ctx.progress.info(`virtual cluster ${name} does not exist (nothing to delete)`);
    return;
  }
  const f = files(ctx, name);
  await ctx.progress.step(`Stopping the control plane of ${name}`, () => stopProcess(f.pid));
  if (!state.embeddedHost || runningHost(ctx)) {
    const host = await hostClient({ kubeconfig: state.hostKubeconfig, context: state.hostContext });
    try {
      await ctx.progress.step(`Removing ${name}'s objects from the host`, async () => {
        await deleteSyncedObjects(host, state.namespace, name);
        await deleteClusterObjects(host, state.namespace, name, options.deleteNamespace ?? state.createdNamespace);
      });
    } finally {
      await host.close();
    }
  }
  const path = userKubeconfigPath(ctx.env);
  removeContext(path, vclusterContextName(name, state.namespace, state.hostContext), state.previousContext ?? state.hostContext);
  removeClusterDir(ctx.home, name);
  ctx.progress.done(`deleted virtual cluster ${name}`);
}

/** `vcluster pause`: stops the control plane and removes the synced host pods; objects stay in the virtual cluster. */
export async function pauseCluster(ctx: CliContext, name: string): Promise<void> {
  const state = requireState(ctx, name);
  await ctx.progress.step(`Stopping the control plane of ${name}`, () => stopProcess(files(ctx, name).pid));
  const host = await hostClient({ kubeconfig: state.hostKubeconfig, context: state.hostContext });
  try {
    const n = await ctx.progress.step(`Removing ${name}'s pods from the host`, () => deleteSyncedPods(host, state.namespace, name));
    ctx.progress.info(`removed ${n} host pod(s)`);
  } finally {
    await host.close();
  }
  writeClusterState(ctx.home, { ...state, paused: true });
  ctx.progress.done(`paused virtual cluster ${name}`);
}

/** `vcluster resume`: starts the control plane again; the syncer brings the pods back. */
export async function resumeCluster(ctx: CliContext, name: string): Promise<void> {
  const state = requireState(ctx, name);
  if (state.embeddedHost && !runningHost(ctx)) await startHost(ctx);
  if (runningPid(files(ctx, name).pid) === undefined) await launch(ctx, state);
  writeClusterState(ctx.home, { ...state, paused: false });
  ctx.progress.done(`resumed virtual cluster ${name}`);
}
