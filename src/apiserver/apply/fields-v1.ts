/**
 * The FieldsV1 encoding of a field set in metadata.managedFields: a trie of JSON objects keyed by
 * serialized path elements, with `{}` for a path that ends there and `".": {}` for a path that
 * ends there and also has owned descendants.
 */
import { isJsonObject } from '../patch/json-value.js';
import type { JsonObject } from '../patch/json-value.js';
import { FieldSet } from './field-set.js';
import { compareElements, parseElement, PathElementError } from './path.js';

export function toFieldsV1(set: FieldSet): JsonObject {
  return emit(set, false);
}

function emit(set: FieldSet, includeSelf: boolean): JsonObject {
  const out: JsonObject = {};
  const members = set.sortedMembers();
  const children = set.sortedChildren().filter((c) => !c.set.isEmpty());
  if (includeSelf && (members.length > 0 || children.length > 0)) out['.'] = {};
  let mi = 0;
  let ci = 0;
  while (mi < members.length || ci < children.length) {
    const m = members[mi];
    const c = children[ci];
    const order = m === undefined ? 1 : c === undefined ? -1 : compareElements(m, c.pe);
    if (order < 0 && m !== undefined) {
      define(out, m.id, {});
      mi++;
    } else if (order > 0 && c !== undefined) {
      define(out, c.pe.id, emit(c.set, false));
      ci++;
    } else if (c !== undefined) {
      define(out, c.pe.id, emit(c.set, true));
      mi++;
      ci++;
    }
  }
  return out;
}

/** Own data property even for the key `__proto__`. */
function define(o: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}

export class FieldsV1Error extends Error {
  override readonly name = 'FieldsV1Error';
}

/** Parses a FieldsV1 object; throws FieldsV1Error when it is not one. */
export function fromFieldsV1(fields: unknown): FieldSet {
  if (!isJsonObject(fields)) throw new FieldsV1Error('FieldsV1 must be a JSON object');
  try {
    return read(fields).children ?? new FieldSet();
  } catch (e) {
    if (e instanceof PathElementError) throw new FieldsV1Error(`parsing key as path element: ${e.message}`, { cause: e });
    throw e;
  }
}

function read(node: JsonObject): { children: FieldSet | undefined; isMember: boolean } {
  let children: FieldSet | undefined;
  let isMember = false;
  for (const [key, value] of Object.entries(node)) {
    if (key === '.') {
      isMember = true;
      continue;
    }
    const pe = parseElement(key);
    if (pe === undefined) continue;
    if (!isJsonObject(value)) throw new FieldsV1Error(`the value of ${key} must be a JSON object`);
    const child = read(value);
    if (child.isMember) {
      children ??= new FieldSet();
      children.members.set(pe.id, pe);
    }
    if (child.children !== undefined) {
      children ??= new FieldSet();
      const existing = children.children.get(pe.id);
      children.children.set(pe.id, { pe, set: existing === undefined ? child.children : existing.set.union(child.children) });
    }
  }
  if (children === undefined) isMember = true;
  return { children, isMember };
}
