/**
 * The layers of kube's field manager below its skip-non-applied layer, for one update or one
 * apply: cap the number of updaters, key the manager by identity, stamp times, strip server-owned
 * metadata, and let structured-merge-diff's Updater do the merge and the bookkeeping.
 */
import type { JsonObject } from '../patch/json-value.js';
import { isJsonObject } from '../patch/json-value.js';
import { checkNoManagedFields, describeObject, internalError } from './body.js';
import type { Endpoint } from './endpoint.js';
import { FieldSet } from './field-set.js';
import { managerIdentifier } from './managed.js';
import type { Managed } from './managed.js';
import { fieldElement } from './path.js';
import { formatValidationErrors, validate } from './typed/validate.js';
import { updaterApply, updaterUpdate } from './updater.js';

const MAX_UPDATE_MANAGERS = 10;
const ANCIENT_CHANGES = 'ancient-changes';
const CURRENT_OPERATION = 'current-operation';

/** Fields kube never records for anyone (stripMetaManager). */
const STRIPPED = FieldSet.of(
  ...[['apiVersion'], ['kind'], ['metadata']].map((p) => p.map(fieldElement)),
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => [
    fieldElement('metadata'),
    fieldElement(f),
  ]),
);

function strip(managed: Managed, manager: string): void {
  const vs = managed.fields.get(manager);
  if (vs === undefined) return;
  const set = vs.set.difference(STRIPPED);
  if (set.isEmpty()) managed.fields.delete(manager);
  else managed.fields.set(manager, { set, apiVersion: vs.apiVersion, applied: vs.applied });
}

/** capManagersManager: the oldest updaters beyond ten are merged into "ancient-changes" (per version). */
function capUpdateManagers(managed: Managed): void {
  const updaters = [...managed.fields].filter(([, vs]) => !vs.applied).map(([id]) => id);
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  const seconds = (id: string): number => {
    const ms = Date.parse(managed.times.get(id) ?? '');
    return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
  };
  updaters.sort((a, b) => seconds(a) - seconds(b) || (a < b ? -1 : a > b ? 1 : 0));
  const firstByVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > MAX_UPDATE_MANAGERS; i++) {
    const manager = updaters[i];
    const vs = manager === undefined ? undefined : managed.fields.get(manager);
    if (manager === undefined || vs === undefined) continue;
    const first = firstByVersion.get(vs.apiVersion);
    if (first === undefined) {
      firstByVersion.set(vs.apiVersion, manager);
      continue;
    }
    const bucket = managerIdentifier({ manager: ANCIENT_CHANGES, operation: 'Update', apiVersion: vs.apiVersion, subresource: '' });
    if (!managed.fields.has(bucket)) {
      const moved = managed.fields.get(first);
      managed.fields.delete(first);
      if (moved !== undefined) managed.fields.set(bucket, moved);
    }
    const previous = managed.fields.get(bucket)?.set ?? new FieldSet();
    managed.fields.set(bucket, { set: vs.set.union(previous), apiVersion: vs.apiVersion, applied: vs.applied });
    managed.fields.delete(manager);
    length--;
    const time = managed.times.get(manager);
    if (time === undefined) managed.times.delete(bucket);
    else managed.times.set(bucket, time);
  }
}

/** The objects cannot be typed: kube then writes the object without managedFields. */
export class UpdateFailed extends Error {
  override readonly name = 'UpdateFailed';
}

/** An update below the skip-non-applied layer: capManagers, buildManagerInfo, managedFieldsUpdater, stripMeta, structuredMerge. */
export function trackedUpdate(ep: Endpoint, live: JsonObject, next: JsonObject, managed: Managed, manager: string): Managed {
  const lenient = { allowDuplicates: true, rejectUnknownFields: false };
  // A stored built-in object was typed when it was written, and built-in schemas never change.
  const errs = [...validate(next, ep.type, lenient), ...(ep.schemaMayChange ? validate(live, ep.type, lenient) : [])];
  if (errs.length > 0) throw new UpdateFailed(formatValidationErrors(errs));
  const key = managerIdentifier({ manager: manager === '' ? 'unknown' : manager, operation: 'Update', apiVersion: ep.apiVersion, subresource: ep.subresource });
  const out = updaterUpdate(ep, live, next, ep.apiVersion, managed, CURRENT_OPERATION);
  strip(out, CURRENT_OPERATION);
  const vs = out.fields.get(CURRENT_OPERATION);
  if (vs !== undefined) {
    out.fields.delete(CURRENT_OPERATION);
    const previous = out.fields.get(key);
    out.fields.set(key, previous === undefined ? vs : { set: vs.set.union(previous.set), apiVersion: vs.apiVersion, applied: vs.applied });
    out.times.set(key, ep.now);
  }
  capUpdateManagers(out);
  return out;
}

export interface Applied {
  readonly object: JsonObject;
  readonly managed: Managed;
}

/** An apply below the skip-non-applied layer (buildManagerInfo through structuredMerge). */
export function trackedApply(ep: Endpoint, live: JsonObject, config: JsonObject, managed: Managed, manager: string, force: boolean): Applied {
  checkNoManagedFields(config);
  const configErrors = validate(config, ep.type, { allowDuplicates: false, rejectUnknownFields: true });
  if (configErrors.length > 0) {
    throw internalError(`failed to create typed patch object (${describeObject(config)}): ${formatValidationErrors(configErrors)}`);
  }
  const liveErrors = validate(live, ep.type, { allowDuplicates: true, rejectUnknownFields: false });
  if (liveErrors.length > 0) {
    throw internalError(`failed to create typed live object (${describeObject(live)}): ${formatValidationErrors(liveErrors)}`);
  }
  const key = managerIdentifier({ manager: manager === '' ? 'unknown' : manager, operation: 'Apply', apiVersion: '', subresource: ep.subresource });
  const outcome = updaterApply(ep, live, config, ep.apiVersion, managed, key, force);
  strip(outcome.managed, key);
  if (!outcome.changed) return { object: live, managed: outcome.managed };
  outcome.managed.times.set(key, ep.now);
  return { object: isJsonObject(outcome.object) ? outcome.object : {}, managed: outcome.managed };
}
