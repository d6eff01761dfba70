/**
 * The syncer's public surface: `startSyncer` runs every syncer the configuration turns on between
 * a virtual cluster and the vcluster's namespace of a host cluster.
 */
import { noopLogger, userAgentFor, type Clock, type KubeClient, type Logger } from '../client/index.js';
import type { Config } from '../config/index.js';
import { SyncEngine } from './engine.js';
import { MemoryMappingStore } from './mapping-store.js';
import type { HostOwner, NameContext } from './names.js';
import { buildSyncers, REGISTRY } from './registry.js';
import type { PodLogs, RegistryEntry } from './types.js';

export type { PodLogs, PodLogQuery, RegistryEntry, SyncContext, ResourceSyncer, VirtualSyncer, SyncerTask } from './types.js';
export { SyncEngine, DEFAULT_WORKERS } from './engine.js';
export { REGISTRY, buildSyncers } from './registry.js';
export { MemoryMappingStore };

/**
 * Client-side rate limit for the host client (`createClient`/`clientFromKubeconfig` options).
 * Upstream's 40 qps makes a burst of pods wait for seconds; the host's API server has its own
 * flow control, so the syncer stays out of the way by default.
 */
export const HOST_CLIENT_DEFAULTS = { qps: 5000, burst: 10_000 } as const;

export interface StartSyncerOptions {
  /** The virtual cluster (usually an in-process client of its API server). */
  readonly virtual: KubeClient;
  /** The host cluster: any Kubernetes API (see `HOST_CLIENT_DEFAULTS` for its rate limit). */
  readonly host: KubeClient;
  readonly config: Config;
  readonly vclusterName: string;
  /** The host namespace objects are synced into (TNS). */
  readonly hostNamespace: string;
  /** Where the vcluster's own host Service lives (CNS); defaults to `hostNamespace`. */
  readonly currentNamespace?: string;
  /** The vcluster's host Service: owner of every namespaced host object (unless `setOwner` is off). */
  readonly hostService: { readonly name: string; readonly uid: string };
  /** The virtual API server as pods reach it when the host Service does not say (cluster IP, port). */
  readonly virtualApiServer: { readonly clusterIp?: string; readonly port: number };
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Workers per syncer (default `DEFAULT_WORKERS`). */
  readonly workers?: number;
  /** Tests: another list of syncers. */
  readonly registry?: readonly RegistryEntry[];
}

export interface RunningSyncer {
  /** Resolves once every cache has synced and the syncers run; rejects if it stops first. */
  readonly ready: Promise<void>;
  /** `kubectl logs` for virtual pods, when pods are synced. */
  readonly podLogs?: PodLogs;
  /** Resolves when everything has stopped. */
  readonly done: Promise<void>;
  readonly engine: SyncEngine;
  /** Stops and waits (also happens when `signal` aborts). */
  stop(): Promise<void>;
}

export function startSyncer(options: StartSyncerOptions, signal: AbortSignal): RunningSyncer {
  const names: NameContext = {
    vclusterName: options.vclusterName,
    hostNamespace: options.hostNamespace,
    ...(options.currentNamespace === undefined ? {} : { currentNamespace: options.currentNamespace }),
  };
  const owner: HostOwner | undefined = options.config.setOwner && options.hostService.uid !== ''
    ? { apiVersion: 'v1', kind: 'Service', name: options.hostService.name, uid: options.hostService.uid }
    : undefined;
  // As upstream's syncer: its writes on both sides are recorded under the field manager "vcluster".
  const engineOptions = {
    virtual: options.virtual.withUserAgent(userAgentFor('vcluster')),
    host: options.host.withUserAgent(userAgentFor('vcluster')),
    names,
    config: options.config,
    ...(owner === undefined ? {} : { owner }),
    virtualApiServer: options.virtualApiServer,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
  };
  const mappings = new MemoryMappingStore();
  const built = buildSyncers({ names, config: options.config, mappings, logger: options.logger ?? noopLogger }, options.registry ?? REGISTRY);
  const engine = new SyncEngine({ ...engineOptions, mappings }, built.syncers);
  options.logger?.info({ syncers: built.enabled }, 'starting syncer');
  const { ready, done } = engine.start(signal);
  // A failed start is reported through `ready`; `done` must not be an unhandled rejection.
  done.catch(() => undefined);
  return {
    ready,
    done,
    engine,
    ...(built.podLogs === undefined ? {} : { podLogs: built.podLogs }),
    stop: () => engine.stop(),
  };
}
