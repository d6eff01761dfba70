/**
 * What strategic merge patch and server-side apply need to know about lists and maps, for every
 * field of the served kinds that has it: the Go struct tags `patchStrategy`/`patchMergeKey` and the
 * `+listType`, `+listMapKey`, `+mapType` and `+structType` markers of the Kubernetes 1.30 API types.
 * scripts/gen-schemas.ts writes them into the schemas as the `x-kubernetes-*` extensions
 * kube-apiserver publishes. Fields not listed are plain: lists without a list type are atomic for
 * apply and replaced by strategic merge patch, maps and structs are granular.
 */
import type { SchemaNode } from '../types.js';

export type FieldPatchMeta = Pick<
  SchemaNode,
  | 'x-kubernetes-patch-strategy'
  | 'x-kubernetes-patch-merge-key'
  | 'x-kubernetes-list-type'
  | 'x-kubernetes-list-map-keys'
  | 'x-kubernetes-map-type'
>;

/** A list merged item by item on `key` by both SMP and apply (apply keys default to `key`). */
const mergeByKey = (key: string, ...applyKeys: string[]): FieldPatchMeta => ({
  'x-kubernetes-patch-strategy': 'merge',
  'x-kubernetes-patch-merge-key': key,
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': applyKeys.length > 0 ? applyKeys : [key],
});
/** As mergeByKey, and SMP also drops fields of an item that the patch's item leaves out. */
const mergeRetainKeysByKey = (key: string): FieldPatchMeta => ({
  ...mergeByKey(key),
  'x-kubernetes-patch-strategy': 'merge,retainKeys',
});
/** SMP merges items on `key`; apply replaces the list whole. */
const mergeByKeyAtomic = (key: string): FieldPatchMeta => ({
  'x-kubernetes-patch-strategy': 'merge',
  'x-kubernetes-patch-merge-key': key,
  'x-kubernetes-list-type': 'atomic',
});
/** A set of scalars, merged by both SMP and apply. */
const mergeSet: FieldPatchMeta = { 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set' };
const atomicList: FieldPatchMeta = { 'x-kubernetes-list-type': 'atomic' };
const setList: FieldPatchMeta = { 'x-kubernetes-list-type': 'set' };
/** Apply merges items on `keys`; SMP replaces the list. */
const mapList = (...keys: string[]): FieldPatchMeta => ({
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': keys,
});
const atomicMap: FieldPatchMeta = { 'x-kubernetes-map-type': 'atomic' };
const granularMap: FieldPatchMeta = { 'x-kubernetes-map-type': 'granular' };
/** SMP drops the fields of the struct that the patch leaves out (a union such as a strategy). */
const retainKeys: FieldPatchMeta = { 'x-kubernetes-patch-strategy': 'retainKeys' };
/** SMP replaces the struct whole. */
const replace: FieldPatchMeta = { 'x-kubernetes-patch-strategy': 'replace' };

const named =
  (pkg: string) =>
  (name: string): string =>
    `${pkg}.${name}`;
const core = named('io.k8s.api.core.v1');
const apps = named('io.k8s.api.apps.v1');
const autoscaling = named('io.k8s.api.autoscaling.v1');
const batch = named('io.k8s.api.batch.v1');
const networking = named('io.k8s.api.networking.v1');
const discovery = named('io.k8s.api.discovery.v1');
const policy = named('io.k8s.api.policy.v1');
const storage = named('io.k8s.api.storage.v1');
const node = named('io.k8s.api.node.v1');
const rbac = named('io.k8s.api.rbac.v1');
const authentication = named('io.k8s.api.authentication.v1');
const authorization = named('io.k8s.api.authorization.v1');
const meta = named('io.k8s.apimachinery.pkg.apis.meta.v1');
const apiextensions = named('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1');

/** Per definition, per JSON field name. */
export const fieldPatchMeta: Readonly<Record<string, Readonly<Record<string, FieldPatchMeta>>>> = {
  [core('PersistentVolumeSpec')]: {
    accessModes: atomicList,
    claimRef: granularMap,
    mountOptions: atomicList,
  },
  [core('PersistentVolumeClaimSpec')]: { accessModes: atomicList },
  [core('PersistentVolumeClaimStatus')]: {
    accessModes: atomicList,
    conditions: mergeByKey('type'),
    allocatedResourceStatuses: granularMap,
  },
  [core('RBDVolumeSource')]: { monitors: atomicList },
  [core('RBDPersistentVolumeSource')]: { monitors: atomicList },
  [core('CephFSVolumeSource')]: { monitors: atomicList },
  [core('CephFSPersistentVolumeSource')]: { monitors: atomicList },
  [core('SecretVolumeSource')]: { items: atomicList },
  [core('SecretProjection')]: { items: atomicList },
  [core('ISCSIVolumeSource')]: { portals: atomicList },
  [core('ISCSIPersistentVolumeSource')]: { portals: atomicList },
  [core('FCVolumeSource')]: { targetWWNs: atomicList, wwids: atomicList },
  [core('ConfigMapVolumeSource')]: { items: atomicList },
  [core('ConfigMapProjection')]: { items: atomicList },
  [core('ProjectedVolumeSource')]: { sources: atomicList },
  [core('HTTPGetAction')]: { httpHeaders: atomicList },
  [core('ExecAction')]: { command: atomicList },
  [core('Capabilities')]: { add: atomicList, drop: atomicList },
  [core('ResourceRequirements')]: { claims: mapList('name') },
  [core('Container')]: {
    command: atomicList,
    args: atomicList,
    ports: mergeByKey('containerPort', 'containerPort', 'protocol'),
    envFrom: atomicList,
    env: mergeByKey('name'),
    resizePolicy: atomicList,
    volumeMounts: mergeByKey('mountPath'),
    volumeDevices: mergeByKey('devicePath'),
  },
  [core('ContainerStatus')]: { volumeMounts: mergeByKey('mountPath') },
  [core('NodeSelector')]: { nodeSelectorTerms: atomicList },
  [core('NodeSelectorTerm')]: { matchExpressions: atomicList, matchFields: atomicList },
  [core('NodeSelectorRequirement')]: { values: atomicList },
  [core('TopologySelectorTerm')]: { matchLabelExpressions: atomicList },
  [core('TopologySelectorLabelRequirement')]: { values: atomicList },
  [core('PodAffinity')]: {
    requiredDuringSchedulingIgnoredDuringExecution: atomicList,
    preferredDuringSchedulingIgnoredDuringExecution: atomicList,
  },
  [core('PodAntiAffinity')]: {
    requiredDuringSchedulingIgnoredDuringExecution: atomicList,
    preferredDuringSchedulingIgnoredDuringExecution: atomicList,
  },
  [core('PodAffinityTerm')]: {
    namespaces: atomicList,
    matchLabelKeys: atomicList,
    mismatchLabelKeys: atomicList,
  },
  [core('NodeAffinity')]: { preferredDuringSchedulingIgnoredDuringExecution: atomicList },
  [core('PodSpec')]: {
    volumes: mergeRetainKeysByKey('name'),
    initContainers: mergeByKey('name'),
    containers: mergeByKey('name'),
    ephemeralContainers: mergeByKey('name'),
    nodeSelector: atomicMap,
    imagePullSecrets: mergeByKey('name'),
    tolerations: atomicList,
    hostAliases: mergeByKey('ip'),
    readinessGates: atomicList,
    topologySpreadConstraints: mergeByKey('topologyKey', 'topologyKey', 'whenUnsatisfiable'),
    schedulingGates: mergeByKey('name'),
    resourceClaims: mergeRetainKeysByKey('name'),
  },
  [core('TopologySpreadConstraint')]: { matchLabelKeys: atomicList },
  [core('HostAlias')]: { hostnames: atomicList },
  [core('PodSecurityContext')]: { supplementalGroups: atomicList, sysctls: atomicList },
  [core('PodDNSConfig')]: { nameservers: atomicList, searches: atomicList, options: atomicList },
  [core('EphemeralContainer')]: {
    command: atomicList,
    args: atomicList,
    ports: mergeByKey('containerPort', 'containerPort', 'protocol'),
    envFrom: atomicList,
    env: mergeByKey('name'),
    resizePolicy: atomicList,
    volumeMounts: mergeByKey('mountPath'),
    volumeDevices: mergeByKey('devicePath'),
  },
  [core('PodStatus')]: {
    conditions: mergeByKey('type'),
    hostIPs: mergeByKeyAtomic('ip'),
    podIPs: mergeByKey('ip'),
    initContainerStatuses: atomicList,
    containerStatuses: atomicList,
    ephemeralContainerStatuses: atomicList,
    resourceClaimStatuses: mergeRetainKeysByKey('name'),
  },
  [core('ReplicationControllerSpec')]: { selector: atomicMap },
  [core('ReplicationControllerStatus')]: { conditions: mergeByKey('type') },
  [core('ServiceStatus')]: { conditions: mergeByKey('type') },
  [core('LoadBalancerStatus')]: { ingress: atomicList },
  [core('LoadBalancerIngress')]: { ports: atomicList },
  [core('ServiceSpec')]: {
    ports: mergeByKey('port', 'port', 'protocol'),
    selector: atomicMap,
    clusterIPs: atomicList,
    externalIPs: atomicList,
    loadBalancerSourceRanges: atomicList,
    ipFamilies: atomicList,
  },
  [core('ServiceAccount')]: { secrets: mergeByKey('name'), imagePullSecrets: atomicList },
  [core('Endpoints')]: { subsets: atomicList },
  [core('EndpointSubset')]: {
    addresses: atomicList,
    notReadyAddresses: atomicList,
    ports: atomicList,
  },
  [core('NodeSpec')]: { podCIDRs: mergeSet, taints: atomicList },
  [core('NodeStatus')]: {
    conditions: mergeByKey('type'),
    addresses: mergeByKey('type'),
    images: atomicList,
    volumesInUse: atomicList,
    volumesAttached: atomicList,
    runtimeHandlers: atomicList,
  },
  [core('ContainerImage')]: { names: atomicList },
  [core('NamespaceSpec')]: { finalizers: atomicList },
  [core('NamespaceStatus')]: { conditions: mergeByKey('type') },
  [core('LimitRangeSpec')]: { limits: atomicList },
  [core('ResourceQuotaSpec')]: { scopes: atomicList },
  [core('ScopeSelector')]: { matchExpressions: atomicList },
  [core('ScopedResourceSelectorRequirement')]: { values: atomicList },
  [core('ComponentStatus')]: { conditions: mergeByKey('type') },
  [core('DownwardAPIVolumeSource')]: { items: atomicList },
  [core('DownwardAPIProjection')]: { items: atomicList },
  [apps('StatefulSetSpec')]: { volumeClaimTemplates: atomicList },
  [apps('StatefulSetStatus')]: { conditions: mergeByKey('type') },
  [apps('DeploymentSpec')]: { strategy: retainKeys },
  [apps('DeploymentStatus')]: { conditions: mergeByKey('type') },
  [apps('DaemonSetStatus')]: { conditions: mergeByKey('type') },
  [apps('ReplicaSetStatus')]: { conditions: mergeByKey('type') },
  [batch('PodFailurePolicyOnExitCodesRequirement')]: { values: setList },
  [batch('PodFailurePolicyRule')]: { onPodConditions: atomicList },
  [batch('PodFailurePolicy')]: { rules: atomicList },
  [batch('SuccessPolicy')]: { rules: atomicList },
  [batch('JobStatus')]: { conditions: mergeByKeyAtomic('type') },
  [batch('UncountedTerminatedPods')]: { succeeded: setList, failed: setList },
  [batch('CronJobStatus')]: { active: atomicList },
  [networking('NetworkPolicySpec')]: {
    ingress: atomicList,
    egress: atomicList,
    policyTypes: atomicList,
  },
  [networking('NetworkPolicyIngressRule')]: { ports: atomicList, from: atomicList },
  [networking('NetworkPolicyEgressRule')]: { ports: atomicList, to: atomicList },
  [networking('IPBlock')]: { except: atomicList },
  [networking('IngressSpec')]: { tls: atomicList, rules: atomicList },
  [networking('IngressTLS')]: { hosts: atomicList },
  [networking('IngressLoadBalancerStatus')]: { ingress: atomicList },
  [networking('IngressLoadBalancerIngress')]: { ports: atomicList },
  [networking('HTTPIngressRuleValue')]: { paths: atomicList },
  [discovery('EndpointSlice')]: { endpoints: atomicList, ports: atomicList },
  [discovery('Endpoint')]: { addresses: setList },
  [discovery('EndpointHints')]: { forZones: atomicList },
  [policy('PodDisruptionBudgetSpec')]: { selector: replace },
  [policy('PodDisruptionBudgetStatus')]: { conditions: mergeByKey('type') },
  [storage('StorageClass')]: { mountOptions: atomicList, allowedTopologies: atomicList },
  [storage('CSIDriverSpec')]: { volumeLifecycleModes: setList, tokenRequests: atomicList },
  [storage('CSINodeSpec')]: { drivers: mergeByKey('name') },
  [storage('CSINodeDriver')]: { topologyKeys: atomicList },
  [node('Scheduling')]: { nodeSelector: atomicMap, tolerations: atomicList },
  [rbac('PolicyRule')]: {
    verbs: atomicList,
    apiGroups: atomicList,
    resources: atomicList,
    resourceNames: atomicList,
    nonResourceURLs: atomicList,
  },
  [rbac('Role')]: { rules: atomicList },
  [rbac('RoleBinding')]: { subjects: atomicList },
  [rbac('ClusterRole')]: { rules: atomicList },
  [rbac('AggregationRule')]: { clusterRoleSelectors: atomicList },
  [rbac('ClusterRoleBinding')]: { subjects: atomicList },
  [authentication('TokenReviewSpec')]: { audiences: atomicList },
  [authentication('TokenReviewStatus')]: { audiences: atomicList },
  [authentication('UserInfo')]: { groups: atomicList },
  [authentication('TokenRequestSpec')]: { audiences: atomicList },
  [authorization('SubjectAccessReviewSpec')]: { groups: atomicList },
  [authorization('SubjectRulesReviewStatus')]: {
    resourceRules: atomicList,
    nonResourceRules: atomicList,
  },
  [authorization('ResourceRule')]: {
    verbs: atomicList,
    apiGroups: atomicList,
    resources: atomicList,
    resourceNames: atomicList,
  },
  [authorization('NonResourceRule')]: { verbs: atomicList, nonResourceURLs: atomicList },
  [meta('ObjectMeta')]: {
    ownerReferences: mergeByKey('uid'),
    finalizers: mergeSet,
    managedFields: atomicList,
  },
  [meta('DeleteOptions')]: { dryRun: atomicList },
  [meta('Status')]: { details: atomicList },
  [meta('StatusDetails')]: { causes: atomicList },
  [meta('APIVersions')]: { versions: atomicList, serverAddressByClientCIDRs: atomicList },
  [meta('APIGroupList')]: { groups: atomicList },
  [meta('APIGroup')]: { versions: atomicList, serverAddressByClientCIDRs: atomicList },
  [meta('APIResource')]: { shortNames: atomicList, categories: atomicList },
  [meta('APIResourceList')]: { resources: atomicList },
  [meta('LabelSelector')]: { matchExpressions: atomicList },
  [meta('LabelSelectorRequirement')]: { values: atomicList },
  [meta('Table')]: { columnDefinitions: atomicList, rows: atomicList },
  [meta('TableRow')]: { cells: atomicList, conditions: atomicList },
  [apiextensions('CustomResourceDefinitionSpec')]: { versions: atomicList },
  [apiextensions('WebhookConversion')]: { conversionReviewVersions: atomicList },
  [apiextensions('CustomResourceDefinitionVersion')]: {
    additionalPrinterColumns: atomicList,
    selectableFields: atomicList,
  },
  [apiextensions('CustomResourceDefinitionNames')]: {
    shortNames: atomicList,
    categories: atomicList,
  },
  [apiextensions('CustomResourceDefinitionStatus')]: {
    conditions: mapList('type'),
    storedVersions: atomicList,
  },
  [apiextensions('JSONSchemaProps')]: {
    enum: atomicList,
    required: atomicList,
    allOf: atomicList,
    oneOf: atomicList,
    anyOf: atomicList,
    'x-kubernetes-list-map-keys': atomicList,
    'x-kubernetes-validations': mergeByKey('rule'),
  },
};

/** Structs that apply replaces whole (`+structType=atomic`): `x-kubernetes-map-type` on the definition. */
export const definitionMapType: Readonly<Record<string, 'atomic' | 'granular'>> = {
  [core('SecretReference')]: 'atomic',
  [core('ObjectFieldSelector')]: 'atomic',
  [core('ResourceFieldSelector')]: 'atomic',
  [core('ConfigMapKeySelector')]: 'atomic',
  [core('SecretKeySelector')]: 'atomic',
  [core('NodeSelector')]: 'atomic',
  [core('NodeSelectorTerm')]: 'atomic',
  [core('TopologySelectorTerm')]: 'atomic',
  [core('EndpointAddress')]: 'atomic',
  [core('EndpointPort')]: 'atomic',
  [core('ObjectReference')]: 'atomic',
  [core('LocalObjectReference')]: 'atomic',
  [core('TypedLocalObjectReference')]: 'atomic',
  [core('ScopeSelector')]: 'atomic',
  [autoscaling('CrossVersionObjectReference')]: 'atomic',
  [discovery('EndpointPort')]: 'atomic',
  [rbac('Subject')]: 'atomic',
  [rbac('RoleRef')]: 'atomic',
  [meta('OwnerReference')]: 'atomic',
  [meta('LabelSelector')]: 'atomic',
};
