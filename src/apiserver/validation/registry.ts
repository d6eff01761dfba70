/**
 * Every built-in kind's validation strategy, by group and kind or by group and resource.
 */
import { configMaps, events, limitRanges, namespaces, nodes, persistentVolumeClaims, persistentVolumes, resourceQuotas, secrets, serviceAccounts } from './core.js';
import { pods, podTemplates, replicationControllers } from './core-pod.js';
import { endpoints, services } from './core-service.js';
import { controllerRevisions, daemonSets, deployments, replicaSets, statefulSets } from './apps.js';
import { cronJobs, jobs } from './batch.js';
import { ingressClasses, ingresses, networkPolicies } from './networking.js';
import { endpointSlices } from './discovery.js';
import { eventsV1 } from './events.js';
import { podDisruptionBudgets } from './policy.js';
import { priorityClasses } from './scheduling.js';
import { csiDrivers, csiNodes, csiStorageCapacities, storageClasses, volumeAttachments } from './storage.js';
import { runtimeClasses } from './node.js';
import { leases } from './coordination.js';
import { clusterRoleBindings, clusterRoles, roleBindings, roles } from './rbac.js';
import { customResourceDefinitions } from './apiextensions.js';
import { selfSubjectReviews, tokenReviews } from './authentication.js';
import { localSubjectAccessReviews, selfSubjectAccessReviews, selfSubjectRulesReviews, subjectAccessReviews } from './authorization.js';
import type { KindValidator } from './types.js';

export const KIND_VALIDATORS: readonly KindValidator[] = [
  pods,
  podTemplates,
  replicationControllers,
  services,
  endpoints,
  configMaps,
  secrets,
  namespaces,
  serviceAccounts,
  persistentVolumeClaims,
  persistentVolumes,
  nodes,
  events,
  limitRanges,
  resourceQuotas,
  deployments,
  replicaSets,
  statefulSets,
  daemonSets,
  controllerRevisions,
  jobs,
  cronJobs,
  ingresses,
  ingressClasses,
  networkPolicies,
  endpointSlices,
  eventsV1,
  podDisruptionBudgets,
  priorityClasses,
  storageClasses,
  csiDrivers,
  csiNodes,
  csiStorageCapacities,
  volumeAttachments,
  runtimeClasses,
  leases,
  roles,
  clusterRoles,
  roleBindings,
  clusterRoleBindings,
  customResourceDefinitions,
  tokenReviews,
  selfSubjectReviews,
  selfSubjectAccessReviews,
  subjectAccessReviews,
  localSubjectAccessReviews,
  selfSubjectRulesReviews,
];

const BY_KIND = new Map(KIND_VALIDATORS.map((v) => [`${v.group}/${v.kind}`, v]));
const BY_RESOURCE = new Map(KIND_VALIDATORS.map((v) => [`${v.group}/${v.resource}`, v]));

export function validatorForKind(group: string, kind: string): KindValidator | undefined {
  return BY_KIND.get(`${group}/${kind}`);
}

export function validatorForResource(group: string, resource: string): KindValidator | undefined {
  return BY_RESOURCE.get(`${group}/${resource}`);
}
