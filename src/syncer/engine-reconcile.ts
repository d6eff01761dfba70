/**
 * One reconcile of one virtual key (spec §4.2): read both sides (cache plus our own recent
 * writes), refuse to touch host objects that are not ours, pick `toHost` / `sync` / `toVirtual`,
 * apply what the handler asks for, remember the resulting states.
 */
import { CONTROLLER_LABEL, KIND_ANNOTATION, SKIP_BACKSYNC_ANNOTATION, UID_ANNOTATION } from '../api/labels.js';
import { isConflict, isNotFound } from '../api/status.js';
import { keyOf, objectKey, splitKey, type ObjectLike } from '../client/index.js';
import type { ReconcileResult } from '../runtime/index.js';
import type { SideState } from './engine-state.js';
import { applyIntent, type SideWriter, type WriteOutcome } from './engine-write.js';
import { objectKindAnnotationValue, type NamespacedName } from './names.js';
import type { ResourceSyncer, SyncContext, SyncResult, VirtualSyncer, WriteIntent } from './types.js';

/** How soon to look again when the caches lag behind a write or a conflict happened (spec §4.3: 1 s). */
export const CONFLICT_RETRY_MS = 1000;
const LAG_RETRY_MS = 250;
/** A foreign host object blocks the name: check again now and then (nothing else would tell us). */
export const COLLISION_RETRY_MS = 15_000;

export interface ResourceRuntime<T extends ObjectLike> {
  readonly syncer: ResourceSyncer<T>;
  readonly virtual: SideWriter<T>;
  readonly host: SideWriter<T>;
  /** Host keys seen for virtual keys, for kinds whose mapper cannot compute them (events). */
  readonly hostKeys: Map<string, string>;
}

export interface VirtualRuntime<T extends ObjectLike> {
  readonly syncer: VirtualSyncer<T>;
  readonly virtual: SideWriter<T>;
}

const CONTROLLER_ANNOTATION = CONTROLLER_LABEL;

/** Spec §4.2 exclusion rules. */
export function isExcluded(syncerName: string, obj: ObjectLike): boolean {
  if (obj.metadata?.labels?.[CONTROLLER_LABEL] !== undefined) return true;
  const annotation = obj.metadata?.annotations?.[CONTROLLER_ANNOTATION];
  return annotation !== undefined && annotation !== '' && annotation !== syncerName;
}

function nameOf(key: string): NamespacedName {
  return splitKey(key);
}

function describe(name: NamespacedName): string {
  return name.namespace === '' ? name.name : `${name.namespace}/${name.name}`;
}

function collisionMessage(kind: string, virtual: NamespacedName, host: NamespacedName, vclusterName: string): string {
  return `cannot sync ${kind} ${describe(virtual)}: the host ${kind} ${describe(host)} already exists and is not managed by vcluster ${vclusterName}; it is left untouched`;
}

function reportCollision(ctx: SyncContext, syncer: ResourceSyncer<ObjectLike>, virtual: ObjectLike | undefined, vName: NamespacedName, hName: NamespacedName): ReconcileResult {
  const message = collisionMessage(syncer.gvk.kind, vName, hName, ctx.names.vclusterName);
  ctx.logger.warn({ syncer: syncer.name, virtual: describe(vName), host: describe(hName) }, 'host object with the desired name is not ours');
  if (virtual !== undefined) {
    ctx.events.record({ apiVersion: virtual.apiVersion ?? apiVersionOfGvk(syncer), kind: virtual.kind ?? syncer.gvk.kind, metadata: virtual.metadata }, 'Warning', 'SyncError', message);
  }
  return { requeueAfterMs: COLLISION_RETRY_MS };
}

function apiVersionOfGvk(syncer: ResourceSyncer<ObjectLike>): string {
  return syncer.gvk.group === '' ? syncer.gvk.version : `${syncer.gvk.group}/${syncer.gvk.version}`;
}

/** Why a write did not go through, and how soon to try again. */
class Retry extends Error {
  constructor(readonly afterMs: number, message: string) {
    super(message);
  }
}

async function write<T extends ObjectLike>(
  ctx: SyncContext,
  rt: ResourceRuntime<T>,
  side: 'virtual' | 'host',
  current: T | undefined,
  intent: WriteIntent<T>,
  partner: { readonly present: boolean; readonly name: NamespacedName },
  virtualForEvents: T | undefined,
): Promise<WriteOutcome<T>> {
  const writer = side === 'virtual' ? rt.virtual : rt.host;
  const other = side === 'virtual' ? rt.host : rt.virtual;
  if (intent.op === 'delete' && !partner.present) {
    // Deleting because the partner is gone: make sure it really is, not just missing from a lagging cache.
    const live = await other.client.get(other.resource, partner.name.name, { namespace: partner.name.namespace || undefined, signal: writer.signal });
    if (live !== undefined) {
      if (side === 'virtual' && !rt.syncer.mapper.isManaged(ctx, live)) {
        throw new Retry(reportCollision(ctx, rt.syncer, virtualForEvents, nameOf(objectKey(current ?? live)), partner.name).requeueAfterMs ?? COLLISION_RETRY_MS, 'collision');
      }
      throw new Retry(LAG_RETRY_MS, 'partner exists; cache lags');
    }
  }
  const outcome = await applyIntent(writer, current, intent);
  if (outcome.kind === 'exists') {
    if (side === 'host' && (intent.op === 'create' || intent.op === 'update' || intent.op === 'recreate')) {
      const name = { name: intent.object.metadata?.name ?? '', namespace: intent.object.metadata?.namespace ?? '' };
      const live = await writer.client.get(writer.resource, name.name, { namespace: name.namespace || undefined, signal: writer.signal });
      if (live !== undefined && !rt.syncer.mapper.isManaged(ctx, live)) {
        const vName = virtualForEvents === undefined ? name : nameOf(objectKey(virtualForEvents));
        throw new Retry(reportCollision(ctx, rt.syncer, virtualForEvents, vName, name).requeueAfterMs ?? COLLISION_RETRY_MS, 'collision');
      }
    }
    throw new Retry(LAG_RETRY_MS, 'object exists; cache lags');
  }
  return outcome;
}

function retryFor(e: unknown): number | undefined {
  if (e instanceof Retry) return e.afterMs;
  if (isConflict(e)) return CONFLICT_RETRY_MS;
  // Updated or deleted an object that is gone meanwhile: the next event tells us the rest.
  if (isNotFound(e)) return LAG_RETRY_MS;
  return undefined;
}

async function apply<T extends ObjectLike>(
  ctx: SyncContext,
  rt: ResourceRuntime<T>,
  result: SyncResult<T>,
  state: { vKey: string; hKey: string; vName: NamespacedName; hName: NamespacedName; virtual: T | undefined; host: T | undefined },
): Promise<ReconcileResult | undefined> {
  try {
    if (result.virtual !== undefined) {
      await write(ctx, rt, 'virtual', state.virtual, result.virtual, { present: state.host !== undefined, name: state.hName }, state.virtual);
    }
    if (result.host !== undefined) {
      await write(ctx, rt, 'host', state.host, result.host, { present: state.virtual !== undefined, name: state.vName }, state.virtual);
    }
  } catch (e) {
    const after = retryFor(e);
    if (after === undefined) throw e;
    return { requeueAfterMs: after };
  }
  return result.requeueAfterMs !== undefined && result.requeueAfterMs > 0 ? { requeueAfterMs: result.requeueAfterMs } : undefined;
}

function remember<T extends ObjectLike>(state: SideState<T>, key: string): void {
  state.remember(key, state.current(key));
}

export async function reconcileResource<T extends ObjectLike>(ctx: SyncContext, rt: ResourceRuntime<T>, vKey: string): Promise<ReconcileResult | undefined> {
  const syncer = rt.syncer;
  const vName = nameOf(vKey);
  if (syncer.skip?.(ctx, vName) === true) return undefined;
  const virtual = rt.virtual.state.current(vKey);
  const seenHostKey = rt.hostKeys.get(vKey);
  const hName = syncer.mapper.virtualToHost(ctx, vName, virtual) ?? (seenHostKey === undefined ? undefined : nameOf(seenHostKey));
  if (hName === undefined) {
    // No host partner can exist (e.g. virtual events).
    if (virtual === undefined) rt.virtual.state.forget(vKey);
    return undefined;
  }
  const hKey = keyOf(hName.namespace, hName.name);
  const host = rt.host.state.current(hKey);
  if (host !== undefined && !syncer.mapper.isManaged(ctx, host)) {
    return reportCollision(ctx, syncer, virtual, vName, hName);
  }
  if ((virtual !== undefined && isExcluded(syncer.name, virtual)) || (host !== undefined && isExcluded(syncer.name, host))) return undefined;

  const virtualOld = rt.virtual.state.getOld(vKey);
  const hostOld = rt.host.state.getOld(hKey);
  let result: SyncResult<T>;
  if (virtual !== undefined && host !== undefined) {
    const uidMismatch = uidMismatchOf(syncer, virtual, host);
    if (uidMismatch) {
      if (host.metadata?.deletionTimestamp !== undefined) return { requeueAfterMs: CONFLICT_RETRY_MS };
      result = { host: { op: 'delete', reason: 'the virtual object was replaced (uid differs)' }, requeueAfterMs: LAG_RETRY_MS };
    } else {
      result = await syncer.sync(ctx, { virtual, host, virtualName: vName, hostName: hName, ...(virtualOld === undefined ? {} : { virtualOld }), ...(hostOld === undefined ? {} : { hostOld }) });
    }
  } else if (virtual !== undefined) {
    result = await syncer.toHost(ctx, { virtual, hostName: hName, ...(hostOld === undefined ? {} : { hostOld }) });
  } else if (host !== undefined) {
    if (host.metadata?.annotations?.[SKIP_BACKSYNC_ANNOTATION] === 'true') return undefined;
    result = await syncer.toVirtual(ctx, { host, virtualName: vName, ...(virtualOld === undefined ? {} : { virtualOld }) });
  } else {
    rt.virtual.state.forget(vKey);
    rt.host.state.forget(hKey);
    rt.hostKeys.delete(vKey);
    if (syncer.skipMappingRecording !== true) ctx.mappings.forget(objectKindAnnotationValue(syncer.gvk), vName);
    return undefined;
  }

  const outcome = await apply(ctx, rt, result, { vKey, hKey, vName, hName, virtual, host });
  if (outcome?.requeueAfterMs === undefined) {
    remember(rt.virtual.state, vKey);
    remember(rt.host.state, hKey);
  }
  if (syncer.skipMappingRecording !== true && rt.virtual.state.current(vKey) !== undefined && rt.host.state.current(hKey) !== undefined) {
    ctx.mappings.record(objectKindAnnotationValue(syncer.gvk), vName, hName);
  }
  if (result.host !== undefined || result.virtual !== undefined) {
    ctx.logger.debug({ syncer: syncer.name, key: vKey, virtual: result.virtual?.op, host: result.host?.op }, 'synced');
  }
  return outcome;
}

/** Spec §4.2: the host copy belongs to an older virtual object of the same name. */
function uidMismatchOf<T extends ObjectLike>(syncer: ResourceSyncer<T>, virtual: T, host: T): boolean {
  if (syncer.disableUidDeletion === true) return false;
  const annotations = host.metadata?.annotations ?? {};
  const uid = annotations[UID_ANNOTATION] ?? '';
  if (uid === '' || uid === (virtual.metadata?.uid ?? '')) return false;
  const kind = annotations[KIND_ANNOTATION] ?? '';
  return kind === '' || kind === objectKindAnnotationValue(syncer.gvk);
}

export async function reconcileVirtual<T extends ObjectLike>(ctx: SyncContext, rt: VirtualRuntime<T>, key: string): Promise<ReconcileResult | undefined> {
  const syncer = rt.syncer;
  const name = nameOf(key);
  if (syncer.skip?.(ctx, name) === true) return undefined;
  const virtual = rt.virtual.state.current(key);
  if (virtual !== undefined && virtual.metadata?.labels?.[CONTROLLER_LABEL] !== undefined) return undefined;
  const result = virtual === undefined ? await syncer.toVirtual(ctx, name) : await syncer.sync(ctx, virtual);
  try {
    if (result.virtual !== undefined) {
      const outcome = await applyIntent(rt.virtual, virtual, result.virtual);
      if (outcome.kind === 'exists') return { requeueAfterMs: LAG_RETRY_MS };
    }
  } catch (e) {
    const after = retryFor(e);
    if (after === undefined) throw e;
    return { requeueAfterMs: after };
  }
  if (virtual === undefined && result.virtual === undefined) rt.virtual.state.forget(key);
  return result.requeueAfterMs !== undefined && result.requeueAfterMs > 0 ? { requeueAfterMs: result.requeueAfterMs } : undefined;
}
