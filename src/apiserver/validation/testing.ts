/**
 * Test helpers: objects go through kube's defaulting first (as request bodies do), then
 * validation; the result is kube's 422 message, or 'OK'.
 */
import { applyDefaults } from '../defaults/index.js';
import { invalidMessage } from './errors.js';
import { validateCreate, validateUpdate } from './index.js';
import type { Obj } from './json.js';
import type { GroupVersionKind } from './types.js';

export function gvk(group: string, version: string, kind: string): GroupVersionKind {
  return { group, version, kind };
}

export const POD = gvk('', 'v1', 'Pod');
export const SERVICE = gvk('', 'v1', 'Service');
export const DEPLOYMENT = gvk('apps', 'v1', 'Deployment');

function nameOf(o: Obj): string {
  const meta = o.metadata;
  if (typeof meta !== 'object' || meta === null) return '';
  const name = (meta as Obj).name;
  return typeof name === 'string' ? name : '';
}

/** Defaults then validates a create; kube's message or 'OK'. The input is not modified. */
export function createMessage(g: GroupVersionKind, obj: Obj): string {
  const o = applyDefaults(g, structuredClone(obj));
  const errs = validateCreate(g, o);
  return errs.length === 0 ? 'OK' : invalidMessage(g, nameOf(o), errs);
}

/** Defaults both then validates an update of `old` into `obj`; kube's message or 'OK'. */
export function updateMessage(g: GroupVersionKind, obj: Obj, old: Obj): string {
  const o = applyDefaults(g, structuredClone(obj));
  const prev = applyDefaults(g, structuredClone(old));
  const errs = validateUpdate(g, o, prev);
  return errs.length === 0 ? 'OK' : invalidMessage(g, nameOf(o), errs);
}

/** `metadata` of a namespaced object at resourceVersion 1. */
export function meta(name: string, namespace = 'default', extra: Obj = {}): Obj {
  return { name, namespace, resourceVersion: '1', ...extra };
}

export function pod(spec: Obj, name = 'x', extraMeta: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta(name, 'default', extraMeta), spec };
}

/** A pod with one container `c` running `image`, merged with `extra` container fields. */
export function simplePod(extra: Obj = {}, spec: Obj = {}): Obj {
  return pod({ containers: [{ name: 'c', image: 'nginx', ...extra }], ...spec });
}

export function podTemplate(labels: Record<string, string>, spec: Obj = {}): Obj {
  return { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } };
}
