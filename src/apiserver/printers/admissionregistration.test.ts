import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Cell, Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: '2024-06-01T11:55:00Z', ...extra });

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'admissionregistration.k8s.io', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

function columns(kind: string): string[] {
  return printTable({ group: 'admissionregistration.k8s.io', kind }, [], { now }).columnDefinitions.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

describe('admissionregistration.k8s.io', () => {
  it('webhook configurations count their webhooks', () => {
    for (const kind of ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']) {
      assert.deepEqual(columns(kind), ['Name', 'Webhooks', 'Age']);
      assert.deepEqual(cells(kind, { metadata: meta('w'), webhooks: [{ name: 'a' }, { name: 'b' }] }), ['w', 2, '5m']);
    }
  });
  it('policies count their rules and print the param kind', () => {
    assert.deepEqual(
      cells('ValidatingAdmissionPolicy', { metadata: meta('p'), spec: { validations: [{ expression: 'true' }], paramKind: { apiVersion: 'v1', kind: 'ConfigMap' } } }),
      ['p', 1, 'v1/ConfigMap', '5m'],
    );
    assert.deepEqual(cells('MutatingAdmissionPolicy', { metadata: meta('m'), spec: {} }), ['m', 0, '<unset>', '5m']);
  });
  const bindings: { name: string; spec: Json; paramRef: string }[] = [
    { name: 'named param without namespace', spec: { policyName: 'test-scale.example.com', paramRef: { name: 'test-scale-setting.example.com', parameterNotFoundAction: 'Deny' } }, paramRef: '*/test-scale-setting.example.com' },
    { name: 'namespaced param', spec: { policyName: 'p', paramRef: { name: 'n', namespace: 'ns' } }, paramRef: 'ns/n' },
    {
      name: 'param selector',
      spec: { policyName: 'p', paramRef: { selector: { matchLabels: { a: 'b' } } } },
      paramRef: '&LabelSelector{MatchLabels:map[string]string{a: b,},MatchExpressions:[]LabelSelectorRequirement{},}',
    },
    { name: 'no param', spec: { policyName: 'p' }, paramRef: '<unset>' },
  ];
  for (const b of bindings) {
    it(`ValidatingAdmissionPolicyBinding: ${b.name}`, () => {
      const policyName = typeof b.spec['policyName'] === 'string' ? b.spec['policyName'] : '';
      assert.deepEqual(cells('ValidatingAdmissionPolicyBinding', { metadata: meta('config'), spec: b.spec }), ['config', policyName, b.paramRef, '5m']);
    });
  }
});
