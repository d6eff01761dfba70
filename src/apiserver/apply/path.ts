/**
 * Field paths as structured-merge-diff spells them: a path is a list of elements, each a field
 * name, the key of an associative list item, the value of a set item, or a list index. Every
 * element carries `id`, its FieldsV1 spelling (`f:name`, `k:{"name":"nginx"}`, `v:"a"`, `i:0`),
 * which is canonical and serves as its identity.
 */
import { isJsonObject } from '../patch/json-value.js';
import { compareGoStrings, goFloat, goJson, goQuote, JSONITER_JSON } from './go-format.js';

export interface KeyField {
  readonly name: string;
  readonly value: unknown;
}

export type PathElement =
  | { readonly kind: 'field'; readonly id: string; readonly name: string }
  | { readonly kind: 'key'; readonly id: string; readonly fields: readonly KeyField[] }
  | { readonly kind: 'value'; readonly id: string; readonly value: unknown }
  | { readonly kind: 'index'; readonly id: string; readonly index: number };

export type Path = readonly PathElement[];

export function fieldElement(name: string): PathElement {
  return { kind: 'field', id: `f:${name}`, name };
}

/** Key fields are kept sorted by name, as value.FieldList.Sort does. */
export function keyElement(fields: readonly KeyField[]): PathElement {
  const [only] = fields;
  if (fields.length === 1 && only !== undefined) {
    return { kind: 'key', id: `k:{${goJson(only.name, JSONITER_JSON)}:${goJson(only.value, JSONITER_JSON)}}`, fields };
  }
  const sorted = [...fields].sort((a, b) => compareGoStrings(a.name, b.name));
  const json = sorted.map((f) => `${goJson(f.name, JSONITER_JSON)}:${goJson(f.value, JSONITER_JSON)}`).join(',');
  return { kind: 'key', id: `k:{${json}}`, fields: sorted };
}

export function valueElement(value: unknown): PathElement {
  return { kind: 'value', id: `v:${goJson(value, JSONITER_JSON)}`, value };
}

export function indexElement(index: number): PathElement {
  return { kind: 'index', id: `i:${index}`, index };
}

const KIND_ORDER = { field: 0, key: 1, value: 2, index: 3 } as const;

type ValueRank = 0 | 1 | 2 | 3 | 4 | 5;

/** value.Compare's order of types: numbers, strings, booleans, lists, maps, null. */
function valueRank(v: unknown): ValueRank {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (isJsonObject(v)) return 4;
  return 5;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** A total order on JSON values (value.Compare). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = valueRank(a);
  const rb = valueRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return sign((a as number) - (b as number));
    case 1:
      return compareGoStrings(a as string, b as string);
    case 2:
      return a === b ? 0 : a === false ? -1 : 1;
    case 3: {
      const la = a as unknown[];
      const lb = b as unknown[];
      for (let i = 0; i < Math.min(la.length, lb.length); i++) {
        const c = compareValues(la[i], lb[i]);
        if (c !== 0) return c;
      }
      return sign(la.length - lb.length);
    }
    case 4: {
      const ma = a as Record<string, unknown>;
      const mb = b as Record<string, unknown>;
      const keys = [...new Set([...Object.keys(ma), ...Object.keys(mb)])].sort(compareGoStrings);
      for (const k of keys) {
        const inA = Object.prototype.hasOwnProperty.call(ma, k);
        const inB = Object.prototype.hasOwnProperty.call(mb, k);
        if (!inA) return 1;
        if (!inB) return -1;
        const c = compareValues(ma[k], mb[k]);
        if (c !== 0) return c;
      }
      return 0;
    }
    case 5:
      return 0;
  }
}

function compareKeyFields(a: readonly KeyField[], b: readonly KeyField[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const fa = a[i];
    const fb = b[i];
    if (fa === undefined || fb === undefined) break;
    const c = compareGoStrings(fa.name, fb.name) || compareValues(fa.value, fb.value);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

/** PathElement.Compare: field names, then keys, then values, then indexes. */
export function compareElements(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] < KIND_ORDER[b.kind] ? -1 : 1;
  switch (a.kind) {
    case 'field':
      return compareGoStrings(a.name, (b as typeof a).name);
    case 'key':
      return compareKeyFields(a.fields, (b as typeof a).fields);
    case 'value':
      return compareValues(a.value, (b as typeof a).value);
    case 'index':
      return sign(a.index - (b as typeof a).index);
  }
}

/** value.ToString, used in printed paths. */
export function valueToString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(valueToString).join(',')}]`;
  if (isJsonObject(v)) return Object.entries(v).map(([k, x]) => `${k}=${valueToString(x)}`).join('');
  return '{{undefined}}';
}

/** How a path element is printed in conflict messages and validation errors. */
export function elementToString(pe: PathElement): string {
  switch (pe.kind) {
    case 'field':
      return `.${pe.name}`;
    case 'key':
      return `[${pe.fields.map((f) => `${f.name}=${valueToString(f.value)}`).join(',')}]`;
    case 'value':
      return `[=${valueToString(pe.value)}]`;
    case 'index':
      return `[${pe.index}]`;
  }
}

export function pathToString(path: Path): string {
  return path.map(elementToString).join('');
}

export class PathElementError extends Error {
  override readonly name = 'PathElementError';
}

/**
 * Parsed FieldsV1 keys, shared: the same keys are decoded on every write of an object. Bounded,
 * since keys come from clients.
 */
const parsed = new Map<string, PathElement>();
const PARSED_LIMIT = 50_000;

/** The element a FieldsV1 key names; undefined for the kinds kube skips (unknown prefixes). */
export function parseElement(id: string): PathElement | undefined {
  const cached = parsed.get(id);
  if (cached !== undefined) return cached;
  const pe = parseUncached(id);
  if (pe !== undefined) {
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(id, pe);
  }
  return pe;
}

function parseUncached(id: string): PathElement | undefined {
  if (id.length < 2) throw new PathElementError('key must be 2 characters long:');
  if (id[1] !== ':') throw new PathElementError(`missing colon: ${id}`);
  const rest = id.slice(2);
  switch (id[0]) {
    case 'f':
      return fieldElement(rest);
    case 'v':
      return valueElement(parseJson(rest));
    case 'k': {
      const parsed = parseJson(rest);
      if (!isJsonObject(parsed)) throw new PathElementError(`key is not a JSON object: ${rest}`);
      return keyElement(Object.entries(parsed).map(([name, value]) => ({ name, value })));
    }
    case 'i': {
      if (!/^[+-]?\d+$/.test(rest)) throw new PathElementError(`strconv.Atoi: parsing ${goQuote(rest)}: invalid syntax`);
      return indexElement(Number(rest));
    }
    default:
      return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new PathElementError(`invalid JSON in path element: ${text}`, { cause: e });
  }
}
