/**
 * hostsim: what turns an API server into a cluster with nodes, for laptops, demos and tests (as
 * kind plus kwok do): simulated nodes with leases, a scheduler, a simulated kubelet per node and a
 * volume provisioner. Talks to the API server only through a client, so it can drive any server.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname, release } from 'node:os';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { childAbort, describeError, noopLogger, realClock, resources, TokenBucket, userAgentFor, type Clock, type KubeClient, type Logger, type ObjectLike } from '../client/index.js';
import { InformerFactory } from '../runtime/index.js';
import { DEFAULT_BEHAVIOUR, type BehaviourDefaults } from './annotations.js';
import { loadNodeConfig, parseNodeConfig, resolveNodes, type NodeConfig, type NodeSpec } from './config.js';
import { EventRecorder } from './events.js';
import { Kubelets } from './kubelet/kubelet.js';
import { podLogProvider, type PodLogs } from './kubelet/logs.js';
import { NodeAgents } from './nodes/agent.js';
import { simulatedNodes } from './nodes/simulated-node.js';
import { Provisioner } from './provisioner/provisioner.js';
import { Scheduler } from './scheduler/scheduler.js';

export const DEFAULT_POD_CIDR = '10.244.0.0/16';

export interface HostSimOptions {
  readonly client: KubeClient;
  /** The nodes: a list, a `{count, template, nodes}` configuration, or the path of a YAML/JSON file with either. Default: 3 nodes. */
  readonly nodes?: readonly NodeSpec[] | NodeConfig | string;
  /** The cluster's pod CIDR; each node gets a /24 of it (wider when it may run more than 253 pods). */
  readonly podCidr?: string;
  /** How long run-to-completion and crashing containers run by default. */
  readonly behaviour?: Partial<BehaviourDefaults>;
  /** Which parts to run (all by default). */
  readonly scheduler?: boolean;
  readonly provisioner?: boolean;
  /** Event writes per second of each simulated kubelet and of the scheduler (kubelet's --event-qps 50, --event-burst 100). */
  readonly eventQps?: number;
  readonly eventBurst?: number;
  /**
   * Event writes per second of all of hostsim together (default 100, burst 200): every simulated
   * kubelet shares one API server, so a host of many nodes must not spend it on events. Events
   * beyond the budget queue up and, past 1000 per recorder, are dropped, as client-go drops them.
   */
  readonly totalEventQps?: number;
  /** Tie-breaking between equally good nodes (tests may fix it). */
  readonly random?: () => number;
  readonly logger?: Logger;
  readonly clock?: Clock;
}

export interface HostSim {
  /** For the API server's `podLogs` option: `kubectl logs` of simulated containers. */
  readonly podLogs: PodLogs;
  /** The simulated nodes' names. */
  readonly nodes: readonly string[];
  /** Resolves when everything has stopped (after `stop()` or the start signal aborts). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

function nodeConfigOf(nodes: HostSimOptions['nodes']): NodeConfig {
  if (nodes === undefined) return {};
  if (typeof nodes === 'string') return loadNodeConfig(nodes);
  return parseNodeConfig(nodes);
}

/** Keeps caches small: managed fields are of no use here. */
function dropManagedFields<T extends ObjectLike>(obj: T): T {
  if (obj.metadata?.managedFields === undefined) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/**
 * Registers the nodes, creates the default StorageClass, and runs the scheduler, the kubelets and
 * the provisioner until `stop()` or `signal`. Resolves once the nodes are registered and the caches
 * are filled. Bad node configuration throws a ConfigError (or CidrError) before anything is written.
 */
export async function startHostSim(options: HostSimOptions, signal?: AbortSignal): Promise<HostSim> {
  const clock = options.clock ?? realClock;
  const logger = options.logger ?? noopLogger;
  const { client } = options;
  // Each component writes under its Kubernetes name, which the API server records as field manager.
  const kubeletClient = client.withUserAgent(userAgentFor('kubelet'));
  const schedulerClient = client.withUserAgent(userAgentFor('kube-scheduler'));
  const controllerClient = client.withUserAgent(userAgentFor('kube-controller-manager'));
  const resolved = resolveNodes(nodeConfigOf(options.nodes));
  // One event budget for all of hostsim, on top of each recorder's own.
  const totalQps = options.totalEventQps ?? 100;
  const shared = new TokenBucket(totalQps, Math.max(1, totalQps * 2), clock);
  const eventLimits = { qps: options.eventQps, burst: options.eventBurst, shared };
  const nodes = simulatedNodes(resolved, { podCidr: options.podCidr ?? DEFAULT_POD_CIDR, client: kubeletClient, clock, logger, sharedEvents: shared, eventQps: options.eventQps, eventBurst: options.eventBurst });
  const { controller: stopper, dispose } = childAbort(signal);
  const stopSignal = stopper.signal;
  // Every wait of every component listens to this one signal.
  setMaxListeners(0, stopSignal);

  const informers = new InformerFactory(client, { clock, logger });
  const pods = informers.informer(resources.pods, { transform: dropManagedFields<Pod> });
  const nodeInformer = informers.informer(resources.nodes, { transform: dropManagedFields<Node> });
  const claims = informers.informer(resources.persistentVolumeClaims, { transform: dropManagedFields<PersistentVolumeClaim> });
  const volumes = informers.informer(resources.persistentVolumes, { transform: dropManagedFields<PersistentVolume> });
  const classes = informers.informer(resources.storageClasses, { transform: dropManagedFields<StorageClass> });

  const agents = new NodeAgents({ client: kubeletClient, nodes, informer: nodeInformer, facts: { kernelVersion: release(), bootID: randomUUID() }, clock, logger });
  const kubelets = new Kubelets({ client: kubeletClient, pods, nodes, behaviour: { ...DEFAULT_BEHAVIOUR, ...options.behaviour }, clock, logger });
  const schedulerEvents = new EventRecorder(schedulerClient, { component: 'default-scheduler', instance: `default-scheduler-${hostname()}` }, { clock, logger, ...eventLimits });
  const scheduler =
    options.scheduler === false
      ? undefined
      : new Scheduler({ client: schedulerClient, pods, nodes: nodeInformer, claims, volumes, classes, recorder: schedulerEvents, ...(options.random ? { random: options.random } : {}), clock, logger });
  const provisioner = options.provisioner === false ? undefined : new Provisioner({ client: controllerClient, claims, volumes, classes, sharedEvents: shared, clock, logger });

  const runs: Promise<void>[] = [];
  const launch = (name: string, run: () => Promise<void>): void => {
    runs.push(
      run().catch((e: unknown) => {
        if (!stopSignal.aborted) logger.error({ component: name, err: describeError(e) }, 'hostsim component failed');
      }),
    );
  };

  try {
    informers.start(stopSignal);
    for (const n of nodes) launch(`events/${n.name}`, () => n.recorder.run(stopSignal));
    await agents.register(stopSignal);
    await provisioner?.ensureDefaultClass(stopSignal);
    if (!(await informers.waitForSync(stopSignal))) throw new Error('hostsim stopped before its caches were filled');
  } catch (e) {
    stopper.abort();
    await Promise.all(runs);
    await informers.stop();
    dispose();
    throw e;
  }

  launch('node-agents', () => agents.run(stopSignal));
  launch('kubelets', () => kubelets.run(stopSignal));
  if (scheduler) {
    launch('scheduler-events', () => schedulerEvents.run(stopSignal));
    launch('scheduler', () => scheduler.run(stopSignal));
  }
  if (provisioner) launch('provisioner', () => provisioner.run(stopSignal));
  logger.info({ nodes: nodes.map((n) => `${n.name} ${n.podCIDR}`) }, 'hostsim started');

  const done = (async (): Promise<void> => {
    await new Promise<void>((resolve) => {
      if (stopSignal.aborted) resolve();
      else stopSignal.addEventListener('abort', () => {
        resolve();
      }, { once: true });
    });
    await Promise.all(runs);
    await informers.stop();
    dispose();
  })();

  return {
    podLogs: podLogProvider({ lookup: (namespace, name) => pods.get(namespace, name), clock, signal: stopSignal }),
    nodes: nodes.map((n) => n.name),
    done,
    stop: async () => {
      stopper.abort();
      await done;
    },
  };
}

export { ANNOTATIONS, ANNOTATION_PREFIX, SIMULATED_NODE_ANNOTATION, behaviourOf, type Behaviour, type BehaviourDefaults } from './annotations.js';
export { DEFAULT_CAPACITY, DEFAULT_NODE_COUNT, NODE_NAME_PREFIX, loadNodeConfig, parseNodeConfig, resolveNodes, type NodeConfig, type NodeSpec, type NodeTemplate, type ResolvedNode } from './config.js';
export { CidrError } from './cidr.js';
export { QuantityError } from './quantity.js';
export type { PodLogs } from './kubelet/logs.js';
export { DEFAULT_CLASS_NAME, PROVISIONER_NAME } from './provisioner/volumes.js';
export { DEFAULT_SCHEDULER_NAME } from './scheduler/scheduler.js';
export { KUBELET_VERSION } from './nodes/node-object.js';
