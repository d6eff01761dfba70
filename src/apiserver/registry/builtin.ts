import { STANDARD_VERBS, type ResourceDef, type SubresourceDef } from './types.js';

interface Spec {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: readonly string[];
  /** subresource names; 'scale' gets the autoscaling/v1 Scale kind, the others the parent kind */
  sub?: string[];
  storagePrefix?: string;
  definitionPackage: string;
  generation?: boolean;
  stored?: boolean;
}

const CREATE_ONLY = ['create'];
const NO_COLLECTION = STANDARD_VERBS.filter((v) => v !== 'deletecollection');

// Definition packages as kube-openapi names them.
const CORE = 'io.k8s.api.core.v1';
const pkgOf = (group: string, version: string): string => {
  if (group === '') return CORE;
  if (group === 'apiextensions.k8s.io') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}`;
  const short = group.replace(/\.k8s\.io$/, '').replace(/\.authorization$/, '');
  return `io.k8s.api.${group === 'rbac.authorization.k8s.io' ? 'rbac' : short}.${version}`;
};

const subKind: Record<string, { kind: string; group: string; version: string } | undefined> = {
  scale: { kind: 'Scale', group: 'autoscaling', version: 'v1' },
  eviction: { kind: 'Eviction', group: 'policy', version: 'v1' },
  binding: { kind: 'Binding', group: '', version: 'v1' },
  token: { kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1' },
  log: { kind: 'Pod', group: '', version: 'v1' },
};

const subVerbs: Record<string, string[]> = {
  status: ['get', 'patch', 'update'],
  scale: ['get', 'patch', 'update'],
  eviction: ['create'],
  binding: ['create'],
  token: ['create'],
  log: ['get'],
  finalize: ['update'],
  ephemeralcontainers: ['get', 'patch', 'update'],
};

function singularOf(kind: string): string {
  return kind.toLowerCase();
}

function def(s: Spec): ResourceDef {
  const subresources: SubresourceDef[] = (s.sub ?? []).map((name) => {
    const k = subKind[name] ?? { kind: s.kind, group: s.group, version: s.version };
    return { name, kind: k.kind, group: k.group, version: k.version, verbs: subVerbs[name] ?? ['get'] };
  });
  return {
    group: s.group,
    version: s.version,
    resource: s.resource,
    kind: s.kind,
    listKind: `${s.kind}List`,
    singular: singularOf(s.kind),
    namespaced: s.namespaced,
    shortNames: s.shortNames ?? [],
    categories: s.categories ?? [],
    verbs: s.verbs ?? STANDARD_VERBS,
    subresources,
    storagePrefix: s.storagePrefix ?? s.resource,
    definition: `${s.definitionPackage}.${s.kind}`,
    generation: s.generation ?? false,
    stored: s.stored ?? true,
  };
}

const core = (r: Omit<Spec, 'group' | 'version' | 'definitionPackage'>): ResourceDef =>
  def({ group: '', version: 'v1', definitionPackage: CORE, ...r });
const inGroup = (group: string, version: string) => (r: Omit<Spec, 'group' | 'version' | 'definitionPackage'>): ResourceDef =>
  def({ group, version, definitionPackage: pkgOf(group, version), ...r });

const apps = inGroup('apps', 'v1');
const batch = inGroup('batch', 'v1');
const networking = inGroup('networking.k8s.io', 'v1');
const storage = inGroup('storage.k8s.io', 'v1');
const rbac = inGroup('rbac.authorization.k8s.io', 'v1');
const all = ['all'];

/** Every built-in resource the API server serves, with kube-apiserver's names, scope and storage layout. */
export const BUILTIN_RESOURCES: readonly ResourceDef[] = [
  core({ resource: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns'], verbs: NO_COLLECTION, sub: ['status', 'finalize'] }),
  core({ resource: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'], categories: all, sub: ['status', 'log', 'eviction', 'binding', 'ephemeralcontainers'] }),
  core({ resource: 'bindings', kind: 'Binding', namespaced: true, verbs: CREATE_ONLY, stored: false }),
  core({ resource: 'services', kind: 'Service', namespaced: true, shortNames: ['svc'], categories: all, sub: ['status'], storagePrefix: 'services/specs' }),
  core({ resource: 'endpoints', kind: 'Endpoints', namespaced: true, shortNames: ['ep'], storagePrefix: 'services/endpoints' }),
  core({ resource: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'] }),
  core({ resource: 'secrets', kind: 'Secret', namespaced: true }),
  core({ resource: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'], sub: ['token'] }),
  core({ resource: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] }),
  core({ resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', namespaced: true, shortNames: ['pvc'], sub: ['status'] }),
  core({ resource: 'persistentvolumes', kind: 'PersistentVolume', namespaced: false, shortNames: ['pv'], sub: ['status'] }),
  core({ resource: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no'], sub: ['status'], storagePrefix: 'minions' }),
  core({ resource: 'limitranges', kind: 'LimitRange', namespaced: true, shortNames: ['limits'] }),
  core({ resource: 'resourcequotas', kind: 'ResourceQuota', namespaced: true, shortNames: ['quota'], sub: ['status'] }),
  core({ resource: 'replicationcontrollers', kind: 'ReplicationController', namespaced: true, shortNames: ['rc'], categories: all, sub: ['status', 'scale'], storagePrefix: 'controllers', generation: true }),
  core({ resource: 'podtemplates', kind: 'PodTemplate', namespaced: true }),
  apps({ resource: 'deployments', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], categories: all, sub: ['status', 'scale'], generation: true }),
  apps({ resource: 'replicasets', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], categories: all, sub: ['status', 'scale'], generation: true }),
  apps({ resource: 'statefulsets', kind: 'StatefulSet', namespaced: true, shortNames: ['sts'], categories: all, sub: ['status', 'scale'], generation: true }),
  apps({ resource: 'daemonsets', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'], categories: all, sub: ['status'], generation: true }),
  apps({ resource: 'controllerrevisions', kind: 'ControllerRevision', namespaced: true }),
  batch({ resource: 'jobs', kind: 'Job', namespaced: true, categories: all, sub: ['status'], generation: true }),
  batch({ resource: 'cronjobs', kind: 'CronJob', namespaced: true, shortNames: ['cj'], categories: all, sub: ['status'], generation: true }),
  networking({ resource: 'ingresses', kind: 'Ingress', namespaced: true, shortNames: ['ing'], sub: ['status'], storagePrefix: 'ingress', generation: true }),
  networking({ resource: 'ingressclasses', kind: 'IngressClass', namespaced: false }),
  networking({ resource: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true, shortNames: ['netpol'], generation: true }),
  inGroup('discovery.k8s.io', 'v1')({ resource: 'endpointslices', kind: 'EndpointSlice', namespaced: true }),
  inGroup('events.k8s.io', 'v1')({ resource: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] }),
  inGroup('policy', 'v1')({ resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true, shortNames: ['pdb'], sub: ['status'], generation: true }),
  inGroup('scheduling.k8s.io', 'v1')({ resource: 'priorityclasses', kind: 'PriorityClass', namespaced: false, shortNames: ['pc'] }),
  storage({ resource: 'storageclasses', kind: 'StorageClass', namespaced: false, shortNames: ['sc'] }),
  storage({ resource: 'csidrivers', kind: 'CSIDriver', namespaced: false }),
  storage({ resource: 'csinodes', kind: 'CSINode', namespaced: false }),
  storage({ resource: 'csistoragecapacities', kind: 'CSIStorageCapacity', namespaced: true }),
  storage({ resource: 'volumeattachments', kind: 'VolumeAttachment', namespaced: false, sub: ['status'] }),
  inGroup('node.k8s.io', 'v1')({ resource: 'runtimeclasses', kind: 'RuntimeClass', namespaced: false }),
  inGroup('coordination.k8s.io', 'v1')({ resource: 'leases', kind: 'Lease', namespaced: true }),
  rbac({ resource: 'roles', kind: 'Role', namespaced: true }),
  rbac({ resource: 'rolebindings', kind: 'RoleBinding', namespaced: true }),
  rbac({ resource: 'clusterroles', kind: 'ClusterRole', namespaced: false }),
  rbac({ resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false }),
  inGroup('apiextensions.k8s.io', 'v1')({ resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition', namespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'], sub: ['status'], storagePrefix: 'apiextensions.k8s.io/customresourcedefinitions', generation: true }),
  inGroup('authentication.k8s.io', 'v1')({ resource: 'tokenreviews', kind: 'TokenReview', namespaced: false, verbs: CREATE_ONLY, stored: false }),
  inGroup('authentication.k8s.io', 'v1')({ resource: 'selfsubjectreviews', kind: 'SelfSubjectReview', namespaced: false, verbs: CREATE_ONLY, stored: false }),
  inGroup('authorization.k8s.io', 'v1')({ resource: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: CREATE_ONLY, stored: false }),
  inGroup('authorization.k8s.io', 'v1')({ resource: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: CREATE_ONLY, stored: false }),
  inGroup('authorization.k8s.io', 'v1')({ resource: 'subjectaccessreviews', kind: 'SubjectAccessReview', namespaced: false, verbs: CREATE_ONLY, stored: false }),
  inGroup('authorization.k8s.io', 'v1')({ resource: 'localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', namespaced: true, verbs: CREATE_ONLY, stored: false }),
];

/** Preferred group order in discovery, as kube-apiserver lists them. */
export const GROUP_ORDER: readonly string[] = [
  '',
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];
