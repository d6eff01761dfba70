/**
 * Ownership bookkeeping of structured-merge-diff's merge.Updater: who owns what after an update
 * (the writer takes what it changed, others lose it) and after an apply (the applier owns exactly
 * what it applied; fields it stops applying are removed unless someone else owns them; changing
 * someone else's field is a conflict unless forced).
 *
 * One schema version serves all managers: entries recorded at other API versions are compared at
 * the current one (kube converts them; our kinds have one representation per group).
 */
import { jsonEqual } from '../patch/json-value.js';
import { FieldSet } from './field-set.js';
import { copyManaged } from './managed.js';
import type { Managed, VersionedSet } from './managed.js';
import type { Path } from './path.js';
import type { TypeRef } from './schema-type.js';
import { compare } from './typed/compare.js';
import type { Comparison } from './typed/compare.js';
import { merge } from './typed/merge.js';
import { reconcileWithSchema } from './typed/reconcile.js';
import { ensureNamedFieldsAreMembers, removeItems } from './typed/remove.js';
import { toFieldSet } from './typed/to-field-set.js';

export interface UpdaterContext {
  readonly type: TypeRef;
  /** Drops the fields this endpoint never records (kube's reset fields). */
  readonly filter: (set: FieldSet) => FieldSet;
  /** Compare objects as kube compares Go-typed ones (see CompareOptions.goZero). */
  readonly goZero: boolean;
  /** Whether recorded sets may predate the schema (custom resources), and need reconciling. */
  readonly schemaMayChange: boolean;
}

export interface Conflict {
  /** The manager identifier. */
  readonly manager: string;
  readonly path: Path;
}

export class ConflictsError extends Error {
  override readonly name = 'ConflictsError';
  constructor(readonly conflicts: readonly Conflict[]) {
    super(`${conflicts.length} conflict(s)`);
  }
}

function filtered(c: Comparison, filter: (set: FieldSet) => FieldSet): Comparison {
  return { removed: filter(c.removed), modified: filter(c.modified), added: filter(c.added) };
}

function withSet(vs: VersionedSet, set: FieldSet): VersionedSet {
  return { set, apiVersion: vs.apiVersion, applied: vs.applied };
}

/** Managers' sets made to fit the current schema (reconcileManagedFieldsWithSchemaChanges). */
function reconciled(ctx: UpdaterContext, managed: Managed): Managed {
  const out = copyManaged(managed);
  if (!ctx.schemaMayChange) return out;
  for (const [manager, vs] of managed.fields) {
    const set = reconcileWithSchema(vs.set, ctx.type);
    if (set !== undefined) out.fields.set(manager, withSet(vs, set));
  }
  return out;
}

/**
 * Takes what `next` changed away from every manager but `workflow`; a change to a field another
 * manager owns is a conflict unless `force`. Mutates `managed.fields`.
 */
function update(ctx: UpdaterContext, live: unknown, next: unknown, managed: Managed, workflow: string, force: boolean): Comparison {
  const c = filtered(compare(live, next, ctx.type, { goZero: ctx.goZero }), ctx.filter);
  const changed = c.modified.union(c.added);
  const conflicts = new Map<string, FieldSet>();
  for (const [manager, vs] of managed.fields) {
    if (manager === workflow) continue;
    const conflict = vs.set.intersection(changed);
    if (!conflict.isEmpty()) conflicts.set(manager, conflict);
  }
  if (!force && conflicts.size > 0) {
    const list: Conflict[] = [];
    for (const manager of [...conflicts.keys()].sort()) {
      for (const path of conflicts.get(manager)?.paths() ?? []) list.push({ manager, path });
    }
    throw new ConflictsError(list);
  }
  for (const [manager, vs] of managed.fields) {
    if (manager === workflow) continue;
    let set = vs.set;
    const conflict = conflicts.get(manager);
    if (conflict !== undefined) set = set.difference(conflict);
    set = set.difference(c.removed);
    if (set !== vs.set) managed.fields.set(manager, withSet(vs, set));
  }
  for (const [manager, vs] of managed.fields) if (vs.set.isEmpty()) managed.fields.delete(manager);
  return c;
}

/** Records a non-apply write by `manager` (Updater.Update); returns the new managers. */
export function updaterUpdate(ctx: UpdaterContext, live: unknown, next: unknown, version: string, managed: Managed, manager: string): Managed {
  const out = reconciled(ctx, managed);
  const c = update(ctx, live, next, out, manager, true);
  const previous = out.fields.get(manager)?.set ?? new FieldSet();
  const set = ctx.filter(previous.difference(c.removed).union(c.modified).union(c.added));
  if (set.isEmpty()) out.fields.delete(manager);
  else out.fields.set(manager, { set, apiVersion: version, applied: false });
  return out;
}

export interface ApplyOutcome {
  readonly object: unknown;
  /** False when the merged object equals the live one. */
  readonly changed: boolean;
  readonly managed: Managed;
}

/** Applies `config` for `manager` (Updater.Apply); throws ConflictsError. */
export function updaterApply(
  ctx: UpdaterContext,
  live: unknown,
  config: unknown,
  version: string,
  managed: Managed,
  manager: string,
  force: boolean,
): ApplyOutcome {
  const out = reconciled(ctx, managed);
  const merged = merge(live, config, ctx.type);
  const lastSet = out.fields.get(manager);
  out.fields.set(manager, { set: ctx.filter(toFieldSet(config, ctx.type)), apiVersion: version, applied: true });
  const object = prune(ctx, merged, out, lastSet);
  update(ctx, live, object, out, manager, force);
  return { object, changed: !jsonEqual(live, object), managed: out };
}

/**
 * Removes what the applier owned last time and no longer applies, unless another manager (or the
 * applier's new configuration) owns it, and only if the applier really owned it before.
 */
function prune(ctx: UpdaterContext, merged: unknown, managed: Managed, lastSet: VersionedSet | undefined): unknown {
  if (lastSet === undefined || lastSet.set.isEmpty()) return merged;
  const ensure = (set: FieldSet): FieldSet => ensureNamedFieldsAreMembers(set, ctx.type);
  const mergedSet = ensure(toFieldSet(merged, ctx.type));
  const last = ensure(lastSet.set);
  let owned = new FieldSet();
  for (const vs of managed.fields.values()) owned = owned.union(vs.set);
  let pruned = removeItems(merged, last, ctx.type) ?? {};
  // Add back what someone owns.
  pruned = removeItems(merged, mergedSet.difference(ensure(toFieldSet(pruned, ctx.type)).union(ensure(owned))), ctx.type) ?? {};
  // Remove only what the applier had owned: anything else pruned goes back.
  return removeItems(merged, mergedSet.difference(ensure(toFieldSet(pruned, ctx.type))).intersection(last), ctx.type) ?? {};
}
