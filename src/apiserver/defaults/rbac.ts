/** rbac.authorization.k8s.io/v1 defaults (pkg/apis/rbac/v1/defaults.go). */
import { ensureObj, objsAt, setDefaultString, type Obj } from './util.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Role bindings and cluster role bindings: roleRef.apiGroup, and each subject's apiGroup by kind. */
export function defaultBinding(binding: Obj): void {
  setDefaultString(ensureObj(binding, 'roleRef'), 'apiGroup', RBAC_GROUP);
  for (const subject of objsAt(binding, 'subjects')) {
    if (typeof subject.apiGroup === 'string' && subject.apiGroup !== '') continue;
    // ServiceAccount subjects keep the empty (omitted) core group.
    if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup = RBAC_GROUP;
  }
}
