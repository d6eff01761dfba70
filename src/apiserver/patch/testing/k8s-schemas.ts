/**
 * Hand-built OpenAPI v3 components for the built-in kinds the patch tests use, carrying the
 * strategic-merge metadata of the real Kubernetes types (their Go struct tags), in the shape
 * kube-openapi serves: `$ref`s, one-element `allOf` wrappers, extensions on the field.
 */
import type { SchemaNode, SchemaResolver } from '../../schema/types.js';

const PREFIX = '#/components/schemas/';
const ref = (name: string): SchemaNode => ({ $ref: PREFIX + name });
/** A struct-typed field: kube-openapi wraps the $ref to add a description or default. */
const field = (name: string, extra: SchemaNode = {}): SchemaNode => ({ allOf: [ref(name)], default: {}, ...extra });
const str: SchemaNode = { type: 'string' };
const int32: SchemaNode = { type: 'integer', format: 'int32' };
const bool: SchemaNode = { type: 'boolean' };
const stringMap: SchemaNode = { type: 'object', additionalProperties: str };
const list = (items: SchemaNode, extra: SchemaNode = {}): SchemaNode => ({ type: 'array', items, ...extra });
const atomicList = (items: SchemaNode): SchemaNode => list(items, { 'x-kubernetes-list-type': 'atomic' });
const mapList = (items: SchemaNode, key: string, strategy = 'merge'): SchemaNode =>
  list(items, {
    'x-kubernetes-patch-strategy': strategy,
    'x-kubernetes-patch-merge-key': key,
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': [key],
  });
const struct = (properties: Record<string, SchemaNode>, required?: string[]): SchemaNode => ({
  type: 'object',
  properties,
  ...(required ? { required } : {}),
});
const kind = (group: string, version: string, k: string, spec: string | undefined, status: string | undefined): SchemaNode => ({
  type: 'object',
  'x-kubernetes-group-version-kind': [{ group, version, kind: k }],
  properties: {
    apiVersion: str,
    kind: str,
    metadata: field('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'),
    ...(spec ? { spec: field(spec) } : {}),
    ...(status ? { status: field(status) } : {}),
  },
});

const quantity: SchemaNode = { type: 'string' };
const resourceList: SchemaNode = { type: 'object', additionalProperties: ref('io.k8s.apimachinery.pkg.api.resource.Quantity') };

export const definitions: Record<string, SchemaNode> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': quantity,
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': struct({
    name: str,
    namespace: str,
    uid: str,
    resourceVersion: str,
    generation: { type: 'integer', format: 'int64' },
    labels: stringMap,
    annotations: stringMap,
    finalizers: list(str, { 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set' }),
    ownerReferences: mapList(ref('io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference'), 'uid'),
    managedFields: list(ref('io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry')),
  }),
  'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference': struct(
    { apiVersion: str, kind: str, name: str, uid: str, controller: bool, blockOwnerDeletion: bool },
    ['apiVersion', 'kind', 'name', 'uid'],
  ),
  'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry': struct({
    manager: str,
    operation: str,
    fieldsType: str,
    fieldsV1: { type: 'object' },
  }),
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': struct({
    matchLabels: stringMap,
    matchExpressions: atomicList(ref('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement')),
  }),
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': struct({ key: str, operator: str, values: atomicList(str) }),
  'io.k8s.api.core.v1.Pod': kind('', 'v1', 'Pod', 'io.k8s.api.core.v1.PodSpec', 'io.k8s.api.core.v1.PodStatus'),
  'io.k8s.api.core.v1.PodSpec': struct({
    volumes: mapList(ref('io.k8s.api.core.v1.Volume'), 'name', 'merge,retainKeys'),
    initContainers: mapList(ref('io.k8s.api.core.v1.Container'), 'name'),
    containers: mapList(ref('io.k8s.api.core.v1.Container'), 'name'),
    restartPolicy: str,
    terminationGracePeriodSeconds: { type: 'integer', format: 'int64' },
    nodeSelector: { ...stringMap, 'x-kubernetes-map-type': 'atomic' },
    serviceAccountName: str,
    nodeName: str,
    hostNetwork: bool,
    imagePullSecrets: mapList(ref('io.k8s.api.core.v1.LocalObjectReference'), 'name'),
    affinity: ref('io.k8s.api.core.v1.Affinity'),
    tolerations: atomicList(ref('io.k8s.api.core.v1.Toleration')),
    hostAliases: mapList(ref('io.k8s.api.core.v1.HostAlias'), 'ip'),
    topologySpreadConstraints: mapList(ref('io.k8s.api.core.v1.TopologySpreadConstraint'), 'topologyKey'),
  }),
  'io.k8s.api.core.v1.PodStatus': struct({
    phase: str,
    conditions: mapList(ref('io.k8s.api.core.v1.PodCondition'), 'type'),
    podIP: str,
    podIPs: mapList(ref('io.k8s.api.core.v1.PodIP'), 'ip'),
    containerStatuses: atomicList(ref('io.k8s.api.core.v1.ContainerStatus')),
  }),
  'io.k8s.api.core.v1.PodCondition': struct({ type: str, status: str, reason: str, message: str, lastTransitionTime: str }),
  'io.k8s.api.core.v1.PodIP': struct({ ip: str }),
  'io.k8s.api.core.v1.ContainerStatus': struct({ name: str, ready: bool, restartCount: int32, image: str }),
  'io.k8s.api.core.v1.Container': struct(
    {
      name: str,
      image: str,
      command: atomicList(str),
      args: atomicList(str),
      workingDir: str,
      ports: mapList(ref('io.k8s.api.core.v1.ContainerPort'), 'containerPort'),
      envFrom: atomicList(ref('io.k8s.api.core.v1.EnvFromSource')),
      env: mapList(ref('io.k8s.api.core.v1.EnvVar'), 'name'),
      resources: field('io.k8s.api.core.v1.ResourceRequirements'),
      volumeMounts: mapList(ref('io.k8s.api.core.v1.VolumeMount'), 'mountPath'),
      imagePullPolicy: str,
      securityContext: ref('io.k8s.api.core.v1.SecurityContext'),
    },
    ['name'],
  ),
  'io.k8s.api.core.v1.ContainerPort': struct({ name: str, hostPort: int32, containerPort: int32, protocol: str, hostIP: str }, ['containerPort']),
  'io.k8s.api.core.v1.EnvVar': struct({ name: str, value: str, valueFrom: ref('io.k8s.api.core.v1.EnvVarSource') }, ['name']),
  'io.k8s.api.core.v1.EnvVarSource': struct({
    fieldRef: ref('io.k8s.api.core.v1.ObjectFieldSelector'),
    configMapKeyRef: ref('io.k8s.api.core.v1.ConfigMapKeySelector'),
    secretKeyRef: ref('io.k8s.api.core.v1.SecretKeySelector'),
  }),
  'io.k8s.api.core.v1.ObjectFieldSelector': struct({ apiVersion: str, fieldPath: str }),
  'io.k8s.api.core.v1.ConfigMapKeySelector': struct({ name: str, key: str, optional: bool }),
  'io.k8s.api.core.v1.SecretKeySelector': struct({ name: str, key: str, optional: bool }),
  'io.k8s.api.core.v1.EnvFromSource': struct({ prefix: str, configMapRef: ref('io.k8s.api.core.v1.ConfigMapEnvSource') }),
  'io.k8s.api.core.v1.ConfigMapEnvSource': struct({ name: str, optional: bool }),
  'io.k8s.api.core.v1.ResourceRequirements': struct({ limits: resourceList, requests: resourceList }),
  'io.k8s.api.core.v1.VolumeMount': struct({ name: str, readOnly: bool, mountPath: str, subPath: str }, ['name', 'mountPath']),
  'io.k8s.api.core.v1.SecurityContext': struct({ privileged: bool, runAsUser: { type: 'integer', format: 'int64' }, runAsNonRoot: bool }),
  'io.k8s.api.core.v1.Volume': struct(
    {
      name: str,
      hostPath: ref('io.k8s.api.core.v1.HostPathVolumeSource'),
      emptyDir: ref('io.k8s.api.core.v1.EmptyDirVolumeSource'),
      configMap: ref('io.k8s.api.core.v1.ConfigMapVolumeSource'),
      secret: ref('io.k8s.api.core.v1.SecretVolumeSource'),
    },
    ['name'],
  ),
  'io.k8s.api.core.v1.HostPathVolumeSource': struct({ path: str, type: str }),
  'io.k8s.api.core.v1.EmptyDirVolumeSource': struct({ medium: str, sizeLimit: ref('io.k8s.apimachinery.pkg.api.resource.Quantity') }),
  'io.k8s.api.core.v1.ConfigMapVolumeSource': struct({
    name: str,
    items: atomicList(ref('io.k8s.api.core.v1.KeyToPath')),
    defaultMode: int32,
    optional: bool,
  }),
  'io.k8s.api.core.v1.SecretVolumeSource': struct({ secretName: str, defaultMode: int32, optional: bool }),
  'io.k8s.api.core.v1.KeyToPath': struct({ key: str, path: str, mode: int32 }),
  'io.k8s.api.core.v1.LocalObjectReference': struct({ name: str }),
  'io.k8s.api.core.v1.HostAlias': struct({ ip: str, hostnames: atomicList(str) }, ['ip']),
  'io.k8s.api.core.v1.Toleration': struct({ key: str, operator: str, value: str, effect: str, tolerationSeconds: { type: 'integer', format: 'int64' } }),
  'io.k8s.api.core.v1.TopologySpreadConstraint': struct({ maxSkew: int32, topologyKey: str, whenUnsatisfiable: str }),
  'io.k8s.api.core.v1.Affinity': struct({ nodeAffinity: { type: 'object', properties: {} } }),
  'io.k8s.api.core.v1.PodTemplateSpec': struct({
    metadata: field('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'),
    spec: field('io.k8s.api.core.v1.PodSpec'),
  }),
  'io.k8s.api.core.v1.Service': kind('', 'v1', 'Service', 'io.k8s.api.core.v1.ServiceSpec', 'io.k8s.api.core.v1.ServiceStatus'),
  'io.k8s.api.core.v1.ServiceSpec': struct({
    ports: {
      ...mapList(ref('io.k8s.api.core.v1.ServicePort'), 'port'),
      'x-kubernetes-list-map-keys': ['port', 'protocol'],
    },
    selector: { ...stringMap, 'x-kubernetes-map-type': 'atomic' },
    clusterIP: str,
    clusterIPs: atomicList(str),
    type: str,
    externalIPs: atomicList(str),
  }),
  'io.k8s.api.core.v1.ServicePort': struct({ name: str, protocol: str, port: int32, targetPort: { 'x-kubernetes-int-or-string': true }, nodePort: int32 }, ['port']),
  'io.k8s.api.core.v1.ServiceStatus': struct({ conditions: mapList(ref('io.k8s.apimachinery.pkg.apis.meta.v1.Condition'), 'type') }),
  'io.k8s.apimachinery.pkg.apis.meta.v1.Condition': struct({ type: str, status: str, reason: str, message: str, lastTransitionTime: str }),
  'io.k8s.api.core.v1.ConfigMap': {
    type: 'object',
    properties: {
      apiVersion: str,
      kind: str,
      metadata: field('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'),
      data: stringMap,
      binaryData: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
      immutable: bool,
    },
  },
  'io.k8s.api.apps.v1.Deployment': kind('apps', 'v1', 'Deployment', 'io.k8s.api.apps.v1.DeploymentSpec', 'io.k8s.api.apps.v1.DeploymentStatus'),
  'io.k8s.api.apps.v1.DeploymentSpec': struct({
    replicas: int32,
    selector: ref('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector'),
    template: field('io.k8s.api.core.v1.PodTemplateSpec'),
    strategy: field('io.k8s.api.apps.v1.DeploymentStrategy', { 'x-kubernetes-patch-strategy': 'retainKeys' }),
    minReadySeconds: int32,
    revisionHistoryLimit: int32,
    paused: bool,
  }),
  'io.k8s.api.apps.v1.DeploymentStrategy': struct({
    type: str,
    rollingUpdate: ref('io.k8s.api.apps.v1.RollingUpdateDeployment'),
  }),
  'io.k8s.api.apps.v1.RollingUpdateDeployment': struct({
    maxUnavailable: { 'x-kubernetes-int-or-string': true },
    maxSurge: { 'x-kubernetes-int-or-string': true },
  }),
  'io.k8s.api.apps.v1.DeploymentStatus': struct({
    observedGeneration: { type: 'integer', format: 'int64' },
    replicas: int32,
    readyReplicas: int32,
    conditions: mapList(ref('io.k8s.api.apps.v1.DeploymentCondition'), 'type'),
  }),
  'io.k8s.api.apps.v1.DeploymentCondition': struct({ type: str, status: str, reason: str, message: str }),
};

/** Resolves `#/components/schemas/…` refs and one-element allOf wrappers against `defs`. */
export function resolverFor(defs: Record<string, SchemaNode>): SchemaResolver {
  const definition = (name: string): SchemaNode | undefined => (Object.hasOwn(defs, name) ? defs[name] : undefined);
  const deref = (node: SchemaNode): SchemaNode => {
    if (node.$ref !== undefined) {
      const target = definition(node.$ref.slice(PREFIX.length));
      if (!target) throw new Error(`unresolvable ${node.$ref}`);
      return deref(target);
    }
    const only = node.allOf?.length === 1 ? node.allOf[0] : undefined;
    return only && !node.properties && !node.type ? deref(only) : node;
  };
  return { definition, deref };
}

export const resolver = resolverFor(definitions);

export function schemaOf(name: string): SchemaNode {
  const node = resolver.definition(name);
  if (!node) throw new Error(`no schema ${name}`);
  return node;
}
