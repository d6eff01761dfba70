import { setMaxListeners } from 'node:events';
import type { Clock, KubeClient, Logger, ObjectLike, ResourceRef, RestMapper } from '../../client/index.js';
import { Controller, type ControllerOptions, type Informer, type Manager, type Reconcile, type SharedInformerOptions } from '../../runtime/index.js';

/** One reconcile starting or ending, as reported to `onReconcile` (metrics, tests). */
export interface ReconcileEvent {
  readonly controller: string;
  readonly key: string;
  readonly phase: 'start' | 'end';
  /** On `end`: what the reconcile threw, if anything. */
  readonly error?: unknown;
}

export type ReconcileObserver = (event: ReconcileEvent) => void;

/** Knobs with kube-controller-manager's defaults; tests may shorten delays. */
export interface ControllerTuning {
  /** Wait after a namespace is first seen terminating before emptying it (kube: 5 s, for HA API servers' caches). */
  readonly namespaceDeletionDelayMs: number;
  /** How often the garbage collector re-reads discovery for new resources (kube: 30 s). */
  readonly gcResyncMs: number;
  /** Endpoints per EndpointSlice (kube: --max-endpoints-per-slice=100). */
  readonly maxEndpointsPerSlice: number;
}

export const defaultTuning: ControllerTuning = {
  namespaceDeletionDelayMs: 5000,
  gcResyncMs: 30_000,
  maxEndpointsPerSlice: 100,
};

/** Everything a controller of this folder is built from. */
export interface ControllerContext {
  readonly client: KubeClient;
  readonly manager: Manager;
  /** Discovery shared by the controllers that map kinds to resources. */
  readonly mapper: RestMapper;
  /** PEM of the cluster CA, published as `kube-root-ca.crt`. */
  readonly rootCaPem: string;
  readonly tuning: ControllerTuning;
  readonly clock: Clock;
  readonly logger: Logger;
  /** A shared informer of whole objects (the garbage collector reuses these caches). */
  informer<T extends ObjectLike>(ref: ResourceRef<T>, options?: SharedInformerOptions<T>): Informer<T>;
  /** A runtime Controller whose reconciles are reported to the manager's observer. */
  controller(options: ControllerOptions): Controller;
  /** Resources whose whole objects a shared informer caches, by `group/resource`, with the ref it was asked for. */
  readonly fullyCached: ReadonlyMap<string, ResourceRef<ObjectLike>>;
}

export function groupResource(ref: { readonly group: string; readonly resource: string }): string {
  return `${ref.group}/${ref.resource}`;
}

/** Builds a ControllerContext around a manager. */
export function createControllerContext(deps: {
  client: KubeClient;
  manager: Manager;
  mapper: RestMapper;
  rootCaPem: string;
  tuning: ControllerTuning;
  clock: Clock;
  logger: Logger;
  onReconcile?: ReconcileObserver | undefined;
}): ControllerContext {
  const fullyCached = new Map<string, ResourceRef<ObjectLike>>();
  return {
    client: deps.client,
    manager: deps.manager,
    mapper: deps.mapper,
    rootCaPem: deps.rootCaPem,
    tuning: deps.tuning,
    clock: deps.clock,
    logger: deps.logger,
    fullyCached,
    informer(ref, options) {
      // Only unselected informers hold every object of a resource.
      if (options?.namespace === undefined && options?.labelSelector === undefined && options?.fieldSelector === undefined && options?.transform === undefined) {
        if (!fullyCached.has(groupResource(ref))) fullyCached.set(groupResource(ref), ref);
      }
      return deps.manager.informer(ref, options);
    },
    controller(options) {
      return new Controller({
        clock: deps.clock,
        logger: deps.logger,
        ...options,
        reconcile: observed(options.name, options.reconcile, deps.onReconcile),
      });
    },
  };
}

function observed(controller: string, reconcile: Reconcile, observer: ReconcileObserver | undefined): Reconcile {
  return async (key, signal) => {
    // All workers share this signal, and each request in flight listens on it: more than Node's
    // default of 10 listeners is normal, not a leak.
    setMaxListeners(0, signal);
    if (!observer) return (await reconcile(key, signal)) ?? undefined;
    observer({ controller, key, phase: 'start' });
    try {
      const result = await reconcile(key, signal);
      observer({ controller, key, phase: 'end' });
      return result ?? undefined;
    } catch (e) {
      observer({ controller, key, phase: 'end', error: e });
      throw e;
    }
  };
}
