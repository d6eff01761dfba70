/**
 * Server-side apply and field ownership (metadata.managedFields) with kube-apiserver's semantics:
 * structured-merge-diff's merge, prune and conflict rules driven by the kinds' OpenAPI schemas,
 * and the field manager around it (FieldsV1 encoding, manager identities, client-side apply
 * upgrade for kubectl, reset and capping of managers). Pure and synchronous: inputs are never
 * mutated, except `next` in recordUpdate, whose managedFields it rewrites.
 */
export { serverSideApply } from './server-side-apply.js';
export type { ServerSideApplyInput } from './server-side-apply.js';
export { recordUpdate } from './record-update.js';
export type { RecordUpdateInput } from './record-update.js';
export type { EndpointOptions } from './endpoint.js';
export type { Gvk } from './body.js';
export { LAST_APPLIED_ANNOTATION } from './last-applied.js';
export { FieldSet } from './field-set.js';
export { fromFieldsV1, toFieldsV1, FieldsV1Error } from './fields-v1.js';
export { pathToString } from './path.js';
export type { Path, PathElement } from './path.js';
