import { StorageError } from './errors.js';
import type { JsonObject } from './types.js';

/**
 * Keys follow kube-apiserver's etcd layout: `/registry/<resource>/<namespace>/<name>` for
 * namespaced objects, `/registry/<resource>/<name>` for cluster-scoped ones, with the API group in
 * front of the resource for groups kube-apiserver prefixes (`/registry/apiextensions.k8s.io/...`).
 */
export const KEY_ROOT = '/registry/';

const MAX_KEY_LENGTH = 1024;
// Printable ASCII without '/': Kubernetes names and namespaces are a subset of this.
const SEGMENT = /^[\x21-\x2e\x30-\x7e]+$/;

function checkSegments(text: string, what: 'key' | 'prefix', minSegments: number): void {
  const invalid = (why: string): StorageError =>
    new StorageError('InvalidKey', `invalid ${what} ${JSON.stringify(text)}: ${why}`, text);
  if (text.length > MAX_KEY_LENGTH) throw invalid(`longer than ${MAX_KEY_LENGTH} characters`);
  if (!text.startsWith(KEY_ROOT)) throw invalid(`must start with ${KEY_ROOT}`);
  const body = what === 'prefix' ? text.slice(KEY_ROOT.length, -1) : text.slice(KEY_ROOT.length);
  const segments = body === '' ? [] : body.split('/');
  if (segments.length < minSegments) throw invalid(`needs at least ${minSegments} path segments after ${KEY_ROOT}`);
  for (const s of segments) {
    if (s === '.' || s === '..' || !SEGMENT.test(s)) throw invalid(`bad path segment ${JSON.stringify(s)}`);
  }
}

/** A key names one object: at least a resource and a name. */
export function validateKey(key: string): void {
  checkSegments(key, 'key', 2);
}

/** A prefix ends in '/' and selects a subtree (`/registry/` itself selects everything). */
export function validatePrefix(prefix: string): void {
  if (!prefix.endsWith('/')) {
    throw new StorageError('InvalidKey', `invalid prefix ${JSON.stringify(prefix)}: must end with "/"`, prefix);
  }
  checkSegments(prefix, 'prefix', 0);
}

/** The smallest string greater than every string starting with `prefix` (prefix ends in '/'). */
export function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

export function encodeValue(key: string, value: unknown, maxBytes: number): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StorageError('InvalidValue', `value for ${key} must be a JSON object`, key);
  }
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new StorageError('InvalidValue', `value for ${key} cannot be serialized as JSON`, key, { cause });
  }
  // Cheap bound first: a UTF-8 byte is at most 3 per UTF-16 unit.
  if (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes) {
    throw new StorageError('ValueTooLarge', `value for ${key} is larger than ${maxBytes} bytes`, key);
  }
  return text;
}

export function decodeValue(text: string): JsonObject {
  return JSON.parse(text) as JsonObject;
}

interface ContinueToken {
  readonly revision: number;
  /** The first key of the next page, relative to the list prefix. */
  readonly start: string;
}

/** Same shape as kube-apiserver's continue token, so a token looks familiar in logs. */
export function encodeContinue(revision: number, prefix: string, nextKey: string): string {
  const json = JSON.stringify({ v: 'meta.k8s.io/v1', rv: revision, start: nextKey.slice(prefix.length) });
  return Buffer.from(json).toString('base64url');
}

export function decodeContinue(token: string, prefix: string): ContinueToken {
  const invalid = (why: string): StorageError =>
    new StorageError('InvalidContinue', `continue key is not valid: ${why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a token this server issued');
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalid('not a token this server issued');
  const { v, rv, start } = parsed as { v?: unknown; rv?: unknown; start?: unknown };
  if (v !== 'meta.k8s.io/v1') throw invalid('incorrect encoded start resourceVersion (version meta.k8s.io/v1 required)');
  if (typeof rv !== 'number' || !Number.isSafeInteger(rv) || rv <= 0) throw invalid('incorrect encoded start resourceVersion');
  if (typeof start !== 'string' || start === '' || start.includes('..')) throw invalid('incorrect encoded start key');
  try {
    validateKey(prefix + start);
  } catch {
    throw invalid('incorrect encoded start key');
  }
  return { revision: rv, start: prefix + start };
}
