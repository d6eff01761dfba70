/**
 * How kube-apiserver lets `kubectl apply --server-side` take over an object that was applied
 * client-side (lastAppliedManager, lastAppliedUpdater). Both act only for the field manager
 * "kubectl", kubectl's default for server-side apply:
 *
 * - a conflict is forgiven on a field the last-applied-configuration annotation sets to the
 *   value the object still has (the user is re-applying their own configuration);
 * - after the apply, an existing annotation is rewritten to the applied configuration, so a later
 *   client-side apply still computes the right patch.
 */
import { isJsonObject } from '../patch/json-value.js';
import type { JsonObject } from '../patch/json-value.js';
import type { FieldSet } from './field-set.js';
import { goJson, STDLIB_JSON } from './go-format.js';
import type { TypeRef } from './schema-type.js';
import { compare } from './typed/compare.js';
import { toFieldSet } from './typed/to-field-set.js';
import { validate } from './typed/validate.js';
import { cloneJson } from '../../lib/json.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** The manager whose applies upgrade client-side apply ownership. */
export const KUBECTL_SSA_MANAGER = 'kubectl';
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** metadata.annotations when every value is a string (NestedStringMap), else undefined. */
function stringAnnotations(obj: JsonObject): Record<string, string> | undefined {
  const metadata = obj['metadata'];
  if (!isJsonObject(metadata)) return undefined;
  const annotations = metadata['annotations'];
  if (!isJsonObject(annotations)) return undefined;
  for (const v of Object.values(annotations)) if (typeof v !== 'string') return undefined;
  return annotations as Record<string, string>;
}

export function lastAppliedOf(obj: JsonObject): string | undefined {
  const value = stringAnnotations(obj)?.[LAST_APPLIED_ANNOTATION];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The fields a conflict may be forgiven on: those the annotation sets, at the value the live
 * object still has. Undefined when the annotation is missing or unusable.
 */
export function allowedConflictsFromLastApplied(live: JsonObject, type: TypeRef, apiVersion: string): FieldSet | undefined {
  const text = lastAppliedOf(live);
  if (text === undefined) return undefined;
  const strict = { allowDuplicates: false, rejectUnknownFields: true };
  // The stored object is read leniently: fields our schemas lag behind on are not its fault.
  if (validate(live, type, { allowDuplicates: false, rejectUnknownFields: false }).length > 0) return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  if (!isJsonObject(lastApplied) || lastApplied['apiVersion'] !== apiVersion) return undefined;
  if (validate(lastApplied, type, strict).length > 0) return undefined;
  const c = compare(lastApplied, live, type, { goZero: false });
  return toFieldSet(lastApplied, type).difference(c.modified).difference(c.added).difference(c.removed);
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * The annotation value for an applied configuration: the configuration without the annotation,
 * encoded as kube's unstructured JSON encoder does (sorted keys, trailing newline).
 */
export function buildLastApplied(config: JsonObject): string {
  const copy = cloneJson(config);
  const metadata = copy['metadata'];
  if (isJsonObject(metadata)) {
    const annotations = stringAnnotations(copy);
    if (annotations === undefined) delete metadata['annotations'];
    else Reflect.deleteProperty(annotations, LAST_APPLIED_ANNOTATION);
  }
  return `${goJson(copy, STDLIB_JSON)}\n`;
}

/** Sets the annotation on `obj` (mutated), dropping it when annotations would exceed 256 KiB. */
export function setLastApplied(obj: JsonObject, value: string): void {
  let metadata = obj['metadata'];
  if (!isJsonObject(metadata)) {
    metadata = {};
    obj['metadata'] = metadata;
  }
  const meta = metadata as JsonObject;
  const annotations: Record<string, string> = { ...(stringAnnotations(obj) ?? {}) };
  annotations[LAST_APPLIED_ANNOTATION] = value;
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) total += bytes(k) + bytes(v);
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) Reflect.deleteProperty(annotations, LAST_APPLIED_ANNOTATION);
  meta['annotations'] = annotations;
}
