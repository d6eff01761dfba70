/**
 * PersistentVolumeClaims (spec §3.7, upstream `persistentvolumeclaims/translate.go`): the claim is
 * copied to the host under its host name; what the host's volume binder decides (status, volume
 * name, bind annotations) flows back.
 */
import type { PersistentVolumeClaim, PersistentVolumeClaimSpec } from 'kubernetes-types/core/v1.js';
import { SKIP_TRANSLATE_ANNOTATION } from '../../api/labels.js';
import { hostLabelSelector, hostMetadata, hostName, hostNameCluster, type HostOwner, type NameContext } from '../names.js';
import { cloneJson } from '../../lib/json.js';

export const PVC_GVK = { group: '', version: 'v1', kind: 'PersistentVolumeClaim' } as const;

export const BIND_COMPLETED_ANNOTATION = 'pv.kubernetes.io/bind-completed';
export const BOUND_BY_CONTROLLER_ANNOTATION = 'pv.kubernetes.io/bound-by-controller';
export const STORAGE_PROVISIONER_ANNOTATION = 'volume.beta.kubernetes.io/storage-provisioner';
export const DEPRECATED_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** Set by the host's volume binder; copied host → virtual, never virtual → host. */
export const PVC_EXCLUDED_ANNOTATIONS: readonly string[] = [
  BIND_COMPLETED_ANNOTATION,
  BOUND_BY_CONTROLLER_ANNOTATION,
  STORAGE_PROVISIONER_ANNOTATION,
];

export interface PvcTranslateOptions {
  /** `sync.toHost.storageClasses`: virtual StorageClasses exist on the host under host names. */
  readonly storageClassesToHost: boolean;
  /** Fake PVs (the default): the host binds claims to host PVs and the virtual cluster mirrors them. */
  readonly fakePersistentVolumes: boolean;
}

export interface PvcTranslateInput {
  readonly virtual: PersistentVolumeClaim;
  readonly owner?: HostOwner | undefined;
  /** Real PV sync only: does a host StorageClass with the claim's class name exist? */
  readonly hostStorageClassExists?: boolean | undefined;
}

function storageClassOf(claim: PersistentVolumeClaim): string {
  const name = claim.spec?.storageClassName ?? '';
  if (name !== '') return name;
  return claim.metadata?.annotations?.[DEPRECATED_STORAGE_CLASS_ANNOTATION] ?? '';
}

function withStorageClass(claim: PersistentVolumeClaim, storageClassName: string): PersistentVolumeClaim {
  const { [DEPRECATED_STORAGE_CLASS_ANNOTATION]: _deprecated, ...annotations } = claim.metadata?.annotations ?? {};
  return { ...claim, metadata: { ...claim.metadata, annotations }, spec: { ...claim.spec, storageClassName } };
}

/** `translateSelector`: storage class, selector and volume name on the host. */
function translateBinding(ctx: NameContext, claim: PersistentVolumeClaim, input: PvcTranslateInput, options: PvcTranslateOptions): PersistentVolumeClaim {
  const storageClass = storageClassOf(input.virtual);
  let out = claim;
  if (options.storageClassesToHost && storageClass !== '') out = withStorageClass(out, hostNameCluster(ctx, storageClass));
  if (options.fakePersistentVolumes || input.virtual.metadata?.annotations?.[SKIP_TRANSLATE_ANNOTATION] === 'true') return out;
  const spec: PersistentVolumeClaimSpec = { ...out.spec };
  if (spec.selector !== undefined) {
    const selector = hostLabelSelector(ctx, spec.selector);
    if (selector !== undefined) spec.selector = selector;
  }
  if (spec.volumeName !== undefined && spec.volumeName !== '') spec.volumeName = hostNameCluster(ctx, spec.volumeName);
  out = { ...out, spec };
  if (!options.storageClassesToHost && storageClass !== '') {
    const staticBinding = spec.selector !== undefined || (spec.volumeName ?? '') !== '';
    // A class the host lacks must be the virtual one, synced under its host name.
    if (staticBinding || input.hostStorageClassExists === false) out = withStorageClass(out, hostNameCluster(ctx, storageClass));
  }
  return out;
}

/** The host claim for a virtual claim (`translate`). */
export function toHostPvc(ctx: NameContext, input: PvcTranslateInput, options: PvcTranslateOptions): PersistentVolumeClaim {
  const virtual = input.virtual;
  const namespace = virtual.metadata?.namespace ?? '';
  const target = hostName(ctx, virtual.metadata?.name ?? '', namespace);
  const metadata = hostMetadata(ctx, { gvk: PVC_GVK, metadata: virtual.metadata ?? {} }, target, {
    excludedAnnotations: PVC_EXCLUDED_ANNOTATIONS,
    ...(input.owner === undefined ? {} : { owner: input.owner }),
  });
  let claim: PersistentVolumeClaim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata, spec: cloneJson(virtual.spec ?? {}) };
  claim = translateBinding(ctx, claim, input, options);
  if (virtual.metadata?.annotations?.[SKIP_TRANSLATE_ANNOTATION] === 'true') return claim;
  const spec: PersistentVolumeClaimSpec = { ...claim.spec };
  if (spec.dataSource?.kind === 'PersistentVolumeClaim') {
    spec.dataSource = { ...spec.dataSource, name: hostName(ctx, spec.dataSource.name, namespace).name };
  }
  if (spec.dataSourceRef?.kind === 'PersistentVolumeClaim') {
    const refNamespace = spec.dataSourceRef.namespace ?? namespace;
    spec.dataSourceRef = { ...spec.dataSourceRef, name: hostName(ctx, spec.dataSourceRef.name, refNamespace).name };
  }
  return { ...claim, spec };
}

/** The bind annotations of the host claim, copied onto the virtual annotations (`translateUpdateBackwards`). */
export function withBindAnnotations(
  virtual: Readonly<Record<string, string>> | undefined,
  host: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  let out: Record<string, string> | undefined = virtual === undefined ? undefined : { ...virtual };
  for (const key of PVC_EXCLUDED_ANNOTATIONS) {
    const hostValue = host?.[key];
    if ((out?.[key] ?? '') === (hostValue ?? '')) continue;
    out = { ...out, [key]: hostValue ?? '' };
  }
  return out;
}

/**
 * The volume name the virtual claim must have once the host claim is bound: with fake PVs the host
 * PV's own name (the fake PV is created under it). `undefined`: nothing to change.
 */
export function wantedVirtualVolumeName(host: PersistentVolumeClaim, virtual: PersistentVolumeClaim): string | undefined {
  const hostVolume = host.spec?.volumeName ?? '';
  if (hostVolume === '' || hostVolume === (virtual.spec?.volumeName ?? '')) return undefined;
  return hostVolume;
}
