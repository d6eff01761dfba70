import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldFormats } from './build/field-formats.js';
import { definitionMapType, fieldPatchMeta } from './build/patch-meta.js';
import { componentRef, refName, wellKnown } from './names.js';
import { generatedSchemas } from './testing.js';
import type { SchemaNode } from './types.js';
import { childSchemas } from './walk.js';

const registry = generatedSchemas();

/** [group, version, kind, component name] of every served kind and its list. */
const kinds: [string, string, string, string][] = [
  ...['Namespace', 'Pod', 'Binding', 'Service', 'Endpoints', 'ConfigMap', 'Secret', 'ServiceAccount', 'Event',
    'PersistentVolumeClaim', 'PersistentVolume', 'Node', 'LimitRange', 'ResourceQuota', 'ReplicationController', 'PodTemplate',
  ].map((k): [string, string, string, string] => ['', 'v1', k, `io.k8s.api.core.v1.${k}`]),
  ['policy', 'v1', 'Eviction', 'io.k8s.api.policy.v1.Eviction'],
  ...['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ControllerRevision'].map(
    (k): [string, string, string, string] => ['apps', 'v1', k, `io.k8s.api.apps.v1.${k}`],
  ),
  ['autoscaling', 'v1', 'Scale', 'io.k8s.api.autoscaling.v1.Scale'],
  ['batch', 'v1', 'Job', 'io.k8s.api.batch.v1.Job'],
  ['batch', 'v1', 'CronJob', 'io.k8s.api.batch.v1.CronJob'],
  ...['Ingress', 'IngressClass', 'NetworkPolicy'].map(
    (k): [string, string, string, string] => ['networking.k8s.io', 'v1', k, `io.k8s.api.networking.v1.${k}`],
  ),
  ['discovery.k8s.io', 'v1', 'EndpointSlice', 'io.k8s.api.discovery.v1.EndpointSlice'],
  ['events.k8s.io', 'v1', 'Event', 'io.k8s.api.events.v1.Event'],
  ['policy', 'v1', 'PodDisruptionBudget', 'io.k8s.api.policy.v1.PodDisruptionBudget'],
  ['scheduling.k8s.io', 'v1', 'PriorityClass', 'io.k8s.api.scheduling.v1.PriorityClass'],
  ...['StorageClass', 'CSIDriver', 'CSINode', 'CSIStorageCapacity', 'VolumeAttachment'].map(
    (k): [string, string, string, string] => ['storage.k8s.io', 'v1', k, `io.k8s.api.storage.v1.${k}`],
  ),
  ['node.k8s.io', 'v1', 'RuntimeClass', 'io.k8s.api.node.v1.RuntimeClass'],
  ['coordination.k8s.io', 'v1', 'Lease', 'io.k8s.api.coordination.v1.Lease'],
  ...['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].map(
    (k): [string, string, string, string] => ['rbac.authorization.k8s.io', 'v1', k, `io.k8s.api.rbac.v1.${k}`],
  ),
  ['apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition'],
  ...['TokenReview', 'SelfSubjectReview', 'TokenRequest'].map(
    (k): [string, string, string, string] => ['authentication.k8s.io', 'v1', k, `io.k8s.api.authentication.v1.${k}`],
  ),
  ...['SelfSubjectAccessReview', 'SubjectAccessReview', 'SelfSubjectRulesReview'].map(
    (k): [string, string, string, string] => ['authorization.k8s.io', 'v1', k, `io.k8s.api.authorization.v1.${k}`],
  ),
];
const withoutList = new Set(['Binding', 'Eviction', 'Scale', 'TokenReview', 'SelfSubjectReview', 'TokenRequest',
  'SelfSubjectAccessReview', 'SubjectAccessReview', 'SelfSubjectRulesReview']);

const property = (definition: string, ...path: string[]): SchemaNode => {
  let node = registry.definition(definition);
  assert.ok(node, `no definition ${definition}`);
  for (const key of path) {
    node = registry.deref(node).properties?.[key];
    assert.ok(node, `${definition} has no ${path.join('.')}`);
  }
  return node;
};

describe('generated schemas', () => {
  for (const [group, version, kind, name] of kinds) {
    it(`${kind} (${group || 'core'}/${version}) has a described schema with its GVK`, () => {
      assert.equal(registry.definitionForKind(group, version, kind), name);
      const schema = registry.definition(name);
      assert.ok(schema?.description !== undefined && schema.description.length > 10);
      assert.deepEqual(schema['x-kubernetes-group-version-kind'], [{ group, kind, version }]);
      assert.equal(property(name, 'kind').type, 'string');
      assert.ok(property(name, 'metadata').description);
      if (!withoutList.has(kind)) {
        assert.equal(registry.definitionForKind(group, version, `${kind}List`), `${name}List`);
        const items = property(`${name}List`, 'items');
        assert.equal(items.items?.$ref, componentRef(name));
      }
    });
  }

  const meta = ['ObjectMeta', 'ListMeta', 'Status', 'StatusDetails', 'DeleteOptions', 'WatchEvent', 'Patch', 'Table',
    'TableRow', 'TableColumnDefinition', 'PartialObjectMetadata', 'APIResourceList', 'APIGroupList', 'LabelSelector',
    'OwnerReference', 'ManagedFieldsEntry', 'Time', 'MicroTime', 'FieldsV1', 'Condition'];
  for (const name of meta) {
    it(`meta/v1 ${name} is present and described`, () => {
      assert.ok(registry.definition(`io.k8s.apimachinery.pkg.apis.meta.v1.${name}`)?.description);
    });
  }

  it('every $ref names a definition', () => {
    const check = (node: SchemaNode, where: string): void => {
      if (node.$ref !== undefined) {
        const name = refName(node.$ref);
        assert.ok(name !== undefined && registry.definition(name), `${where}: dangling ${node.$ref}`);
      }
      for (const child of childSchemas(node)) check(child, where);
    };
    for (const name of registry.definitionNames()) check(registry.definition(name) ?? {}, name);
  });

  it('Pod spec.containers is a list of Container merged on name', () => {
    const containers = property('io.k8s.api.core.v1.Pod', 'spec', 'containers');
    assert.equal(containers.type, 'array');
    assert.equal(containers.items?.$ref, componentRef('io.k8s.api.core.v1.Container'));
    assert.equal(containers['x-kubernetes-patch-merge-key'], 'name');
    assert.equal(containers['x-kubernetes-patch-strategy'], 'merge');
    assert.equal(containers['x-kubernetes-list-type'], 'map');
    assert.deepEqual(containers['x-kubernetes-list-map-keys'], ['name']);
    assert.equal(property('io.k8s.api.core.v1.Container', 'name').type, 'string');
    assert.ok(registry.definition('io.k8s.api.core.v1.Container')?.required?.includes('name'));
  });

  const extensionCases: [string, string[], Partial<SchemaNode>][] = [
    ['io.k8s.api.core.v1.Container', ['ports'], { 'x-kubernetes-patch-merge-key': 'containerPort', 'x-kubernetes-list-map-keys': ['containerPort', 'protocol'] }],
    ['io.k8s.api.core.v1.Container', ['env'], { 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-list-type': 'map' }],
    ['io.k8s.api.core.v1.Container', ['volumeMounts'], { 'x-kubernetes-patch-merge-key': 'mountPath' }],
    ['io.k8s.api.core.v1.PodSpec', ['volumes'], { 'x-kubernetes-patch-strategy': 'merge,retainKeys', 'x-kubernetes-patch-merge-key': 'name' }],
    ['io.k8s.api.core.v1.PodSpec', ['tolerations'], { 'x-kubernetes-list-type': 'atomic' }],
    ['io.k8s.api.core.v1.PodSpec', ['hostAliases'], { 'x-kubernetes-patch-merge-key': 'ip' }],
    ['io.k8s.api.core.v1.PodSpec', ['topologySpreadConstraints'], { 'x-kubernetes-list-map-keys': ['topologyKey', 'whenUnsatisfiable'] }],
    ['io.k8s.api.core.v1.PodSpec', ['nodeSelector'], { 'x-kubernetes-map-type': 'atomic' }],
    ['io.k8s.api.core.v1.ServiceSpec', ['ports'], { 'x-kubernetes-patch-merge-key': 'port', 'x-kubernetes-list-map-keys': ['port', 'protocol'] }],
    ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', ['ownerReferences'], { 'x-kubernetes-patch-merge-key': 'uid', 'x-kubernetes-list-type': 'map' }],
    ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', ['finalizers'], { 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set' }],
    ['io.k8s.api.apps.v1.DeploymentStatus', ['conditions'], { 'x-kubernetes-patch-merge-key': 'type', 'x-kubernetes-list-map-keys': ['type'] }],
    ['io.k8s.api.apps.v1.DeploymentSpec', ['strategy'], { 'x-kubernetes-patch-strategy': 'retainKeys' }],
    ['io.k8s.api.rbac.v1.ClusterRole', ['rules'], { 'x-kubernetes-list-type': 'atomic' }],
    ['io.k8s.api.batch.v1.JobStatus', ['conditions'], { 'x-kubernetes-patch-merge-key': 'type', 'x-kubernetes-list-type': 'atomic' }],
  ];
  for (const [definition, path, expected] of extensionCases) {
    it(`${definition}.${path.join('.')} carries ${Object.keys(expected).join(', ')}`, () => {
      const node = property(definition, ...path);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(node[key as keyof SchemaNode], value);
    });
  }

  it('every patch-meta and field-format entry is in the generated schemas', () => {
    for (const [definition, fields] of Object.entries(fieldPatchMeta)) {
      for (const [field, meta] of Object.entries(fields)) {
        const node = property(definition, field);
        for (const [key, value] of Object.entries(meta)) assert.deepEqual(node[key as keyof SchemaNode], value, `${definition}.${field}`);
      }
    }
    for (const [definition, mapType] of Object.entries(definitionMapType)) {
      assert.equal(registry.definition(definition)?.['x-kubernetes-map-type'], mapType);
    }
    for (const [definition, fields] of Object.entries(fieldFormats)) {
      for (const [field, format] of Object.entries(fields)) {
        let node = registry.deref(property(definition, field));
        while (node.items !== undefined || typeof node.additionalProperties === 'object') {
          node = node.items ?? (node.additionalProperties as SchemaNode);
        }
        assert.equal(node.format, format, `${definition}.${field}`);
      }
    }
  });

  const specialCases: [string, string[], SchemaNode][] = [
    ['io.k8s.api.core.v1.ServicePort', ['targetPort'], { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] }],
    ['io.k8s.api.core.v1.Container', ['resources', 'limits'], { type: 'object' }],
    ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', ['creationTimestamp'], { type: 'string', format: 'date-time' }],
    ['io.k8s.api.events.v1.Event', ['eventTime'], { type: 'string', format: 'date-time' }],
    ['io.k8s.api.apps.v1.ControllerRevision', ['data'], { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }],
    ['io.k8s.api.apps.v1.DeploymentSpec', ['replicas'], { type: 'integer', format: 'int32' }],
    ['io.k8s.api.core.v1.PodSpec', ['terminationGracePeriodSeconds'], { type: 'integer', format: 'int64' }],
    ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', ['generation'], { type: 'integer', format: 'int64' }],
    ['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', ['maximum'], { type: 'number', format: 'double' }],
    ['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', ['x-kubernetes-preserve-unknown-fields'], { type: 'boolean' }],
  ];
  for (const [definition, path, expected] of specialCases) {
    it(`${definition}.${path.join('.')} is rendered as kube-openapi does`, () => {
      const node = registry.deref(property(definition, ...path));
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(node[key as keyof SchemaNode], value);
    });
  }

  it('references with a description are wrapped in a one-element allOf', () => {
    const metadata = property('io.k8s.api.core.v1.Pod', 'metadata');
    assert.deepEqual(metadata.allOf, [{ $ref: componentRef(wellKnown.objectMeta) }]);
    assert.equal(metadata.$ref, undefined);
  });

  it('Quantity admits strings and numbers; Secret data and ConfigMap binaryData are bytes', () => {
    assert.deepEqual(registry.definition(wellKnown.quantity)?.oneOf, [{ type: 'string' }, { type: 'number' }]);
    const limits = registry.deref(property('io.k8s.api.core.v1.ResourceRequirements', 'limits'));
    assert.equal(typeof limits.additionalProperties === 'object' ? limits.additionalProperties.$ref : undefined, componentRef(wellKnown.quantity));
    for (const [definition, field] of [['io.k8s.api.core.v1.Secret', 'data'], ['io.k8s.api.core.v1.ConfigMap', 'binaryData']] as const) {
      assert.deepEqual(property(definition, field).additionalProperties, { type: 'string', format: 'byte' });
    }
  });

  it('DeleteOptions and WatchEvent carry a GVK for every served group version, Status the core one', () => {
    for (const gv of [['', 'v1'], ['apps', 'v1'], ['rbac.authorization.k8s.io', 'v1'], ['apiextensions.k8s.io', 'v1']] as const) {
      assert.equal(registry.definitionForKind(gv[0], gv[1], 'DeleteOptions'), wellKnown.deleteOptions);
      assert.equal(registry.definitionForKind(gv[0], gv[1], 'WatchEvent'), wellKnown.watchEvent);
    }
    assert.equal(registry.definitionForKind('', 'v1', 'Status'), wellKnown.status);
    assert.equal(registry.definitionForKind('meta.k8s.io', 'v1', 'Table'), wellKnown.table);
  });

  it('fills the fields kubernetes-types leaves out', () => {
    assert.equal(property('io.k8s.api.authorization.v1.ResourceRule', 'verbs').type, 'array');
    assert.equal(property('io.k8s.api.authorization.v1.ResourceRule', 'resources').type, 'array');
    const validations = property('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', 'x-kubernetes-validations');
    assert.equal(validations['x-kubernetes-patch-merge-key'], 'rule');
    assert.equal(registry.definition('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsKubernetesExtensions'), undefined);
  });
});
