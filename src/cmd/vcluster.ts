#!/usr/bin/env node
// The `vcluster` command: the only place that reads argv and the environment, installs signal
// handlers and exits.
import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  connectCluster,
  createCluster,
  deleteCluster,
  disconnect,
  formatClusterTable,
  listClusters,
  pauseCluster,
  resumeCluster,
} from '../cli/clusters.js';
import { CliError, type CliContext } from '../cli/context.js';
import { homeAt } from '../cli/home.js';
import { hostKubeconfig, hostStatus, startHost, stopHost } from '../cli/host.js';
import { progressFor } from '../cli/progress.js';
import { rbacManifests } from '../cli/rbac.js';
import { supervise } from '../cli/supervise.js';

const BIN = resolve(fileURLToPath(import.meta.url), '../../../bin/vcluster.js');

function context(debug: boolean): CliContext {
  return {
    home: homeAt(process.env.VCLUSTER_HOME ?? join(homedir(), '.vcluster-ts')),
    env: process.env,
    progress: progressFor(process.stderr, { debug }),
    print: (text) => {
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    self: { command: process.execPath, args: [BIN] },
    debug,
  };
}

/**
 * Resolves once SIGINT or SIGTERM arrives. Repeats within two seconds are ignored: a Ctrl-C reaches
 * us from the terminal and again from a wrapper such as npm that forwards it. A later one means
 * the user is done waiting, and the process exits at once.
 */
function shutdownSignal(): Promise<void> {
  return new Promise((resolve) => {
    let firstAt = 0;
    const onSignal = (): void => {
      if (firstAt === 0) {
        firstAt = Date.now();
        resolve();
      } else if (Date.now() - firstAt > 2_000) {
        process.stderr.write('interrupted again: exiting without cleaning up\n');
        process.exit(130);
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const bool = (value: string | undefined): boolean => value === undefined || !['false', '0', 'no'].includes(value.toLowerCase());

export function program(): Command {
  const cmd = new Command('vcluster')
    .description('Virtual Kubernetes clusters: a real Kubernetes API per tenant, workloads synced into one namespace of a host cluster.')
    .option('--debug', 'verbose logs', false)
    .showHelpAfterError()
    .addHelpText(
      'after',
      `
Examples:
  vcluster up                                      embedded host + a "demo" virtual cluster, in the foreground
  vcluster create my-vcluster --upgrade -f values.yaml
  vcluster list
  vcluster connect my-vcluster --print > my-vcluster.kubeconfig
  vcluster delete my-vcluster`,
    );
  const debug = (): boolean => cmd.opts<{ debug: boolean }>().debug;

  cmd
    .command('create')
    .description('create (or with --upgrade reconfigure) a virtual cluster')
    .argument('<name>', 'name of the virtual cluster')
    .option('-n, --namespace <namespace>', 'host namespace (default vcluster-<name>)')
    .option('-f, --values <file>', 'config file (values.yaml or vcluster.yaml format); repeatable, later files win', collect, [])
    .option('--set <key=value>', 'override one config value (helm syntax); repeatable', collect, [])
    .option('--upgrade', 'change an existing virtual cluster instead of failing', false)
    .addOption(new Option('--connect [bool]', 'switch the kube context to the new virtual cluster').default('true'))
    .option('--no-connect', 'do not switch the kube context')
    .option('--host-kubeconfig <path>', 'kubeconfig of the host cluster (default: the current kube context, else the embedded host)')
    .addHelpText('after', '\nExamples:\n  vcluster create my-vcluster\n  vcluster create my-vcluster --upgrade -f values.yaml\n  vcluster create team-a -n tenants --connect=false --set sync.toHost.ingresses.enabled=true')
    .action(async (name: string, o: { namespace?: string; values: string[]; set: string[]; upgrade: boolean; connect: string | boolean; hostKubeconfig?: string }) => {
      const files = o.values.map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
      await createCluster(context(debug()), {
        name,
        ...(o.namespace ? { namespace: o.namespace } : {}),
        files,
        sets: o.set,
        upgrade: o.upgrade,
        connect: typeof o.connect === 'boolean' ? o.connect : bool(o.connect),
        ...(o.hostKubeconfig ? { hostKubeconfig: o.hostKubeconfig } : {}),
      });
    });

  cmd
    .command('connect')
    .description('write or print a kubeconfig for a virtual cluster')
    .argument('<name>')
    .option('-n, --namespace <namespace>', 'host namespace (for compatibility; names are unique here)')
    .option('--print', 'print the kubeconfig instead of merging it', false)
    .option('--kube-config <path>', 'merge into this kubeconfig file instead of the current one')
    .addHelpText('after', '\nExamples:\n  vcluster connect my-vcluster\n  vcluster connect my-vcluster --print > vc.kubeconfig')
    .action((name: string, o: { print: boolean; kubeConfig?: string }) => {
      const ctx = context(debug());
      const printed = connectCluster(ctx, { name, activate: o.kubeConfig === undefined || !o.print, print: o.print, ...(o.kubeConfig ? { kubeConfigPath: o.kubeConfig } : {}) });
      if (printed) ctx.print(printed);
      else ctx.progress.done(`switched to the context of virtual cluster ${name}`);
    });

  cmd
    .command('disconnect')
    .description('switch back to the kube context used before connecting')
    .addHelpText('after', '\nExamples:\n  vcluster disconnect')
    .action(() => {
      const ctx = context(debug());
      ctx.progress.done(`switched to context ${disconnect(ctx)}`);
    });

  cmd
    .command('list')
    .description('list virtual clusters')
    .option('-o, --output <format>', 'table or json', 'table')
    .addHelpText('after', '\nExamples:\n  vcluster list\n  vcluster list --output json')
    .action((o: { output: string }) => {
      const ctx = context(debug());
      const rows = listClusters(ctx);
      if (o.output === 'json') ctx.print(JSON.stringify(rows, null, 2));
      else if (o.output === 'table') ctx.print(rows.length > 0 ? formatClusterTable(rows) : 'No virtual clusters found');
      else throw new CliError(`unknown output format ${o.output} (table or json)`);
    });

  cmd
    .command('delete')
    .description('delete a virtual cluster and everything it put on the host')
    .argument('<name>')
    .option('-n, --namespace <namespace>', 'host namespace (for compatibility)')
    .option('--delete-namespace', 'also delete the host namespace when create did not make it', false)
    .addHelpText('after', '\nExamples:\n  vcluster delete my-vcluster')
    .action(async (name: string, o: { deleteNamespace: boolean }) => {
      await deleteCluster(context(debug()), name, o.deleteNamespace ? { deleteNamespace: true } : {});
    });

  cmd
    .command('pause')
    .description('stop a virtual cluster and remove its pods from the host (objects stay)')
    .argument('<name>')
    .addHelpText('after', '\nExamples:\n  vcluster pause my-vcluster')
    .action(async (name: string) => {
      await pauseCluster(context(debug()), name);
    });

  cmd
    .command('resume')
    .description('start a paused virtual cluster again')
    .argument('<name>')
    .addHelpText('after', '\nExamples:\n  vcluster resume my-vcluster')
    .action(async (name: string) => {
      await resumeCluster(context(debug()), name);
    });

  cmd
    .command('rbac')
    .description('print the host Role (and ClusterRole, only when needed) that a configuration requires')
    .argument('[name]', 'name of the virtual cluster', 'my-vcluster')
    .option('-n, --namespace <namespace>', 'host namespace (default vcluster-<name>)')
    .option('-f, --values <file>', 'config file (values.yaml or vcluster.yaml format); repeatable, later files win', collect, [])
    .option('--set <key=value>', 'override one config value (helm syntax); repeatable', collect, [])
    .addHelpText('after', '\nExamples:\n  vcluster rbac my-vcluster -f values.yaml\n  vcluster rbac my-vcluster --set sync.toHost.ingresses.enabled=true | kubectl apply -f -')
    .action((name: string, o: { namespace?: string; values: string[]; set: string[] }) => {
      const files = o.values.map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
      context(debug()).print(rbacManifests({ name, files, sets: o.set, ...(o.namespace ? { namespace: o.namespace } : {}) }));
    });

  const host = cmd
    .command('host')
    .description('the embedded host cluster (our API server with simulated nodes)')
    .addHelpText('after', '\nExamples:\n  vcluster host start\n  vcluster host status\n  vcluster host stop');
  host
    .command('start')
    .description('start the embedded host in the background; returns once kubectl works')
    .option('--nodes <n>', 'number of simulated nodes', (v) => Number(v))
    .option('--nodes-file <path>', 'YAML/JSON file describing the nodes')
    .option('--port <port>', 'port to listen on', (v) => Number(v))
    .addHelpText('after', '\nExamples:\n  vcluster host start\n  KUBECONFIG=$(vcluster host kubeconfig --path) kubectl get nodes')
    .action(async (o: { nodes?: number; nodesFile?: string; port?: number }) => {
      const ctx = context(debug());
      const info = await startHost(ctx, o);
      ctx.progress.done(`embedded host is running at ${info.url}\nkubeconfig: ${info.kubeconfig}`);
    });
  host
    .command('stop')
    .description('stop the embedded host')
    .addHelpText('after', '\nExamples:\n  vcluster host stop')
    .action(async () => {
      const ctx = context(debug());
      ctx.progress.done((await stopHost(ctx)) ? 'embedded host stopped' : 'embedded host was not running');
    });
  host
    .command('status')
    .description('say whether the embedded host runs')
    .addHelpText('after', '\nExamples:\n  vcluster host status')
    .action(() => {
      const ctx = context(debug());
      ctx.print(hostStatus(ctx));
    });
  host
    .command('kubeconfig')
    .description("print the embedded host's kubeconfig")
    .addHelpText('after', '\nExamples:\n  vcluster host kubeconfig > host.kubeconfig\n  kubectl --kubeconfig "$(vcluster host kubeconfig --path)" get nodes')
    .option('--path', 'print the path of the file instead', false)
    .action((o: { path: boolean }) => {
      const ctx = context(debug());
      ctx.print(o.path ? join(ctx.home.root, 'host', 'kubeconfig.yaml') : hostKubeconfig(ctx));
    });
  host
    .command('run', { hidden: true })
    .description('run the embedded host in the foreground (what `host start` runs in the background)')
    .requiredOption('--data-dir <dir>')
    .option('--port <port>', 'port', (v) => Number(v))
    .option('--nodes <n>', 'number of simulated nodes', (v) => Number(v))
    .option('--nodes-file <path>')
    .option('--storage <kind>', 'sqlite, etcd or memory', 'sqlite')
    .option('--etcd-endpoints <urls>')
    .action(async (o: { dataDir: string; port?: number; nodes?: number; nodesFile?: string; storage: string; etcdEndpoints?: string }) => {
      const { runHostCluster } = await import('./host-cluster.js');
      await runHostCluster({ ...o, debug: debug(), stopped: shutdownSignal() });
    });

  cmd
    .command('start')
    .description('run the control plane of one virtual cluster in the foreground (API server, controllers, syncer)')
    .requiredOption('--name <name>')
    .option('--config <file>', 'config file (values.yaml or vcluster.yaml format)')
    .requiredOption('--host-kubeconfig <path>')
    .option('--host-context <context>')
    .requiredOption('--host-namespace <namespace>')
    .option('--data-dir <dir>', 'where state and certificates live', '.')
    .option('--port <port>', 'port of the virtual API server', (v) => Number(v))
    .option('--storage <kind>', 'sqlite, etcd or memory', 'sqlite')
    .option('--etcd-endpoints <urls>', 'comma-separated etcd client URLs (with --storage etcd)')
    .option('--sync <list>', 'syncer flag, e.g. -services,+ingresses')
    .addHelpText('after', '\nExamples:\n  vcluster start --name demo --config vcluster.yaml --host-kubeconfig ~/.kube/config --host-namespace vcluster-demo')
    .action(async (o: { name: string; config?: string; hostKubeconfig: string; hostContext?: string; hostNamespace: string; dataDir: string; port?: number; storage: string; etcdEndpoints?: string; sync?: string }) => {
      const { runControlPlane } = await import('./control-plane.js');
      await runControlPlane({ ...o, debug: debug(), stopped: shutdownSignal() });
    });

  cmd
    .command('supervise', { hidden: true })
    .description('run a command, restarting it when it exits on its own')
    .argument('<command...>')
    .action(async (args: string[]) => {
      const [command, ...rest] = args;
      if (!command) throw new CliError('supervise needs a command');
      process.exitCode = await supervise({ command: process.execPath, args: [command, ...rest], env: process.env, log: (l) => process.stderr.write(`${l}\n`), stopped: shutdownSignal() });
    });

  cmd
    .command('up')
    .description('run the embedded host and a "demo" virtual cluster in the foreground; Ctrl-C stops both')
    .option('--name <name>', 'name of the virtual cluster', 'demo')
    .addHelpText('after', '\nExamples:\n  vcluster up\n  npm start')
    .action(async (o: { name: string }) => {
      const { runUp } = await import('./up.js');
      await runUp({ ctx: context(debug()), name: o.name, stopped: shutdownSignal() });
    });

  return cmd;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

const code = await main(process.argv);
process.exit(code);
