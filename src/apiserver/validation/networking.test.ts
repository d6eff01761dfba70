import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMessage, gvk } from './testing.js';

const ING = gvk('networking.k8s.io', 'v1', 'Ingress');
const IC = gvk('networking.k8s.io', 'v1', 'IngressClass');
const NP = gvk('networking.k8s.io', 'v1', 'NetworkPolicy');
const m = (name = 'o') => ({ name, namespace: 'd', resourceVersion: '1' });
const backend = { service: { name: 's', port: { number: 80 } } };
const rule = (path: Record<string, unknown>, host?: string) => ({ ...(host === undefined ? {} : { host }), http: { paths: [{ path: '/', pathType: 'Prefix', backend, ...path }] } });
const I = (msg: string): string => `Ingress.networking.k8s.io "o" is invalid: ${msg}`;

describe('Ingress', () => {
  const table: [string, Record<string, unknown>, string][] = [
    ['ok', { rules: [rule({}, 'a.com')] }, 'OK'],
    ['wildcard host', { rules: [rule({}, '*.a.com')] }, 'OK'],
    ['default backend only', { defaultBackend: backend }, 'OK'],
    ['pathType required', { rules: [rule({ pathType: undefined }, 'a.com')] }, I('spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified')],
    ['IP host', { rules: [rule({}, '1.2.3.4')] }, I('spec.rules[0].host: Invalid value: "1.2.3.4": must be a DNS name, not an IP address')],
    ['rules or backend', {}, I('spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified')],
    ['relative path', { rules: [rule({ path: 'x' })] }, I('spec.rules[0].http.paths[0].path: Invalid value: "x": must be an absolute path')],
    ['port name and number', { defaultBackend: { service: { name: 's', port: { number: 80, name: 'http' } } } }, I('spec.defaultBackend: Invalid value: "": cannot set both port name & port number')],
  ];
  for (const [name, spec, want] of table) it(name, () => { assert.equal(createMessage(ING, { metadata: m(), spec }), want); });
});

describe('IngressClass and NetworkPolicy', () => {
  it('ingress class ok', () => { assert.equal(createMessage(IC, { metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } }), 'OK'); });
  it('ingress class controller', () => {
    assert.equal(
      createMessage(IC, { metadata: { name: 'nginx' }, spec: { controller: 'nginx' } }),
      'IngressClass.networking.k8s.io "nginx" is invalid: spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
    );
  });
  it('network policy ok', () => {
    assert.equal(createMessage(NP, { metadata: m(), spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }] } }), 'OK');
  });
  it('except must be inside cidr', () => {
    assert.equal(
      createMessage(NP, { metadata: m(), spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['11.0.0.0/16'] } }] }] } }),
      'NetworkPolicy.networking.k8s.io "o" is invalid: spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "11.0.0.0/16": must be a strict subset of `cidr`',
    );
  });
  it('policy types', () => {
    assert.equal(
      createMessage(NP, { metadata: m(), spec: { podSelector: {}, policyTypes: ['Foo'] } }),
      'NetworkPolicy.networking.k8s.io "o" is invalid: spec.policyTypes[0]: Unsupported value: "Foo": supported values: "Ingress", "Egress"',
    );
  });
});
