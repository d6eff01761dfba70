/**
 * Shared pieces of the schema-directed walks: which part of an atom handles a value, and the
 * path element of a list item.
 */
import { isJsonObject } from '../../patch/json-value.js';
import { goQuote } from '../go-format.js';
import { keyElement, valueElement } from '../path.js';
import type { KeyField, PathElement } from '../path.js';
import type { Atom, ListType, MapType, ScalarType } from '../schema-type.js';

export type Handler =
  | { readonly kind: 'map'; readonly map: MapType }
  | { readonly kind: 'scalar'; readonly scalar: ScalarType }
  | { readonly kind: 'list'; readonly list: ListType }
  | { readonly kind: 'none' };

const SCALAR = 1;
const LIST = 2;
const MAP = 4;

function fullMask(atom: Atom): number {
  return (atom.scalar === undefined ? 0 : SCALAR) | (atom.list === undefined ? 0 : LIST) | (atom.map === undefined ? 0 : MAP);
}

/**
 * deduceAtom: the part of the atom matching the value's kind, or the whole atom when it has no
 * such part (an absent value, null, or a value of the wrong kind). Returned as a bit mask so two
 * deductions can be compared as Atom.Equals does.
 */
export function deduce(atom: Atom, value: unknown): number {
  if (value === undefined || value === null) return fullMask(atom);
  if (Array.isArray(value)) return atom.list === undefined ? fullMask(atom) : LIST;
  if (isJsonObject(value)) return atom.map === undefined ? fullMask(atom) : MAP;
  return atom.scalar === undefined ? fullMask(atom) : SCALAR;
}

const NONE: Handler = { kind: 'none' };

function selectHandler(atom: Atom, mask: number): Handler {
  if ((mask & MAP) !== 0 && atom.map !== undefined) return { kind: 'map', map: atom.map };
  if ((mask & SCALAR) !== 0 && atom.scalar !== undefined) return { kind: 'scalar', scalar: atom.scalar };
  if ((mask & LIST) !== 0 && atom.list !== undefined) return { kind: 'list', list: atom.list };
  return NONE;
}

// Walks ask for a handler at every node: keep one per atom and mask.
const handlers = new WeakMap<Atom, (Handler | undefined)[]>();

/** handleAtom: a map wins over a scalar, which wins over a list. */
export function handler(atom: Atom, mask: number): Handler {
  let byMask = handlers.get(atom);
  if (byMask === undefined) {
    byMask = [];
    handlers.set(atom, byMask);
  }
  let h = byMask[mask];
  if (h === undefined) {
    h = selectHandler(atom, mask);
    byMask[mask] = h;
  }
  return h;
}

export class ListItemError extends Error {
  override readonly name = 'ListItemError';
}

/**
 * Elements of the keyed items seen recently: a write validates, compares and records the same
 * items. An entry is used only while the item still has the key values it was made from.
 */
const itemKeys = new WeakMap<object, { readonly list: ListType; readonly values: readonly unknown[]; readonly pe: PathElement }>();

function rawKeys(list: ListType, item: Readonly<Record<string, unknown>>): unknown[] {
  return list.keys.map((k) => (Object.prototype.hasOwnProperty.call(item, k) ? item[k] : undefined));
}

/** The path element of an item of an associative list (keyed, or a set of scalars). */
export function listItemElement(list: ListType, item: unknown): PathElement {
  if (list.atomic) throw new ListItemError('invalid indexing of non-associative list');
  if (list.keys.length > 0) {
    if (!isJsonObject(item)) return keyedItemElement(list, item);
    const values = rawKeys(list, item);
    const known = itemKeys.get(item);
    if (known?.list === list && known.values.every((v, i) => v === values[i])) return known.pe;
    const pe = keyedItemElement(list, item);
    if (values.every((v) => typeof v !== 'object' || v === null)) itemKeys.set(item, { list, values, pe });
    return pe;
  }
  if (isJsonObject(item)) throw new ListItemError("associative list without keys has an element that's a map type");
  if (Array.isArray(item)) throw new ListItemError('not supported: associative list with lists as elements');
  if (item === null || item === undefined) throw new ListItemError("associative list without keys has an element that's an explicit null");
  return valueElement(item);
}

function keyedItemElement(list: ListType, item: unknown): PathElement {
  if (item === null || item === undefined) throw new ListItemError('associative list with keys may not have a null element');
  if (!isJsonObject(item)) throw new ListItemError('associative list with keys may not have non-map elements');
  const fields: KeyField[] = [];
  for (const name of list.keys) {
    if (Object.prototype.hasOwnProperty.call(item, name)) {
      fields.push({ name, value: item[name] });
      continue;
    }
    const elementMap = list.element.atom().map;
    if (elementMap === undefined) throw new ListItemError(`couldn't find default value for ${name}: associative list may not have non-map types`);
    const def = elementMap.fields.get(name)?.default;
    if (def === undefined || def === null) {
      throw new ListItemError(`associative list with keys has an element that omits key field ${goQuote(name)} (and doesn't have default value)`);
    }
    fields.push({ name, value: def });
  }
  return keyElement(fields);
}

/** The path element of an item, or undefined when it has none (validation reports those). */
export function tryListItemElement(list: ListType, item: unknown): PathElement | undefined {
  try {
    return listItemElement(list, item);
  } catch (e) {
    if (e instanceof ListItemError) return undefined;
    throw e;
  }
}
