// `vcluster up` (what `npm start` runs): the embedded host and one virtual cluster, in the foreground.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { clientFromKubeconfig } from '../client/index.js';
import type { CliContext } from '../cli/context.js';
import { clusterDir, hostDir, readClusterState, writeClusterState } from '../cli/home.js';
import { runningHost } from '../cli/host.js';
import { ensureNamespace, ensureService, ensureWorkloadServiceAccount, putSecret } from '../cli/host-objects.js';
import { loadConfig } from '../cli/clusters.js';
import { startControlPlane, type RunningControlPlane } from './control-plane.js';
import { startHostCluster, type RunningHost } from './host-cluster.js';
import { createLogger } from './logging.js';

export interface UpOptions {
  readonly ctx: CliContext;
  readonly name: string;
  readonly stopped: Promise<void>;
}

export async function runUp(o: UpOptions): Promise<void> {
  const { ctx, name } = o;
  const logger = createLogger(ctx.debug ? 'debug' : 'warn');
  const namespace = `vcluster-${name}`;
  // Reuse a host started with `vcluster host start`; otherwise run one in this process.
  const background = runningHost(ctx);
  let host: RunningHost | undefined;
  const hostKubeconfig = background
    ? background.kubeconfig
    : (host = await ctx.progress.step('Starting the embedded host cluster', () => startHostCluster({ dataDir: hostDir(ctx.home), storage: 'sqlite', pidFile: true }, logger))).kubeconfigPath;
  let plane: RunningControlPlane | undefined;
  try {
    const parsed = loadConfig({ files: [], sets: [] });
    const hostClient = await clientFromKubeconfig(hostKubeconfig);
    let createdNamespace: boolean;
    try {
      createdNamespace = await ensureNamespace(hostClient, namespace);
      await ensureService(hostClient, namespace, name);
      await ensureWorkloadServiceAccount(hostClient, namespace, name);
      await putSecret(hostClient, namespace, `vc-config-${name}`, { 'config.yaml': stringify(parsed.config.source.values) }, { app: 'vcluster', release: name });
    } finally {
      await hostClient.close();
    }
    const dir = clusterDir(ctx.home, name);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const configPath = join(dir, 'config.yaml');
    writeFileSync(configPath, stringify(parsed.config.source.values), { mode: 0o600 });
    const previous = readClusterState(ctx.home, name);
    plane = await ctx.progress.step(`Starting virtual cluster ${name}`, () =>
      startControlPlane(
        {
          name,
          config: configPath,
          hostKubeconfig,
          hostNamespace: namespace,
          dataDir: join(dir, 'data'),
          ...(previous?.port ? { port: previous.port } : {}),
          storage: 'sqlite',
          debug: ctx.debug,
        },
        logger,
      ),
    );
    // Recorded like `vcluster create` does, so `vcluster list/connect` see the demo cluster.
    writeClusterState(ctx.home, {
      name,
      namespace,
      hostKubeconfig,
      hostContext: 'vcluster-ts-host',
      embeddedHost: true,
      createdNamespace: previous?.createdNamespace ?? createdNamespace,
      port: Number(new URL(plane.url).port),
      created: previous?.created ?? new Date().toISOString(),
      paused: false,
    });
    writeFileSync(join(dir, 'vcluster.pid'), `${process.pid}\n`);
    ctx.print(
      [
        '',
        `host cluster kubeconfig:     ${hostKubeconfig}`,
        `virtual cluster kubeconfig:  ${plane.kubeconfigPath}`,
        '',
        'Try this (in another terminal):',
        `  export KUBECONFIG=${plane.kubeconfigPath}`,
        '  kubectl create deployment web --image=nginx --replicas=2 && kubectl get pods -o wide',
        `  KUBECONFIG=${hostKubeconfig} kubectl get pods -n ${namespace}    # the same pods on the host`,
        '',
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
    await o.stopped;
  } finally {
    ctx.progress.info('stopping…');
    await plane?.stop();
    await host?.stop();
    // Stopped, not failed: `vcluster resume <name>` brings it back in the background.
    const state = readClusterState(ctx.home, name);
    if (plane && state) writeClusterState(ctx.home, { ...state, paused: true });
    rmSync(join(clusterDir(ctx.home, name), 'vcluster.pid'), { force: true });
  }
  ctx.progress.done('stopped');
}
