/**
 * rbac.authorization.k8s.io/v1: Roles, ClusterRoles, RoleBindings and ClusterRoleBindings. Their
 * names only need to be usable as path segments.
 */
import { child, goValue, index, invalid, notSupported, required, type FieldError } from './errors.js';
import { goQuote } from './go-format.js';
import { obj, objArr, objOrEmpty, strArr, strOr, type Obj } from './json.js';
import { goLabelSelector, validateKubeObjectMeta, validateKubeObjectMetaUpdate, validateLabelSelector } from './meta.js';
import { nameIsDNSSubdomain, nameIsPathSegment } from './names.js';
import type { KindValidator } from './types.js';
import { asSelector } from './workloads.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

function validatePolicyRule(rule: Obj, namespaced: boolean, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (strArr(rule.verbs).length === 0) errs.push(required(child(field, 'verbs'), 'verbs must contain at least one value'));
  const urls = strArr(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) errs.push(invalid(child(field, 'nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (strArr(rule.apiGroups).length > 0 || strArr(rule.resources).length > 0 || strArr(rule.resourceNames).length > 0) {
      errs.push(invalid(child(field, 'nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (strArr(rule.apiGroups).length === 0) errs.push(required(child(field, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (strArr(rule.resources).length === 0) errs.push(required(child(field, 'resources'), 'resource rules must supply at least one resource'));
  return errs;
}

function validateRole(o: Obj, namespaced: boolean): FieldError[] {
  const errs = validateKubeObjectMeta(o, namespaced, nameIsPathSegment);
  objArr(o.rules).forEach((r, i) => errs.push(...validatePolicyRule(r, namespaced, index('rules', i))));
  if (!namespaced) {
    const agg = obj(o.aggregationRule);
    if (agg !== undefined) {
      const selectors = objArr(agg.clusterRoleSelectors);
      if (selectors.length === 0) {
        errs.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
      }
      selectors.forEach((s, i) => {
        const p = index('aggregationRule.clusterRoleSelectors', i);
        errs.push(...validateLabelSelector(s, p));
        if (asSelector(s) === undefined) errs.push(invalid(p, goLabelSelector(s), 'invalid label selector.'));
      });
    }
  }
  return errs;
}

function validateSubject(s: Obj, namespaced: boolean, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = strOr(s.name);
  const apiGroup = strOr(s.apiGroup);
  if (name === '') errs.push(required(child(field, 'name')));
  switch (strOr(s.kind)) {
    case 'ServiceAccount':
      if (name !== '') for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(child(field, 'name'), name, m));
      if (apiGroup !== '') errs.push(notSupported(child(field, 'apiGroup'), apiGroup, ['']));
      if (!namespaced && strOr(s.namespace) === '') errs.push(required(child(field, 'namespace')));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) errs.push(notSupported(child(field, 'apiGroup'), apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(child(field, 'kind'), strOr(s.kind), ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(o: Obj, namespaced: boolean): FieldError[] {
  const errs = validateKubeObjectMeta(o, namespaced, nameIsPathSegment);
  const ref = objOrEmpty(o.roleRef);
  const apiGroup = strOr(ref.apiGroup);
  if (apiGroup !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', apiGroup, [RBAC_GROUP]));
  const kind = strOr(ref.kind);
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(kind)) errs.push(notSupported('roleRef.kind', kind, kinds));
  const name = strOr(ref.name);
  if (name === '') errs.push(required('roleRef.name'));
  else for (const m of nameIsPathSegment(name, false)) errs.push(invalid('roleRef.name', name, m));
  objArr(o.subjects).forEach((s, i) => errs.push(...validateSubject(s, namespaced, index('subjects', i))));
  return errs;
}

function goRoleRef(ref: Obj): unknown {
  return goValue(`rbac.RoleRef{APIGroup:${goQuote(strOr(ref.apiGroup))}, Kind:${goQuote(strOr(ref.kind))}, Name:${goQuote(strOr(ref.name))}}`);
}

function bindingUpdate(namespaced: boolean) {
  return (o: Obj, old: Obj): FieldError[] => {
    const errs = [...validateBinding(o, namespaced), ...validateKubeObjectMetaUpdate(o, old)];
    const a = objOrEmpty(o.roleRef);
    const b = objOrEmpty(old.roleRef);
    if (strOr(a.apiGroup) !== strOr(b.apiGroup) || strOr(a.kind) !== strOr(b.kind) || strOr(a.name) !== strOr(b.name)) {
      errs.push(invalid('roleRef', goRoleRef(a), 'cannot change roleRef'));
    }
    return errs;
  };
}

export const roles: KindValidator = {
  group: RBAC_GROUP,
  kind: 'Role',
  resource: 'roles',
  namespaced: true,
  nameRule: 'PathSegment',
  create: (o) => validateRole(o, true),
  update: (o, old) => [...validateRole(o, true), ...validateKubeObjectMetaUpdate(o, old)],
};

export const clusterRoles: KindValidator = {
  group: RBAC_GROUP,
  kind: 'ClusterRole',
  resource: 'clusterroles',
  namespaced: false,
  nameRule: 'PathSegment',
  create: (o) => validateRole(o, false),
  update: (o, old) => [...validateRole(o, false), ...validateKubeObjectMetaUpdate(o, old)],
};

export const roleBindings: KindValidator = {
  group: RBAC_GROUP,
  kind: 'RoleBinding',
  resource: 'rolebindings',
  namespaced: true,
  nameRule: 'PathSegment',
  create: (o) => validateBinding(o, true),
  update: bindingUpdate(true),
};

export const clusterRoleBindings: KindValidator = {
  group: RBAC_GROUP,
  kind: 'ClusterRoleBinding',
  resource: 'clusterrolebindings',
  namespaced: false,
  nameRule: 'PathSegment',
  create: (o) => validateBinding(o, false),
  update: bindingUpdate(false),
};
