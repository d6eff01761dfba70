/**
 * authorization.k8s.io/v1 review kinds: SubjectAccessReview, SelfSubjectAccessReview,
 * LocalSubjectAccessReview and SelfSubjectRulesReview. They are answered, not stored, and their
 * metadata must stay empty.
 */
import { goValue, invalid, type FieldError } from './errors.js';
import { goQuote } from './go-format.js';
import { obj, objOrEmpty, strArr, strOr, type Obj } from './json.js';
import type { KindValidator } from './types.js';

const GROUP = 'authorization.k8s.io';

function validateAttributes(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const ra = obj(spec.resourceAttributes);
  const nra = obj(spec.nonResourceAttributes);
  if (ra !== undefined && nra !== undefined) {
    const shown = goValue(`authorization.NonResourceAttributes{Path:${goQuote(strOr(nra.path))}, Verb:${goQuote(strOr(nra.verb))}}`);
    errs.push(invalid('spec.nonResourceAttributes', shown, 'cannot be specified in combination with resourceAttributes'));
  }
  if (ra === undefined && nra === undefined) {
    errs.push(invalid('spec.resourceAttributes', null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  return errs;
}

function metadataMustBeEmpty(o: Obj, allowNamespace: boolean): FieldError[] {
  const m = { ...objOrEmpty(o.metadata) };
  delete m.managedFields;
  if (allowNamespace) delete m.namespace;
  const nonEmpty = Object.entries(m).some(([, v]) => v !== undefined && v !== null && v !== '' && !(typeof v === 'object' && Object.keys(v).length === 0));
  if (!nonEmpty) return [];
  return [invalid('metadata', objOrEmpty(o.metadata), allowNamespace ? 'must be empty except for namespace' : 'must be empty')];
}

function validateSubjectAccessReviewSpec(spec: Obj): FieldError[] {
  const errs = validateAttributes(spec);
  if (strOr(spec.user) === '' && strArr(spec.groups).length === 0) {
    errs.push(invalid('spec.user', strOr(spec.user), 'at least one of user or group must be specified'));
  }
  return errs;
}

function review(kind: string, resource: string, namespaced: boolean, validate: (o: Obj) => FieldError[]): KindValidator {
  return { group: GROUP, kind, resource, namespaced, nameRule: 'PathSegment', virtual: true, create: validate, update: validate };
}

export const selfSubjectAccessReviews = review('SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, (o) => [
  ...validateAttributes(objOrEmpty(o.spec)),
  ...metadataMustBeEmpty(o, false),
]);

export const subjectAccessReviews = review('SubjectAccessReview', 'subjectaccessreviews', false, (o) => [
  ...validateSubjectAccessReviewSpec(objOrEmpty(o.spec)),
  ...metadataMustBeEmpty(o, false),
]);

export const localSubjectAccessReviews = review('LocalSubjectAccessReview', 'localsubjectaccessreviews', true, (o) => {
  const spec = objOrEmpty(o.spec);
  const errs = [...validateSubjectAccessReviewSpec(spec), ...metadataMustBeEmpty(o, true)];
  const ra = obj(spec.resourceAttributes);
  const ns = strOr(objOrEmpty(o.metadata).namespace);
  if (ra !== undefined && strOr(ra.namespace) !== ns) {
    errs.push(invalid('spec.resourceAttributes.namespace', strOr(ra.namespace), 'must match metadata.namespace'));
  }
  if (spec.nonResourceAttributes != null) {
    errs.push(invalid('spec.nonResourceAttributes', spec.nonResourceAttributes, 'disallowed on this kind of request'));
  }
  return errs;
});

export const selfSubjectRulesReviews = review('SelfSubjectRulesReview', 'selfsubjectrulesreviews', false, () => []);
