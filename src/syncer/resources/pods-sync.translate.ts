/**
 * Both pods exist (upstream `diff.go` `Diff`, spec §3.1 "Sync" step 8): the desired virtual pod
 * (status from the host, labels and annotations both ways) and the desired host pod (the mutable
 * spec fields, readiness-gate conditions, namespace labels, owner annotations). Each result is a
 * copy of the current object with only the owned fields changed, so the engine can drop no-ops.
 */
import type { Pod, Toleration } from 'kubernetes-types/core/v1.js';
import { syncMetadata, withMetadata } from '../metadata.translate.js';
import type { NameContext } from '../names.js';
import { ownerAnnotations, POD_EXCLUDED_ANNOTATIONS, tokenAnnotationKeys, withNamespaceLabels } from './pods-metadata.translate.js';
import { desiredVirtualStatus, hostConditionsWanted, hostSpecUpdate } from './pods-status.translate.js';
import type { ImageRules } from './pods-images.translate.js';
import { POD_GVK } from './pods.translate.js';

export interface PodSyncInput {
  readonly virtual: Pod;
  readonly host: Pod;
  readonly virtualOld?: Pod | undefined;
  readonly hostOld?: Pod | undefined;
  readonly namespaceLabels: Readonly<Record<string, string>>;
}

export interface PodSyncOptions {
  readonly translateImage: ImageRules;
  readonly enforceTolerations: readonly Toleration[];
  /** Readiness-gate conditions set in the virtual cluster go down to the host pod. */
  readonly status: boolean;
}

export interface PodSyncResult {
  readonly virtual: Pod;
  readonly host: Pod;
}

/** Only the virtual pod's status, for a host pod that is going away (its spec no longer matters). */
export function virtualStatusOnly(virtual: Pod, host: Pod): Pod {
  return { ...virtual, status: desiredVirtualStatus(host, virtual) };
}

export function syncPods(ctx: NameContext, input: PodSyncInput, options: PodSyncOptions): PodSyncResult {
  const { virtual, host } = input;
  const excluded = [...POD_EXCLUDED_ANNOTATIONS, ...tokenAnnotationKeys(host)];
  const metadata = syncMetadata(
    ctx,
    POD_GVK,
    {
      virtual: virtual.metadata ?? {},
      host: host.metadata ?? {},
      virtualOld: input.virtualOld?.metadata,
      hostOld: input.hostOld?.metadata,
    },
    excluded,
  );
  // The annotations the syncer computes itself: kept as on the host, owners and labels recomputed.
  const ownHostAnnotations: Record<string, string> = {};
  const current = host.metadata?.annotations ?? {};
  for (const key of excluded) if (current[key] !== undefined) ownHostAnnotations[key] = current[key];
  const hostAnnotations = ownerAnnotations({ ...metadata.host.annotations, ...ownHostAnnotations }, virtual);
  const hostLabels = withNamespaceLabels(ctx, metadata.host.labels, input.namespaceLabels);

  const hostStatus = options.status ? hostConditionsWanted(host.status?.conditions, virtual.status?.conditions) : undefined;
  const desiredHost: Pod = {
    ...host,
    metadata: withMetadata(host.metadata ?? {}, { labels: hostLabels, annotations: hostAnnotations }),
    spec: hostSpecUpdate(host, virtual, options.translateImage, options.enforceTolerations),
    ...(hostStatus === undefined ? {} : { status: { ...host.status, conditions: hostStatus } }),
  };
  // The virtual status reflects the host as it will be after this sync.
  const desiredVirtual: Pod = {
    ...virtual,
    metadata: withMetadata(virtual.metadata ?? {}, metadata.virtual),
    status: desiredVirtualStatus(desiredHost, virtual),
  };
  return { virtual: desiredVirtual, host: desiredHost };
}

