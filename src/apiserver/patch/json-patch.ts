/**
 * JSON patch (RFC 6902, application/json-patch+json) with the semantics of the library
 * kube-apiserver uses (evanphx/json-patch v4), quirks included because clients observe them:
 * - `replace` of a missing object member adds it; `copy` from a missing member copies null;
 * - negative array indexes count from the end (`add` at -1 appends);
 * - an op without `value` uses null;
 * - everything before the first `/` of a path is ignored (`a/b` means `/b`);
 * - `replace` of the whole document with a scalar does nothing.
 * Failures are 422 (the patch does not apply), except a body that is not a list of objects (400)
 * and more than 10000 operations (413).
 */
import { badRequest, tooLarge, unprocessable } from './errors.js';
import type { PatchError } from './errors.js';
import { hasOwn, isJsonObject, jsonEqual } from './json-value.js';
import type { JsonObject } from './json-value.js';
import { deleteMember, setMember } from './members.js';

/** kube-apiserver's `maxJSONPatchOperations`. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

type Container = JsonObject | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

/** RFC 6901 unescaping, in one left-to-right pass. */
function unescapeToken(token: string): string {
  return token.includes('~') ? token.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~')) : token;
}

/** Go's strconv.Atoi: optional sign, decimal digits. */
function parseIndex(token: string): number | undefined {
  if (!/^[+-]?\d+$/.test(token)) return undefined;
  const n = Number(token);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** An existing element's index: negative counts from the end. */
function existingIndex(list: readonly unknown[], token: string): number | undefined {
  const raw = parseIndex(token);
  if (raw === undefined || raw >= list.length || raw < -list.length) return undefined;
  return raw < 0 ? raw + list.length : raw;
}

interface Pointer {
  readonly parents: readonly string[];
  readonly key: string;
}

function parsePointer(path: string): Pointer | undefined {
  const tokens = path.split('/');
  if (tokens.length < 2) return undefined;
  return { parents: tokens.slice(1, -1).map(unescapeToken), key: unescapeToken(tokens[tokens.length - 1] ?? '') };
}

const fail = (detail: string): PatchError => unprocessable(detail);

/**
 * The document being patched. Containers are copied the first time an operation writes into them
 * (and remembered as owned), so the input is never mutated and untouched subtrees are shared.
 */
class Draft {
  private readonly owned = new WeakSet<object>();
  constructor(public root: Container) {}

  private own<T extends Container>(c: T): T {
    if (this.owned.has(c)) return c;
    const copy: Container = Array.isArray(c) ? c.slice() : { ...c };
    this.owned.add(copy);
    return copy as T;
  }

  /** The container a pointer's last token addresses, or undefined when the path is missing. */
  container(pointer: Pointer, write: boolean): Container | undefined {
    let current: Container = write ? (this.root = this.own(this.root)) : this.root;
    for (const token of pointer.parents) {
      let next: unknown;
      let index = -1;
      if (Array.isArray(current)) {
        index = existingIndex(current, token) ?? -1;
        if (index < 0) return undefined;
        next = current[index];
      } else {
        if (!hasOwn(current, token)) return undefined;
        next = current[token];
      }
      if (!isContainer(next)) return undefined;
      if (write) {
        const owned = this.own(next);
        if (Array.isArray(current)) current[index] = owned;
        else setMember(current, token, owned);
        current = owned;
      } else {
        current = next;
      }
    }
    return current;
  }

  /** Owned copies must not end up in two places: a later in-place write would show in both. */
  detach(v: unknown): unknown {
    if (!isContainer(v) || !this.owned.has(v)) return v;
    if (Array.isArray(v)) return v.map((e) => this.detach(e));
    const copy: JsonObject = {};
    for (const k of Object.keys(v)) setMember(copy, k, this.detach(v[k]));
    return copy;
  }
}

/** Reads the member a key names: undefined when absent (objects) — arrays fail on a bad index. */
function read(c: Container, key: string, path: string): unknown {
  if (Array.isArray(c)) {
    const i = existingIndex(c, key);
    if (i === undefined) throw fail(`invalid array index ${JSON.stringify(key)} in path ${JSON.stringify(path)}`);
    return c[i];
  }
  return hasOwn(c, key) ? c[key] : undefined;
}

function insert(c: Container, key: string, value: unknown, path: string): void {
  if (!Array.isArray(c)) {
    setMember(c, key, value);
    return;
  }
  if (key === '-') {
    c.push(value);
    return;
  }
  const raw = parseIndex(key);
  if (raw === undefined) throw fail(`${JSON.stringify(key)} in path ${JSON.stringify(path)} is not an array index`);
  const size = c.length + 1;
  if (raw >= size || raw < -size) throw fail(`array index ${raw} out of range in path ${JSON.stringify(path)}`);
  c.splice(raw < 0 ? raw + size : raw, 0, value);
}

function erase(c: Container, key: string, path: string): void {
  if (Array.isArray(c)) {
    const i = existingIndex(c, key);
    if (i === undefined) throw fail(`invalid array index ${JSON.stringify(key)} in path ${JSON.stringify(path)}`);
    c.splice(i, 1);
    return;
  }
  if (!hasOwn(c, key)) throw fail(`cannot remove missing member ${JSON.stringify(key)} (path ${JSON.stringify(path)})`);
  deleteMember(c, key);
}

function overwrite(c: Container, key: string, value: unknown, path: string): void {
  if (Array.isArray(c)) {
    const i = existingIndex(c, key);
    if (i === undefined) throw fail(`invalid array index ${JSON.stringify(key)} in path ${JSON.stringify(path)}`);
    c[i] = value;
    return;
  }
  setMember(c, key, value);
}

function stringField(op: JsonObject, field: 'path' | 'from', opName: string): string {
  const v = op[field];
  if (!hasOwn(op, field) || v === null) throw fail(`${opName} operation is missing "${field}"`);
  if (typeof v !== 'string') throw fail(`${opName} operation has a non-string "${field}"`);
  return v;
}

function target(draft: Draft, path: string, opName: string, write: boolean): { c: Container; key: string } {
  const pointer = parsePointer(path);
  const c = pointer && draft.container(pointer, write);
  if (!pointer || !c) throw fail(`${opName} operation does not apply: the document is missing path ${JSON.stringify(path)}`);
  return { c, key: pointer.key };
}

function applyOperation(draft: Draft, op: JsonObject | null): void {
  const kind = op && typeof op.op === 'string' ? op.op : 'unknown';
  if (!op) throw fail(`unexpected operation kind: ${kind}`);
  const value = hasOwn(op, 'value') ? op.value : undefined;
  switch (kind) {
    case 'add': {
      const path = stringField(op, 'path', kind);
      const { c, key } = target(draft, path, kind, true);
      insert(c, key, value ?? null, path);
      return;
    }
    case 'remove': {
      const path = stringField(op, 'path', kind);
      const { c, key } = target(draft, path, kind, true);
      erase(c, key, path);
      return;
    }
    case 'replace': {
      const path = stringField(op, 'path', kind);
      if (path === '') {
        // json-patch v4.12 (kube 1.32) wraps a nil error here, so a scalar value is a no-op.
        if (isContainer(value)) draft.root = value;
        return;
      }
      const { c, key } = target(draft, path, kind, true);
      read(c, key, path);
      overwrite(c, key, value ?? null, path);
      return;
    }
    case 'move': {
      const from = stringField(op, 'from', kind);
      const source = target(draft, from, kind, true);
      const moved = read(source.c, source.key, from);
      erase(source.c, source.key, from);
      const path = stringField(op, 'path', kind);
      const { c, key } = target(draft, path, kind, true);
      insert(c, key, moved ?? null, path);
      return;
    }
    case 'copy': {
      const from = stringField(op, 'from', kind);
      const source = target(draft, from, kind, false);
      const copied = draft.detach(read(source.c, source.key, from));
      const path = stringField(op, 'path', kind);
      const { c, key } = target(draft, path, kind, true);
      insert(c, key, copied ?? null, path);
      return;
    }
    case 'test': {
      const path = stringField(op, 'path', kind);
      let actual: unknown = draft.root;
      if (path !== '') {
        const { c, key } = target(draft, path, kind, false);
        actual = read(c, key, path);
      }
      const expected = value ?? null;
      if (actual === undefined || actual === null ? expected === null : jsonEqual(actual, expected)) return;
      throw fail(`testing value ${path} failed`);
    }
    default:
      throw fail(`unexpected operation kind: ${kind}`);
  }
}

function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  return isJsonObject(v) ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;
}

/**
 * Applies an RFC 6902 patch (the decoded request body) to `doc`. Neither input is mutated; the
 * result shares unchanged subtrees with `doc` and inserted values with `operations`.
 */
export function applyJsonPatch(doc: unknown, operations: unknown): unknown {
  if (operations === null) return doc;
  if (!Array.isArray(operations)) {
    throw badRequest(`json: cannot unmarshal ${goJsonKind(operations)} into Go value of type jsonpatch.Patch`);
  }
  for (const op of operations) {
    if (op !== null && !isJsonObject(op)) {
      throw badRequest(`json: cannot unmarshal ${goJsonKind(op)} into Go value of type jsonpatch.Operation`);
    }
  }
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) {
    throw tooLarge(
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}`,
    );
  }
  if (!isContainer(doc)) throw fail('the document to patch is not an object or an array');
  const draft = new Draft(doc);
  for (const op of operations as (JsonObject | null)[]) applyOperation(draft, op);
  return draft.root;
}
