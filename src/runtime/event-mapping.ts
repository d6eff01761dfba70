import { apiVersionOf, parseApiVersion } from '../api/object.js';
import { keyOf, objectKey, type ObjectLike } from '../client/index.js';

/** Turns an object into the keys of the objects to reconcile. */
export type KeyMapper<T> = (obj: T) => Iterable<string>;

/** A change seen by an informer, as predicates see it. */
export type ObjectEvent<T> =
  | { readonly type: 'add'; readonly obj: T }
  | { readonly type: 'update'; readonly old: T; readonly obj: T }
  | { readonly type: 'delete'; readonly obj: T };

/** Whether an event should enqueue anything. */
export type Predicate<T> = (event: ObjectEvent<T>) => boolean;

/** The object itself: `namespace/name`. */
export const enqueueObject: KeyMapper<ObjectLike> = (obj) => [objectKey(obj)];

export interface OwnerSelector {
  /** The owner's group (`apps`, '' for core); versions are not compared, as controller-runtime. */
  readonly group: string;
  readonly kind: string;
  /** Only the owner reference with `controller: true` (default true). */
  readonly controllerOnly?: boolean;
}

/**
 * The owners of the object with the given group and kind (in the object's namespace): pods →
 * their ReplicaSet, ReplicaSets → their Deployment.
 */
export function enqueueOwner(owner: OwnerSelector): KeyMapper<ObjectLike> {
  const controllerOnly = owner.controllerOnly ?? true;
  return (obj) => {
    const keys: string[] = [];
    for (const ref of obj.metadata?.ownerReferences ?? []) {
      if (controllerOnly && ref.controller !== true) continue;
      if (ref.kind !== owner.kind || parseApiVersion(ref.apiVersion).group !== owner.group) continue;
      keys.push(keyOf(obj.metadata?.namespace, ref.name));
    }
    return keys;
  };
}

/** The controller owner reference of `obj`, if any. */
export function controllerOf(obj: ObjectLike): { apiVersion: string; kind: string; name: string; uid: string } | undefined {
  const ref = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
  return ref ? { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid } : undefined;
}

/** An owner reference for `owner` (controller by default, blocking owner deletion). */
export function ownerReference(
  owner: ObjectLike,
  options: { controller?: boolean; blockOwnerDeletion?: boolean } = {},
): { apiVersion: string; kind: string; name: string; uid: string; controller: boolean; blockOwnerDeletion: boolean } {
  const apiVersion = owner.apiVersion ?? '';
  const kind = owner.kind ?? '';
  const name = owner.metadata?.name ?? '';
  const uid = owner.metadata?.uid ?? '';
  if (apiVersion === '' || kind === '' || name === '' || uid === '') throw new Error(`cannot reference ${kind || 'an object'} "${name}" as owner: apiVersion, kind, name and uid are needed`);
  return { apiVersion: apiVersionOf(parseApiVersion(apiVersion).group, parseApiVersion(apiVersion).version), kind, name, uid, controller: options.controller ?? true, blockOwnerDeletion: options.blockOwnerDeletion ?? true };
}

/** Skips updates that do not change metadata.generation (status-only writes); others pass. */
export const generationChanged: Predicate<ObjectLike> = (e) => e.type !== 'update' || e.old.metadata?.generation !== e.obj.metadata?.generation;

/** Skips resyncs (updates where nothing changed). */
export const resourceVersionChanged: Predicate<ObjectLike> = (e) => e.type !== 'update' || e.old.metadata?.resourceVersion !== e.obj.metadata?.resourceVersion;

/** Skips updates that do not change the labels. */
export const labelsChanged: Predicate<ObjectLike> = (e) => e.type !== 'update' || !sameRecord(e.old.metadata?.labels, e.obj.metadata?.labels);

export function allOf<T>(...predicates: Predicate<T>[]): Predicate<T> {
  return (e) => predicates.every((p) => p(e));
}

export function anyOf<T>(...predicates: Predicate<T>[]): Predicate<T> {
  return (e) => predicates.some((p) => p(e));
}

function sameRecord(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  const kb = Object.keys(b ?? {});
  return ka.length === kb.length && ka.every((k) => a?.[k] === b?.[k]);
}
