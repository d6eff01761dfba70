/**
 * Validation of built-in kinds as kube-apiserver performs it on create and update: the kind's own
 * rules (its registry strategy) plus the ObjectMeta rules every stored object gets. Errors are
 * field errors; `invalidStatus` / `InvalidError` turn them into the 422 Status kube answers with.
 */
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { NAME_FNS, nameIsDNSSubdomain, nameIsPathSegment, type NameRule } from './names.js';
import { validatorForKind, validatorForResource } from './registry.js';
import type { FieldError } from './errors.js';
import type { Obj } from './json.js';
import type { GroupVersionKind } from './types.js';

export interface ValidationOptions {
  /**
   * Scope of kinds this package does not know (custom resources); ignored for built-in kinds,
   * whose scope is fixed. Defaults to namespaced.
   */
  readonly namespaced?: boolean;
}

function genericCreate(obj: Obj, namespaced: boolean): FieldError[] {
  // Run after the kind's own rules passed, so its more specific messages win (rest.BeforeCreate).
  return validateObjectMeta(obj, namespaced, nameIsPathSegment);
}

/** Validate an object about to be created. Empty when it is valid. */
export function validateCreate(gvk: GroupVersionKind, obj: Obj, opts: ValidationOptions = {}): FieldError[] {
  const v = validatorForKind(gvk.group, gvk.kind);
  if (v === undefined) {
    const namespaced = opts.namespaced ?? true;
    const errs = validateObjectMeta(obj, namespaced, nameIsDNSSubdomain);
    return errs.length > 0 ? errs : genericCreate(obj, namespaced);
  }
  const errs = v.create(obj, gvk.version);
  if (errs.length > 0 || v.virtual === true) return errs;
  return genericCreate(obj, v.namespaced);
}

/**
 * Validate an update of `old` into `obj`. The caller has already carried over the fields clients
 * cannot change (see `carryOverSystemMeta`) and filled metadata.resourceVersion for unconditional
 * updates, as kube-apiserver does before validating.
 */
export function validateUpdate(gvk: GroupVersionKind, obj: Obj, old: Obj, opts: ValidationOptions = {}): FieldError[] {
  const v = validatorForKind(gvk.group, gvk.kind);
  if (v?.virtual === true) return v.update(obj, old, gvk.version);
  const namespaced = v?.namespaced ?? opts.namespaced ?? true;
  const errs = [...validateObjectMeta(obj, namespaced, nameIsPathSegment), ...validateObjectMetaUpdate(obj, old)];
  if (v === undefined) return [...errs, ...validateObjectMeta(obj, namespaced, nameIsDNSSubdomain)];
  return [...errs, ...v.update(obj, old, gvk.version)];
}

/** The name syntax a built-in resource uses; custom resources use DNS subdomains. */
export function nameRuleFor(group: string, resource: string): NameRule {
  return validatorForResource(group, resource)?.nameRule ?? 'DNS1123Subdomain';
}

/** Problems with `name` (or a generateName prefix) for this resource, in kube's words. */
export function validateName(group: string, resource: string, name: string, prefix = false): string[] {
  return NAME_FNS[nameRuleFor(group, resource)](name, prefix);
}

/** Whether a built-in kind is namespaced; undefined for kinds this package does not know. */
export function isNamespacedKind(group: string, kind: string): boolean | undefined {
  return validatorForKind(group, kind)?.namespaced;
}

export {
  aggregateMessage,
  child,
  duplicate,
  errorBody,
  errorString,
  fieldError,
  forbidden,
  index,
  internalError,
  invalid,
  InvalidError,
  invalidMessage,
  invalidStatus,
  key,
  notFound,
  notSupported,
  OMIT_VALUE,
  qualifiedKind,
  required,
  statusCauses,
  tooLong,
  tooMany,
  type FieldError,
  type FieldErrorType,
  type GroupKind,
  type InvalidStatus,
  type StatusCause,
} from './errors.js';
export { goQuote } from './go-format.js';
export {
  carryOverSystemMeta,
  validateAnnotations,
  validateFinalizers,
  validateLabels,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateOwnerReferences,
} from './meta.js';
export {
  generateName,
  maskTrailingDash,
  NAME_FNS,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  nameIsPathSegment,
  type NameFn,
  type NameRule,
} from './names.js';
export {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
} from './strings.js';
export {
  canonicalQuantity,
  compareQuantity,
  formatQuantity,
  parseQuantity,
  QuantityError,
  type Quantity,
  type QuantityFormat,
} from './quantity.js';
export { normalizeClusterIPs, DEFAULT_NODE_PORT_RANGE } from './core-service.js';
export { generateJobSelector } from './batch.js';
export { computePodQOS } from './core-pod.js';
export { tokenReviewError } from './authentication.js';
export { validateStructuralSchema } from './apiextensions.js';
export { KIND_VALIDATORS, validatorForKind, validatorForResource } from './registry.js';
export type { GroupVersionKind, KindValidator } from './types.js';
