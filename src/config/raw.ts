/**
 * Raw values before validation: YAML text → plain JSON objects, merging several files and `--set`
 * overrides the way helm does.
 */
import { parseDocument } from 'yaml';
import { ConfigError, formatPath } from './errors.js';
import type { JsonObject, JsonValue } from './types.js';

type MutableJson = null | boolean | number | string | MutableJson[] | { [key: string]: MutableJson };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one YAML document into a mapping; an empty document is `{}`. `null`s are kept (they unset keys). */
export function parseYamlObject(text: string, source = 'config'): JsonObject {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const where = first.linePos?.[0];
    const at = where ? ` (line ${where.line}, column ${where.col})` : '';
    throw new ConfigError([{ path: source, message: `invalid YAML${at}: ${first.message.split('\n')[0] ?? ''}` }]);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) return {};
  if (!isJsonObject(value)) {
    throw new ConfigError([{ path: source, message: `expected a mapping of keys at the top level, got ${describeValue(value)}` }]);
  }
  return toJson(value, []);
}

function toJson(value: object, path: readonly PropertyKey[]): JsonObject {
  const out: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value)) out[key] = toJsonValue(item, [...path, key]);
  return out;
}

function toJsonValue(value: unknown, path: readonly PropertyKey[]): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ConfigError([{ path: formatPath(path), message: 'expected a finite number' }]);
    return value;
  }
  if (Array.isArray(value)) return value.map((item: unknown, i) => toJsonValue(item, [...path, i]));
  if (value instanceof Date) return value.toISOString();
  if (isJsonObject(value)) return toJson(value, path);
  throw new ConfigError([{ path: formatPath(path), message: `unsupported YAML value (${describeValue(value)})` }]);
}

/** What a value is, for messages: `string "x"`, `number 3`, `array`, `null`, … */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

/**
 * Later values win, as in `helm -f a.yaml -f b.yaml`: mappings merge key by key, anything else
 * replaces, and `null` removes the key (so the default applies again).
 */
export function mergeValues(base: JsonObject, override: JsonObject): JsonObject {
  const out: Record<string, JsonValue> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] = isJsonObject(current) && isJsonObject(value) ? mergeValues(current, value) : value;
  }
  return dropNulls(out);
}

/** Removes `null` values from mappings, recursively: helm's "unset this key". */
export function dropNulls(value: JsonObject): JsonObject {
  const out: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null) continue;
    out[key] = isJsonObject(item) ? dropNulls(item) : item;
  }
  return out;
}

type PathSegment = string | number;

/** `a.b\.c[0].d` → `['a', 'b.c', 0, 'd']`. */
export function parseSetKey(key: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  let current = '';
  let pendingName = true;
  for (let i = 0; i < key.length; i++) {
    const ch = key[i];
    if (ch === '\\' && i + 1 < key.length) {
      current += key[++i] ?? '';
    } else if (ch === '.') {
      if (pendingName && current === '') return undefined;
      if (current !== '') out.push(current);
      current = '';
      pendingName = true;
    } else if (ch === '[') {
      const end = key.indexOf(']', i);
      const index = key.slice(i + 1, end);
      if (end < 0 || !/^\d+$/.test(index)) return undefined;
      if (current !== '') out.push(current);
      current = '';
      out.push(Number(index));
      pendingName = false;
      i = end;
    } else {
      current += ch ?? '';
      pendingName = true;
    }
  }
  if (current !== '') out.push(current);
  else if (pendingName) return undefined;
  return out.length === 0 ? undefined : out;
}

/** Helm's `--set` typing: booleans, integers and `null` are typed; `{a,b}` is a list; the rest are strings. */
export function parseSetValue(raw: string): JsonValue {
  if (raw.startsWith('{') && raw.endsWith('}')) {
    const inner = raw.slice(1, -1);
    return inner === '' ? [] : splitUnescaped(inner, ',').map(parseSetValue);
  }
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?(0|[1-9]\d{0,15})$/.test(raw)) return Number(raw);
  return raw.replaceAll('\\,', ',');
}

/** Splits on `sep` outside `{…}` and not escaped with `\`. */
function splitUnescaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + (text[++i] ?? '');
      continue;
    }
    if (ch === '{') depth++;
    if (ch === '}') depth = Math.max(0, depth - 1);
    if (ch === sep && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Applies `--set a.b=c,d=e` arguments to raw values, in order. */
export function applySetArgs(values: JsonObject, args: readonly string[]): JsonObject {
  const out = structuredClone(values) as { [key: string]: MutableJson };
  const issues: { path: string; message: string }[] = [];
  for (const arg of args) {
    for (const assignment of splitUnescaped(arg, ',')) {
      if (assignment.trim() === '') continue;
      const eq = assignment.indexOf('=');
      const path = eq > 0 ? parseSetKey(assignment.slice(0, eq)) : undefined;
      if (path === undefined) {
        issues.push({ path: `--set ${assignment}`, message: 'expected key=value, with a key like a.b.c or a.list[0]' });
        continue;
      }
      const problem = setAt(out, path, parseSetValue(assignment.slice(eq + 1)) as MutableJson);
      if (problem !== undefined) issues.push({ path: `--set ${assignment}`, message: problem });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return dropNulls(out);
}

function setAt(root: { [key: string]: MutableJson }, path: readonly PathSegment[], value: MutableJson): string | undefined {
  let node: MutableJson = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    const nextIsIndex = typeof path[i + 1] === 'number';
    if (typeof segment === 'number') {
      if (!Array.isArray(node)) return `${String(path[i - 1] ?? '')} is not a list`;
      if (segment > 10_000) return 'list index too large';
      while (node.length <= segment) node.push(null);
      if (last) node[segment] = value;
      else {
        const child: MutableJson = node[segment] ?? null;
        node[segment] = isContainer(child, nextIsIndex) ? child : nextIsIndex ? [] : {};
        node = node[segment] ?? null;
      }
    } else if (segment !== undefined) {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return `cannot set ${segment}: its parent is not a mapping`;
      const mapping: { [key: string]: MutableJson } = node;
      if (last) mapping[segment] = value;
      else {
        const child: MutableJson = mapping[segment] ?? null;
        mapping[segment] = isContainer(child, nextIsIndex) ? child : nextIsIndex ? [] : {};
        node = mapping[segment] ?? null;
      }
    }
  }
  return undefined;
}

function isContainer(value: MutableJson, wantList: boolean): boolean {
  return wantList ? Array.isArray(value) : value !== null && typeof value === 'object' && !Array.isArray(value);
}

