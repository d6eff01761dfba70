/**
 * Removing a set of fields from a value (TypedValue.RemoveItems), and the companion set helper
 * (Set.EnsureNamedFieldsAreMembers) that lets a struct field be removed as a whole. As in kube, a
 * map or list left empty by a removal becomes null; callers drop such nulls at the end.
 */
import { isJsonObject } from '../../patch/json-value.js';
import type { JsonObject } from '../../patch/json-value.js';
import { setMember } from '../../patch/members.js';
import { FieldSet } from '../field-set.js';
import { memberElement, memberType } from '../schema-type.js';
import type { Atom, ListType, MapType, TypeRef } from '../schema-type.js';
import { deduce, handler, tryListItemElement } from './atoms.js';

/** `value` without the fields of `toRemove`; undefined stands for kube's nil (null in a parent). */
export function removeItems(value: unknown, toRemove: FieldSet, type: TypeRef): unknown {
  const atom = type.atom();
  const h = handler(atom, deduce(atom, value));
  switch (h.kind) {
    case 'none':
      return undefined;
    case 'scalar':
      return value;
    case 'list':
      return Array.isArray(value) ? removeFromList(value, toRemove, h.list) : undefined;
    case 'map':
      return isJsonObject(value) ? removeFromMap(value, toRemove, h.map) : undefined;
  }
}

function removeFromList(list: readonly unknown[], toRemove: FieldSet, type: ListType): unknown[] | undefined {
  if (list.length === 0 || type.atomic) return undefined;
  const out: unknown[] = [];
  for (const item of list) {
    const pe = tryListItemElement(type, item);
    if (pe === undefined) {
      out.push(item);
      continue;
    }
    if (toRemove.hasMember(pe)) continue;
    const subset = toRemove.withPrefix(pe);
    out.push(subset.isEmpty() ? item : (removeItems(item, subset, type.element) ?? null));
  }
  return out.length > 0 ? out : undefined;
}

function removeFromMap(map: JsonObject, toRemove: FieldSet, type: MapType): JsonObject | undefined {
  const keys = Object.keys(map);
  if (keys.length === 0 || type.atomic) return undefined;
  const out: JsonObject = {};
  let any = false;
  for (const key of keys) {
    const pe = memberElement(type, key);
    if (toRemove.hasMember(pe)) continue;
    const subset = toRemove.withPrefix(pe);
    const value = map[key];
    setMember(out, key, subset.isEmpty() ? value : (removeItems(value, subset, memberType(type, key)) ?? null));
    any = true;
  }
  return any ? out : undefined;
}

const NO_ATOM: Atom = {};

/**
 * The set with every struct field that has owned descendants also a member, so that removing the
 * set removes such fields entirely (map members and list items are left as they are).
 */
export function ensureNamedFieldsAreMembers(set: FieldSet, type: TypeRef | undefined): FieldSet {
  const atom = type === undefined ? NO_ATOM : type.atom();
  const out = new FieldSet();
  for (const [id, pe] of set.members) out.members.set(id, pe);
  for (const [id, child] of set.children) {
    let childType: TypeRef | undefined;
    if (child.pe.kind === 'field' && atom.map !== undefined) {
      if (atom.map.fields.has(child.pe.name)) out.members.set(id, child.pe);
      childType = atom.map.fields.get(child.pe.name)?.type ?? atom.map.element;
    } else if (child.pe.kind === 'key' && atom.list !== undefined) {
      childType = atom.list.element;
    }
    out.children.set(id, { pe: child.pe, set: ensureNamedFieldsAreMembers(child.set, childType) });
  }
  return out;
}
