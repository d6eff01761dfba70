import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientUsageError, resourcePath, withQuery, type ResourcePath } from './paths.js';

const pods = { group: '', version: 'v1', resource: 'pods', namespaced: true };
const deployments = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true };
const nodes = { group: '', version: 'v1', resource: 'nodes', namespaced: false };

describe('resourcePath', () => {
  const cases: [string, ResourcePath, string][] = [
    ['core, all namespaces', { ref: pods }, '/api/v1/pods'],
    ['core, one namespace', { ref: pods, namespace: 'ns1' }, '/api/v1/namespaces/ns1/pods'],
    ['core object', { ref: pods, namespace: 'ns1', name: 'p' }, '/api/v1/namespaces/ns1/pods/p'],
    ['subresource', { ref: pods, namespace: 'ns1', name: 'p', subresource: 'status' }, '/api/v1/namespaces/ns1/pods/p/status'],
    ['group', { ref: deployments, namespace: 'a', name: 'web', subresource: 'scale' }, '/apis/apps/v1/namespaces/a/deployments/web/scale'],
    ['cluster-scoped', { ref: nodes, name: 'n1' }, '/api/v1/nodes/n1'],
    ['cluster-scoped, empty namespace', { ref: nodes, namespace: '', name: 'n1' }, '/api/v1/nodes/n1'],
    ['escaped name', { ref: nodes, name: 'a b/c' }, '/api/v1/nodes/a%20b%2Fc'],
  ];
  for (const [name, input, want] of cases) {
    it(name, () => {
      assert.equal(resourcePath(input), want);
    });
  }

  const bad: [string, ResourcePath][] = [
    ['namespaced object without namespace', { ref: pods, name: 'p' }],
    ['namespace on a cluster-scoped resource', { ref: nodes, namespace: 'x' }],
    ['empty name', { ref: pods, namespace: 'a', name: '' }],
    ['subresource without name', { ref: pods, namespace: 'a', subresource: 'status' }],
  ];
  for (const [name, input] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(() => resourcePath(input), ClientUsageError);
    });
  }
});

describe('withQuery', () => {
  it('skips undefined values and escapes the rest', () => {
    assert.equal(withQuery('/api/v1/pods', { labelSelector: 'a in (x,y)', limit: 5, watch: true, continue: undefined }), '/api/v1/pods?labelSelector=a+in+%28x%2Cy%29&limit=5&watch=true');
  });
  it('leaves a path alone without parameters', () => {
    assert.equal(withQuery('/api', {}), '/api');
  });
});
