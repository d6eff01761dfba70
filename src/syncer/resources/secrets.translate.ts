/**
 * Secrets, virtual → host (spec §3.4): which ones are synced (used by a pod or an ingress,
 * force-synced, or all), the host copy, and the both-ways merge of `data` / `stringData`.
 */
import type { Pod, Secret, Volume } from 'kubernetes-types/core/v1.js';
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import { hostMetadata, virtualMetadata, type GroupVersionKind, type HostOwner, type NameContext, type NamespacedName } from '../names.js';
import { clone, mergeMapsBidirectional, syncMetadata, withMetadata, type SyncPair } from '../metadata.translate.js';
import { containersOf, uniqueNames } from './configmaps.translate.js';

export const SECRET_GVK: GroupVersionKind = { group: '', version: 'v1', kind: 'Secret' };

export const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';

function volumeSecrets(volume: Volume): (string | undefined)[] {
  return [
    volume.secret?.secretName,
    ...(volume.projected?.sources ?? []).map((s) => s.secret?.name),
    volume.azureFile?.secretName,
    volume.cephfs?.secretRef?.name,
    volume.cinder?.secretRef?.name,
    volume.csi?.nodePublishSecretRef?.name,
    volume.flexVolume?.secretRef?.name,
    volume.iscsi?.secretRef?.name,
    volume.rbd?.secretRef?.name,
    volume.scaleIO?.secretRef.name,
    volume.storageos?.secretRef?.name,
  ];
}

/** Names of the Secrets a pod reads (in the pod's namespace). */
export function secretsUsedByPod(pod: Pod): string[] {
  const names: (string | undefined)[] = [];
  for (const container of containersOf(pod)) {
    for (const env of container.env ?? []) names.push(env.valueFrom?.secretKeyRef?.name);
    for (const from of container.envFrom ?? []) names.push(from.secretRef?.name);
  }
  for (const volume of pod.spec?.volumes ?? []) names.push(...volumeSecrets(volume));
  for (const ref of pod.spec?.imagePullSecrets ?? []) names.push(ref.name);
  return uniqueNames(names);
}

/** Ingress annotations whose value names a Secret (`name` or `ns/name`), spec §3.9. */
export const INGRESS_SECRET_ANNOTATIONS: readonly string[] = [
  'nginx.ingress.kubernetes.io/auth-secret',
  'nginx.ingress.kubernetes.io/auth-tls-secret',
  'nginx.ingress.kubernetes.io/proxy-ssl-secret',
];

/** `namespace/name` keys of the Secrets an ingress uses. */
export function secretKeysUsedByIngress(ingress: Ingress): string[] {
  const namespace = ingress.metadata?.namespace ?? '';
  const keys: string[] = [];
  for (const tls of ingress.spec?.tls ?? []) if (tls.secretName !== undefined && tls.secretName !== '') keys.push(`${namespace}/${tls.secretName}`);
  for (const annotation of INGRESS_SECRET_ANNOTATIONS) {
    const value = ingress.metadata?.annotations?.[annotation];
    if (value === undefined || value === '') continue;
    keys.push(value.includes('/') ? value : `${namespace}/${value}`);
  }
  return [...new Set(keys)].sort();
}

/** The host copy of a virtual Secret; a service-account token becomes `Opaque` on the host. */
export function toHostSecret(names: NameContext, virtual: Secret, host: NamespacedName, owner?: HostOwner): Secret {
  const type = virtual.type === SERVICE_ACCOUNT_TOKEN_TYPE ? 'Opaque' : virtual.type;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: hostMetadata(names, { gvk: SECRET_GVK, metadata: virtual.metadata ?? {} }, host, owner === undefined ? {} : { owner }),
    ...(type === undefined ? {} : { type }),
    ...(virtual.data === undefined ? {} : { data: { ...virtual.data } }),
    ...(virtual.immutable === undefined ? {} : { immutable: virtual.immutable }),
  };
}

/** A virtual Secret made from a host one that vcluster ≤ 0.20 synced (spec §1.10). */
export function importSecret(names: NameContext, host: Secret, virtual: NamespacedName): Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: virtualMetadata(names, host.metadata ?? {}, virtual),
    ...(host.type === undefined ? {} : { type: host.type }),
    ...(host.data === undefined ? {} : { data: { ...host.data } }),
  };
}

/**
 * Labels, annotations and `data` both ways (spec §3.4 Sync). The type is not copied: the API
 * server refuses to change it.
 */
export function syncSecret(names: NameContext, event: SyncPair<Secret>): { virtual: Secret; host: Secret } {
  const known = { virtualOldKnown: event.virtualOld !== undefined, hostOldKnown: event.hostOld !== undefined };
  const metadata = syncMetadata(names, SECRET_GVK, {
    virtualOld: event.virtualOld?.metadata,
    virtual: event.virtual.metadata ?? {},
    hostOld: event.hostOld?.metadata,
    host: event.host.metadata ?? {},
  });
  const data = mergeMapsBidirectional(event.virtualOld?.data, event.virtual.data, event.hostOld?.data, event.host.data, known);
  const virtual = clone(event.virtual);
  const host = clone(event.host);
  virtual.metadata = withMetadata(virtual.metadata ?? {}, metadata.virtual);
  host.metadata = withMetadata(host.metadata ?? {}, metadata.host);
  setData(virtual, data.virtual);
  setData(host, data.host);
  return { virtual, host };
}

function setData(secret: Secret, value: Record<string, string> | undefined): void {
  if (value === undefined || Object.keys(value).length === 0) delete secret.data;
  else secret.data = value;
}
