import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node, Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { fitErrorMessage } from './fit-error.js';
import { runFilters, type FilterFailure } from './filters.js';
import { NodeInfo, podInfo } from './model.js';
import { leastAllocatedScore, scoreNodes, selectHost, spreadScores } from './scoring.js';

function node(name: string, extra: { labels?: Record<string, string>; taints?: Node['spec'] extends infer S ? S extends { taints?: infer T } ? T : never : never; unschedulable?: boolean; allocatable?: Record<string, string> } = {}): NodeInfo {
  return new NodeInfo({
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...extra.labels } },
    spec: { ...(extra.taints ? { taints: extra.taints } : {}), ...(extra.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110', ...extra.allocatable } },
  });
}

function pod(spec: Partial<PodSpec> = {}, name = 'p', owner?: string): Pod {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: owner, controller: true }] } : {}) },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  };
}

const reasons = (f: FilterFailure | undefined): string => (f ? `${f.code}: ${f.reasons.join(', ')}` : 'fits');
const req = (cpu: string, memory?: string): Partial<PodSpec> => ({ containers: [{ name: 'c', image: 'x', resources: { requests: { cpu, ...(memory ? { memory } : {}) } } }] });

describe('filters', () => {
  const cases: [string, Pod, NodeInfo, string][] = [
    ['a plain pod fits', pod(), node('n'), 'fits'],
    ['nodeSelector must match', pod({ nodeSelector: { disk: 'ssd' } }), node('n'), "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector"],
    ['nodeSelector matching', pod({ nodeSelector: { disk: 'ssd' } }), node('n', { labels: { disk: 'ssd' } }), 'fits'],
    [
      'required node affinity by label',
      pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }] } } } }),
      node('n', { labels: { zone: 'c' } }),
      "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector",
    ],
    [
      'terms are ORed',
      pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }] } } } }),
      node('n', { labels: { gpu: '1' } }),
      'fits',
    ],
    [
      'matchFields metadata.name as DaemonSet pods use',
      pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }] } } } }),
      node('n1'),
      "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector",
    ],
    [
      'matchFields on the right node',
      pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }] } } } }),
      node('n2'),
      'fits',
    ],
    ['Gt on a numeric label', pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] }] } } } }), node('n', { labels: { cores: '16' } }), 'fits'],
    ['an untolerated NoSchedule taint', pod(), node('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}'],
    ['an untolerated NoExecute taint without value', pod(), node('n', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }), 'UnschedulableAndUnresolvable: node(s) had untolerated taint {node.kubernetes.io/not-ready: }'],
    ['PreferNoSchedule does not filter', pod(), node('n', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }), 'fits'],
    ['a tolerated taint', pod({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }), node('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), 'fits'],
    ['Exists with no key tolerates everything', pod({ tolerations: [{ operator: 'Exists' }] }), node('n', { taints: [{ key: 'a', value: 'b', effect: 'NoExecute' }] }), 'fits'],
    ['a toleration for another effect', pod({ tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }] }), node('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}'],
    ['a cordoned node', pod(), node('n', { unschedulable: true }), 'UnschedulableAndUnresolvable: node(s) were unschedulable'],
    ['a cordoned node tolerated', pod({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }), node('n', { unschedulable: true }), 'fits'],
    ['too much cpu', pod(req('5')), node('n'), 'Unschedulable: Insufficient cpu'],
    ['too much cpu and memory', pod(req('5', '9Gi')), node('n'), 'Unschedulable: Insufficient cpu, Insufficient memory'],
    ['an extended resource the node lacks', pod({ containers: [{ name: 'c', image: 'x', resources: { requests: { 'nvidia.com/gpu': '1' } } }] }), node('n'), 'Unschedulable: Insufficient nvidia.com/gpu'],
    ['an extended resource the node has', pod({ containers: [{ name: 'c', image: 'x', resources: { requests: { 'nvidia.com/gpu': '1' } } }] }), node('n', { allocatable: { 'nvidia.com/gpu': '2' } }), 'fits'],
  ];
  for (const [name, p, n, want] of cases) it(name, () => { assert.equal(reasons(runFilters(podInfo(p), n)), want); });

  it('counts what bound pods already take', () => {
    const n = node('n', { allocatable: { pods: '2' } });
    n.addPod(podInfo(pod(req('3'), 'a')));
    assert.equal(reasons(runFilters(podInfo(pod(req('1'))), n)), 'fits');
    assert.equal(reasons(runFilters(podInfo(pod(req('1500m'))), n)), 'Unschedulable: Insufficient cpu');
    n.addPod(podInfo(pod({}, 'b')));
    assert.equal(reasons(runFilters(podInfo(pod()), n)), 'Unschedulable: Too many pods');
    n.removePod('uid-b');
    n.removePod('uid-a');
    assert.equal(reasons(runFilters(podInfo(pod(req('4'))), n)), 'fits');
  });

  it('checks host ports', () => {
    const n = node('n');
    const withPort = (port: number, hostIP?: string): Partial<PodSpec> => ({ containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, hostPort: port, ...(hostIP ? { hostIP } : {}) }] }] });
    n.addPod(podInfo(pod(withPort(8080), 'a')));
    assert.equal(reasons(runFilters(podInfo(pod(withPort(8080))), n)), "Unschedulable: node(s) didn't have free ports for the requested pod ports");
    assert.equal(reasons(runFilters(podInfo(pod(withPort(8080, '10.0.0.1'))), n)), "Unschedulable: node(s) didn't have free ports for the requested pod ports");
    assert.equal(reasons(runFilters(podInfo(pod(withPort(8081))), n)), 'fits');
  });

  it('checks volume node affinity', () => {
    const terms = [[{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] }] }]];
    assert.equal(reasons(runFilters(podInfo(pod()), node('n1'), { volumeNodeAffinity: terms })), 'fits');
    assert.equal(reasons(runFilters(podInfo(pod()), node('n2'), { volumeNodeAffinity: terms })), 'UnschedulableAndUnresolvable: node(s) had volume node affinity conflict');
  });
});

describe('fit error messages', () => {
  const affinity: FilterFailure = { plugin: 'NodeAffinity', code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] };
  const cpu: FilterFailure = { plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] };
  const taint: FilterFailure = { plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {machine-check-exception: memory}'] };
  const cases: [string, Parameters<typeof fitErrorMessage>[0], string][] = [
    [
      'all nodes fail node affinity',
      { numAllNodes: 3, nodeFailures: new Map([['a', affinity], ['b', affinity], ['c', affinity]]) },
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    ],
    [
      'mixed reasons are sorted',
      { numAllNodes: 3, nodeFailures: new Map([['a', taint], ['b', cpu], ['c', cpu]]) },
      '0/3 nodes are available: 1 node(s) had untolerated taint {machine-check-exception: memory}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    ],
    [
      'a prefilter failure',
      { numAllNodes: 3, preFilterMessage: 'pod has unbound immediate PersistentVolumeClaims', nodeFailures: new Map() },
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    ],
    [
      'preemptionPolicy Never',
      { numAllNodes: 1, nodeFailures: new Map([['a', cpu]]), preemptNever: true },
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    ],
    ['no nodes', { numAllNodes: 0, nodeFailures: new Map() }, 'no nodes available to schedule pods'],
  ];
  for (const [name, d, want] of cases) it(name, () => { assert.equal(fitErrorMessage(d), want); });
});

describe('scoring', () => {
  it('prefers the node with more room', () => {
    const busy = node('busy');
    busy.addPod(podInfo(pod(req('2', '4Gi'), 'x')));
    const idle = node('idle');
    const p = podInfo(pod(req('500m', '1Gi')));
    assert.ok(leastAllocatedScore(p, idle) > leastAllocatedScore(p, busy));
    const scores = scoreNodes(p, [busy, idle]);
    assert.equal(selectHost([busy, idle], scores)?.name, 'idle');
  });

  it('counts request-less pods with the default requests, so they spread too', () => {
    const a = node('a');
    a.addPod(podInfo(pod({}, 'x')));
    const b = node('b');
    assert.equal(selectHost([a, b], scoreNodes(podInfo(pod()), [a, b]))?.name, 'b');
  });

  it('spreads the pods of one controller over nodes even when the nodes differ', () => {
    const big = node('big', { allocatable: { cpu: '64', memory: '256Gi' } });
    const small = node('small');
    big.addPod(podInfo(pod({}, 'r1', 'rs-1')));
    const next = podInfo(pod({}, 'r2', 'rs-1'));
    assert.deepEqual(spreadScores(next, [big, small], [big, small]), [66, 100]);
    assert.equal(selectHost([big, small], scoreNodes(next, [big, small]))?.name, 'small');
  });

  it('places three replicas on three nodes', () => {
    const nodes = [node('n1'), node('n2'), node('n3')];
    // Unrelated pods make the nodes uneven.
    nodes[0]?.addPod(podInfo(pod({}, 'other-1')));
    nodes[0]?.addPod(podInfo(pod({}, 'other-2')));
    const chosen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = podInfo(pod({}, `web-${i}`, 'rs-web'));
      const host = selectHost(nodes, scoreNodes(p, nodes));
      assert.ok(host);
      host.addPod(p);
      chosen.push(host.name);
    }
    assert.deepEqual([...chosen].sort(), ['n1', 'n2', 'n3']);
  });

  it('avoids PreferNoSchedule taints and follows preferred affinity', () => {
    const tainted = node('tainted', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] });
    const clean = node('clean');
    assert.equal(selectHost([tainted, clean], scoreNodes(podInfo(pod()), [tainted, clean]))?.name, 'clean');
    const ssd = node('ssd', { labels: { disk: 'ssd' } });
    const hdd = node('hdd');
    const prefers = podInfo(pod({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } } }));
    assert.equal(selectHost([hdd, ssd], scoreNodes(prefers, [hdd, ssd]))?.name, 'ssd');
  });

  it('breaks ties at random', () => {
    const nodes = [node('a'), node('b'), node('c')];
    const picks = new Set([0, 0.4, 0.9].map((r) => selectHost(nodes, [5, 5, 5], () => r)?.name));
    assert.ok(picks.size > 1);
    assert.equal(selectHost(nodes, [1, 7, 3])?.name, 'b');
  });
});
