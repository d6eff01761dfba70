import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configJsonSchema, configInputSchema } from './schema.js';
import { detectFormat } from './detect.js';

type Schema = Record<string, unknown>;

function child(schema: unknown, ...path: string[]): Schema {
  let node = schema as Schema;
  for (const key of path) {
    const properties = node.properties as Record<string, Schema> | undefined;
    const next = properties?.[key];
    assert.ok(next, `schema has ${path.join('.')}`);
    node = next;
  }
  return node;
}

describe('JSON Schema export', () => {
  const schema = configJsonSchema();
  const [current, legacy] = schema.anyOf as Schema[];

  it('offers both formats, strict, with defaults', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(current?.additionalProperties, false);
    assert.equal(child(current, 'sync', 'toHost', 'pods', 'enabled').default, true);
    assert.equal(child(current, 'sync', 'toHost', 'pods', 'useSecretsForSATokens').default, true);
    assert.equal(child(current, 'sync', 'toHost', 'ingresses', 'enabled').default, false);
    assert.equal(child(current, 'sync', 'fromHost', 'csiNodes', 'enabled').default, 'auto');
    assert.equal(child(legacy, 'sync', 'fake-nodes', 'enabled').default, true);
    assert.equal(child(legacy, 'sync', 'pods', 'ephemeralContainers').default, false);
    assert.equal(child(legacy, 'multiNamespaceMode', 'enabled').default, false);
  });

  it('covers every key of seed 002 and seed 000', () => {
    for (const key of ['translateImage', 'enforceTolerations', 'runtimeClassName', 'priorityClassName', 'useSecretsForSATokens', 'rewriteHosts']) {
      child(current, 'sync', 'toHost', 'pods', key);
    }
    child(current, 'sync', 'toHost', 'pods', 'rewriteHosts', 'initContainer');
    for (const key of ['services', 'endpoints', 'endpointSlices', 'persistentVolumeClaims', 'configMaps', 'secrets', 'ingresses', 'networkPolicies', 'priorityClasses', 'podDisruptionBudgets', 'storageClasses', 'serviceAccounts', 'persistentVolumes', 'volumeSnapshots', 'volumeSnapshotContents', 'namespaces', 'resourceClaims', 'resourceClaimTemplates']) {
      child(current, 'sync', 'toHost', key, 'enabled');
    }
    child(current, 'sync', 'toHost', 'namespaces', 'mappingsOnly');
    for (const key of ['services', 'endpoints', 'configmaps', 'secrets', 'events', 'pods', 'persistentvolumeclaims', 'fake-nodes', 'fake-persistentvolumes', 'ingresses', 'ingressclasses', 'nodes', 'persistentvolumes', 'storageclasses', 'hoststorageclasses', 'priorityclasses', 'networkpolicies', 'volumesnapshots', 'poddisruptionbudgets', 'serviceaccounts', 'csidrivers', 'csinodes', 'csistoragecapacities']) {
      child(legacy, 'sync', key, 'enabled');
    }
    child(legacy, 'sync', 'secrets', 'all');
    child(legacy, 'sync', 'configmaps', 'all');
    child(legacy, 'sync', 'pods', 'status');
    child(legacy, 'sync', 'generic', 'config');
    child(legacy, 'sync', 'generic', 'role', 'extraRules');
    child(legacy, 'sync', 'generic', 'clusterRole', 'extraRules');
  });

  it('accepts both formats and refuses keys of neither', () => {
    assert.equal(configInputSchema.safeParse({ sync: { toHost: { pods: { enabled: false } } } }).success, true);
    assert.equal(configInputSchema.safeParse({ sync: { services: { enabled: false } } }).success, true);
    assert.equal(configInputSchema.safeParse({ sync: { bogus: {} } }).success, false);
  });
});

describe('format detection', () => {
  const cases = [
    { values: {}, format: 'vcluster.yaml' },
    { values: { sync: {} }, format: 'vcluster.yaml' },
    { values: { sync: { toHost: {} } }, format: 'vcluster.yaml' },
    { values: { controlPlane: {} }, format: 'vcluster.yaml' },
    { values: { sync: { 'fake-nodes': {} } }, format: 'values.yaml' },
    { values: { multiNamespaceMode: { enabled: false } }, format: 'values.yaml' },
    { values: { sync: { generic: { config: '---' } } }, format: 'values.yaml' },
  ] as const;
  for (const c of cases) {
    it(`${JSON.stringify(c.values)} → ${c.format}`, () => {
      assert.equal(detectFormat(c.values), c.format);
    });
  }
  it('keys of both formats are refused', () => {
    assert.throws(() => detectFormat({ multiNamespaceMode: {}, experimental: {} }), /mixes the older values.yaml format/);
  });
});
