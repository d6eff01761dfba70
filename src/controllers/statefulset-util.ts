import type { ControllerRevision, StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1.js';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import { POD_REVISION_LABEL, templateOfRevision } from './workloads/history.js';
import { podFromTemplate, type Owner } from './workloads/pod-control.js';
import { isPodAvailable, isPodReady, isTerminating } from './workloads/pods.js';
import { compactStatus } from './workloads/status.js';
import { cloneJson } from '../lib/json.js';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

const ORDINAL = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: `web-2` → web, 2; ordinal -1 when the name has none. */
export function parentAndOrdinal(pod: Pod): { parent: string; ordinal: number } {
  const match = ORDINAL.exec(pod.metadata?.name ?? '');
  if (!match?.[1] || match[2] === undefined) return { parent: '', ordinal: -1 };
  const ordinal = Number(match[2]);
  return Number.isSafeInteger(ordinal) && ordinal <= 2147483647 ? { parent: match[1], ordinal } : { parent: '', ordinal: -1 };
}

export const ordinalOf = (pod: Pod): number => parentAndOrdinal(pod).ordinal;

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata?.name ?? ''}-${ordinal}`;
}

export function replicasOf(set: StatefulSet): number {
  return set.spec?.replicas ?? 1;
}

export function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

export function endOrdinal(set: StatefulSet): number {
  return startOrdinal(set) + replicasOf(set) - 1;
}

export function inOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const ordinal = ordinalOf(pod);
  return ordinal >= startOrdinal(set) && ordinal <= endOrdinal(set);
}

/** isMemberOf: the pod's name says it belongs to the set. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return parentAndOrdinal(pod).parent === set.metadata?.name;
}

export function claimName(set: StatefulSet, claim: PersistentVolumeClaim, ordinal: number): string {
  return `${claim.metadata?.name ?? ''}-${set.metadata?.name ?? ''}-${ordinal}`;
}

/** getPersistentVolumeClaims: the claims of one ordinal, labelled with the set's matchLabels. */
export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const selectorLabels = set.spec?.selector.matchLabels ?? {};
  return (set.spec?.volumeClaimTemplates ?? []).map((template) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      name: claimName(set, template, ordinal),
      namespace: set.metadata?.namespace,
      labels: { ...(template.metadata?.labels ?? {}), ...selectorLabels },
    },
    spec: cloneJson(template.spec ?? {}),
  }));
}

/** The set with the pod template of `revision` (ApplyRevision). */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const template = templateOfRevision(revision);
  if (!template || !set.spec) return set;
  return { ...set, spec: { ...set.spec, template } };
}

/** newStatefulSetPod with the revision label: identity, storage, hostname and subdomain. */
export function newStatefulSetPod(set: StatefulSet, owner: Owner, ordinal: number, revision: string): Pod {
  const name = podName(set, ordinal);
  const pod = podFromTemplate(set.spec?.template, owner, set.metadata?.namespace ?? '', { name });
  const labels = { ...(pod.metadata?.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [POD_REVISION_LABEL]: revision };
  const spec = pod.spec ?? { containers: [] };
  const claims = new Map((set.spec?.volumeClaimTemplates ?? []).map((t) => [t.metadata?.name ?? '', claimName(set, t, ordinal)]));
  const volumes = [...claims].map(([volume, claim]) => ({ name: volume, persistentVolumeClaim: { claimName: claim } }));
  for (const v of spec.volumes ?? []) if (!claims.has(v.name)) volumes.push(v as (typeof volumes)[number]);
  return {
    ...pod,
    metadata: { ...pod.metadata, labels },
    spec: {
      ...spec,
      ...(volumes.length > 0 ? { volumes } : {}),
      hostname: name,
      ...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {}),
    },
  };
}

/**
 * newVersionedStatefulSetPod: ordinals below the partition are made at the current revision, the
 * others at the update revision.
 */
export function newVersionedPod(currentSet: StatefulSet, updateSet: StatefulSet, owner: Owner, currentRevision: string, updateRevision: string, ordinal: number): Pod {
  const strategy = currentSet.spec?.updateStrategy;
  const partition = strategy?.rollingUpdate?.partition;
  if ((strategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && partition !== undefined && ordinal < startOrdinal(currentSet) + partition) {
    return newStatefulSetPod(currentSet, owner, ordinal, currentRevision);
  }
  return newStatefulSetPod(updateSet, owner, ordinal, updateRevision);
}

export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod);
  const meta = pod.metadata ?? {};
  const labels = meta.labels ?? {};
  return (
    ordinal >= 0 &&
    parent === set.metadata?.name &&
    meta.name === podName(set, ordinal) &&
    meta.namespace === set.metadata.namespace &&
    labels[POD_NAME_LABEL] === meta.name &&
    labels[POD_INDEX_LABEL] === String(ordinal)
  );
}

export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  return (set.spec?.volumeClaimTemplates ?? []).every((t) => volumes.get(t.metadata?.name ?? '')?.persistentVolumeClaim?.claimName === claimName(set, t, ordinal));
}

export const podRevision = (pod: Pod): string => pod.metadata?.labels?.[POD_REVISION_LABEL] ?? '';
/** isCreated: the API server gave it a phase (our placeholders for missing ordinals have none). */
export const isCreated = (pod: Pod): boolean => (pod.status?.phase ?? '') !== '';
export const isRunningAndReady = (pod: Pod): boolean => pod.status?.phase === 'Running' && isPodReady(pod);
export const isHealthy = (pod: Pod): boolean => isRunningAndReady(pod) && !isTerminating(pod);

export function emptyCounts(): Pick<StatefulSetStatus, 'replicas' | 'readyReplicas' | 'availableReplicas' | 'currentReplicas' | 'updatedReplicas'> {
  return { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
}

/** updateStatus/computeReplicaStatus: the counts over some pods. */
export function countReplicas(status: StatefulSetStatus, pods: readonly Pod[], minReadySeconds: number, currentRevision: string, updateRevision: string, now: number): void {
  Object.assign(status, emptyCounts());
  for (const pod of pods) {
    if (isCreated(pod)) status.replicas++;
    if (isRunningAndReady(pod)) {
      status.readyReplicas = (status.readyReplicas ?? 0) + 1;
      if (isPodAvailable(pod, minReadySeconds, now)) status.availableReplicas = (status.availableReplicas ?? 0) + 1;
    }
    if (isCreated(pod) && !isTerminating(pod)) {
      const revision = podRevision(pod);
      if (revision === currentRevision) status.currentReplicas = (status.currentReplicas ?? 0) + 1;
      if (revision === updateRevision) status.updatedReplicas = (status.updatedReplicas ?? 0) + 1;
    }
  }
}

/** The status as kube serializes it. */
export function compactStatefulSetStatus(status: StatefulSetStatus): StatefulSetStatus {
  return compactStatus(status, ['observedGeneration', 'readyReplicas', 'currentReplicas', 'updatedReplicas']);
}
