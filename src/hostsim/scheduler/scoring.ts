/**
 * kube-scheduler's Score plugins of the default profile that apply here, with their default
 * weights: TaintToleration 3, NodeAffinity 2, PodTopologySpread 2 (the system default constraints:
 * spread a controller's pods over hostnames, maxSkew 3, and zones, maxSkew 5),
 * NodeResourcesFit 1 (LeastAllocated) and NodeResourcesBalancedAllocation 1.
 */
import { CPU, MEMORY } from '../resources.js';
import type { NodeInfo, PodInfo } from './model.js';
import { termMatches, toleratedBy } from '../../api/node-selection.js';

export const MAX_NODE_SCORE = 100;
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export const WEIGHTS = { taintToleration: 3, nodeAffinity: 2, podTopologySpread: 2, leastAllocated: 1, balancedAllocation: 1 } as const;

const RESOURCES = [CPU, MEMORY] as const;

function requestedWith(pod: PodInfo, node: NodeInfo, resource: string): number {
  return (node.nonZeroRequested.get(resource) ?? 0) + (pod.nonZero.get(resource) ?? 0);
}

/** LeastAllocated: the share of cpu and memory left free once the pod is there. */
export function leastAllocatedScore(pod: PodInfo, node: NodeInfo): number {
  let total = 0;
  for (const r of RESOURCES) {
    const allocatable = node.allocatable.get(r) ?? 0;
    const requested = requestedWith(pod, node, r);
    if (allocatable === 0 || requested > allocatable) continue;
    total += Math.floor(((allocatable - requested) * MAX_NODE_SCORE) / allocatable);
  }
  return Math.floor(total / RESOURCES.length);
}

/** BalancedAllocation: cpu and memory used in the same proportion score best. */
export function balancedAllocationScore(pod: PodInfo, node: NodeInfo): number {
  const fractions = RESOURCES.map((r) => {
    const allocatable = node.allocatable.get(r) ?? 0;
    return allocatable === 0 ? 1 : Math.min(1, requestedWith(pod, node, r) / allocatable);
  });
  const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
  const std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** framework's DefaultNormalizeScore. */
export function normalize(raw: readonly number[], reverse: boolean): number[] {
  const max = Math.max(0, ...raw);
  if (max === 0) return raw.map(() => (reverse ? MAX_NODE_SCORE : 0));
  return raw.map((s) => {
    const scaled = Math.trunc((MAX_NODE_SCORE * s) / max);
    return reverse ? MAX_NODE_SCORE - scaled : scaled;
  });
}

function preferNoScheduleIntolerable(pod: PodInfo, node: NodeInfo): number {
  const tolerations = pod.tolerations.filter((t) => t.effect === undefined || t.effect === '' || t.effect === 'PreferNoSchedule');
  return node.taints.filter((t) => t.effect === 'PreferNoSchedule' && !toleratedBy(tolerations, t)).length;
}

function preferredAffinity(pod: PodInfo, node: NodeInfo): number {
  let sum = 0;
  for (const term of pod.preferredTerms) if (term.weight !== 0 && termMatches(term.preference, { name: node.name, labels: node.labels })) sum += term.weight;
  return sum;
}

/**
 * PodTopologySpread with the system default constraints, selecting the pods of the same
 * controller: fewer of them in a node's hostname (and zone) domain scores better.
 */
export function spreadScores(pod: PodInfo, nodes: readonly NodeInfo[], allNodes: readonly NodeInfo[]): number[] {
  if (pod.ownerUid === undefined) return nodes.map(() => 0);
  const owner = pod.ownerUid;
  const zoned = allNodes.some((n) => n.labels[ZONE_LABEL] !== undefined);
  const zoneCounts = new Map<string, number>();
  if (zoned) for (const n of allNodes) {
    const zone = n.labels[ZONE_LABEL];
    if (zone !== undefined) zoneCounts.set(zone, (zoneCounts.get(zone) ?? 0) + n.ownerCount(owner));
  }
  const hostWeight = Math.log(nodes.length + 2);
  const zoneWeight = Math.log(zoneCounts.size + 2);
  const raw = nodes.map((n) => {
    let score = n.ownerCount(owner) * hostWeight + (3 - 1);
    const zone = n.labels[ZONE_LABEL];
    if (zoned && zone !== undefined) score += (zoneCounts.get(zone) ?? 0) * zoneWeight + (5 - 1);
    return Math.round(score);
  });
  const max = Math.max(...raw);
  const min = Math.min(...raw);
  return raw.map((s) => (max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - s)) / max)));
}

/** The weighted total of every plugin's normalised score, per node (same order as `nodes`). */
export function scoreNodes(pod: PodInfo, nodes: readonly NodeInfo[], allNodes: readonly NodeInfo[] = nodes): number[] {
  const taints = normalize(nodes.map((n) => preferNoScheduleIntolerable(pod, n)), true);
  const affinity = normalize(nodes.map((n) => preferredAffinity(pod, n)), false);
  const spread = spreadScores(pod, nodes, allNodes);
  return nodes.map((n, i) =>
    WEIGHTS.taintToleration * (taints[i] ?? 0) +
    WEIGHTS.nodeAffinity * (affinity[i] ?? 0) +
    WEIGHTS.podTopologySpread * (spread[i] ?? 0) +
    WEIGHTS.leastAllocated * leastAllocatedScore(pod, n) +
    WEIGHTS.balancedAllocation * balancedAllocationScore(pod, n),
  );
}

/** The best node; ties broken at random, as kube's selectHost does. */
export function selectHost(nodes: readonly NodeInfo[], scores: readonly number[], random: () => number = Math.random): NodeInfo | undefined {
  let best: NodeInfo | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  let ties = 0;
  nodes.forEach((n, i) => {
    const s = scores[i] ?? 0;
    if (s > bestScore) {
      best = n;
      bestScore = s;
      ties = 1;
    } else if (s === bestScore) {
      ties++;
      if (random() * ties < 1) best = n;
    }
  });
  return best;
}
