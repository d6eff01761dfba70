import { isNotFound } from '../../api/status.js';
import type { KubeClient, ObjectLike, ResourceRef } from '../../client/index.js';
import { isBeingDeleted } from '../shared/metadata.js';
import { controllerRef, type Owner } from './pod-control.js';

/** The controller that wants to adopt objects changed (deleted, replaced) since it was cached. */
export class OwnerChangedError extends Error {
  override readonly name = 'OwnerChangedError';
}

export interface ClaimOptions<T extends ObjectLike> {
  readonly client: KubeClient;
  /** The resource of the claimed objects (pods, replicasets, controllerrevisions). */
  readonly ref: ResourceRef<T>;
  /** The claiming controller object, as cached. */
  readonly owner: ObjectLike;
  readonly ownerRef: Owner;
  /** The controller's resource, to re-read it before the first adoption. */
  readonly ownerResource: ResourceRef<ObjectLike>;
  /** Whether an object belongs to the owner (its selector, and for StatefulSets its name). */
  readonly match: (obj: T) => boolean;
  /** Finalizers added on adoption (the Job controller's tracking finalizer). */
  readonly adoptFinalizers?: readonly string[];
  readonly signal?: AbortSignal | undefined;
}

/**
 * kube's ControllerRefManager: of `candidates`, returns those the owner controls and that match,
 * adopting matching orphans (a strategic-merge patch adding a controller reference, guarded by the
 * object's UID) and releasing owned objects that no longer match. An owner being deleted adopts and
 * releases nothing. Adoption first re-reads the owner, so a deleted or re-created owner adopts
 * nothing. Failures are thrown after every candidate was considered.
 */
export async function claimObjects<T extends ObjectLike>(candidates: readonly T[], options: ClaimOptions<T>): Promise<T[]> {
  const { owner, ownerRef } = options;
  const ownerDeleting = isBeingDeleted(owner);
  const claimed: T[] = [];
  const failures: unknown[] = [];
  let adoptable: Promise<void> | undefined;
  const canAdopt = (): Promise<void> => (adoptable ??= recheckOwner(options));

  for (const obj of candidates) {
    const ref = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (ref) {
      if (ref.uid !== ownerRef.uid) continue;
      if (options.match(obj)) {
        claimed.push(obj);
        continue;
      }
      if (ownerDeleting) continue;
      try {
        await patchOwnerRefs(options, obj, { ownerReferences: [{ $patch: 'delete', uid: ownerRef.uid }] });
      } catch (e) {
        if (!isNotFound(e)) failures.push(e);
      }
      continue;
    }
    if (ownerDeleting || !options.match(obj) || isBeingDeleted(obj)) continue;
    if ((owner.metadata?.namespace ?? '') !== '' && owner.metadata?.namespace !== obj.metadata?.namespace) continue;
    try {
      await canAdopt();
      const adopted = await patchOwnerRefs(options, obj, {
        ownerReferences: [controllerRef(ownerRef)],
        ...(options.adoptFinalizers && options.adoptFinalizers.length > 0 ? { finalizers: [...options.adoptFinalizers] } : {}),
      });
      claimed.push(adopted);
    } catch (e) {
      if (!isNotFound(e)) failures.push(e);
    }
  }
  if (failures.length > 0) throw failures[0];
  return claimed;
}

function patchOwnerRefs<T extends ObjectLike>(options: ClaimOptions<T>, obj: T, metadata: Record<string, unknown>): Promise<T> {
  return options.client.patch(options.ref, obj.metadata?.name ?? '', { metadata: { ...metadata, uid: obj.metadata?.uid } }, {
    type: 'strategic',
    namespace: obj.metadata?.namespace,
    signal: options.signal,
  });
}

/** controller.RecheckDeletionTimestamp: the owner as the server has it now is the one cached and not being deleted. */
async function recheckOwner<T extends ObjectLike>(options: ClaimOptions<T>): Promise<void> {
  const { ownerRef } = options;
  const fresh = await options.client.get(options.ownerResource, ownerRef.name, { namespace: options.owner.metadata?.namespace, signal: options.signal });
  if (!fresh || fresh.metadata?.uid !== ownerRef.uid) {
    throw new OwnerChangedError(`original ${ownerRef.kind} ${options.owner.metadata?.namespace ?? ''}/${ownerRef.name} is gone: got uid ${fresh?.metadata?.uid ?? '(none)'}, wanted ${ownerRef.uid}`);
  }
  if (isBeingDeleted(fresh)) {
    throw new OwnerChangedError(`${options.owner.metadata?.namespace ?? ''}/${ownerRef.name} has just been deleted at ${fresh.metadata.deletionTimestamp ?? ''}`);
  }
}
