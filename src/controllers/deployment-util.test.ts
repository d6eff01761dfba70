import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { findActiveOrLatest } from './deployment-sync.js';
import {
  calculateStatus,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  equalIgnoreHash,
  isSaturated,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  replicaSetProportion,
  resolveFenceposts,
  setNewReplicaSetAnnotations,
} from './deployment-util.js';

const NOW = Date.UTC(2026, 0, 1);
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function deployment(replicas: number, strategy: Deployment['spec'] extends infer S ? (S extends { strategy?: infer T } ? T : never) : never = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }): Deployment {
  return { metadata: { name: 'd', generation: 1, annotations: { keep: 'me', 'deployment.kubernetes.io/revision': '9' } }, spec: { replicas, strategy, selector: {}, template: {}, progressDeadlineSeconds: 600 } };
}

function rs(name: string, replicas: number, available = replicas, extra: Partial<ReplicaSet['metadata']> = {}): ReplicaSet {
  return { metadata: { name, uid: name, creationTimestamp: iso(NOW), ...extra }, spec: { replicas, selector: {} }, status: { replicas, readyReplicas: available, availableReplicas: available } };
}

describe('resolveFenceposts', () => {
  const cases: [number | string, number | string, number, number, number][] = [
    ['25%', '25%', 10, 3, 2],
    ['25%', '25%', 1, 1, 0],
    [0, '25%', 1, 0, 1],
    [0, 0, 5, 0, 1],
    ['50%', 1, 5, 3, 1],
    [2, '10%', 3, 2, 0],
  ];
  for (const [surge, unavailable, desired, s, u] of cases) {
    it(`surge ${surge} unavailable ${unavailable} of ${desired} → ${s}/${u}`, () => {
      assert.deepEqual(resolveFenceposts(surge, unavailable, desired), { surge: s, unavailable: u });
    });
  }
  it('Recreate has neither; maxUnavailable never exceeds replicas', () => {
    assert.equal(maxSurge(deployment(4, { type: 'Recreate' })), 0);
    assert.equal(maxUnavailable(deployment(4, { type: 'Recreate' })), 0);
    assert.equal(maxUnavailable(deployment(2, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 5 } })), 2);
  });
});

describe('newRSNewReplicas', () => {
  const cases: [string, number, number[], number, number][] = [
    ['room to surge', 10, [10], 0, 3],
    ['at the surge limit', 10, [10], 3, 3],
    ['capped at desired', 10, [1], 9, 10],
    ['old ones shrank', 10, [5], 3, 8],
  ];
  for (const [name, desired, olds, current, expected] of cases) {
    it(name, () => {
      const d = deployment(desired);
      const newRS = rs('new', current);
      assert.equal(newRSNewReplicas(d, [...olds.map((n, i) => rs(`old${i}`, n)), newRS], newRS), expected);
    });
  }
  it('Recreate goes straight to desired', () => {
    assert.equal(newRSNewReplicas(deployment(4, { type: 'Recreate' }), [rs('new', 0)], rs('new', 0)), 4);
  });
});

describe('replicaSetProportion', () => {
  it('splits a scale proportionally to the max-replicas the sets were sized for', () => {
    const d = deployment(20, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } });
    const old = rs('old', 8, 8, { annotations: { 'deployment.kubernetes.io/max-replicas': '13' } });
    const fresh = rs('new', 5, 0, { annotations: { 'deployment.kubernetes.io/max-replicas': '13' } });
    assert.equal(replicaSetProportion(old, d, 10, 0), 6);
    assert.equal(replicaSetProportion(fresh, d, 10, 6), 4);
    assert.equal(replicaSetProportion(fresh, d, 10, 10), 0);
  });
  it('scaling to zero takes everything', () => {
    assert.equal(replicaSetProportion(rs('a', 4), deployment(0), -4, 0), -4);
  });
});

describe('setNewReplicaSetAnnotations', () => {
  it('copies the deployment annotations but the skipped ones, sets revision and replicas annotations on create', () => {
    const annotations: Record<string, string> = {};
    assert.equal(setNewReplicaSetAnnotations(deployment(4), annotations, 3, false), true);
    assert.deepEqual(annotations, { keep: 'me', 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/desired-replicas': '4', 'deployment.kubernetes.io/max-replicas': '5' });
  });
  it('a rollback to an old ReplicaSet keeps the revisions it served', () => {
    const annotations: Record<string, string> = { keep: 'me', 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/revision-history': '' };
    setNewReplicaSetAnnotations(deployment(4), annotations, 3, true);
    assert.equal(annotations['deployment.kubernetes.io/revision'], '3');
    assert.equal(annotations['deployment.kubernetes.io/revision-history'], '1');
    setNewReplicaSetAnnotations(deployment(4), annotations, 5, true);
    assert.equal(annotations['deployment.kubernetes.io/revision-history'], '1,3');
    assert.equal(setNewReplicaSetAnnotations(deployment(4), annotations, 5, true), false, 'nothing to change');
  });
});

describe('conditions and progress', () => {
  it('complete, progressing and timed out', () => {
    const d = deployment(3);
    assert.equal(deploymentComplete(d, { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 }), true);
    assert.equal(deploymentComplete(d, { replicas: 4, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 }), false);
    assert.equal(deploymentProgressing({ replicas: 4, updatedReplicas: 1 }, { replicas: 4, updatedReplicas: 2 }), true);
    assert.equal(deploymentProgressing({ replicas: 4, updatedReplicas: 1, readyReplicas: 3 }, { replicas: 4, updatedReplicas: 1, readyReplicas: 3 }), false);
    const stale = { conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: iso(NOW - 601_000) }] };
    assert.equal(deploymentTimedOut(d, stale, NOW), true);
    assert.equal(deploymentTimedOut(d, { conditions: [{ ...stale.conditions[0]!, reason: 'NewReplicaSetAvailable' }] }, NOW), false);
    assert.equal(deploymentTimedOut(d, { conditions: [{ ...stale.conditions[0]!, lastUpdateTime: iso(NOW - 10_000) }] }, NOW), false);
  });

  it('calculateStatus: counts and the Available condition against maxUnavailable', () => {
    const d = deployment(4);
    const status = calculateStatus([rs('old', 1, 1), rs('new', 3, 2)], rs('new', 3, 2), d, {}, NOW);
    assert.deepEqual(
      [status.replicas, status.updatedReplicas, status.readyReplicas, status.availableReplicas, status.unavailableReplicas, status.observedGeneration],
      [4, 3, 3, 3, 1, 1],
    );
    assert.deepEqual(status.conditions?.map((c) => [c.type, c.status, c.reason]), [['Available', 'True', 'MinimumReplicasAvailable']]);
    const worse = calculateStatus([rs('new', 4, 1)], rs('new', 4, 1), d, status, NOW + 1000);
    assert.deepEqual(worse.conditions?.map((c) => [c.type, c.status, c.reason]), [['Available', 'False', 'MinimumReplicasUnavailable']]);
  });

  it('saturation and the active-or-latest choice', () => {
    const d = deployment(3);
    assert.equal(isSaturated(d, rs('new', 3, 3, { annotations: { 'deployment.kubernetes.io/desired-replicas': '3' } })), true);
    assert.equal(isSaturated(d, rs('new', 3, 2, { annotations: { 'deployment.kubernetes.io/desired-replicas': '3' } })), false);
    const older = rs('older', 0, 0, { creationTimestamp: iso(NOW - 100_000) });
    const newer = rs('newer', 0, 0, { creationTimestamp: iso(NOW - 10_000) });
    assert.equal(findActiveOrLatest(undefined, [older, newer])?.metadata?.name, 'newer');
    assert.equal(findActiveOrLatest(rs('new', 0), [rs('a', 2)])?.metadata?.name, 'a');
    assert.equal(findActiveOrLatest(rs('new', 1), [rs('a', 2)]), undefined);
  });

  it('equalIgnoreHash ignores the hash label and empty versus absent', () => {
    assert.equal(equalIgnoreHash({ metadata: { labels: { app: 'a', 'pod-template-hash': 'x' } }, spec: { containers: [], volumes: [] } }, { metadata: { labels: { app: 'a' } }, spec: { containers: [] } }), true);
    assert.equal(equalIgnoreHash({ metadata: { labels: { app: 'a' } } }, { metadata: { labels: { app: 'b' } } }), false);
  });
});
