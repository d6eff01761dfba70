import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customResourceDefinitionName, customResourceListSchema, customResourceSchema } from './crd-schema.js';
import { componentRef, refName, wellKnown } from './names.js';
import { buildGroupVersionDocument } from './openapi-document.js';
import { OpenApiBuildError } from './openapi-types.js';
import type { OpenApiDocument, OpenApiOperation, OpenApiResource } from './openapi-types.js';
import { generatedSchemas } from './testing.js';
import type { SchemaNode } from './types.js';
import { childSchemas } from './walk.js';

const registry = generatedSchemas();
const ALL = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

function resource(group: string, version: string, kind: string, plural: string, namespaced: boolean, extra: Partial<OpenApiResource> = {}): OpenApiResource {
  return {
    group, version, kind, resource: plural, namespaced, verbs: ALL, subresources: [],
    definition: registry.definitionForKind(group, version, kind) ?? customResourceDefinitionName(group, version, kind),
    ...extra,
  };
}

const core = [
  resource('', 'v1', 'Pod', 'pods', true, {
    subresources: [
      { name: 'status', kind: 'Pod', group: '', version: 'v1', verbs: ['get', 'update', 'patch'] },
      { name: 'binding', kind: 'Binding', group: '', version: 'v1', verbs: ['create'] },
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
      { name: 'log', kind: 'Pod', group: '', version: 'v1', verbs: ['get'] },
      { name: 'exec', kind: 'PodExecOptions', group: '', version: 'v1', verbs: ['get', 'create'] },
    ],
  }),
  resource('', 'v1', 'Namespace', 'namespaces', false, {
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
    subresources: [{ name: 'status', kind: 'Namespace', group: '', version: 'v1', verbs: ['get', 'update', 'patch'] }],
  }),
  resource('', 'v1', 'ConfigMap', 'configmaps', true),
];
const v1 = buildGroupVersionDocument('v1', core, registry);
const apps = buildGroupVersionDocument('apps/v1', [
  resource('apps', 'v1', 'Deployment', 'deployments', true, {
    subresources: [{ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'update', 'patch'] }],
  }),
], registry);

function operations(doc: OpenApiDocument): [string, string, OpenApiOperation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    (['get', 'put', 'post', 'delete', 'patch'] as const).flatMap((m) => {
      const op = item[m];
      return op === undefined ? [] : [[path, m, op] as [string, string, OpenApiOperation]];
    }),
  );
}

function op(doc: OpenApiDocument, path: string, method: 'get' | 'put' | 'post' | 'delete' | 'patch'): OpenApiOperation {
  const found = doc.paths[path]?.[method];
  assert.ok(found, `no ${method} ${path}; paths: ${Object.keys(doc.paths).join(' ')}`);
  return found;
}

const paramNames = (o: OpenApiOperation): string[] => (o.parameters ?? []).map((p) => p.name);

describe('buildGroupVersionDocument', () => {
  it('has the patch operation kubectl apply validation looks for', () => {
    const patch = op(v1, '/api/v1/namespaces/{namespace}/pods/{name}', 'patch');
    assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: '', kind: 'Pod', version: 'v1' });
    assert.equal(patch['x-kubernetes-action'], 'patch');
    assert.ok(paramNames(patch).includes('fieldValidation'));
    assert.ok(paramNames(patch).includes('fieldManager'));
    assert.ok(paramNames(patch).includes('dryRun'));
    assert.ok(paramNames(patch).includes('force'));
    assert.equal(patch.operationId, 'patchCoreV1NamespacedPod');
    assert.deepEqual(Object.keys(patch.requestBody?.content ?? {}).sort(), [
      'application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json',
    ]);
  });

  it('gives every patch operation a GVK and fieldValidation (kubectl checks the first match)', () => {
    for (const doc of [v1, apps]) {
      for (const [path, method, o] of operations(doc)) {
        if (method !== 'patch') continue;
        assert.ok(o['x-kubernetes-group-version-kind'], path);
        assert.ok(paramNames(o).includes('fieldValidation'), path);
      }
    }
  });

  const expected: [string, 'get' | 'put' | 'post' | 'delete' | 'patch', string, string, string][] = [
    ['/api/v1/', 'get', 'getCoreV1APIResources', '', wellKnown.apiResourceList],
    ['/api/v1/namespaces/{namespace}/pods', 'get', 'listCoreV1NamespacedPod', 'list', 'io.k8s.api.core.v1.PodList'],
    ['/api/v1/namespaces/{namespace}/pods', 'post', 'createCoreV1NamespacedPod', 'post', 'io.k8s.api.core.v1.Pod'],
    ['/api/v1/namespaces/{namespace}/pods', 'delete', 'deleteCoreV1CollectionNamespacedPod', 'deletecollection', wellKnown.status],
    ['/api/v1/namespaces/{namespace}/pods/{name}', 'get', 'readCoreV1NamespacedPod', 'get', 'io.k8s.api.core.v1.Pod'],
    ['/api/v1/namespaces/{namespace}/pods/{name}', 'put', 'replaceCoreV1NamespacedPod', 'put', 'io.k8s.api.core.v1.Pod'],
    ['/api/v1/namespaces/{namespace}/pods/{name}', 'delete', 'deleteCoreV1NamespacedPod', 'delete', wellKnown.status],
    ['/api/v1/pods', 'get', 'listCoreV1PodForAllNamespaces', 'list', 'io.k8s.api.core.v1.PodList'],
    ['/api/v1/watch/namespaces/{namespace}/pods', 'get', 'watchCoreV1NamespacedPodList', 'watchlist', wellKnown.watchEvent],
    ['/api/v1/watch/namespaces/{namespace}/pods/{name}', 'get', 'watchCoreV1NamespacedPod', 'watch', wellKnown.watchEvent],
    ['/api/v1/watch/pods', 'get', 'watchCoreV1PodListForAllNamespaces', 'watchlist', wellKnown.watchEvent],
    ['/api/v1/namespaces/{namespace}/pods/{name}/status', 'patch', 'patchCoreV1NamespacedPodStatus', 'patch', 'io.k8s.api.core.v1.Pod'],
    ['/api/v1/namespaces/{namespace}/pods/{name}/binding', 'post', 'createCoreV1NamespacedPodBinding', 'post', 'io.k8s.api.core.v1.Binding'],
    ['/api/v1/namespaces/{namespace}/pods/{name}/eviction', 'post', 'createCoreV1NamespacedPodEviction', 'post', 'io.k8s.api.policy.v1.Eviction'],
    ['/api/v1/namespaces', 'get', 'listCoreV1Namespace', 'list', 'io.k8s.api.core.v1.NamespaceList'],
    ['/api/v1/namespaces/{name}', 'patch', 'patchCoreV1Namespace', 'patch', 'io.k8s.api.core.v1.Namespace'],
    ['/api/v1/namespaces/{name}/status', 'put', 'replaceCoreV1NamespaceStatus', 'put', 'io.k8s.api.core.v1.Namespace'],
  ];
  for (const [path, method, operationId, action, response] of expected) {
    it(`${method.toUpperCase()} ${path} is ${operationId}`, () => {
      const o = op(v1, path, method);
      assert.equal(o.operationId, operationId);
      assert.equal(o['x-kubernetes-action'], action === '' ? undefined : action);
      assert.equal(o.responses['200']?.content?.['application/json']?.schema.$ref, componentRef(response));
    });
  }

  it('follows the verbs: no deletecollection on namespaces, no all-namespaces path for cluster kinds', () => {
    assert.equal(v1.paths['/api/v1/namespaces']?.delete, undefined);
    assert.equal(v1.paths['/api/v1/watch/namespaces']?.get?.operationId, 'watchCoreV1NamespaceList');
    const createOnly = buildGroupVersionDocument('authorization.k8s.io/v1', [
      resource('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, { verbs: ['create'] }),
    ], registry);
    assert.deepEqual(Object.keys(createOnly.paths).sort(), ['/apis/authorization.k8s.io/v1/', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews']);
    assert.equal(op(createOnly, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', 'post').operationId, 'createAuthorizationV1SelfSubjectAccessReview');
  });

  it('carries the scale subresource with the autoscaling/v1 Scale GVK', () => {
    const patch = op(apps, '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale', 'patch');
    assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: 'autoscaling', kind: 'Scale', version: 'v1' });
    assert.equal(patch.operationId, 'patchAppsV1NamespacedDeploymentScale');
    assert.equal(patch.responses['200']?.content?.['application/json']?.schema.$ref, componentRef('io.k8s.api.autoscaling.v1.Scale'));
    assert.ok(apps.components.schemas['io.k8s.api.autoscaling.v1.Scale']);
    assert.deepEqual(op(apps, '/apis/apps/v1/namespaces/{namespace}/deployments', 'get').tags, ['apps_v1']);
  });

  it('serves log and connect subresources as streams of text', () => {
    const log = op(v1, '/api/v1/namespaces/{namespace}/pods/{name}/log', 'get');
    assert.equal(log.operationId, 'readCoreV1NamespacedPodLog');
    assert.deepEqual(log.responses['200']?.content?.['*/*']?.schema, { type: 'string' });
    const exec = op(v1, '/api/v1/namespaces/{namespace}/pods/{name}/exec', 'post');
    assert.equal(exec.operationId, 'connectCoreV1PostNamespacedPodExec');
    assert.equal(exec['x-kubernetes-action'], 'connect');
    assert.deepEqual(exec['x-kubernetes-group-version-kind'], { group: '', kind: 'PodExecOptions', version: 'v1' });
    assert.equal(op(v1, '/api/v1/namespaces/{namespace}/pods/{name}/exec', 'get').operationId, 'connectCoreV1GetNamespacedPodExec');
  });

  it('rejects a subresource whose kind has no schema', () => {
    const pods = resource('', 'v1', 'Pod', 'pods', true, { subresources: [{ name: 'frobnicate', kind: 'Frob', group: '', version: 'v1', verbs: ['get'] }] });
    assert.throws(() => buildGroupVersionDocument('v1', [pods], registry), OpenApiBuildError);
  });

  it('puts exactly the reachable definitions in components', () => {
    const schemas = v1.components.schemas;
    for (const name of ['io.k8s.api.core.v1.Pod', 'io.k8s.api.core.v1.Container', wellKnown.objectMeta, wellKnown.status,
      wellKnown.deleteOptions, wellKnown.watchEvent, wellKnown.patch, wellKnown.intOrString, wellKnown.quantity, wellKnown.time]) {
      assert.ok(schemas[name], name);
    }
    assert.equal(schemas['io.k8s.api.apps.v1.Deployment'], undefined);
    // Closed: every reference inside resolves within the document.
    const check = (node: SchemaNode): void => {
      if (node.$ref !== undefined) assert.ok(schemas[refName(node.$ref) ?? ''], node.$ref);
      childSchemas(node).forEach(check);
    };
    Object.values(schemas).forEach(check);
    assert.deepEqual(Object.keys(schemas), Object.keys(schemas).sort());
  });

  it('serves custom resources from extra schemas, without strategic merge patch', () => {
    const name = customResourceDefinitionName('stable.example.com', 'v1', 'CronTab');
    const extra = {
      [name]: customResourceSchema('stable.example.com', 'v1', 'CronTab', { type: 'object', properties: { spec: { type: 'object' } } }),
      [`${name}List`]: customResourceListSchema('stable.example.com', 'v1', 'CronTab'),
    };
    const doc = buildGroupVersionDocument('apis/stable.example.com/v1', [resource('stable.example.com', 'v1', 'CronTab', 'crontabs', true)], registry, extra);
    const patch = op(doc, '/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}', 'patch');
    assert.equal(patch.operationId, 'patchStableExampleComV1NamespacedCronTab');
    assert.ok(paramNames(patch).includes('fieldValidation'));
    assert.equal(patch.requestBody?.content['application/strategic-merge-patch+json'], undefined);
    assert.ok(patch.requestBody?.content['application/merge-patch+json']);
    assert.deepEqual(doc.components.schemas[name]?.['x-kubernetes-group-version-kind'], [{ group: 'stable.example.com', kind: 'CronTab', version: 'v1' }]);
    assert.ok(doc.components.schemas[`${name}List`]);
    assert.ok(doc.components.schemas[wellKnown.objectMeta]);
  });

  it('rejects a resource whose schema is unknown', () => {
    assert.throws(
      () => buildGroupVersionDocument('example.com/v1', [resource('example.com', 'v1', 'Nope', 'nopes', true)], registry),
      OpenApiBuildError,
    );
  });
});
