import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from './shared/metadata.js';

/**
 * What an owner reference points at: `solid` an owner that exists, `dangling` one that does not
 * (never did, is gone, or has another UID now), `waiting` one being deleted in the foreground,
 * waiting for its dependents to go first.
 */
export type OwnerState = 'solid' | 'dangling' | 'waiting';

export interface ClassifiedOwner {
  readonly ref: OwnerReference;
  readonly state: OwnerState;
}

/** What the garbage collector knows of an owner: enough to classify a reference to it. */
export interface OwnerView {
  readonly metadata?: { readonly uid?: string; readonly deletionTimestamp?: string; readonly finalizers?: readonly string[] };
}

export function classifyOwner(ref: OwnerReference, owner: OwnerView | undefined): OwnerState {
  if (!owner || owner.metadata?.uid !== ref.uid) return 'dangling';
  const deleting = (owner.metadata.deletionTimestamp ?? '') !== '';
  return deleting && (owner.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER) ? 'waiting' : 'solid';
}

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

/** What to do with an object that has owner references and is not being deleted. */
export type DependentAction =
  | { readonly type: 'none' }
  | { readonly type: 'remove-owner-references'; readonly uids: readonly string[] }
  | { readonly type: 'delete'; readonly propagation: Propagation; readonly unblockOwnerReferences: boolean };

export interface DependentFacts {
  readonly owners: readonly ClassifiedOwner[];
  /** The dependent's own metadata.finalizers. */
  readonly finalizers: readonly string[];
  /** Whether anything names the dependent as its owner. */
  readonly hasDependents: boolean;
  /** Whether one of those is itself being deleted in the foreground (a possible cycle). */
  readonly dependentDeletingInForeground: boolean;
}

/**
 * kube's attemptToDeleteItem, given the classified owner references:
 * - some owner still exists: keep the object, but drop references to owners that are gone or
 *   waiting (a waiting owner would otherwise wait for it forever);
 * - no owner exists and one waits for its dependents, and the object has dependents of its own:
 *   delete it in the foreground too (first making its references non-blocking if one of its
 *   dependents is also deleting in the foreground, to break a cycle);
 * - otherwise: delete it, honouring an orphan or foreground finalizer it already carries.
 */
export function decideForDependent(facts: DependentFacts): DependentAction {
  if (facts.owners.length === 0) return { type: 'none' };
  const solid = facts.owners.filter((o) => o.state === 'solid');
  const gone = facts.owners.filter((o) => o.state !== 'solid');
  if (solid.length > 0) {
    if (gone.length === 0) return { type: 'none' };
    return { type: 'remove-owner-references', uids: gone.map((o) => o.ref.uid) };
  }
  const waiting = facts.owners.some((o) => o.state === 'waiting');
  if (waiting && facts.hasDependents) {
    return { type: 'delete', propagation: 'Foreground', unblockOwnerReferences: facts.dependentDeletingInForeground };
  }
  const propagation: Propagation = facts.finalizers.includes(ORPHAN_FINALIZER) ? 'Orphan' : facts.finalizers.includes(FOREGROUND_FINALIZER) ? 'Foreground' : 'Background';
  return { type: 'delete', propagation, unblockOwnerReferences: false };
}

/** What to do with an object that is being deleted. */
export type DeletingAction =
  /** Remove the references to it from its dependents, then its `orphan` finalizer. */
  | { readonly type: 'orphan-dependents' }
  /** Have its dependents deleted; it waits for the blocking ones. */
  | { readonly type: 'delete-dependents' }
  /** No blocking dependent is left: remove its `foregroundDeletion` finalizer. */
  | { readonly type: 'remove-foreground-finalizer' }
  /** Someone else's deletion in progress: wait for it to end. */
  | { readonly type: 'none' };

export function decideForDeleting(facts: { readonly finalizers: readonly string[]; readonly blockingDependents: number }): DeletingAction {
  if (facts.finalizers.includes(ORPHAN_FINALIZER)) return { type: 'orphan-dependents' };
  if (facts.finalizers.includes(FOREGROUND_FINALIZER)) return facts.blockingDependents > 0 ? { type: 'delete-dependents' } : { type: 'remove-foreground-finalizer' };
  return { type: 'none' };
}

/** Whether `dependent`'s references to `ownerUid` block the owner's foreground deletion. */
export function blocksOwner(ownerReferences: readonly OwnerReference[] | undefined, ownerUid: string): boolean {
  return (ownerReferences ?? []).some((r) => r.uid === ownerUid && r.blockOwnerDeletion === true);
}
