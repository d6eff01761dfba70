import type { KubeObject } from '../api/object.js';
import { isAlreadyExists } from '../api/status.js';
import type { ResourceDef } from './registry/types.js';
import type { RequestContext } from './rest/context.js';
import type { RestStore } from './rest/store.js';

interface BootstrapHost {
  preferred(group: string, resource: string): ResourceDef | undefined;
  storeFor(def: ResourceDef): RestStore;
  systemContext(): RequestContext;
  readonly clusterIps: { readonly first: string };
}

export interface BootstrapOptions {
  /** Where clients reach this API server (the `kubernetes` service's endpoints). */
  readonly advertiseAddress: string;
  readonly advertisePort: number;
}

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

const ALL = { apiGroups: ['*'], resources: ['*'], verbs: ['*'] };
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const WORKLOADS = [
  { apiGroups: [''], resources: ['pods', 'pods/log', 'pods/status', 'services', 'endpoints', 'configmaps', 'persistentvolumeclaims', 'replicationcontrollers', 'serviceaccounts', 'events', 'limitranges', 'resourcequotas'] },
  { apiGroups: ['apps'], resources: ['deployments', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale', 'daemonsets', 'controllerrevisions'] },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
];

/** The objects every cluster starts with: system namespaces, the `kubernetes` service, default priority classes and roles. */
function bootstrapObjects(host: BootstrapHost, options: BootstrapOptions): [string, string, KubeObject][] {
  const ip = host.clusterIps.first;
  const port = { name: 'https', port: 443, protocol: 'TCP', targetPort: options.advertisePort };
  return [
    ...SYSTEM_NAMESPACES.map((name): [string, string, KubeObject] => ['', 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } }]),
    ['', 'services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } }, spec: { type: 'ClusterIP', clusterIP: ip, ports: [port], sessionAffinity: 'None' } }],
    ['', 'endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }, subsets: [{ addresses: [{ ip: options.advertiseAddress }], ports: [{ name: 'https', port: options.advertisePort, protocol: 'TCP' }] }] }],
    ['discovery.k8s.io', 'endpointslices', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } }, addressType: 'IPv4', endpoints: [{ addresses: [options.advertiseAddress], conditions: { ready: true } }], ports: [{ name: 'https', port: options.advertisePort, protocol: 'TCP' }] }],
    ['scheduling.k8s.io', 'priorityclasses', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical' }, value: 2000000000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.', preemptionPolicy: 'PreemptLowerPriority' }],
    ['scheduling.k8s.io', 'priorityclasses', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' }, value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.', preemptionPolicy: 'PreemptLowerPriority' }],
    ['rbac.authorization.k8s.io', 'clusterroles', clusterRole('cluster-admin', [ALL, { nonResourceURLs: ['*'], verbs: ['*'] }])],
    ['rbac.authorization.k8s.io', 'clusterroles', clusterRole('admin', WORKLOADS.map((r) => ({ ...r, verbs: [...READ, ...WRITE] })))],
    ['rbac.authorization.k8s.io', 'clusterroles', clusterRole('edit', WORKLOADS.map((r) => ({ ...r, verbs: [...READ, ...WRITE] })))],
    ['rbac.authorization.k8s.io', 'clusterroles', clusterRole('view', WORKLOADS.map((r) => ({ ...r, verbs: READ })))],
    ['rbac.authorization.k8s.io', 'clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }],
    }],
  ];
}

function clusterRole(name: string, rules: object[]): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
    rules,
  };
}

/** Creates whatever of the bootstrap objects is missing; existing ones are left alone. */
export async function bootstrap(host: BootstrapHost, options: BootstrapOptions): Promise<void> {
  for (const [group, resource, obj] of bootstrapObjects(host, options)) {
    const def = host.preferred(group, resource);
    if (!def) continue;
    const store = host.storeFor(def);
    const namespace = def.namespaced ? (obj.metadata?.namespace ?? 'default') : '';
    if (await store.tryGet(namespace, obj.metadata?.name ?? '')) continue;
    try {
      await store.create(namespace, obj, { ...host.systemContext(), trusted: true });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
}
