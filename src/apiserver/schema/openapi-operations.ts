/**
 * Building blocks of the operations in a group version's OpenAPI document: the query parameters
 * kube-apiserver declares (kubectl looks for fieldValidation on patch), media types, operation ids.
 */
import { componentRef, parseApiVersion } from './names.js';
import type { Content, OpenApiOperation, OpenApiParameter } from './openapi-types.js';
import type { SchemaNode } from './types.js';

const query = (name: string, type: SchemaNode['type'], description: string): OpenApiParameter => ({
  name,
  in: 'query',
  description,
  schema: { type },
});

export const params = {
  pretty: query('pretty', 'string', "If 'true', the response is indented."),
  dryRun: query('dryRun', 'string', 'All: go through every stage of the request without persisting anything.'),
  fieldManager: query('fieldManager', 'string', 'Name of the actor making the change, recorded in managedFields. Required for apply patches.'),
  fieldValidation: query(
    'fieldValidation',
    'string',
    'What to do with unknown or duplicate fields in the body: Ignore drops them, Warn drops them and returns a warning for each, Strict fails the request.',
  ),
  force: query('force', 'boolean', 'Apply patches only: take over fields other managers own instead of failing with a conflict.'),
  allowWatchBookmarks: query('allowWatchBookmarks', 'boolean', 'Watch only: also send BOOKMARK events carrying the current resourceVersion.'),
  continue: query('continue', 'string', 'Token from the previous page of a list, to read the next page.'),
  fieldSelector: query('fieldSelector', 'string', 'Only return objects whose fields match, e.g. metadata.name=foo.'),
  labelSelector: query('labelSelector', 'string', 'Only return objects whose labels match.'),
  limit: query('limit', 'integer', 'Largest number of items to return; the response carries a continue token when there are more.'),
  resourceVersion: query('resourceVersion', 'string', 'Which version of the data the read may be served from; for a watch, the version to start after.'),
  resourceVersionMatch: query('resourceVersionMatch', 'string', 'How resourceVersion applies to a list: Exact or NotOlderThan.'),
  sendInitialEvents: query('sendInitialEvents', 'boolean', 'Watch only: start with synthetic ADDED events for the current objects, then a bookmark.'),
  timeoutSeconds: query('timeoutSeconds', 'integer', 'Ends the list or watch call after this many seconds.'),
  watch: query('watch', 'boolean', 'Stream changes to the listed objects instead of listing them.'),
  gracePeriodSeconds: query('gracePeriodSeconds', 'integer', 'Seconds the object may take to terminate before it is removed; 0 deletes at once.'),
  orphanDependents: query('orphanDependents', 'boolean', 'Deprecated, use propagationPolicy: whether dependents are orphaned.'),
  propagationPolicy: query('propagationPolicy', 'string', 'What happens to dependents: Orphan, Background or Foreground.'),
} as const;

export const listParameters = [
  params.allowWatchBookmarks,
  params.continue,
  params.fieldSelector,
  params.labelSelector,
  params.limit,
  params.resourceVersion,
  params.resourceVersionMatch,
  params.sendInitialEvents,
  params.timeoutSeconds,
  params.watch,
];
export const writeParameters = [params.dryRun, params.fieldManager, params.fieldValidation];
export const deleteParameters = [params.gracePeriodSeconds, params.orphanDependents, params.propagationPolicy, params.dryRun];

export const pathParameter = (name: string, description: string): OpenApiParameter => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

export const STREAM_MEDIA = ['*/*'];
/** Subresources that upgrade the connection to a stream (kube-apiserver's `connect` action). */
export const connectSubresources = new Set(['exec', 'attach', 'portforward', 'proxy']);
export const OBJECT_MEDIA = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
export const LIST_MEDIA = [...OBJECT_MEDIA, 'application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];
export const PATCH_MEDIA = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

export function content(media: readonly string[], schema: SchemaNode): Content {
  return Object.fromEntries(media.map((m) => [m, { schema }]));
}

export const refSchema = (definition: string): SchemaNode => ({ $ref: componentRef(definition) });

export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** `rbac.authorization.k8s.io` → RbacAuthorization, `` → Core, `example.com` → ExampleCom. */
export function groupId(group: string): string {
  if (group === '') return 'Core';
  const trimmed = group.endsWith('.k8s.io') ? group.slice(0, -'.k8s.io'.length) : group;
  return trimmed
    .split(/[.-]/)
    .map(capitalize)
    .join('');
}

/** `api/v1`, `apis/apps/v1`, `v1` or `apps/v1` → group and version. */
export function parseGroupVersion(groupVersion: string): { group: string; version: string } {
  const trimmed = groupVersion.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed.startsWith('api/')) return { group: '', version: trimmed.slice('api/'.length) };
  if (trimmed.startsWith('apis/')) return parseApiVersion(trimmed.slice('apis/'.length));
  return parseApiVersion(trimmed);
}

export interface OperationSpec {
  verb: 'list' | 'create' | 'deletecollection' | 'get' | 'update' | 'patch' | 'delete' | 'watch' | 'watchlist' | 'connect';
  idPrefix: string;
  description: string;
  /** Unset for the discovery operation. */
  gvk?: { group: string; kind: string; version: string };
  body?: SchemaNode;
  response: SchemaNode;
  bodyMedia?: readonly string[];
  responseMedia?: readonly string[];
  parameters: readonly OpenApiParameter[];
  codes: readonly string[];
}

const actions = {
  list: 'list',
  create: 'post',
  deletecollection: 'deletecollection',
  get: 'get',
  update: 'put',
  patch: 'patch',
  delete: 'delete',
  watch: 'watch',
  watchlist: 'watchlist',
  connect: 'connect',
} as const;

const codeDescriptions: Readonly<Record<string, string>> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '401': 'Unauthorized',
};

export function operation(spec: OperationSpec, operationId: string, tag: string): OpenApiOperation {
  const op: OpenApiOperation = { description: spec.description, operationId, tags: [tag], responses: {} };
  if (spec.gvk !== undefined) {
    op['x-kubernetes-action'] = actions[spec.verb];
    op['x-kubernetes-group-version-kind'] = spec.gvk;
  }
  if (spec.parameters.length > 0) op.parameters = [...spec.parameters];
  if (spec.body !== undefined) op.requestBody = { content: content(spec.bodyMedia ?? ['application/json', 'application/yaml'], spec.body), required: true };
  for (const code of spec.codes) {
    op.responses[code] = { description: codeDescriptions[code] ?? code, content: content(spec.responseMedia ?? OBJECT_MEDIA, spec.response) };
  }
  op.responses['401'] = { description: 'Unauthorized' };
  return op;
}

