import type { ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { rfc3339 } from './shared/time.js';
import { isPodAvailable, isPodReady } from './workloads/pods.js';
import { compactStatus } from './workloads/status.js';

/** What the status of a ReplicaSet (or ReplicationController) is computed from. */
export interface ReplicaSetView {
  readonly generation: number;
  readonly replicas: number;
  readonly minReadySeconds: number;
  readonly templateLabels: Readonly<Record<string, string>>;
  readonly status: ReplicaSetStatus | undefined;
}

/** Why managing replicas failed, for the ReplicaFailure condition. */
export interface ManageFailure {
  readonly message: string;
}

/**
 * kube's calculateStatus for ReplicaSets: counts over the active pods the set controls, and the
 * ReplicaFailure condition while creating or deleting pods fails.
 */
export function calculateReplicaSetStatus(rs: ReplicaSetView, pods: readonly Pod[], failure: ManageFailure | undefined, now: number): ReplicaSetStatus {
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  const wanted = Object.entries(rs.templateLabels);
  for (const pod of pods) {
    const labels = pod.metadata?.labels ?? {};
    if (wanted.every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, rs.minReadySeconds, now)) available++;
    }
  }
  let conditions: ReplicaSetCondition[] = [...(rs.status?.conditions ?? [])];
  const failureCond = conditions.find((c) => c.type === 'ReplicaFailure');
  if (failure && !failureCond) {
    const diff = pods.length - rs.replicas;
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(now), reason, message: failure.message });
  } else if (!failure && failureCond) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  return compactStatus<ReplicaSetStatus>(
    {
      replicas: pods.length,
      fullyLabeledReplicas: fullyLabeled,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: rs.generation,
      conditions,
    },
    ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'],
  );
}
