import type { ObjectMeta as ReadonlyObjectMeta } from 'kubernetes-types/meta/v1.js';

export type JsonObject = Record<string, unknown>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** ObjectMeta as the server and controllers edit it. */
export type ObjectMeta = Mutable<ReadonlyObjectMeta>;

/** Any Kubernetes object as JSON: typed metadata, the rest open. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export interface GroupVersionResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `apps/v1` → {group: 'apps', version: 'v1'}; `v1` → core. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** A JSON scalar as text (strings as they are, numbers and booleans printed), else `fallback`. */
export function str(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fallback;
}
