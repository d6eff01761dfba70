import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, PodSpec, Taint } from 'kubernetes-types/core/v1.js';
import { daemonPodTemplate, daemonPodTolerations, isPodUpdated, nodeNameAffinity, nodeShouldRunDaemonPod, rollingCounts, targetNodeName } from './daemonset-util.js';
import { tolerates } from '../api/node-selection.js';

const node = (name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Node => ({ metadata: { name, labels }, spec: { taints } });
const ds = (spec: Partial<PodSpec> = {}, strategy?: NonNullable<DaemonSet['spec']>['updateStrategy']): DaemonSet => ({
  metadata: { name: 'agent', annotations: { 'deprecated.daemonset.template.generation': '2' } },
  spec: { selector: {}, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [], ...spec } }, ...(strategy ? { updateStrategy: strategy } : {}) },
});

describe('tolerations', () => {
  const cases: [string, Parameters<typeof tolerates>[0], Taint, boolean][] = [
    ['Exists without key tolerates all', { operator: 'Exists' }, { key: 'k', value: 'v', effect: 'NoSchedule' }, true],
    ['Equal needs the value', { key: 'k', value: 'v', effect: 'NoSchedule' }, { key: 'k', value: 'v', effect: 'NoSchedule' }, true],
    ['Equal with another value', { key: 'k', operator: 'Equal', value: 'w' }, { key: 'k', value: 'v', effect: 'NoSchedule' }, false],
    ['another effect', { key: 'k', operator: 'Exists', effect: 'NoExecute' }, { key: 'k', effect: 'NoSchedule' }, false],
    ['another key', { key: 'j', operator: 'Exists' }, { key: 'k', effect: 'NoSchedule' }, false],
  ];
  for (const [name, toleration, taint, expected] of cases) {
    it(name, () => {
      assert.equal(tolerates(toleration, taint), expected);
    });
  }

  it('daemon pods tolerate node problems, and network-unavailable with hostNetwork', () => {
    const keys = daemonPodTolerations({ containers: [], hostNetwork: true }).map((t) => `${t.key ?? ''}:${t.effect ?? ''}`);
    assert.deepEqual(keys, [
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
      'node.kubernetes.io/network-unavailable:NoSchedule',
    ]);
    const existing = daemonPodTolerations({ containers: [], tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }] });
    assert.equal(existing.filter((t) => t.key === 'node.kubernetes.io/unreachable').length, 1, 'an equal toleration is replaced, not doubled');
  });
});

describe('nodeShouldRunDaemonPod', () => {
  const cases: [string, Node, DaemonSet, boolean, boolean][] = [
    ['plain node', node('n'), ds(), true, true],
    ['nodeSelector matches', node('n', { disk: 'ssd' }), ds({ nodeSelector: { disk: 'ssd' } }), true, true],
    ['nodeSelector does not match', node('n', { disk: 'hdd' }), ds({ nodeSelector: { disk: 'ssd' } }), false, false],
    ['untolerated NoSchedule: keep running', node('n', {}, [{ key: 'k', effect: 'NoSchedule' }]), ds(), false, true],
    ['untolerated NoExecute: stop', node('n', {}, [{ key: 'k', effect: 'NoExecute' }]), ds(), false, false],
    ['tolerated taint', node('n', {}, [{ key: 'k', effect: 'NoSchedule' }]), ds({ tolerations: [{ key: 'k', operator: 'Exists' }] }), true, true],
    ['unschedulable taint is tolerated by every daemon pod', node('n', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]), ds(), true, true],
    ['PreferNoSchedule is no obstacle', node('n', {}, [{ key: 'k', effect: 'PreferNoSchedule' }]), ds(), true, true],
    ['nodeName elsewhere', node('n'), ds({ nodeName: 'm' }), false, false],
    [
      'required affinity expressions',
      node('n', { zone: 'a', size: '8' }),
      ds({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }, { matchExpressions: [{ key: 'size', operator: 'Gt', values: ['4'] }] }] } } } }),
      true,
      true,
    ],
    [
      'required affinity on the node name',
      node('n'),
      ds({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n'] }] }] } } } }),
      false,
      false,
    ],
  ];
  for (const [name, n, d, shouldRun, shouldContinueRunning] of cases) {
    it(name, () => {
      assert.deepEqual(nodeShouldRunDaemonPod(n, d), { shouldRun, shouldContinueRunning });
    });
  }
});

describe('pinning, revisions and rolling counts', () => {
  it('pins a pod to its node and reads the node back', () => {
    const affinity = nodeNameAffinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }] } }, podAffinity: {} }, 'node-7');
    assert.deepEqual(affinity.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms, [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-7'] }] }]);
    assert.deepEqual(affinity.podAffinity, {});
    assert.equal(targetNodeName({ spec: { containers: [], affinity } }), 'node-7');
    assert.equal(targetNodeName({ spec: { containers: [], nodeName: 'x', affinity } }), 'x');
  });
  it('labels pods with the hash and template generation', () => {
    const t = daemonPodTemplate(ds(), 'abc');
    assert.deepEqual(t.metadata?.labels, { app: 'agent', 'pod-template-generation': '2', 'controller-revision-hash': 'abc' });
    assert.equal(isPodUpdated({ metadata: { labels: { 'controller-revision-hash': 'abc' } } }, 'abc', undefined), true);
    assert.equal(isPodUpdated({ metadata: { labels: { 'pod-template-generation': '2' } } }, 'zzz', '2'), true);
    assert.equal(isPodUpdated({ metadata: { labels: { 'controller-revision-hash': 'old' } } }, 'abc', '3'), false);
  });
  it('rolling counts round up and default to one unavailable', () => {
    assert.deepEqual(rollingCounts(ds({}, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } }), 15), { maxSurge: 0, maxUnavailable: 2 });
    assert.deepEqual(rollingCounts(ds({}, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } }), 3), { maxSurge: 1, maxUnavailable: 0 });
    assert.deepEqual(rollingCounts(ds({}, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0%', maxSurge: 0 } }), 3), { maxSurge: 0, maxUnavailable: 1 });
  });
});
