/**
 * Merging an applied configuration into the live object (TypedValue.Merge with the "keep the
 * right-hand side" rule): scalars, atomic lists and atomic maps are replaced, granular maps are
 * merged member by member, associative lists item by item, keeping the applied order for the
 * items the configuration names and the live position of the others.
 */
import { isJsonObject } from '../../patch/json-value.js';
import type { JsonObject } from '../../patch/json-value.js';
import { setMember } from '../../patch/members.js';
import type { PathElement } from '../path.js';
import { memberType } from '../schema-type.js';
import type { ListType, MapType, TypeRef } from '../schema-type.js';
import { deduce, handler, tryListItemElement } from './atoms.js';

/** The merged value; undefined when neither side leaves anything (kube's nil). */
export function merge(lhs: unknown, rhs: unknown, type: TypeRef): unknown {
  return mergeNode(lhs, rhs, type);
}

function mergeNode(lhs: unknown, rhs: unknown, type: TypeRef): unknown {
  const atom = type.atom();
  // When the two sides deduce to different kinds, kube walks both but keeps the right-hand result.
  const mask = rhs === undefined ? deduce(atom, lhs) : deduce(atom, rhs);
  const h = handler(atom, mask);
  const leaf = (): unknown => (rhs !== undefined ? rhs : lhs);
  switch (h.kind) {
    case 'none':
    case 'scalar':
      return leaf();
    case 'list': {
      const l = Array.isArray(lhs) ? (lhs as unknown[]) : undefined;
      const r = Array.isArray(rhs) ? (rhs as unknown[]) : undefined;
      if (h.list.atomic || ((l?.length ?? 0) === 0 && (r?.length ?? 0) === 0)) return leaf();
      return mergeItems(l ?? [], r ?? [], h.list);
    }
    case 'map': {
      const l = isJsonObject(lhs) ? lhs : undefined;
      const r = isJsonObject(rhs) ? rhs : undefined;
      const empty = (m: JsonObject | undefined): boolean => m === undefined || Object.keys(m).length === 0;
      if (h.map.atomic || (empty(l) && empty(r))) return leaf();
      return mergeMembers(l ?? {}, r ?? {}, h.map);
    }
  }
}

function mergeMembers(lhs: JsonObject, rhs: JsonObject, map: MapType): JsonObject | undefined {
  const out: JsonObject = {};
  const visit = (key: string): void => {
    const l = Object.prototype.hasOwnProperty.call(lhs, key) ? lhs[key] : undefined;
    const r = Object.prototype.hasOwnProperty.call(rhs, key) ? rhs[key] : undefined;
    const merged = mergeNode(l, r, memberType(map, key));
    if (merged !== undefined) setMember(out, key, merged);
  };
  for (const key of Object.keys(lhs)) visit(key);
  for (const key of Object.keys(rhs)) if (!Object.prototype.hasOwnProperty.call(lhs, key)) visit(key);
  return Object.keys(out).length > 0 ? out : undefined;
}

interface Indexed {
  readonly pes: PathElement[];
  readonly items: unknown[];
  /** Item by element id; null for an element that occurs more than once. */
  readonly observed: Map<string, unknown>;
}

function index(list: readonly unknown[], type: ListType): Indexed {
  const pes: PathElement[] = [];
  const items: unknown[] = [];
  const observed = new Map<string, unknown>();
  for (const item of list) {
    const pe = tryListItemElement(type, item);
    if (pe === undefined) continue;
    observed.set(pe.id, observed.has(pe.id) ? null : item);
    pes.push(pe);
    items.push(item);
  }
  return { pes, items, observed };
}

/**
 * The order of the result: items of both lists follow the applied order, live-only items stay
 * where they were relative to them, applied-only items come where the configuration puts them.
 */
function mergeItems(lhsList: readonly unknown[], rhsList: readonly unknown[], type: ListType): unknown[] | undefined {
  const rhs = index(rhsList, type);
  const lhs = index(lhsList, type);
  const shared = rhs.pes.filter((pe) => lhs.observed.has(pe.id));
  let sharedAt = 0;
  let nextShared: PathElement | undefined = shared[sharedAt++];
  const mergedRHS = new Set<string>();
  const out: unknown[] = [];
  const push = (l: unknown, r: unknown): void => {
    const merged = mergeNode(l, r, type.element);
    if (merged !== undefined) out.push(merged);
  };
  let lI = 0;
  let rI = 0;
  const lLen = lhs.pes.length;
  const rLen = rhs.pes.length;
  while (lI < lLen || rI < rLen) {
    if (lI < lLen && rI < rLen) {
      const pe = lhs.pes[lI];
      const rpe = rhs.pes[rI];
      if (pe !== undefined && rpe !== undefined && pe.id === rpe.id) {
        mergedRHS.add(pe.id);
        push(lhs.observed.get(pe.id), rhs.observed.get(pe.id));
        lI++;
        rI++;
        nextShared = shared[sharedAt++];
        continue;
      }
      if (pe !== undefined && rhs.observed.has(pe.id) && nextShared !== undefined && nextShared.id !== pe.id) {
        lI++;
        continue;
      }
    }
    if (lI < lLen) {
      const pe = lhs.pes[lI];
      if (pe !== undefined && !rhs.observed.has(pe.id)) {
        push(lhs.items[lI], undefined);
        lI++;
        continue;
      } else if (pe !== undefined && mergedRHS.has(pe.id)) {
        lI++;
      }
    }
    if (rI < rLen) {
      const pe = rhs.pes[rI];
      if (pe !== undefined) {
        mergedRHS.add(pe.id);
        push(lhs.observed.get(pe.id), rhs.observed.get(pe.id));
        if (nextShared !== undefined && nextShared.id === pe.id) nextShared = shared[sharedAt++];
      }
      rI++;
    }
  }
  return out.length > 0 ? out : undefined;
}
