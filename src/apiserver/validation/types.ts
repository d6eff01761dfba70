import type { FieldError } from './errors.js';
import type { Obj } from './json.js';
import type { NameRule } from './names.js';

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** One built-in kind's strategy: its scope, name rule and Validate / ValidateUpdate. */
export interface KindValidator {
  readonly group: string;
  readonly kind: string;
  /** Plural resource name, as in URLs. */
  readonly resource: string;
  readonly namespaced: boolean;
  /** The syntax metadata.name must follow (CRDs additionally require `<plural>.<group>`). */
  readonly nameRule: NameRule;
  /**
   * Review kinds (TokenReview, SubjectAccessReview, …) are never stored; kube validates only
   * their own rules, without the generic ObjectMeta checks stored kinds get.
   */
  readonly virtual?: boolean;
  /** The kind-specific Validate, which includes the kind's ObjectMeta rules. */
  create(obj: Obj, version: string): FieldError[];
  /** The kind-specific ValidateUpdate. */
  update(obj: Obj, old: Obj, version: string): FieldError[];
}
