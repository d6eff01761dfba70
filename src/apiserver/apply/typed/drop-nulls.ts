/**
 * Kube turns a merged object back into its Go type (built-in kinds) or prunes nulls of fields that
 * are not nullable (custom resources), so a struct field set to null by an applied configuration,
 * or left empty by pruning, disappears from the stored object. Map members and deduced values keep
 * their nulls.
 */
import { isJsonObject } from '../../patch/json-value.js';
import { memberType } from '../schema-type.js';
import type { TypeRef } from '../schema-type.js';
import { deduce, handler } from './atoms.js';

/** Removes, in place, the null struct fields of `value`. */
export function dropNullFields(value: unknown, type: TypeRef): void {
  const atom = type.atom();
  const h = handler(atom, deduce(atom, value));
  if (h.kind === 'list' && Array.isArray(value)) {
    for (const item of value as unknown[]) dropNullFields(item, h.list.element);
    return;
  }
  if (h.kind !== 'map' || !isJsonObject(value)) return;
  for (const key of Object.keys(value)) {
    const member = value[key];
    const field = h.map.fields.get(key);
    if (member === null && field !== undefined && !field.nullable) {
      Reflect.deleteProperty(value, key);
      continue;
    }
    dropNullFields(member, memberType(h.map, key));
  }
}
