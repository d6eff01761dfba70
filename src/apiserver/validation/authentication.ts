/**
 * authentication.k8s.io/v1 review kinds. kube-apiserver validates nothing field-wise here: a
 * TokenReview without a token is refused with 400 BadRequest by the handler, which
 * `tokenReviewError` reports.
 */
import { objOrEmpty, strOr, type Obj } from './json.js';
import type { KindValidator } from './types.js';

const GROUP = 'authentication.k8s.io';

/** The BadRequest message kube answers a TokenReview with, if any. */
export function tokenReviewError(o: Obj): string | undefined {
  return strOr(objOrEmpty(o.spec).token) === '' ? 'token is required for TokenReview in authentication' : undefined;
}

export const tokenReviews: KindValidator = {
  group: GROUP,
  kind: 'TokenReview',
  resource: 'tokenreviews',
  namespaced: false,
  nameRule: 'PathSegment',
  virtual: true,
  create: () => [],
  update: () => [],
};

export const selfSubjectReviews: KindValidator = {
  group: GROUP,
  kind: 'SelfSubjectReview',
  resource: 'selfsubjectreviews',
  namespaced: false,
  nameRule: 'PathSegment',
  virtual: true,
  create: () => [],
  update: () => [],
};
