import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import { TableConversionError, type Cell, type Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string, extra: Json = {}): Json => ({ name, creationTimestamp: '2024-06-01T11:55:00Z', ...extra });
const template = { spec: { containers: [{ name: 'fake-container1', image: 'fake-image1' }, { name: 'fake-container2', image: 'fake-image2' }] } };

function cells(kind: string, o: Json): Cell[] {
  const r = printTable({ group: 'apps', kind }, [o], { now }).rows[0];
  assert.ok(r);
  return r.cells;
}

function columns(kind: string): string[] {
  return printTable({ group: 'apps', kind }, [], { now }).columnDefinitions.map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

describe('apps columns', () => {
  const cases: [kind: string, want: string[]][] = [
    ['Deployment', ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', '(Containers)', '(Images)', '(Selector)']],
    ['ReplicaSet', ['Name', 'Desired', 'Current', 'Ready', 'Age', '(Containers)', '(Images)', '(Selector)']],
    ['StatefulSet', ['Name', 'Ready', 'Age', '(Containers)', '(Images)']],
    ['DaemonSet', ['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', '(Containers)', '(Images)', '(Selector)']],
    ['ControllerRevision', ['Name', 'Controller', 'Revision', 'Age']],
  ];
  for (const [kind, want] of cases) it(kind, () => { assert.deepEqual(columns(kind), want); });
});

describe('apps rows', () => {
  const cases: { name: string; kind: string; obj: Json; want: Cell[] }[] = [
    {
      name: 'Deployment 2/3',
      kind: 'Deployment',
      obj: {
        metadata: meta('web'),
        spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
        status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
      },
      want: ['web', '2/3', 3, 2, '5m', 'fake-container1,fake-container2', 'fake-image1,fake-image2', 'app=web'],
    },
    {
      name: 'Deployment with no status yet and an expression selector',
      kind: 'Deployment',
      obj: {
        metadata: meta('d'),
        spec: { replicas: 5, selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] }, template },
      },
      want: ['d', '0/5', 0, 0, '5m', 'fake-container1,fake-container2', 'fake-image1,fake-image2', 'tier in (be,fe)'],
    },
    {
      name: 'Deployment with an invalid selector',
      kind: 'Deployment',
      obj: { metadata: meta('d'), spec: { replicas: 1, selector: { matchExpressions: [{ key: 'a', operator: 'In' }] } } },
      want: ['d', '0/1', 0, 0, '5m', '', '', '<invalid>'],
    },
    {
      name: 'ReplicaSet',
      kind: 'ReplicaSet',
      obj: { metadata: meta('web-5d4f'), spec: { replicas: 5, selector: { matchLabels: { foo: 'bar' } }, template }, status: { replicas: 5, readyReplicas: 2 } },
      want: ['web-5d4f', 5, 5, 2, '5m', 'fake-container1,fake-container2', 'fake-image1,fake-image2', 'foo=bar'],
    },
    {
      name: 'ReplicaSet without selector',
      kind: 'ReplicaSet',
      obj: { metadata: meta('rs'), spec: { replicas: 4 }, status: { replicas: 3, readyReplicas: 1 } },
      want: ['rs', 4, 3, 1, '5m', '', '', '<none>'],
    },
    {
      name: 'StatefulSet',
      kind: 'StatefulSet',
      obj: { metadata: meta('db'), spec: { replicas: 5, template }, status: { replicas: 5, readyReplicas: 2 } },
      want: ['db', '2/5', '5m', 'fake-container1,fake-container2', 'fake-image1,fake-image2'],
    },
    {
      name: 'DaemonSet',
      kind: 'DaemonSet',
      obj: {
        metadata: meta('kube-proxy'),
        spec: {
          selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
          template: { spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } },
        },
        status: { currentNumberScheduled: 2, desiredNumberScheduled: 3, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 0 },
      },
      want: ['kube-proxy', 3, 2, 1, 2, 0, 'kubernetes.io/os=linux', '5m', 'fake-container1,fake-container2', 'fake-image1,fake-image2', 'k8s-app=kube-proxy'],
    },
    {
      name: 'ControllerRevision of a DaemonSet',
      kind: 'ControllerRevision',
      obj: {
        metadata: meta('test1', { ownerReferences: [{ controller: true, apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo' }] }),
        revision: 1,
      },
      want: ['test1', 'daemonset.apps/foo', 1, '5m'],
    },
    {
      name: 'ControllerRevision of a core kind',
      kind: 'ControllerRevision',
      obj: { metadata: meta('r', { ownerReferences: [{ controller: true, apiVersion: 'v1', kind: 'Pod', name: 'p' }] }), revision: 7 },
      want: ['r', 'pod/p', 7, '5m'],
    },
    {
      name: 'ControllerRevision without a controller',
      kind: 'ControllerRevision',
      obj: { metadata: meta('test2', { ownerReferences: [{ controller: false, kind: 'ABC', name: 'foo' }] }), revision: 2 },
      want: ['test2', '<none>', 2, '5m'],
    },
  ];
  for (const c of cases) it(c.name, () => { assert.deepEqual(cells(c.kind, c.obj), c.want); });

  it('fails a ControllerRevision whose controller has a malformed apiVersion, as kube does', () => {
    const bad = { metadata: meta('x', { ownerReferences: [{ controller: true, apiVersion: 'a/b/c', kind: 'K', name: 'n' }] }) };
    assert.throws(() => cells('ControllerRevision', bad), TableConversionError);
  });
});
