/**
 * The managedFields bookkeeping of non-apply writes (create, update, patch), as kube-apiserver's
 * field manager does it: start from the managedFields of the request (or of the stored object
 * when the request has none, or of nothing when it resets them with `[]`); objects nobody manages
 * stay unmanaged; the writer takes what it changed; at most ten updaters are kept.
 */
import type { KubeObject } from '../../api/object.js';
import { isJsonObject } from '../patch/json-value.js';
import { endpoint, withoutManagedFields } from './endpoint.js';
import type { EndpointOptions } from './endpoint.js';
import { decodeManagedFields, emptyManaged, encodeManagedFields, ManagedFieldsError } from './managed.js';
import type { Managed } from './managed.js';
import { trackedUpdate, UpdateFailed } from './tracked.js';

export interface RecordUpdateInput extends EndpointOptions {
  /** The stored object; undefined for a create. */
  readonly live: KubeObject | undefined;
  /** The object about to be stored; its metadata.managedFields is rewritten. */
  readonly next: KubeObject;
  readonly manager: string;
  readonly operation?: 'Update';
}

/** The entries are all empty: kube's signal to clear managedFields. */
function isReset(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  if (entries.length > 1) return false;
  const [only] = entries as unknown[];
  if (!isJsonObject(only)) return false;
  return Object.entries(only).every(([, v]) => v === undefined || v === null || v === '');
}

function decodeOrEmpty(entries: unknown, stored = false): Managed {
  try {
    return decodeManagedFields(entries, stored);
  } catch (e) {
    if (e instanceof ManagedFieldsError) return emptyManaged();
    throw e;
  }
}

function startingManaged(input: RecordUpdateInput, subresource: string): Managed {
  const liveEntries = input.live?.metadata?.managedFields;
  // A subresource write cannot set managedFields; a resource write can, to import or reset them.
  if (subresource !== '') return decodeOrEmpty(liveEntries, true);
  const requested = input.next.metadata?.managedFields;
  if (isReset(requested)) return emptyManaged();
  const fromRequest = decodeOrEmpty(requested);
  return fromRequest.fields.size > 0 ? fromRequest : decodeOrEmpty(liveEntries, true);
}

/**
 * The managedFields bookkeeping of a create, update or patch (not an apply): rewrites
 * `next.metadata.managedFields`. Never throws: like kube, a write whose ownership cannot be
 * computed goes through without managedFields.
 */
export function recordUpdate(input: RecordUpdateInput): void {
  const next = input.next;
  const ep = endpoint(input, next.apiVersion ?? input.live?.apiVersion ?? '');
  let managed = startingManaged(input, ep.subresource);
  if (next.metadata !== undefined) delete next.metadata.managedFields;
  // Objects nobody manages stay unmanaged; a create is always tracked.
  if (managed.fields.size === 0 && (input.live?.metadata?.uid ?? '') !== '') return;
  try {
    managed = trackedUpdate(ep, withoutManagedFields(input.live), withoutManagedFields(next), managed, input.manager);
  } catch (e) {
    if (e instanceof UpdateFailed) return;
    throw e;
  }
  const entries = encodeManagedFields(managed);
  if (entries === undefined) return;
  next.metadata ??= {};
  next.metadata.managedFields = entries;
}
