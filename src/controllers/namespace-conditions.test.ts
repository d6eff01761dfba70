import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextNamespaceConditions, type ContentDeletionOutcome } from './namespace-conditions.js';

const clean: ContentDeletionOutcome = { contentErrors: [], remaining: new Map(), finalizers: new Map() };
const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:01:00Z';

describe('nextNamespaceConditions', () => {
  it('sets every condition to its ok state after a clean pass', () => {
    const { conditions, changed } = nextNamespaceConditions(undefined, clean, T0);
    assert.equal(changed, true);
    assert.deepEqual(conditions, [
      { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered', lastTransitionTime: T0 },
      { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed', lastTransitionTime: T0 },
      { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization', lastTransitionTime: T0 },
      { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed', lastTransitionTime: T0 },
      { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed', lastTransitionTime: T0 },
    ]);
    assert.equal(nextNamespaceConditions(conditions, clean, T1).changed, false);
  });

  it('reports failures, remaining content and finalizers as kube words them', () => {
    const outcome: ContentDeletionOutcome = {
      discoveryError: 'the server is down',
      contentErrors: ['z failed', 'a failed'],
      remaining: new Map([['widgets.example.com', 2], ['pods.', 1]]),
      finalizers: new Map([['example.com/keep', 2]]),
    };
    const { conditions } = nextNamespaceConditions(undefined, outcome, T0);
    const byType = new Map(conditions.map((c) => [c.type, c]));
    assert.deepEqual(byType.get('NamespaceDeletionDiscoveryFailure'), { type: 'NamespaceDeletionDiscoveryFailure', status: 'True', reason: 'DiscoveryFailed', message: 'the server is down', lastTransitionTime: T0 });
    assert.equal(byType.get('NamespaceDeletionContentFailure')?.message, 'Failed to delete all resource types, 2 remaining: a failed, z failed');
    assert.equal(byType.get('NamespaceContentRemaining')?.message, 'Some resources are remaining: pods. has 1 resource instances, widgets.example.com has 2 resource instances');
    assert.equal(byType.get('NamespaceContentRemaining')?.reason, 'SomeResourcesRemain');
    assert.equal(byType.get('NamespaceFinalizersRemaining')?.message, 'Some finalizers are remaining: example.com/keep in 2 resource instances');
    assert.equal(byType.get('NamespaceFinalizersRemaining')?.reason, 'SomeFinalizerRemain');
  });

  it('moves the transition time only when the status flips, and keeps other conditions', () => {
    const start = nextNamespaceConditions([{ type: 'Other', status: 'True' }], { ...clean, remaining: new Map([['pods.', 2]]) }, T0).conditions;
    const fewer = nextNamespaceConditions(start, { ...clean, remaining: new Map([['pods.', 1]]) }, T1);
    const remaining = fewer.conditions.find((c) => c.type === 'NamespaceContentRemaining');
    assert.equal(fewer.changed, true);
    assert.equal(remaining?.lastTransitionTime, T0);
    assert.equal(remaining.message, 'Some resources are remaining: pods. has 1 resource instances');
    const done = nextNamespaceConditions(fewer.conditions, clean, T1).conditions.find((c) => c.type === 'NamespaceContentRemaining');
    assert.equal(done?.status, 'False');
    assert.equal(done.lastTransitionTime, T1);
    assert.ok(fewer.conditions.some((c) => c.type === 'Other'));
  });
});
