import type { NamespaceCondition } from 'kubernetes-types/core/v1.js';

/** The namespace conditions the namespace controller maintains, in kube's order. */
export const NAMESPACE_CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

export type NamespaceConditionType = (typeof NAMESPACE_CONDITION_TYPES)[number];

const OK: Readonly<Record<NamespaceConditionType, { reason: string; message: string }>> = {
  NamespaceDeletionDiscoveryFailure: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  NamespaceDeletionGroupVersionParsingFailure: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  NamespaceDeletionContentFailure: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
};

/** What one pass of emptying a namespace found. */
export interface ContentDeletionOutcome {
  /** Discovery failed (wholly or for some groups). */
  readonly discoveryError?: string | undefined;
  readonly groupVersionError?: string | undefined;
  /** One message per resource whose content could not be deleted. */
  readonly contentErrors: readonly string[];
  /** Objects left per resource, keyed `resource.group` as kube prints it (`pods.` for core). */
  readonly remaining: ReadonlyMap<string, number>;
  /** Objects left per finalizer they carry. */
  readonly finalizers: ReadonlyMap<string, number>;
}

function failing(outcome: ContentDeletionOutcome): Map<NamespaceConditionType, { reason: string; message: string }> {
  const out = new Map<NamespaceConditionType, { reason: string; message: string }>();
  if (outcome.discoveryError !== undefined) out.set('NamespaceDeletionDiscoveryFailure', { reason: 'DiscoveryFailed', message: outcome.discoveryError });
  if (outcome.groupVersionError !== undefined) out.set('NamespaceDeletionGroupVersionParsingFailure', { reason: 'GroupVersionParsingFailed', message: outcome.groupVersionError });
  if (outcome.contentErrors.length > 0) {
    const messages = [...outcome.contentErrors].sort();
    out.set('NamespaceDeletionContentFailure', {
      reason: 'ContentDeletionFailed',
      message: `Failed to delete all resource types, ${messages.length} remaining: ${messages.join(', ')}`,
    });
  }
  const remaining = [...outcome.remaining].filter(([, n]) => n > 0).map(([gr, n]) => `${gr} has ${n} resource instances`).sort();
  if (outcome.remaining.size > 0) {
    out.set('NamespaceContentRemaining', { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${remaining.join(', ')}` });
  }
  const finalizers = [...outcome.finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
  if (outcome.finalizers.size > 0) {
    out.set('NamespaceFinalizersRemaining', { reason: 'SomeFinalizerRemain', message: `Some finalizers are remaining: ${finalizers.join(', ')}` });
  }
  return out;
}

/**
 * The namespace's conditions after a deletion pass, as kube's namespace deleter sets them: every
 * maintained type is present, True with the failure or False with its "ok" reason; the transition
 * time moves only when the status flips. Conditions of other types are kept.
 */
export function nextNamespaceConditions(
  existing: readonly NamespaceCondition[] | undefined,
  outcome: ContentDeletionOutcome,
  now: string,
): { conditions: NamespaceCondition[]; changed: boolean } {
  const conditions = (existing ?? []).map((c) => ({ ...c }));
  const failures = failing(outcome);
  let changed = false;
  for (const type of NAMESPACE_CONDITION_TYPES) {
    const failure = failures.get(type);
    const want = { type, status: failure ? 'True' : 'False', ...(failure ?? OK[type]) };
    const old = conditions.find((c) => c.type === type);
    if (!old) {
      conditions.push({ ...want, lastTransitionTime: now });
      changed = true;
    } else if (old.status !== want.status || old.reason !== want.reason || old.message !== want.message) {
      if (old.status !== want.status) old.lastTransitionTime = now;
      old.status = want.status;
      old.reason = want.reason;
      old.message = want.message;
      changed = true;
    }
  }
  return { conditions, changed };
}
