import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { apiVersionOf, type GroupVersionResource, type KubeObject } from '../api/object.js';

/**
 * The least the client needs of an object: kubernetes-types' interfaces (Pod, Lease…) and our own
 * KubeObject both fit.
 */
export interface ObjectLike {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

declare const objectType: unique symbol;

/**
 * Where a resource lives on the API server. `T` is the object type the caller expects; it exists
 * only at compile time, so `get(pods, …)` returns a Pod without a cast at each call.
 */
export interface ResourceRef<T extends ObjectLike = KubeObject> extends GroupVersionResource {
  readonly namespaced: boolean;
  /** The kind served by the resource, when known (used to fill list items' apiVersion/kind). */
  readonly kind?: string;
  readonly [objectType]?: T;
}

/** Declares a resource reference with its object type. */
export function resourceRef<T extends ObjectLike = KubeObject>(ref: {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  kind?: string;
}): ResourceRef<T> {
  return ref;
}

export function refApiVersion(ref: GroupVersionResource): string {
  return apiVersionOf(ref.group, ref.version);
}

/** "pods", "deployments.apps": a resource's name in messages. */
export function refName(ref: GroupVersionResource): string {
  return ref.group === '' ? ref.resource : `${ref.resource}.${ref.group}`;
}

/** Cache and queue key of an object: `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(obj: ObjectLike): string {
  const name = obj.metadata?.name ?? '';
  const namespace = obj.metadata?.namespace ?? '';
  return namespace === '' ? name : `${namespace}/${name}`;
}

export function keyOf(namespace: string | undefined, name: string): string {
  return namespace === undefined || namespace === '' ? name : `${namespace}/${name}`;
}

/** Splits a key made by `objectKey`/`keyOf`. */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export function resourceVersionOf(obj: ObjectLike): string {
  return obj.metadata?.resourceVersion ?? '';
}
