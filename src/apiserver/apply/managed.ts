/**
 * metadata.managedFields as the field manager holds it: one versioned field set per manager
 * identity, plus the time each was last touched. Identities are what kube keys managers by: the
 * name, operation and subresource, and for updaters the API version too (an applier keeps one
 * entry whatever version it applies with).
 */
import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1.js';
import { isJsonObject } from '../patch/json-value.js';
import type { FieldSet } from './field-set.js';
import { FieldsV1Error, fromFieldsV1, toFieldsV1 } from './fields-v1.js';
import { compareGoStrings } from './go-format.js';

export type Operation = 'Apply' | 'Update';

export interface VersionedSet {
  readonly set: FieldSet;
  readonly apiVersion: string;
  readonly applied: boolean;
}

export interface Managed {
  readonly fields: Map<string, VersionedSet>;
  /** RFC 3339 times by identity; a manager may have none. */
  readonly times: Map<string, string>;
}

export function emptyManaged(): Managed {
  return { fields: new Map(), times: new Map() };
}

export function copyManaged(m: Managed): Managed {
  return { fields: new Map(m.fields), times: new Map(m.times) };
}

export interface ManagerIdentity {
  readonly manager: string;
  readonly operation: Operation;
  readonly apiVersion: string;
  readonly subresource: string;
}

/**
 * BuildManagerIdentifier: the entry's JSON without fields and time (and without apiVersion for
 * appliers), in ManagedFieldsEntry's field order with empty fields omitted.
 */
export function managerIdentifier(id: ManagerIdentity): string {
  const o: Record<string, string> = {};
  if (id.manager !== '') o['manager'] = id.manager;
  o['operation'] = id.operation;
  if (id.operation !== 'Apply' && id.apiVersion !== '') o['apiVersion'] = id.apiVersion;
  if (id.subresource !== '') o['subresource'] = id.subresource;
  return JSON.stringify(o);
}

export function parseIdentifier(identifier: string): ManagerIdentity | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(identifier) as unknown;
  } catch {
    return undefined;
  }
  if (!isJsonObject(parsed)) return undefined;
  const str = (k: string): string => (typeof parsed[k] === 'string' ? parsed[k] : '');
  const operation = str('operation');
  return {
    manager: str('manager'),
    operation: operation === 'Apply' ? 'Apply' : 'Update',
    apiVersion: str('apiVersion'),
    subresource: str('subresource'),
  };
}

export class ManagedFieldsError extends Error {
  override readonly name = 'ManagedFieldsError';
}

function stringField(entry: Record<string, unknown>, key: string, index: number): string {
  const v = entry[key];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new ManagedFieldsError(`managed fields entry ${index}: ${key} must be a string`);
  return v;
}

/**
 * The fieldsV1 each decoded set came from: a set nobody changed is encoded again by reusing it
 * (most writes change one manager's fields, and encoding is a walk of the whole set).
 */
const decodedFrom = new WeakMap<FieldSet, unknown>();

/**
 * DecodeManagedFields; throws ManagedFieldsError on an entry kube would not decode. `stored`: the
 * entries come from a stored object, so their fieldsV1 are canonical and may be reused as they are.
 */
export function decodeManagedFields(entries: unknown, stored = false): Managed {
  const managed = emptyManaged();
  if (entries === undefined || entries === null) return managed;
  if (!Array.isArray(entries)) throw new ManagedFieldsError('managedFields must be a list');
  entries.forEach((raw: unknown, i) => {
    if (!isJsonObject(raw)) throw new ManagedFieldsError(`managed fields entry ${i} must be an object`);
    const operation = stringField(raw, 'operation', i);
    if (operation !== 'Apply' && operation !== 'Update') throw new ManagedFieldsError('operation must be `Apply` or `Update`');
    const apiVersion = stringField(raw, 'apiVersion', i);
    if (apiVersion === '') throw new ManagedFieldsError('apiVersion must not be empty');
    const fieldsType = stringField(raw, 'fieldsType', i);
    if (fieldsType === '') throw new ManagedFieldsError(`missing fieldsType in managed fields entry ${i}`);
    if (fieldsType !== 'FieldsV1') throw new ManagedFieldsError(`invalid fieldsType "${fieldsType}" in managed fields entry ${i}`);
    const identifier = managerIdentifier({
      manager: stringField(raw, 'manager', i),
      operation,
      apiVersion,
      subresource: stringField(raw, 'subresource', i),
    });
    let set: FieldSet;
    try {
      set = fromFieldsV1(raw['fieldsV1'] ?? {});
      if (stored && isJsonObject(raw['fieldsV1'])) decodedFrom.set(set, raw['fieldsV1']);
    } catch (e) {
      if (e instanceof FieldsV1Error) throw new ManagedFieldsError(`error decoding versioned set: error decoding set: ${e.message}`, { cause: e });
      throw e;
    }
    managed.fields.set(identifier, { set, apiVersion, applied: operation === 'Apply' });
    const time = stringField(raw, 'time', i);
    if (time !== '') managed.times.set(identifier, time);
    else managed.times.delete(identifier);
  });
  return managed;
}

function unixSeconds(time: string | undefined): number {
  if (time === undefined) return 0;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  const by = (a: string | undefined, b: string | undefined): number => compareGoStrings(a ?? '', b ?? '');
  return (
    by(p.operation, q.operation) ||
    Math.sign(unixSeconds(p.time) - unixSeconds(q.time)) ||
    by(p.manager, q.manager) ||
    by(p.apiVersion, q.apiVersion) ||
    by(p.subresource, q.subresource)
  );
}

/** encodeManagedFields: entries sorted by operation, time, manager, version, subresource; undefined when there are none. */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] | undefined {
  if (managed.fields.size === 0) return undefined;
  const entries: ManagedFieldsEntry[] = [];
  for (const [identifier, vs] of managed.fields) {
    const id = parseIdentifier(identifier);
    const entry: ManagedFieldsEntry = {};
    if (id !== undefined && id.manager !== '') entry.manager = id.manager;
    entry.operation = vs.applied ? 'Apply' : (id?.operation ?? 'Update');
    entry.apiVersion = vs.apiVersion;
    const time = managed.times.get(identifier);
    if (time !== undefined) entry.time = time;
    entry.fieldsType = 'FieldsV1';
    entry.fieldsV1 = (decodedFrom.get(vs.set) as ManagedFieldsEntry['fieldsV1'] | undefined) ?? toFieldsV1(vs.set);
    if (id !== undefined && id.subresource !== '') entry.subresource = id.subresource;
    entries.push(entry);
  }
  return entries.sort(compareEntries);
}

/** metav1.Time as kube serializes it: RFC 3339 in UTC, whole seconds. */
export function formatTime(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}
