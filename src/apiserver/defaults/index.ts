/**
 * Defaulting of built-in kinds as kube-apiserver performs it when it decodes a request body
 * (the v1 `SetDefaults_*` functions of each API group, nested defaults included), plus the
 * create-time rewrites of the kinds' registries (`prepareForCreate`) that depend on them.
 */
import { computePodQOS } from '../validation/core-pod.js';
import { generateJobSelector } from '../validation/batch.js';
import { defaultCustomResourceDefinition, storageVersionOf } from './apiextensions.js';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './apps.js';
import { defaultCronJob, defaultJob } from './batch.js';
import {
  defaultEndpoints,
  defaultLimitRange,
  defaultNamespace,
  defaultNode,
  defaultPersistentVolume,
  defaultPersistentVolumeClaim,
  defaultPod,
  defaultPodTemplate,
  defaultReplicationController,
  defaultResourceQuota,
  defaultSecret,
  defaultService,
  prepareNamespaceForCreate,
} from './core.js';
import { defaultEndpointSlice } from './discovery.js';
import { defaultIngressClass, defaultNetworkPolicy } from './networking.js';
import { applyPodAdmissionDefaults } from './pod-spec.js';
import { defaultBinding } from './rbac.js';
import { defaultPriorityClass } from './scheduling.js';
import { defaultCSIDriver, defaultStorageClass } from './storage.js';
import { ensureObj, objsAt, type Obj } from './util.js';

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export type Defaulter = (obj: Obj) => void;

const DEFAULTERS: ReadonlyMap<string, Defaulter> = new Map<string, Defaulter>([
  ['/Pod', defaultPod],
  ['/PodTemplate', defaultPodTemplate],
  ['/ReplicationController', defaultReplicationController],
  ['/Service', defaultService],
  ['/Endpoints', defaultEndpoints],
  ['/Secret', defaultSecret],
  ['/Namespace', defaultNamespace],
  ['/PersistentVolumeClaim', defaultPersistentVolumeClaim],
  ['/PersistentVolume', defaultPersistentVolume],
  ['/Node', defaultNode],
  ['/LimitRange', defaultLimitRange],
  ['/ResourceQuota', defaultResourceQuota],
  ['apps/Deployment', defaultDeployment],
  ['apps/ReplicaSet', defaultReplicaSet],
  ['apps/StatefulSet', defaultStatefulSet],
  ['apps/DaemonSet', defaultDaemonSet],
  ['batch/Job', defaultJob],
  ['batch/CronJob', defaultCronJob],
  ['networking.k8s.io/NetworkPolicy', defaultNetworkPolicy],
  ['networking.k8s.io/IngressClass', defaultIngressClass],
  ['discovery.k8s.io/EndpointSlice', defaultEndpointSlice],
  ['rbac.authorization.k8s.io/RoleBinding', defaultBinding],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', defaultBinding],
  ['scheduling.k8s.io/PriorityClass', defaultPriorityClass],
  ['storage.k8s.io/StorageClass', defaultStorageClass],
  ['storage.k8s.io/CSIDriver', defaultCSIDriver],
  ['apiextensions.k8s.io/CustomResourceDefinition', defaultCustomResourceDefinition],
]);

/** Whether kube defines defaults for this kind (other kinds pass through unchanged). */
export function hasDefaults(group: string, kind: string): boolean {
  return DEFAULTERS.has(`${group}/${kind}`);
}

/**
 * Fills in, in place, what kube-apiserver fills in for `gvk` when it decodes a request body;
 * returns the same object. Values the client set are kept (quantities are re-rendered
 * canonically, as kube does). Run it on create and update bodies alike.
 */
export function applyDefaults(gvk: GroupVersionKind, obj: Obj): Obj {
  DEFAULTERS.get(`${gvk.group}/${gvk.kind}`)?.(obj);
  return obj;
}

export const SCHEDULING_GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';

function preparePod(pod: Obj): void {
  applyPodAdmissionDefaults(pod);
  const status: Obj = { phase: 'Pending', qosClass: computePodQOS(pod) };
  if (objsAt(ensureObj(pod, 'spec'), 'schedulingGates').length > 0) {
    status.conditions = [
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: null, reason: 'SchedulingGated', message: SCHEDULING_GATED_MESSAGE },
    ];
  }
  pod.status = status;
}

/**
 * The Job registry on create: a generated selector and template labels unless
 * `spec.manualSelector` (needs metadata.uid set), and no client status.
 */
export function prepareJobForCreate(job: Obj): void {
  generateJobSelector(job);
  job.status = {};
}

function prepareCRD(crd: Obj): void {
  const storage = storageVersionOf(crd);
  crd.status = storage === undefined ? {} : { storedVersions: [storage] };
}

/** Kinds whose registry drops the status a client sends on create. */
const RESET_STATUS = new Set([
  '/ReplicationController',
  '/PersistentVolumeClaim',
  '/PersistentVolume',
  '/ResourceQuota',
  'apps/Deployment',
  'apps/ReplicaSet',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'batch/CronJob',
  'networking.k8s.io/Ingress',
  'policy/PodDisruptionBudget',
  'storage.k8s.io/VolumeAttachment',
]);

export interface PrepareOptions {
  /** Creation time, for the status timestamps kube sets on create (PersistentVolume). */
  readonly now?: Date;
}

/**
 * The create-time rewrites of kube's registries that follow from defaulting, applied in place to
 * an already defaulted object with metadata (name, uid) filled in: status reset where the registry
 * resets it (then re-defaulted, e.g. PVC phase Pending), Pod status phase/QoS and the admission
 * defaults (priority, default tolerations, service account name), Job selector generation,
 * Namespace `kubernetes` finalizer, CRD storedVersions, Service status. Returns the object.
 */
export function prepareForCreate(gvk: GroupVersionKind, obj: Obj, opts: PrepareOptions = {}): Obj {
  const gk = `${gvk.group}/${gvk.kind}`;
  switch (gk) {
    case '/Pod':
      preparePod(obj);
      break;
    case '/Namespace':
      prepareNamespaceForCreate(obj);
      break;
    case '/Service':
      obj.status = { loadBalancer: {} };
      break;
    case 'batch/Job':
      prepareJobForCreate(obj);
      break;
    case 'apiextensions.k8s.io/CustomResourceDefinition':
      prepareCRD(obj);
      break;
    default:
      if (RESET_STATUS.has(gk)) {
        obj.status = {};
        applyDefaults(gvk, obj);
      }
  }
  if (gk === '/PersistentVolume') ensureObj(obj, 'status').lastPhaseTransitionTime = goTimeRFC3339(opts.now ?? new Date());
  return obj;
}

function goTimeRFC3339(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

export { imageTag, addServiceAccountTokenVolume, applyPodAdmissionDefaults, DEFAULT_TOLERATION_SECONDS, SERVICE_ACCOUNT_MOUNT_PATH } from './pod-spec.js';
export { prepareNamespaceForCreate, METADATA_NAME_LABEL } from './core.js';
export { storageVersionOf } from './apiextensions.js';
export type { Obj } from './util.js';
