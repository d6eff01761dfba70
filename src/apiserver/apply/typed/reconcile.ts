/**
 * Bringing a recorded field set in line with the current schema (ReconcileFieldSetWithSchema):
 * when a list or map became atomic since the set was written (a CRD changed), the fields recorded
 * below it collapse into ownership of the list or map itself.
 */
import { FieldSet } from '../field-set.js';
import type { PathElement } from '../path.js';
import { DEDUCED } from '../schema-type.js';
import type { MapType, TypeRef } from '../schema-type.js';
import { handler } from './atoms.js';

const ALL_KINDS = 7;

/** The reconciled set, or undefined when `set` already fits the schema. */
export function reconcileWithSchema(set: FieldSet, type: TypeRef): FieldSet | undefined {
  const collapse: PathElement[][] = [];
  walk(set, type, [], false, collapse);
  if (collapse.length === 0) return undefined;
  const paths = FieldSet.of(...collapse);
  return set.recursiveDifference(paths).union(paths);
}

function isDeducedMap(map: MapType): boolean {
  return map.element === DEDUCED && map.fields.size === 0;
}

function walk(set: FieldSet | undefined, type: TypeRef, path: PathElement[], isAtomic: boolean, collapse: PathElement[][]): void {
  const atom = type.atom();
  const h = handler(atom, ALL_KINDS);
  switch (h.kind) {
    case 'none':
    case 'scalar':
      return;
    case 'list':
      if (!isAtomic && h.list.atomic) {
        collapse.push([...path]);
        return;
      }
      if (set !== undefined) visit(set, path, () => h.list.element, collapse);
      return;
    case 'map':
      if (isDeducedMap(h.map)) return;
      if (!isAtomic && h.map.atomic) {
        if (set !== undefined && !set.isEmpty()) collapse.push([...path]);
        return;
      }
      if (set !== undefined) {
        const map = h.map;
        visit(set, path, (pe) => (pe.kind === 'field' ? (map.fields.get(pe.name)?.type ?? map.element) : map.element), collapse);
      }
      return;
  }
}

function visit(set: FieldSet, path: PathElement[], typeOf: (pe: PathElement) => TypeRef | undefined, collapse: PathElement[][]): void {
  const handle = (pe: PathElement, isMember: boolean): void => {
    const type = typeOf(pe);
    if (type === undefined) return;
    const child = set.children.get(pe.id)?.set;
    path.push(pe);
    walk(child, type, path, isMember && child === undefined, collapse);
    path.pop();
  };
  for (const c of set.children.values()) if (!set.members.has(c.pe.id)) handle(c.pe, false);
  for (const pe of set.members.values()) handle(pe, true);
}
