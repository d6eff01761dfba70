/**
 * The set of fields an object sets (TypedValue.ToFieldSet): scalars, atomic lists and maps,
 * empty and null members, members of maps that are not struct fields, and list items (which are
 * owned themselves as well as through their fields).
 */
import { isJsonObject } from '../../patch/json-value.js';
import { FieldSet } from '../field-set.js';
import type { PathElement } from '../path.js';
import { memberElement, memberType } from '../schema-type.js';
import type { ListType, MapType, TypeRef } from '../schema-type.js';
import { deduce, handler, tryListItemElement } from './atoms.js';

export function toFieldSet(value: unknown, type: TypeRef): FieldSet {
  const set = new FieldSet();
  collect(set, [], value, type);
  return set;
}

function collect(set: FieldSet, path: PathElement[], value: unknown, type: TypeRef): void {
  const atom = type.atom();
  const h = handler(atom, deduce(atom, value));
  switch (h.kind) {
    case 'none':
      return;
    case 'scalar':
      set.insert(path);
      return;
    case 'list':
      if (h.list.atomic) set.insert(path);
      else if (Array.isArray(value)) collectItems(set, path, value, h.list);
      return;
    case 'map':
      if (h.map.atomic) set.insert(path);
      else if (isJsonObject(value)) collectMembers(set, path, value, h.map);
      return;
  }
}

function collectItems(set: FieldSet, path: PathElement[], items: readonly unknown[], list: ListType): void {
  const pes = items.map((item) => tryListItemElement(list, item));
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const pe of pes) {
    if (pe === undefined) continue;
    if (!seen.has(pe.id)) {
      seen.add(pe.id);
    } else if (!duplicates.has(pe.id)) {
      // A duplicated item is owned as a whole: its fields cannot be told apart.
      duplicates.add(pe.id);
      path.push(pe);
      set.insert(path);
      path.pop();
    }
  }
  items.forEach((item, i) => {
    const pe = pes[i];
    if (pe === undefined || duplicates.has(pe.id)) return;
    path.push(pe);
    collect(set, path, item, list.element);
    set.insert(path);
    path.pop();
  });
}

function collectMembers(set: FieldSet, path: PathElement[], value: Readonly<Record<string, unknown>>, map: MapType): void {
  for (const [key, member] of Object.entries(value)) {
    path.push(memberElement(map, key));
    collect(set, path, member, memberType(map, key));
    if (member === null || (isJsonObject(member) && Object.keys(member).length === 0) || !map.fields.has(key)) {
      set.insert(path);
    }
    path.pop();
  }
}
