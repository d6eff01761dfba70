import type { GroupVersionResource } from '../api/object.js';

/** Where a request goes: a resource, optionally in a namespace, optionally one object and a subresource. */
export interface ResourcePath {
  readonly ref: GroupVersionResource & { readonly namespaced: boolean };
  readonly namespace?: string | undefined;
  readonly name?: string | undefined;
  readonly subresource?: string | undefined;
}

/** Bad arguments to a client call (missing namespace, empty name…): a programming error, not a server answer. */
export class ClientUsageError extends Error {
  override readonly name = 'ClientUsageError';
}

/**
 * `/api/v1/namespaces/ns/pods/name/status`, `/apis/apps/v1/deployments`… Each segment is escaped;
 * a namespaced resource without a namespace addresses all namespaces (lists and watches only).
 */
export function resourcePath(p: ResourcePath): string {
  const { ref } = p;
  if (ref.resource === '') throw new ClientUsageError('resource name is empty');
  if (ref.version === '') throw new ClientUsageError(`version of resource ${ref.resource} is empty`);
  const parts = ref.group === '' ? ['api', ref.version] : ['apis', ref.group, ref.version];
  if (ref.namespaced && p.namespace !== undefined && p.namespace !== '') parts.push('namespaces', p.namespace);
  if (!ref.namespaced && p.namespace !== undefined && p.namespace !== '') {
    throw new ClientUsageError(`${ref.resource} is not namespaced, but namespace "${p.namespace}" was given`);
  }
  parts.push(ref.resource);
  if (p.name !== undefined) {
    if (p.name === '') throw new ClientUsageError(`name of the ${ref.resource} object is empty`);
    if (ref.namespaced && (p.namespace === undefined || p.namespace === '')) {
      throw new ClientUsageError(`${ref.resource} is namespaced: a namespace is needed to address "${p.name}"`);
    }
    parts.push(p.name);
  }
  if (p.subresource !== undefined && p.subresource !== '') {
    if (p.name === undefined) throw new ClientUsageError(`subresource ${p.subresource} needs an object name`);
    parts.push(...p.subresource.split('/'));
  }
  return `/${parts.map((s) => encodeURIComponent(s)).join('/')}`;
}

export type QueryValue = string | number | boolean | undefined;

/** Appends the defined parameters, in the order given. */
export function withQuery(path: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  const text = params.toString();
  if (text === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}
