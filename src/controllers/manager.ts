import { setMaxListeners } from 'node:events';
import { childAbort, noopLogger, realClock, RestMapper, userAgentFor, type Clock, type KubeClient, type Logger } from '../client/index.js';
import { Manager, type Runnable } from '../runtime/index.js';
import { CRONJOB_CONTROLLER, cronJobController } from './cronjob.js';
import { DAEMONSET_CONTROLLER, daemonSetController } from './daemonset.js';
import { deploymentController, DEPLOYMENT_CONTROLLER } from './deployment.js';
import { endpointsController, ENDPOINTS_CONTROLLER } from './endpoints.js';
import { endpointSliceController, ENDPOINTSLICE_CONTROLLER } from './endpointslice.js';
import { GARBAGE_COLLECTOR_CONTROLLER, GarbageCollector } from './garbage-collector.js';
import { JOB_CONTROLLER, jobController } from './job.js';
import { NAMESPACE_CONTROLLER, namespaceController } from './namespace.js';
import { REPLICASET_CONTROLLER, replicaSetController, REPLICATION_CONTROLLER_CONTROLLER, replicationControllerController } from './replicaset.js';
import { ROOT_CA_CONTROLLER, rootCaController } from './root-ca.js';
import { SERVICE_ACCOUNT_CONTROLLER, serviceAccountController } from './service-account.js';
import { STATEFULSET_CONTROLLER, statefulSetController } from './statefulset.js';
import { createControllerContext, defaultTuning, type ControllerContext, type ControllerTuning, type ReconcileObserver } from './shared/context.js';

/** A controller the manager can run: kube-controller-manager's name for it, its short aliases, how to build it. */
export interface ControllerDescriptor {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly build: (ctx: ControllerContext) => Runnable;
}

/**
 * Every controller, in the order they are built. The garbage collector comes last: it reuses the
 * caches the others asked for, which must be known when it starts.
 */
export const CONTROLLERS: readonly ControllerDescriptor[] = [
  { name: NAMESPACE_CONTROLLER, aliases: ['namespace'], build: namespaceController },
  { name: SERVICE_ACCOUNT_CONTROLLER, aliases: ['serviceaccount'], build: serviceAccountController },
  { name: ROOT_CA_CONTROLLER, aliases: ['root-ca-cert-publisher'], build: rootCaController },
  { name: ENDPOINTS_CONTROLLER, aliases: ['endpoint'], build: endpointsController },
  { name: ENDPOINTSLICE_CONTROLLER, aliases: ['endpointslice'], build: endpointSliceController },
  { name: DEPLOYMENT_CONTROLLER, aliases: ['deployment'], build: deploymentController },
  { name: REPLICASET_CONTROLLER, aliases: ['replicaset'], build: replicaSetController },
  { name: REPLICATION_CONTROLLER_CONTROLLER, aliases: ['replicationcontroller'], build: replicationControllerController },
  { name: STATEFULSET_CONTROLLER, aliases: ['statefulset'], build: statefulSetController },
  { name: DAEMONSET_CONTROLLER, aliases: ['daemonset'], build: daemonSetController },
  { name: JOB_CONTROLLER, aliases: ['job'], build: (ctx) => jobController(ctx) },
  { name: CRONJOB_CONTROLLER, aliases: ['cronjob'], build: cronJobController },
  { name: GARBAGE_COLLECTOR_CONTROLLER, aliases: ['garbagecollector'], build: (ctx) => new GarbageCollector(ctx) },
];

/** A list of controller names is wrong (an unknown name). */
export class ControllerSelectionError extends Error {
  override readonly name = 'ControllerSelectionError';
}

/**
 * The controllers a `--controllers`-style list enables, as kube-controller-manager reads it:
 * `*` for all, a name (or alias) to enable, `-name` to disable; later entries do not override
 * earlier ones, an explicit entry always wins over `*`.
 */
export function selectControllers(enabled: readonly string[] = ['*'], all: readonly ControllerDescriptor[] = CONTROLLERS): ControllerDescriptor[] {
  const find = (name: string): ControllerDescriptor => {
    const d = all.find((c) => c.name === name || c.aliases.includes(name));
    if (!d) throw new ControllerSelectionError(`unknown controller "${name}"; known: ${all.map((c) => c.name).join(', ')}`);
    return d;
  };
  const on = new Set<string>();
  const off = new Set<string>();
  let star = false;
  for (const entry of enabled) {
    if (entry === '*') star = true;
    else if (entry.startsWith('-')) off.add(find(entry.slice(1)).name);
    else on.add(find(entry).name);
  }
  return all.filter((c) => on.has(c.name) || (star && !off.has(c.name)));
}

export interface LeaderElectionConfig {
  readonly namespace: string;
  readonly name: string;
  /** Unique per process; defaults to hostname plus a random suffix. */
  readonly identity?: string;
  /** kube-controller-manager's defaults: 15 s, 10 s, 2 s. */
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
}

export interface ControllerManagerOptions {
  readonly client: KubeClient;
  /** PEM of the cluster CA, published in every namespace as `kube-root-ca.crt`. */
  readonly rootCaPem: string;
  /** Run the controllers only while holding this Lease; `false` or absent: always run. */
  readonly leaderElection?: LeaderElectionConfig | false;
  /** kube's `--controllers` list (default `['*']`). */
  readonly enabled?: readonly string[];
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly tuning?: Partial<ControllerTuning>;
  /** Told about every reconcile (metrics, tests). */
  readonly onReconcile?: ReconcileObserver;
}

export interface RunningControllerManager {
  readonly manager: Manager;
  /** The names of the controllers that run (while leading). */
  readonly controllers: readonly string[];
  isLeader(): boolean;
  /** Settles once `signal` aborted and everything stopped. */
  readonly done: Promise<void>;
}

/**
 * The virtual control plane's kube-controller-manager: one runtime Manager with shared informers
 * and the selected controllers, optionally under leader election on a Lease. Talks to the API
 * server only through `client`, so it runs against any Kubernetes API server.
 */
export function startControllerManager(options: ControllerManagerOptions, signal: AbortSignal): RunningControllerManager {
  const clock = options.clock ?? realClock;
  const logger = options.logger ?? noopLogger;
  const selected = selectControllers(options.enabled);
  const le = options.leaderElection === false ? undefined : options.leaderElection;
  const client = options.client.withUserAgent(userAgentFor('kube-controller-manager'));
  const manager = new Manager({
    client,
    clock,
    logger,
    ...(le
      ? {
          leaderElection: {
            namespace: le.namespace,
            name: le.name,
            ...(le.identity !== undefined ? { identity: le.identity } : {}),
            leaseDurationMs: le.leaseDurationMs ?? 15_000,
            renewDeadlineMs: le.renewDeadlineMs ?? 10_000,
            retryPeriodMs: le.retryPeriodMs ?? 2_000,
          },
        }
      : {}),
  });
  const ctx = createControllerContext({
    client,
    manager,
    mapper: new RestMapper(client, { clock, logger }),
    rootCaPem: options.rootCaPem,
    tuning: { ...defaultTuning, ...options.tuning },
    clock,
    logger,
    onReconcile: options.onReconcile,
  });
  for (const descriptor of selected) manager.add(descriptor.build(ctx));
  logger.info({ controllers: selected.map((c) => c.name), identity: manager.identity, leaderElection: le !== undefined }, 'starting controller manager');
  // Every informer and controller listens on this signal: dozens of listeners are expected.
  const scope = childAbort(signal);
  setMaxListeners(0, scope.controller.signal);
  return {
    manager,
    controllers: selected.map((c) => c.name),
    isLeader: () => manager.isLeader(),
    done: manager.start(scope.controller.signal).finally(scope.dispose),
  };
}
