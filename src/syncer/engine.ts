/**
 * The sync engine (spec §4): one controller per syncer over shared watch caches of both clusters.
 * Keys are virtual `namespace/name`s; virtual changes enqueue their own key, host changes the key
 * of their virtual partner. Workers start once every cache has synced and begin with every cached
 * object of both sides, so whatever changed while the syncer was down is caught up and host
 * orphans are removed.
 */
import { setMaxListeners } from 'node:events';
import { describeError, objectKey, realClock, noopLogger, type Clock, type KubeClient, type Logger, type ObjectLike } from '../client/index.js';
import type { Config } from '../config/index.js';
import { Controller, type Informer, type ObjectEvent } from '../runtime/index.js';
import { ClusterCaches } from './context.js';
import { reconcileResource, reconcileVirtual, type ResourceRuntime, type VirtualRuntime } from './engine-reconcile.js';
import { SideState } from './engine-state.js';
import { ClientEventRecorder } from './events-recorder.js';
import { MemoryMappingStore } from './mapping-store.js';
import type { HostOwner, NameContext } from './names.js';
import type { CacheSpec, IndexSpec, ResourceSyncer, SyncContext, Syncer, SyncerTask, VirtualSyncer, WatchSpec } from './types.js';

export interface EngineOptions {
  readonly virtual: KubeClient;
  readonly host: KubeClient;
  readonly names: NameContext;
  readonly config: Config;
  readonly owner?: HostOwner;
  readonly virtualApiServer: { readonly clusterIp?: string; readonly port: number };
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Workers per syncer unless it says otherwise (default 16). */
  readonly workers?: number;
  /** How long a stopping controller may drain its queue (default 5 s). */
  readonly drainMs?: number;
  /** The store the syncers' mappers read (created here when not given). */
  readonly mappings?: MemoryMappingStore;
}

export const DEFAULT_WORKERS = 16;

export class SyncEngine {
  readonly context: SyncContext;
  readonly mappings: MemoryMappingStore;
  private readonly abort = new AbortController();
  private readonly virtualCaches: ClusterCaches;
  private readonly hostCaches: ClusterCaches;
  private readonly recorder: ClientEventRecorder;
  private readonly controllers: Controller[] = [];
  private readonly tasks: SyncerTask[] = [];
  private readonly logger: Logger;
  private running: Promise<void> | undefined;

  constructor(
    private readonly options: EngineOptions,
    syncers: readonly Syncer[],
  ) {
    const clock = options.clock ?? realClock;
    // Every informer, controller and write listens on this signal: dozens of listeners are expected.
    setMaxListeners(0, this.abort.signal);
    this.mappings = options.mappings ?? new MemoryMappingStore();
    this.logger = options.logger ?? noopLogger;
    this.virtualCaches = new ClusterCaches('virtual', options.virtual, options.names, { clock, logger: this.logger });
    this.hostCaches = new ClusterCaches('host', options.host, options.names, { clock, logger: this.logger });
    this.recorder = new ClientEventRecorder({ client: options.virtual, clock, logger: this.logger, signal: this.abort.signal });
    this.context = {
      virtual: this.virtualCaches,
      host: this.hostCaches,
      names: options.names,
      config: options.config,
      ...(options.owner === undefined ? {} : { owner: options.owner }),
      virtualApiServer: options.virtualApiServer,
      events: this.recorder,
      mappings: this.mappings,
      logger: this.logger,
      clock,
      signal: this.abort.signal,
    };
    for (const syncer of syncers) this.add(syncer);
  }

  /**
   * Starts caches and controllers. `ready` resolves when every cache has synced and the workers
   * run (rejects if `signal` aborts first); `done` when everything has stopped.
   */
  start(signal: AbortSignal): { readonly ready: Promise<void>; readonly done: Promise<void> } {
    if (this.running) throw new Error('the sync engine is already running');
    const onAbort = (): void => {
      this.abort.abort(signal.reason);
    };
    if (signal.aborted) this.abort.abort(signal.reason);
    else signal.addEventListener('abort', onAbort, { once: true });
    const inner = this.abort.signal;
    this.virtualCaches.factory.start(inner);
    this.hostCaches.factory.start(inner);
    let resolveReady!: () => void;
    let rejectReady!: (e: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    this.running = (async () => {
      try {
        const synced = (await Promise.all([this.virtualCaches.factory.waitForSync(inner), this.hostCaches.factory.waitForSync(inner)])).every(Boolean);
        if (!synced || inner.aborted) {
          rejectReady(new Error('the syncer stopped before its caches synced'));
          return;
        }
        const runs = [
          ...this.controllers.map((c) => c.run(inner)),
          ...this.tasks.map((t) => this.runTask(t, inner)),
        ];
        resolveReady();
        this.logger.info({ controllers: this.controllers.length, tasks: this.tasks.length }, 'syncer started');
        await Promise.all(runs);
      } catch (e) {
        rejectReady(e);
        throw e;
      } finally {
        signal.removeEventListener('abort', onAbort);
        await Promise.all([this.virtualCaches.factory.stop(), this.hostCaches.factory.stop()]);
        await this.recorder.flush();
      }
    })();
    return { ready, done: this.running };
  }

  /** Stops everything and waits for it. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  private add(syncer: Syncer): void {
    switch (syncer.type) {
      case 'resource':
        this.addResource(syncer);
        break;
      case 'virtual':
        this.addVirtual(syncer);
        break;
      case 'task':
        this.declareCaches(syncer.caches ?? []);
        this.tasks.push(syncer);
        break;
    }
  }

  private caches(side: 'virtual' | 'host'): ClusterCaches {
    return side === 'virtual' ? this.virtualCaches : this.hostCaches;
  }

  private declareCaches(specs: readonly CacheSpec[]): void {
    for (const spec of specs) this.caches(spec.side).informer(spec.resource, spec.selection);
  }

  private addIndexes(specs: readonly IndexSpec[]): void {
    for (const spec of specs) this.caches(spec.side).informer(spec.resource, spec.selection).addIndex(spec.name, (obj) => spec.fn(obj));
  }

  private controllerFor(name: string, workers: number | undefined, reconcile: (key: string) => Promise<{ requeueAfterMs?: number } | undefined>): Controller {
    const controller = new Controller({
      name,
      workers: workers ?? this.options.workers ?? DEFAULT_WORKERS,
      drainMs: this.options.drainMs ?? 5000,
      reconcile: async (key) => {
        try {
          return await reconcile(key);
        } catch (e) {
          this.logger.debug({ syncer: name, key, err: describeError(e) }, 'reconcile failed');
          throw e;
        }
      },
      ...(this.options.clock === undefined ? {} : { clock: this.options.clock }),
      logger: this.logger,
    });
    this.controllers.push(controller);
    return controller;
  }

  private addWatches(controller: Controller, watches: readonly WatchSpec[]): void {
    for (const spec of watches) {
      const informer = this.caches(spec.side).informer(spec.resource, spec.selection);
      const matters = spec.updateMatters?.bind(spec);
      controller.watch(informer, {
        map: (obj) => spec.map(this.context, obj),
        ...(matters ? { predicate: (e: ObjectEvent<ObjectLike>) => e.type !== 'update' || matters(e.old, e.obj) } : {}),
      });
    }
  }

  private sideWriter<T extends ObjectLike>(side: 'virtual' | 'host', informer: Informer<T>, resource: ResourceSyncer<T>['resource'], hasStatus: boolean) {
    return {
      side,
      client: this.caches(side).client,
      resource,
      hasStatus,
      state: new SideState<T>(informer),
      signal: this.abort.signal,
    };
  }

  private addResource<T extends ObjectLike>(syncer: ResourceSyncer<T>): void {
    this.declareCaches(syncer.caches ?? []);
    this.addIndexes(syncer.indexes ?? []);
    const virtualInformer = this.virtualCaches.informer(syncer.resource);
    const hostInformer = this.hostCaches.informer(syncer.resource, syncer.hostSelection);
    const runtime: ResourceRuntime<T> = {
      syncer,
      virtual: this.sideWriter('virtual', virtualInformer, syncer.resource, syncer.hasStatus === true),
      host: this.sideWriter('host', hostInformer, syncer.resource, syncer.hasStatus === true),
      hostKeys: new Map(),
    };
    const controller = this.controllerFor(syncer.name, syncer.workers, (key) => reconcileResource(this.context, runtime, key));
    controller.watch(virtualInformer);
    controller.watch(hostInformer, {
      map: (host) => {
        const hostKey = objectKey(host);
        const virtual = syncer.mapper.hostToVirtual(this.context, { name: host.metadata?.name ?? '', namespace: host.metadata?.namespace ?? '' }, host);
        if (virtual === undefined || virtual.name === '') return [];
        const key = virtual.namespace === '' ? virtual.name : `${virtual.namespace}/${virtual.name}`;
        runtime.hostKeys.set(key, hostKey);
        return [key];
      },
    });
    this.addWatches(controller, syncer.watches ?? []);
  }

  private addVirtual<T extends ObjectLike>(syncer: VirtualSyncer<T>): void {
    this.declareCaches(syncer.caches ?? []);
    this.addIndexes(syncer.indexes ?? []);
    const informer = this.virtualCaches.informer(syncer.resource);
    const runtime: VirtualRuntime<T> = { syncer, virtual: this.sideWriter('virtual', informer, syncer.resource, syncer.hasStatus === true) };
    const controller = this.controllerFor(syncer.name, syncer.workers, (key) => reconcileVirtual(this.context, runtime, key));
    controller.watch(informer);
    this.addWatches(controller, syncer.watches ?? []);
  }

  private async runTask(task: SyncerTask, signal: AbortSignal): Promise<void> {
    try {
      await task.run(this.context, signal);
    } catch (e) {
      if (!signal.aborted) this.logger.error({ task: task.name, err: describeError(e) }, 'syncer task failed');
    }
  }
}
