/**
 * Server-side apply as kube-apiserver's field manager runs it: check the kind; (for "kubectl")
 * forgive conflicts on fields still as the last-applied annotation has them and keep that
 * annotation current; give the existing fields of an object nobody manages yet to
 * "before-first-apply"; then merge, prune and record the applier's fields, and stamp the time
 * when the object changed.
 */
import type { KubeObject } from '../../api/object.js';
import type { JsonObject } from '../patch/json-value.js';
import { appliedObject, checkKind, checkNameAndNamespace, internalError } from './body.js';
import { conflictError } from './conflicts.js';
import { endpoint, withoutManagedFields } from './endpoint.js';
import type { Endpoint, EndpointOptions } from './endpoint.js';
import { allowedConflictsFromLastApplied, buildLastApplied, KUBECTL_SSA_MANAGER, lastAppliedOf, setLastApplied } from './last-applied.js';
import { decodeManagedFields, encodeManagedFields, ManagedFieldsError } from './managed.js';
import type { Managed } from './managed.js';
import { trackedApply, trackedUpdate, UpdateFailed } from './tracked.js';
import type { Applied } from './tracked.js';
import { dropNullFields } from './typed/drop-nulls.js';
import { ConflictsError } from './updater.js';
import { cloneJson } from '../../lib/json.js';

export interface ServerSideApplyInput extends EndpointOptions {
  /** The stored object, or undefined when the apply creates it. */
  readonly live: KubeObject | undefined;
  /** The decoded apply body. */
  readonly applied: unknown;
  readonly manager: string;
  readonly force: boolean;
  /** The name in the URL; the result must carry it. */
  readonly name?: string;
  /** The namespace in the URL ('' for cluster-scoped kinds); filled in when the object has none. */
  readonly namespace?: string;
}

const BEFORE_FIRST_APPLY = 'before-first-apply';

/** skipNonAppliedManager: the fields of an object nobody manages go to "before-first-apply" first. */
function applyWithExistingFields(ep: Endpoint, live: JsonObject, config: JsonObject, managed: Managed, manager: string, force: boolean): Applied {
  let current = managed;
  if (current.fields.size === 0) {
    try {
      current = trackedUpdate(ep, {}, live, current, BEFORE_FIRST_APPLY);
    } catch (e) {
      if (e instanceof UpdateFailed) throw internalError(`failed to create manager for existing fields: ${e.message}`);
      throw e;
    }
  }
  return trackedApply(ep, live, config, current, manager, force);
}

/**
 * Server-side apply of `applied` to `live` (or to nothing: create-on-apply) by `manager`: the
 * merged object with metadata.managedFields updated. Throws StatusError: 400 for a malformed body,
 * 409 Conflict listing each conflicting field and its owner, 500 where kube fails internally
 * (fields the schema does not declare, an invalid stored managedFields).
 */
export function serverSideApply(input: ServerSideApplyInput): KubeObject {
  const config = appliedObject(input.applied);
  const ep = endpoint(input, typeof config['apiVersion'] === 'string' ? config['apiVersion'] : '');
  const live = withoutManagedFields(input.live);
  let managed: Managed;
  try {
    managed = decodeManagedFields(input.live?.metadata?.managedFields);
  } catch (e) {
    if (e instanceof ManagedFieldsError) throw internalError(`failed to decode managed fields: ${e.message}`);
    throw e;
  }
  if (ep.gvk !== undefined) checkKind(config, ep.gvk);
  const attempt = (force: boolean): Applied => applyWithExistingFields(ep, live, config, managed, input.manager, force);
  let applied: Applied;
  try {
    applied = attempt(input.force);
  } catch (e) {
    if (!(e instanceof ConflictsError)) throw e;
    applied = retryWithLastApplied(e, input.manager, live, ep, attempt);
  }
  const result = cloneJson(applied.object) as KubeObject;
  dropNullFields(result, ep.type);
  if (input.manager === KUBECTL_SSA_MANAGER && lastAppliedOf(result) !== undefined) {
    setLastApplied(result, buildLastApplied(config));
  }
  const entries = encodeManagedFields(applied.managed);
  result.metadata ??= {};
  if (entries === undefined) delete result.metadata.managedFields;
  else result.metadata.managedFields = entries;
  checkNameAndNamespace(result, input.name, input.namespace);
  return result;
}

/** lastAppliedManager: kubectl re-applying its client-side configuration does not conflict with itself. */
function retryWithLastApplied(e: ConflictsError, manager: string, live: JsonObject, ep: Endpoint, attempt: (force: boolean) => Applied): Applied {
  if (manager !== KUBECTL_SSA_MANAGER) throw conflictError(e.conflicts);
  const allowed = allowedConflictsFromLastApplied(live, ep.type, ep.apiVersion);
  if (allowed === undefined) throw conflictError(e.conflicts);
  const remaining = e.conflicts.filter((c) => !allowed.has(c.path));
  if (remaining.length > 0) throw conflictError(remaining);
  return attempt(true);
}
