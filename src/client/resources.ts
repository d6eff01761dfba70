import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type {
  ConfigMap,
  Endpoints,
  Event,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Event as EventsV1Event } from 'kubernetes-types/events/v1.js';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { CSIDriver, CSINode, StorageClass, VolumeAttachment } from 'kubernetes-types/storage/v1.js';
import { resourceRef } from './resource.js';

/**
 * The built-in resources the controllers, the embedded host and the syncer use, with their object
 * types. Anything else (custom resources, other versions) comes from the RESTMapper.
 */
export const resources = {
  namespaces: resourceRef<Namespace>({ group: '', version: 'v1', resource: 'namespaces', namespaced: false, kind: 'Namespace' }),
  nodes: resourceRef<Node>({ group: '', version: 'v1', resource: 'nodes', namespaced: false, kind: 'Node' }),
  persistentVolumes: resourceRef<PersistentVolume>({ group: '', version: 'v1', resource: 'persistentvolumes', namespaced: false, kind: 'PersistentVolume' }),
  pods: resourceRef<Pod>({ group: '', version: 'v1', resource: 'pods', namespaced: true, kind: 'Pod' }),
  services: resourceRef<Service>({ group: '', version: 'v1', resource: 'services', namespaced: true, kind: 'Service' }),
  endpoints: resourceRef<Endpoints>({ group: '', version: 'v1', resource: 'endpoints', namespaced: true, kind: 'Endpoints' }),
  configMaps: resourceRef<ConfigMap>({ group: '', version: 'v1', resource: 'configmaps', namespaced: true, kind: 'ConfigMap' }),
  secrets: resourceRef<Secret>({ group: '', version: 'v1', resource: 'secrets', namespaced: true, kind: 'Secret' }),
  serviceAccounts: resourceRef<ServiceAccount>({ group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true, kind: 'ServiceAccount' }),
  events: resourceRef<Event>({ group: '', version: 'v1', resource: 'events', namespaced: true, kind: 'Event' }),
  persistentVolumeClaims: resourceRef<PersistentVolumeClaim>({ group: '', version: 'v1', resource: 'persistentvolumeclaims', namespaced: true, kind: 'PersistentVolumeClaim' }),
  deployments: resourceRef<Deployment>({ group: 'apps', version: 'v1', resource: 'deployments', namespaced: true, kind: 'Deployment' }),
  replicaSets: resourceRef<ReplicaSet>({ group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true, kind: 'ReplicaSet' }),
  statefulSets: resourceRef<StatefulSet>({ group: 'apps', version: 'v1', resource: 'statefulsets', namespaced: true, kind: 'StatefulSet' }),
  daemonSets: resourceRef<DaemonSet>({ group: 'apps', version: 'v1', resource: 'daemonsets', namespaced: true, kind: 'DaemonSet' }),
  controllerRevisions: resourceRef<ControllerRevision>({ group: 'apps', version: 'v1', resource: 'controllerrevisions', namespaced: true, kind: 'ControllerRevision' }),
  jobs: resourceRef<Job>({ group: 'batch', version: 'v1', resource: 'jobs', namespaced: true, kind: 'Job' }),
  cronJobs: resourceRef<CronJob>({ group: 'batch', version: 'v1', resource: 'cronjobs', namespaced: true, kind: 'CronJob' }),
  leases: resourceRef<Lease>({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true, kind: 'Lease' }),
  endpointSlices: resourceRef<EndpointSlice>({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespaced: true, kind: 'EndpointSlice' }),
  eventsV1: resourceRef<EventsV1Event>({ group: 'events.k8s.io', version: 'v1', resource: 'events', namespaced: true, kind: 'Event' }),
  ingresses: resourceRef<Ingress>({ group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', namespaced: true, kind: 'Ingress' }),
  ingressClasses: resourceRef<IngressClass>({ group: 'networking.k8s.io', version: 'v1', resource: 'ingressclasses', namespaced: false, kind: 'IngressClass' }),
  networkPolicies: resourceRef<NetworkPolicy>({ group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies', namespaced: true, kind: 'NetworkPolicy' }),
  podDisruptionBudgets: resourceRef<PodDisruptionBudget>({ group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespaced: true, kind: 'PodDisruptionBudget' }),
  roles: resourceRef<Role>({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', namespaced: true, kind: 'Role' }),
  roleBindings: resourceRef<RoleBinding>({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', namespaced: true, kind: 'RoleBinding' }),
  clusterRoles: resourceRef<ClusterRole>({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', namespaced: false, kind: 'ClusterRole' }),
  clusterRoleBindings: resourceRef<ClusterRoleBinding>({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings', namespaced: false, kind: 'ClusterRoleBinding' }),
  priorityClasses: resourceRef<PriorityClass>({ group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', namespaced: false, kind: 'PriorityClass' }),
  storageClasses: resourceRef<StorageClass>({ group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses', namespaced: false, kind: 'StorageClass' }),
  csiDrivers: resourceRef<CSIDriver>({ group: 'storage.k8s.io', version: 'v1', resource: 'csidrivers', namespaced: false, kind: 'CSIDriver' }),
  csiNodes: resourceRef<CSINode>({ group: 'storage.k8s.io', version: 'v1', resource: 'csinodes', namespaced: false, kind: 'CSINode' }),
  volumeAttachments: resourceRef<VolumeAttachment>({ group: 'storage.k8s.io', version: 'v1', resource: 'volumeattachments', namespaced: false, kind: 'VolumeAttachment' }),
  customResourceDefinitions: resourceRef<CustomResourceDefinition>({ group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', namespaced: false, kind: 'CustomResourceDefinition' }),
} as const;
