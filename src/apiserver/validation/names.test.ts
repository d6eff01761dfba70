import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameRuleFor, validateName } from './index.js';
import { generateName, maskTrailingDash, nameIsDNSLabel, nameIsDNSSubdomain, nameIsPathSegment } from './names.js';

describe('name rule per resource', () => {
  const table: [string, string, string][] = [
    ['', 'pods', 'DNS1123Subdomain'],
    ['', 'configmaps', 'DNS1123Subdomain'],
    ['', 'secrets', 'DNS1123Subdomain'],
    ['', 'namespaces', 'DNS1123Label'],
    ['', 'services', 'DNS1035Label'],
    ['', 'serviceaccounts', 'DNS1123Subdomain'],
    ['', 'nodes', 'DNS1123Subdomain'],
    ['', 'events', 'PathSegment'],
    ['apps', 'deployments', 'DNS1123Subdomain'],
    ['apps', 'statefulsets', 'DNS1123Label'],
    ['batch', 'cronjobs', 'DNS1123Subdomain'],
    ['rbac.authorization.k8s.io', 'roles', 'PathSegment'],
    ['rbac.authorization.k8s.io', 'clusterroles', 'PathSegment'],
    ['rbac.authorization.k8s.io', 'rolebindings', 'PathSegment'],
    ['rbac.authorization.k8s.io', 'clusterrolebindings', 'PathSegment'],
    ['policy', 'poddisruptionbudgets', 'PathSegment'],
    ['networking.k8s.io', 'networkpolicies', 'DNS1123Subdomain'],
    ['scheduling.k8s.io', 'priorityclasses', 'DNS1123Subdomain'],
    ['node.k8s.io', 'runtimeclasses', 'DNS1123Subdomain'],
    ['example.com', 'widgets', 'DNS1123Subdomain'],
  ];
  for (const [group, resource, rule] of table) it(`${group}/${resource} → ${rule}`, () => { assert.equal(nameRuleFor(group, resource), rule); });

  it('validates by that rule', () => {
    assert.deepEqual(validateName('rbac.authorization.k8s.io', 'clusterroles', 'system:controller:x'), []);
    assert.equal(validateName('', 'configmaps', 'system:x').length, 1);
    assert.deepEqual(validateName('', 'services', 'web-1'), []);
    assert.equal(validateName('', 'services', '1web').length, 1);
    assert.deepEqual(validateName('', 'namespaces', 'a.b'), ['must not contain dots']);
  });
});

describe('generateName prefixes', () => {
  it('masks a trailing dash the way kube does', () => {
    assert.equal(maskTrailingDash('web-'), 'wea');
    assert.equal(maskTrailingDash('-'), '-');
    assert.equal(maskTrailingDash('web'), 'web');
  });
  it('accepts prefixes ending in a dash', () => {
    assert.deepEqual(nameIsDNSSubdomain('web-', true), []);
    assert.deepEqual(nameIsDNSLabel('web-', true), []);
    assert.equal(nameIsDNSSubdomain('web-', false).length, 1);
    assert.equal(nameIsDNSSubdomain('Web-', true).length, 1);
  });
  it('path-segment prefixes may be . or ..', () => {
    assert.deepEqual(nameIsPathSegment('..', true), []);
    assert.deepEqual(nameIsPathSegment('..', false), ["may not be '..'"]);
  });
  it('validateName with prefix', () => { assert.deepEqual(validateName('', 'pods', 'web-', true), []); });
  it('appends 5 characters from kube alphabet', () => {
    let i = 0;
    const name = generateName('web-', () => i++);
    assert.equal(name, 'web-bcdfg');
    assert.match(generateName('x-'), /^x-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
  it('cuts long prefixes to 58 characters', () => {
    const name = generateName('a'.repeat(70));
    assert.equal(name.length, 63);
    assert.ok(name.startsWith('a'.repeat(58)));
  });
});
