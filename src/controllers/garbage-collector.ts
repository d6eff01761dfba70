import { setMaxListeners } from 'node:events';
import { isDeepStrictEqual } from 'node:util';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { parseApiVersion } from '../api/object.js';
import { isConflict, isNotFound } from '../api/status.js';
import { childAbort, describeError, isNoMatch, objectKey, resources, RestMapper, type ObjectLike, type ResourceRef } from '../client/index.js';
import type { Controller, EventHandler, Informer, Runnable } from '../runtime/index.js';
import { AbsentOwnerCache } from './garbage-collector-absent.js';
import { blocksOwner, classifyOwner, decideForDeleting, decideForDependent, type ClassifiedOwner, type Propagation } from './garbage-collector-decide.js';
import { collectableResources, Monitors, type Monitor } from './garbage-collector-monitors.js';
import { groupResource, type ControllerContext } from './shared/context.js';
import { preferredResources } from './shared/discovery.js';
import { Trigger } from './shared/trigger.js';
import { FOREGROUND_FINALIZER, hasFinalizer, isBeingDeleted, ORPHAN_FINALIZER, patchMetadata, removeFinalizer } from './shared/metadata.js';

export const GARBAGE_COLLECTOR_CONTROLLER = 'garbage-collector-controller';
const WORKERS = 20;
/** How soon to look again at an owner whose dependents are not all cached yet. */
const UNSYNCED_RETRY_MS = 1000;

/** Queue key of an object: `group/resource/namespace/name` (none of the parts contains a slash). */
export function gcKey(gr: string, obj: ObjectLike): string {
  return `${gr}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

export function parseGcKey(key: string): { gr: string; namespace: string; name: string } {
  const [group = '', resource = '', namespace = '', ...rest] = key.split('/');
  return { gr: `${group}/${resource}`, namespace, name: rest.join('/') };
}

/** Whether a change can matter to the collector (owners, deletion, finalizers, identity). */
export function gcRelevantChange(old: ObjectLike, cur: ObjectLike): boolean {
  const a = old.metadata ?? {};
  const b = cur.metadata ?? {};
  return a.uid !== b.uid || a.deletionTimestamp !== b.deletionTimestamp || !isDeepStrictEqual(a.finalizers ?? [], b.finalizers ?? []) || !isDeepStrictEqual(a.ownerReferences ?? [], b.ownerReferences ?? []);
}

/**
 * kube's garbage collector. Instead of kube's separate dependency graph it uses the informer
 * caches themselves as the graph: every collectable resource has a cache indexed by owner UID,
 * so an object's dependents are one index lookup per resource, and its owners are cache lookups
 * by kind and name (confirmed against the API server before anything is deleted, since caches
 * may lag). One keyed, level-triggered reconcile per object then does what kube's
 * attemptToDelete and attemptToOrphan workers do:
 * - an object whose owners are all gone is deleted (background, or as its finalizers ask);
 * - references to owners that are gone are dropped while another owner exists;
 * - an owner deleted in the foreground has its dependents deleted, and loses its
 *   `foregroundDeletion` finalizer once no dependent with blockOwnerDeletion remains;
 * - an owner deleted with `orphan` has the references to it removed from its dependents, then
 *   its `orphan` finalizer.
 * Memory is one cache entry per object (shared with the other controllers where they cache the
 * resource, metadata only otherwise); work per event is proportional to the objects it touches.
 */
export class GarbageCollector implements Runnable {
  readonly name = GARBAGE_COLLECTOR_CONTROLLER;
  private readonly mapper: RestMapper;
  private readonly absent = new AbsentOwnerCache();
  private monitors: Monitors | undefined;
  private controller: Controller | undefined;
  private readonly pending = new Set<string>();
  private readonly crds: Informer<CustomResourceDefinition>;

  constructor(private readonly ctx: ControllerContext) {
    this.mapper = new RestMapper(ctx.client, { clock: ctx.clock, logger: ctx.logger });
    this.crds = ctx.informer(resources.customResourceDefinitions);
  }

  async run(signal: AbortSignal): Promise<void> {
    // One listener per monitor's informer: dozens are expected.
    const scope = childAbort(signal);
    setMaxListeners(0, scope.controller.signal);
    const monitors = new Monitors(this.ctx, (m) => this.handler(m), scope.controller.signal);
    this.monitors = monitors;
    const controller = this.ctx.controller({ name: this.name, workers: WORKERS, drainMs: 0, reconcile: (key, s) => this.reconcile(key, s) });
    this.controller = controller;
    const running = controller.run(signal);
    // New custom resources should be collected soon, not at the next periodic discovery.
    const rediscover = new Trigger();
    const removeCrdHandler = this.crds.addHandler({
      onAdd: () => {
        rediscover.fire();
      },
      onUpdate: (old, cur) => {
        // A CRD is served once Established: a status change.
        if (!isDeepStrictEqual(old.status, cur.status)) rediscover.fire();
      },
      onDelete: () => {
        rediscover.fire();
      },
    });
    try {
      await this.flushWhenRunning(controller, signal);
      while (!signal.aborted) {
        await this.syncMonitors(monitors, signal);
        await rediscover.wait(this.ctx.clock, this.ctx.tuning.gcResyncMs, signal);
      }
      await running;
    } finally {
      removeCrdHandler();
      await monitors.stop();
      scope.dispose();
      this.monitors = undefined;
      this.controller = undefined;
      this.pending.clear();
    }
  }

  private async syncMonitors(monitors: Monitors, signal: AbortSignal): Promise<void> {
    try {
      this.mapper.invalidate();
      const all = await this.mapper.resources(signal);
      const wanted = collectableResources(preferredResources(await this.mapper.groups(signal), all));
      if (wanted.length === 0) return;
      const { added, removed } = await monitors.sync(wanted);
      if (added.length > 0 || removed.length > 0) this.ctx.logger.info({ controller: this.name, added, removed, monitors: monitors.size }, 'garbage collector monitors changed');
    } catch (e) {
      if (!signal.aborted) this.ctx.logger.warn({ controller: this.name, err: describeError(e) }, 'garbage collector discovery failed; will retry');
    }
  }

  /** Events arrive as soon as monitors exist; the queue exists once the controller runs. */
  private async flushWhenRunning(controller: Controller, signal: AbortSignal): Promise<void> {
    while (!controller.running && !signal.aborted) await new Promise((r) => setImmediate(r));
    for (const key of this.pending) controller.enqueue(key);
    this.pending.clear();
  }

  private enqueue(key: string): void {
    if (this.controller?.running === true) this.controller.enqueue(key);
    else this.pending.add(key);
  }

  private handler(monitor: Monitor): EventHandler<ObjectLike> {
    const gr = groupResource(monitor.info);
    return {
      onAdd: (obj) => {
        this.enqueue(gcKey(gr, obj));
      },
      onUpdate: (old, cur) => {
        if (!gcRelevantChange(old, cur)) return;
        this.enqueue(gcKey(gr, cur));
        // An owner no longer referenced may have been waiting for this dependent.
        const now = new Set((cur.metadata?.ownerReferences ?? []).map((r) => r.uid));
        for (const ref of old.metadata?.ownerReferences ?? []) if (!now.has(ref.uid)) this.enqueueOwner(ref, old.metadata?.namespace ?? '');
      },
      onDelete: (obj) => {
        const uid = obj.metadata?.uid;
        if (uid !== undefined) for (const d of this.monitors?.dependentsOf(uid) ?? []) this.enqueue(gcKey(groupResource(d.monitor.info), d.obj));
        for (const ref of obj.metadata?.ownerReferences ?? []) this.enqueueOwner(ref, obj.metadata?.namespace ?? '');
      },
    };
  }

  private enqueueOwner(ref: OwnerReference, dependentNamespace: string): void {
    const monitor = this.monitors?.forKind(parseApiVersion(ref.apiVersion).group, ref.kind);
    if (!monitor) return;
    const namespace = monitor.ref.namespaced ? dependentNamespace : '';
    this.enqueue(gcKey(groupResource(monitor.info), { metadata: { namespace, name: ref.name } }));
  }

  private async reconcile(key: string, signal: AbortSignal): Promise<{ requeueAfterMs: number } | undefined> {
    const monitors = this.monitors;
    if (!monitors) return undefined;
    const { gr, namespace, name } = parseGcKey(key);
    const monitor = monitors.get(gr);
    const obj = monitor?.informer.get(namespace, name);
    if (!monitor || !obj) return undefined;
    if (isBeingDeleted(obj)) return this.processDeleting(monitors, monitor, obj, signal);
    const refs = obj.metadata?.ownerReferences ?? [];
    if (refs.length === 0) return undefined;

    const owners: ClassifiedOwner[] = [];
    for (const ref of refs) {
      const state = await this.ownerState(ref, obj, signal);
      // A cluster-scoped object cannot have a namespaced owner; retrying will not change that.
      if (state === 'invalid') {
        this.ctx.logger.debug({ controller: this.name, object: key, owner: ref }, 'cluster-scoped object refers to a namespaced owner');
        return undefined;
      }
      owners.push({ ref, state });
    }
    const dependents = monitors.dependentsOf(obj.metadata?.uid ?? '');
    const action = decideForDependent({
      owners,
      finalizers: obj.metadata?.finalizers ?? [],
      hasDependents: dependents.length > 0,
      dependentDeletingInForeground: dependents.some((d) => isBeingDeleted(d.obj) && hasFinalizer(d.obj, FOREGROUND_FINALIZER)),
    });
    switch (action.type) {
      case 'none':
        return undefined;
      case 'remove-owner-references':
        await this.removeOwnerReferences(monitor.ref, obj, action.uids, signal);
        return undefined;
      case 'delete':
        if (action.unblockOwnerReferences) await this.unblockOwnerReferences(monitor.ref, obj, signal);
        await this.deleteObject(monitor.ref, obj, action.propagation, signal);
        return undefined;
    }
  }

  private async processDeleting(monitors: Monitors, monitor: Monitor, obj: ObjectLike, signal: AbortSignal): Promise<{ requeueAfterMs: number } | undefined> {
    const uid = obj.metadata?.uid ?? '';
    const finalizers = obj.metadata?.finalizers ?? [];
    if (!finalizers.includes(ORPHAN_FINALIZER) && !finalizers.includes(FOREGROUND_FINALIZER)) return undefined;
    // Both need every dependent: one not cached yet would be missed.
    if (!monitors.hasSynced()) return { requeueAfterMs: UNSYNCED_RETRY_MS };
    const dependents = monitors.dependentsOf(uid);
    const action = decideForDeleting({ finalizers, blockingDependents: dependents.filter((d) => blocksOwner(d.obj.metadata?.ownerReferences, uid)).length });
    switch (action.type) {
      case 'none':
        return undefined;
      case 'orphan-dependents':
        for (const d of dependents) await this.removeOwnerReferences(d.monitor.ref, d.obj, [uid], signal);
        await removeFinalizer(this.ctx.client, monitor.ref, obj, ORPHAN_FINALIZER, signal);
        return undefined;
      case 'delete-dependents':
        for (const d of dependents) if (!isBeingDeleted(d.obj)) this.enqueue(gcKey(groupResource(d.monitor.info), d.obj));
        return undefined;
      case 'remove-foreground-finalizer':
        for (const d of dependents) if (!isBeingDeleted(d.obj)) this.enqueue(gcKey(groupResource(d.monitor.info), d.obj));
        await removeFinalizer(this.ctx.client, monitor.ref, obj, FOREGROUND_FINALIZER, signal);
        return undefined;
    }
  }

  /**
   * Whether an owner exists: the cache first, the API server when the cache does not have it (it
   * may lag behind). Absence confirmed by the server is remembered.
   */
  private async ownerState(ref: OwnerReference, dependent: ObjectLike, signal: AbortSignal): Promise<ClassifiedOwner['state'] | 'invalid'> {
    const group = parseApiVersion(ref.apiVersion).group;
    const monitor = this.monitors?.forKind(group, ref.kind);
    const ownerRef = monitor?.ref ?? (await this.resolve(ref, group, signal));
    const dependentNamespace = dependent.metadata?.namespace ?? '';
    if (ownerRef.namespaced && dependentNamespace === '') return 'invalid';
    const namespace = ownerRef.namespaced ? dependentNamespace : '';
    if (this.absent.has(namespace, ref.uid)) return 'dangling';
    const cached = monitor?.informer.get(namespace, ref.name);
    if (cached?.metadata?.uid === ref.uid) return classifyOwner(ref, cached);
    const live = await this.ctx.client.get(ownerRef, ref.name, { namespace: namespace === '' ? undefined : namespace, signal });
    const state = classifyOwner(ref, live);
    if (state === 'dangling') this.absent.add(namespace, ref.uid);
    return state;
  }

  /** The resource of an owner kind no monitor follows (not listable, say), via discovery. */
  private async resolve(ref: OwnerReference, group: string, signal: AbortSignal): Promise<ResourceRef<ObjectLike>> {
    try {
      return await this.mapper.refFor(ref.apiVersion, ref.kind, signal);
    } catch (e) {
      if (!isNoMatch(e)) throw e;
      // Another version of the same kind identifies the same objects.
      return this.mapper.preferredRefFor(group, ref.kind, signal);
    }
  }

  private async removeOwnerReferences(ref: ResourceRef<ObjectLike>, obj: ObjectLike, uids: readonly string[], signal: AbortSignal): Promise<void> {
    try {
      await patchMetadata(
        this.ctx.client,
        ref,
        obj,
        (o) => {
          const refs = o.metadata?.ownerReferences ?? [];
          const kept = refs.filter((r) => !uids.includes(r.uid));
          return kept.length === refs.length ? undefined : { ownerReferences: kept };
        },
        signal,
      );
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  private async unblockOwnerReferences(ref: ResourceRef<ObjectLike>, obj: ObjectLike, signal: AbortSignal): Promise<void> {
    await patchMetadata(
      this.ctx.client,
      ref,
      obj,
      (o) => {
        const refs = o.metadata?.ownerReferences ?? [];
        if (!refs.some((r) => r.blockOwnerDeletion === true)) return undefined;
        return { ownerReferences: refs.map((r) => (r.blockOwnerDeletion === true ? { ...r, blockOwnerDeletion: false } : r)) };
      },
      signal,
    );
  }

  /**
   * Deletes the object as it was when the decision was made: preconditions on UID and
   * resourceVersion. If only the resourceVersion moved and the owners did not change, the
   * decision still holds and the object is deleted on its UID alone.
   */
  private async deleteObject(ref: ResourceRef<ObjectLike>, obj: ObjectLike, propagation: Propagation, signal: AbortSignal): Promise<void> {
    const name = obj.metadata?.name ?? '';
    const namespace = ref.namespaced ? obj.metadata?.namespace : undefined;
    const uid = obj.metadata?.uid ?? '';
    this.ctx.logger.debug({ controller: this.name, object: objectKey(obj), resource: ref.resource, propagation }, 'deleting an object whose owners are gone');
    try {
      await this.ctx.client.delete(ref, name, { namespace, propagationPolicy: propagation, preconditions: { uid, resourceVersion: obj.metadata?.resourceVersion ?? '' }, signal });
    } catch (e) {
      if (!isConflict(e)) throw e;
      const live = await this.ctx.client.get(ref, name, { namespace, signal });
      if (live?.metadata?.uid !== uid) return;
      if (!isDeepStrictEqual(live.metadata.ownerReferences ?? [], obj.metadata?.ownerReferences ?? [])) throw e;
      await this.ctx.client.delete(ref, name, { namespace, propagationPolicy: propagation, preconditions: { uid }, signal });
    }
  }
}
