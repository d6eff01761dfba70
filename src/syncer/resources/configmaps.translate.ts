/**
 * ConfigMaps, virtual → host (spec §3.4): which ones are synced (used by a pod, force-synced, or
 * all), the host copy, and the both-ways merge of `data` / `binaryData`.
 */
import type { ConfigMap, Container, EphemeralContainer, Pod } from 'kubernetes-types/core/v1.js';
import { FORCE_SYNC_ANNOTATION } from '../../api/labels.js';
import { hostMetadata, virtualMetadata, type GroupVersionKind, type HostOwner, type NameContext, type NamespacedName } from '../names.js';
import { clone, mergeMapsBidirectional, syncMetadata, withMetadata, type SyncPair } from '../metadata.translate.js';

export const CONFIGMAP_GVK: GroupVersionKind = { group: '', version: 'v1', kind: 'ConfigMap' };

/** Every container of a pod, ephemeral ones included. */
export function containersOf(pod: Pod): (Container | EphemeralContainer)[] {
  const spec = pod.spec;
  if (spec === undefined) return [];
  return [...(spec.initContainers ?? []), ...spec.containers, ...(spec.ephemeralContainers ?? [])];
}

export function uniqueNames(names: readonly (string | undefined)[]): string[] {
  return [...new Set(names.filter((n): n is string => n !== undefined && n !== ''))].sort();
}

/** Names of the ConfigMaps a pod reads (in the pod's namespace). */
export function configMapsUsedByPod(pod: Pod): string[] {
  const names: (string | undefined)[] = [];
  for (const container of containersOf(pod)) {
    for (const env of container.env ?? []) names.push(env.valueFrom?.configMapKeyRef?.name);
    for (const from of container.envFrom ?? []) names.push(from.configMapRef?.name);
  }
  for (const volume of pod.spec?.volumes ?? []) {
    names.push(volume.configMap?.name);
    for (const source of volume.projected?.sources ?? []) names.push(source.configMap?.name);
  }
  return uniqueNames(names);
}

/** `namespace/name` keys of names in a namespace (the form the usage indexes hold). */
export function keysIn(namespace: string | undefined, names: readonly string[]): string[] {
  return names.map((name) => `${namespace ?? ''}/${name}`);
}

/** The same keys, in any order. */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((k) => set.has(k)) && new Set(b).size === set.size;
}

/**
 * Is a virtual ConfigMap or Secret synced? When force-synced (`vcluster.loft.sh/force-sync: "true"`
 * on the virtual object), with `all: true`, or when something uses it.
 */
export function isUsed(obj: { readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> } }, options: { readonly all: boolean; readonly used: boolean }): boolean {
  return options.all || options.used || obj.metadata?.annotations?.[FORCE_SYNC_ANNOTATION] === 'true';
}

/** The host copy of a virtual ConfigMap. */
export function toHostConfigMap(names: NameContext, virtual: ConfigMap, host: NamespacedName, owner?: HostOwner): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: hostMetadata(names, { gvk: CONFIGMAP_GVK, metadata: virtual.metadata ?? {} }, host, owner === undefined ? {} : { owner }),
    ...(virtual.data === undefined ? {} : { data: { ...virtual.data } }),
    ...(virtual.binaryData === undefined ? {} : { binaryData: { ...virtual.binaryData } }),
    ...(virtual.immutable === undefined ? {} : { immutable: virtual.immutable }),
  };
}

/** A virtual ConfigMap made from a host one that vcluster ≤ 0.20 synced (spec §1.10). */
export function importConfigMap(names: NameContext, host: ConfigMap, virtual: NamespacedName): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: virtualMetadata(names, host.metadata ?? {}, virtual),
    ...(host.data === undefined ? {} : { data: { ...host.data } }),
    ...(host.binaryData === undefined ? {} : { binaryData: { ...host.binaryData } }),
  };
}

/** Labels, annotations, `data` and `binaryData` both ways (spec §3.4 Sync). */
export function syncConfigMap(names: NameContext, event: SyncPair<ConfigMap>): { virtual: ConfigMap; host: ConfigMap } {
  const known = { virtualOldKnown: event.virtualOld !== undefined, hostOldKnown: event.hostOld !== undefined };
  const metadata = syncMetadata(names, CONFIGMAP_GVK, {
    virtualOld: event.virtualOld?.metadata,
    virtual: event.virtual.metadata ?? {},
    hostOld: event.hostOld?.metadata,
    host: event.host.metadata ?? {},
  });
  const data = mergeMapsBidirectional(event.virtualOld?.data, event.virtual.data, event.hostOld?.data, event.host.data, known);
  const binaryData = mergeMapsBidirectional(event.virtualOld?.binaryData, event.virtual.binaryData, event.hostOld?.binaryData, event.host.binaryData, known);
  const virtual = clone(event.virtual);
  const host = clone(event.host);
  virtual.metadata = withMetadata(virtual.metadata ?? {}, metadata.virtual);
  host.metadata = withMetadata(host.metadata ?? {}, metadata.host);
  setMap(virtual, 'data', data.virtual);
  setMap(host, 'data', data.host);
  setMap(virtual, 'binaryData', binaryData.virtual);
  setMap(host, 'binaryData', binaryData.host);
  return { virtual, host };
}

function setMap(obj: ConfigMap, field: 'data' | 'binaryData', value: Record<string, string> | undefined): void {
  if (value === undefined || Object.keys(value).length === 0) Reflect.deleteProperty(obj, field);
  else obj[field] = value;
}
