import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { calculateReplicaSetStatus, type ReplicaSetView } from './replicaset-status.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const view = (replicas: number, status?: ReplicaSetView['status'], minReadySeconds = 0): ReplicaSetView => ({ generation: 4, replicas, minReadySeconds, templateLabels: { app: 'a', tier: 'web' }, status });
const pod = (labels: Record<string, string>, readySecondsAgo?: number): Pod => ({
  metadata: { labels },
  status: { phase: 'Running', conditions: readySecondsAgo === undefined ? [] : [{ type: 'Ready', status: 'True', lastTransitionTime: iso(NOW - readySecondsAgo * 1000) }] },
});

describe('calculateReplicaSetStatus', () => {
  it('counts fully labelled, ready and available pods (minReadySeconds) and omits zeros as kube does', () => {
    const pods = [pod({ app: 'a', tier: 'web' }, 100), pod({ app: 'a', tier: 'web' }, 2), pod({ app: 'a' })];
    assert.deepEqual(calculateReplicaSetStatus(view(3, undefined, 10), pods, undefined, NOW), { replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1, observedGeneration: 4 });
    assert.deepEqual(calculateReplicaSetStatus(view(0), [], undefined, NOW), { replicas: 0, observedGeneration: 4 });
  });

  it('sets ReplicaFailure while managing replicas fails, and clears it after', () => {
    const failed = calculateReplicaSetStatus(view(3), [pod({ app: 'a', tier: 'web' }, 1)], { message: 'pods "x" is forbidden: exceeded quota' }, NOW);
    assert.deepEqual(failed.conditions?.map((c) => [c.type, c.status, c.reason, c.message]), [['ReplicaFailure', 'True', 'FailedCreate', 'pods "x" is forbidden: exceeded quota']]);
    const again = calculateReplicaSetStatus(view(3, failed), [], { message: 'other' }, NOW + 1000);
    assert.equal(again.conditions?.[0]?.message, 'pods "x" is forbidden: exceeded quota', 'an existing failure condition is kept as it is');
    assert.equal(calculateReplicaSetStatus(view(3, failed), [], undefined, NOW).conditions, undefined);
  });
});
