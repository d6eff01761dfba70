import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { blocksOwner, classifyOwner, decideForDeleting, decideForDependent, type ClassifiedOwner, type DependentAction, type DependentFacts, type OwnerState } from './garbage-collector-decide.js';
import { AbsentOwnerCache } from './garbage-collector-absent.js';

const ref = (uid: string, block = true): OwnerReference => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs-${uid}`, uid, controller: true, blockOwnerDeletion: block });
const owner = (uid: string, state: OwnerState): ClassifiedOwner => ({ ref: ref(uid), state });

describe('classifyOwner', () => {
  const cases: [string, Parameters<typeof classifyOwner>[1], OwnerState][] = [
    ['missing', undefined, 'dangling'],
    ['another object of that name (UID mismatch)', { metadata: { uid: 'other' } }, 'dangling'],
    ['present', { metadata: { uid: 'u1' } }, 'solid'],
    ['being deleted in the background', { metadata: { uid: 'u1', deletionTimestamp: '2026-01-01T00:00:00Z' } }, 'solid'],
    ['being deleted with orphan', { metadata: { uid: 'u1', deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['orphan'] } }, 'solid'],
    ['being deleted in the foreground', { metadata: { uid: 'u1', deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['foregroundDeletion'] } }, 'waiting'],
    ['foreground finalizer but not deleted yet', { metadata: { uid: 'u1', finalizers: ['foregroundDeletion'] } }, 'solid'],
  ];
  for (const [name, view, want] of cases) {
    it(name, () => {
      assert.equal(classifyOwner(ref('u1'), view), want);
    });
  }
});

describe('decideForDependent', () => {
  const facts = (owners: ClassifiedOwner[], more: Partial<DependentFacts> = {}): DependentFacts => ({ owners, finalizers: [], hasDependents: false, dependentDeletingInForeground: false, ...more });
  const cases: [string, DependentFacts, DependentAction][] = [
    ['no owners: nothing to do', facts([]), { type: 'none' }],
    ['a solid owner: keep it', facts([owner('a', 'solid')]), { type: 'none' }],
    ['all owners gone: delete in the background', facts([owner('a', 'dangling'), owner('b', 'dangling')]), { type: 'delete', propagation: 'Background', unblockOwnerReferences: false }],
    ['a solid and a gone owner: drop the dangling reference', facts([owner('a', 'solid'), owner('b', 'dangling')]), { type: 'remove-owner-references', uids: ['b'] }],
    ['a solid and a waiting owner: drop the waiting reference', facts([owner('a', 'waiting'), owner('b', 'solid')]), { type: 'remove-owner-references', uids: ['a'] }],
    ['owner waiting, no dependents: delete in the background', facts([owner('a', 'waiting')]), { type: 'delete', propagation: 'Background', unblockOwnerReferences: false }],
    ['owner waiting, with dependents: delete in the foreground', facts([owner('a', 'waiting')], { hasDependents: true }), { type: 'delete', propagation: 'Foreground', unblockOwnerReferences: false }],
    [
      'owner waiting, a dependent also in the foreground: unblock first',
      facts([owner('a', 'waiting'), owner('b', 'dangling')], { hasDependents: true, dependentDeletingInForeground: true }),
      { type: 'delete', propagation: 'Foreground', unblockOwnerReferences: true },
    ],
    ['owners gone, an orphan finalizer is honoured', facts([owner('a', 'dangling')], { finalizers: ['orphan'] }), { type: 'delete', propagation: 'Orphan', unblockOwnerReferences: false }],
    ['owners gone, a foreground finalizer is honoured', facts([owner('a', 'dangling')], { finalizers: ['foregroundDeletion'] }), { type: 'delete', propagation: 'Foreground', unblockOwnerReferences: false }],
  ];
  for (const [name, f, want] of cases) {
    it(name, () => {
      assert.deepEqual(decideForDependent(f), want);
    });
  }
});

describe('decideForDeleting', () => {
  const cases: [string, string[], number, string][] = [
    ['no collector finalizer: wait for the deletion', [], 0, 'none'],
    ['orphan: orphan the dependents', ['orphan'], 3, 'orphan-dependents'],
    ['foreground with blocking dependents: delete them', ['foregroundDeletion'], 2, 'delete-dependents'],
    ['foreground, none blocking: release the owner', ['foregroundDeletion', 'example.com/other'], 0, 'remove-foreground-finalizer'],
  ];
  for (const [name, finalizers, blocking, want] of cases) {
    it(name, () => {
      assert.equal(decideForDeleting({ finalizers, blockingDependents: blocking }).type, want);
    });
  }
  it('counts only references with blockOwnerDeletion to that owner', () => {
    assert.equal(blocksOwner([ref('a', true)], 'a'), true);
    assert.equal(blocksOwner([ref('a', false), ref('b', true)], 'a'), false);
    assert.equal(blocksOwner(undefined, 'a'), false);
  });
});

describe('AbsentOwnerCache', () => {
  it('remembers per namespace and forgets the least recently used', () => {
    const cache = new AbsentOwnerCache(2);
    cache.add('ns1', 'a');
    cache.add('', 'b');
    assert.equal(cache.has('ns1', 'a'), true);
    assert.equal(cache.has('ns2', 'a'), false);
    cache.add('', 'c');
    assert.equal(cache.has('', 'b'), false, 'b was the least recently used');
    assert.equal(cache.has('ns1', 'a'), true);
    assert.equal(cache.size, 2);
  });
});
