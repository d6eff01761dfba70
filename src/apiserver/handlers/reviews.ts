import { isObject, str, type KubeObject } from '../../api/object.js';
import { errors } from '../../api/status.js';
import type { Authenticator } from '../auth/authenticate.js';
import type { Authorizer, UserInfo } from '../auth/types.js';

type VirtualCreate = (obj: KubeObject, user: UserInfo, namespace: string) => Promise<KubeObject>;

function userInfo(user: UserInfo): Record<string, unknown> {
  return { username: user.name, ...(user.uid ? { uid: user.uid } : {}), groups: [...user.groups], ...(user.extra ? { extra: user.extra } : {}) };
}

async function review(authorizer: Authorizer, user: UserInfo, obj: KubeObject, namespace?: string): Promise<KubeObject> {
  const spec = isObject(obj.spec) ? obj.spec : {};
  const ra = isObject(spec.resourceAttributes) ? spec.resourceAttributes : undefined;
  const nra = isObject(spec.nonResourceAttributes) ? spec.nonResourceAttributes : undefined;
  if (!ra === !nra) {
    throw errors.invalid('authorization.k8s.io', str(obj.kind, 'SubjectAccessReview'), '', [
      { reason: 'FieldValueRequired', field: 'spec.resourceAttributes', message: 'Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified' },
    ]);
  }
  if (namespace !== undefined && ra && (ra.namespace ?? '') !== namespace) {
    throw errors.invalid('authorization.k8s.io', 'LocalSubjectAccessReview', '', [
      { reason: 'FieldValueInvalid', field: 'spec.resourceAttributes.namespace', message: `Invalid value: ${JSON.stringify(ra.namespace ?? '')}: must match metadata.namespace` },
    ]);
  }
  const decision = await authorizer.authorize(
    ra
      ? { user, verb: str(ra.verb), isResourceRequest: true, path: '', group: str(ra.group), version: str(ra.version), resource: str(ra.resource), subresource: str(ra.subresource), namespace: str(ra.namespace), name: str(ra.name) }
      : { user, verb: str(nra?.verb), isResourceRequest: false, path: str(nra?.path), group: '', version: '', resource: '', subresource: '', namespace: '', name: '' },
  );
  return {
    ...obj,
    metadata: { ...obj.metadata, creationTimestamp: null as unknown as undefined },
    status: { allowed: decision.allowed, ...(decision.allowed ? {} : { denied: true }), reason: decision.reason },
  };
}

function subjectOf(obj: KubeObject): UserInfo {
  const spec = isObject(obj.spec) ? obj.spec : {};
  const user = typeof spec.user === 'string' ? spec.user : '';
  const groups = Array.isArray(spec.groups) ? (spec.groups as string[]) : [];
  if (user === '' && groups.length === 0) {
    throw errors.invalid('authorization.k8s.io', 'SubjectAccessReview', '', [{ reason: 'FieldValueRequired', field: 'spec.user', message: 'Required value: at least one of user or group must be specified' }]);
  }
  return { name: user, groups, ...(typeof spec.uid === 'string' ? { uid: spec.uid } : {}) };
}

/** The create-only review resources of authentication.k8s.io and authorization.k8s.io. */
export function reviewHandlers(authenticator: Authenticator, authorizer: Authorizer): Map<string, VirtualCreate> {
  return new Map<string, VirtualCreate>([
    [
      'authentication.k8s.io/tokenreviews',
      async (obj) => {
        const spec = isObject(obj.spec) ? obj.spec : {};
        const token = typeof spec.token === 'string' ? spec.token : '';
        const audiences = Array.isArray(spec.audiences) ? (spec.audiences as string[]) : [];
        const user = await authenticator.byToken(token, audiences.length > 0 ? audiences : undefined);
        return { ...obj, status: user ? { authenticated: true, user: userInfo(user), ...(audiences.length > 0 ? { audiences } : {}) } : { authenticated: false, user: {}, error: 'invalid bearer token' } };
      },
    ],
    ['authentication.k8s.io/selfsubjectreviews', (obj, user) => Promise.resolve({ ...obj, metadata: { ...obj.metadata, creationTimestamp: null as unknown as undefined }, status: { userInfo: userInfo(user) } })],
    ['authorization.k8s.io/selfsubjectaccessreviews', (obj, user) => review(authorizer, user, obj)],
    ['authorization.k8s.io/subjectaccessreviews', (obj) => review(authorizer, subjectOf(obj), obj)],
    ['authorization.k8s.io/localsubjectaccessreviews', (obj, _user, namespace) => review(authorizer, subjectOf(obj), obj, namespace)],
    [
      'authorization.k8s.io/selfsubjectrulesreviews',
      async (obj, user) => {
        const spec = isObject(obj.spec) ? obj.spec : {};
        const namespace = typeof spec.namespace === 'string' ? spec.namespace : '';
        const all = await authorizer.authorize({ user, verb: '*', isResourceRequest: true, path: '', group: '*', version: '*', resource: '*', subresource: '', namespace, name: '' });
        return {
          ...obj,
          status: all.allowed
            ? { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false }
            : { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'rules are not enumerable by this authorizer' },
        };
      },
    ],
  ]);
}
