/**
 * The kinds whose protobuf request bodies this server decodes: what kubectl sends as protobuf
 * (`kubectl create <generator>`, `create token`, `auth can-i`, `auth whoami`) plus Lease, which
 * client-go's leader election writes.
 */
interface GroupVersionKinds {
  readonly apiVersion: string;
  /** The .proto package of the group version's messages; a kind's message is named as the kind. */
  readonly protoPackage: string;
  readonly kinds: readonly string[];
}

const GROUP_VERSIONS: readonly GroupVersionKinds[] = [
  {
    apiVersion: 'v1',
    protoPackage: 'k8s.io.api.core.v1',
    kinds: ['Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'Service', 'ResourceQuota'],
  },
  { apiVersion: 'apps/v1', protoPackage: 'k8s.io.api.apps.v1', kinds: ['Deployment'] },
  { apiVersion: 'batch/v1', protoPackage: 'k8s.io.api.batch.v1', kinds: ['Job', 'CronJob'] },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    protoPackage: 'k8s.io.api.rbac.v1',
    kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  },
  { apiVersion: 'policy/v1', protoPackage: 'k8s.io.api.policy.v1', kinds: ['PodDisruptionBudget'] },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    protoPackage: 'k8s.io.api.scheduling.v1',
    kinds: ['PriorityClass'],
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    protoPackage: 'k8s.io.api.networking.v1',
    kinds: ['Ingress'],
  },
  {
    apiVersion: 'authorization.k8s.io/v1',
    protoPackage: 'k8s.io.api.authorization.v1',
    kinds: ['SelfSubjectAccessReview', 'SelfSubjectRulesReview'],
  },
  {
    apiVersion: 'authentication.k8s.io/v1',
    protoPackage: 'k8s.io.api.authentication.v1',
    kinds: ['TokenRequest', 'SelfSubjectReview'],
  },
  {
    apiVersion: 'coordination.k8s.io/v1',
    protoPackage: 'k8s.io.api.coordination.v1',
    kinds: ['Lease'],
  },
];

const BY_KEY: ReadonlyMap<string, string> = new Map(
  GROUP_VERSIONS.flatMap((gv) =>
    gv.kinds.map((kind) => [`${gv.apiVersion}/${kind}`, `${gv.protoPackage}.${kind}`]),
  ),
);

/** The full protobuf message name for apiVersion + kind, or undefined when not supported. */
export function protobufMessageFor(apiVersion: string, kind: string): string | undefined {
  return BY_KEY.get(`${apiVersion}/${kind}`);
}

/** `apiVersion/kind` of every supported kind: `v1/Namespace`, `apps/v1/Deployment`, … */
export function supportedProtobufKinds(): string[] {
  return [...BY_KEY.keys()];
}
