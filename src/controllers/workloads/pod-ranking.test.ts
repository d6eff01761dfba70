import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { comparePodsForDeletion, podsToDelete } from './pod-ranking.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const at = (secondsAgo: number): string => new Date(NOW - secondsAgo * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface Spec {
  name: string;
  node?: string;
  phase?: string;
  readySecondsAgo?: number;
  createdSecondsAgo?: number;
  restarts?: number;
  cost?: string;
}

function pod(s: Spec): Pod {
  return {
    metadata: { name: s.name, uid: s.name, creationTimestamp: at(s.createdSecondsAgo ?? 3600), ...(s.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': s.cost } } : {}) },
    spec: { containers: [{ name: 'c' }], ...(s.node !== undefined ? { nodeName: s.node } : {}) },
    status: {
      phase: s.phase ?? 'Running',
      conditions: s.readySecondsAgo === undefined ? [] : [{ type: 'Ready', status: 'True', lastTransitionTime: at(s.readySecondsAgo) }],
      containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: s.readySecondsAgo !== undefined, restartCount: s.restarts ?? 0 }],
    },
  };
}

describe('comparePodsForDeletion (ActivePodsWithRanks)', () => {
  // Each case: the first pod must be deleted before the second.
  const cases: [string, Spec, Spec][] = [
    ['unassigned before assigned', { name: 'a' }, { name: 'b', node: 'n1' }],
    ['pending before running', { name: 'a', node: 'n1', phase: 'Pending' }, { name: 'b', node: 'n1', phase: 'Running' }],
    ['unknown before running', { name: 'a', node: 'n1', phase: 'Unknown' }, { name: 'b', node: 'n1', phase: 'Running' }],
    ['not ready before ready', { name: 'a', node: 'n1' }, { name: 'b', node: 'n1', readySecondsAgo: 10 }],
    ['lower deletion cost first', { name: 'a', node: 'n1', readySecondsAgo: 10, cost: '-5' }, { name: 'b', node: 'n1', readySecondsAgo: 10 }],
    ['ready for less time first (log scale)', { name: 'a', node: 'n1', readySecondsAgo: 10 }, { name: 'b', node: 'n1', readySecondsAgo: 1000 }],
    ['more restarts first', { name: 'a', node: 'n1', readySecondsAgo: 100, restarts: 3 }, { name: 'b', node: 'n1', readySecondsAgo: 100 }],
    ['newer first', { name: 'a', node: 'n1', createdSecondsAgo: 5 }, { name: 'b', node: 'n1', createdSecondsAgo: 500 }],
  ];
  for (const [name, first, second] of cases) {
    it(name, () => {
      assert.ok(comparePodsForDeletion(pod(first), pod(second), 0, 0, NOW) < 0);
      assert.ok(comparePodsForDeletion(pod(second), pod(first), 0, 0, NOW) > 0);
    });
  }
  it('same log2 bucket of age: ties broken by UID', () => {
    assert.ok(comparePodsForDeletion(pod({ name: 'a', node: 'n1', readySecondsAgo: 100 }), pod({ name: 'b', node: 'n1', readySecondsAgo: 101 }), 0, 0, NOW) < 0);
  });
  it('more co-located related pods first', () => {
    assert.ok(comparePodsForDeletion(pod({ name: 'a', node: 'n1' }), pod({ name: 'b', node: 'n2' }), 3, 1, NOW) < 0);
  });
});

describe('podsToDelete', () => {
  it('picks the least valuable pods, doubled-up nodes first', () => {
    const pods = [pod({ name: 'ready-1', node: 'n1', readySecondsAgo: 500 }), pod({ name: 'ready-2', node: 'n2', readySecondsAgo: 500 }), pod({ name: 'ready-3', node: 'n2', readySecondsAgo: 500 }), pod({ name: 'pending', node: 'n3', phase: 'Pending' })];
    assert.deepEqual(podsToDelete(pods, pods, 2, NOW).map((p) => p.metadata?.name), ['pending', 'ready-2']);
    assert.equal(podsToDelete(pods, pods, 9, NOW).length, 4);
  });
});
