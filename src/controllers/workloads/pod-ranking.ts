import type { Pod } from 'kubernetes-types/core/v1.js';
import { deletionCost, isPodActive, isPodReady, maxContainerRestarts, podReadyCondition, timeMs } from './pods.js';

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

function phaseOrdinal(pod: Pod): number {
  return PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0;
}

/** a is "after or zero" relative to b: zero times sort first, then later times (kube's afterOrZero). */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

/** kube's logarithmicRankDiff: the difference of floor(log2(age in ns)) of two times. */
function logRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number): number => {
    const ns = (now - t) * 1e6;
    return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
  };
  return rank(t1) - rank(t2);
}

function compareTimes(t1: number | undefined, t2: number | undefined, uid1: string, uid2: string, now: number | undefined): number | undefined {
  if (t1 === t2) return undefined;
  if (now === undefined || t1 === undefined || t2 === undefined) return afterOrZero(t1, t2) ? -1 : 1;
  const diff = logRankDiff(t1, t2, now);
  if (diff === 0) return uid1 < uid2 ? -1 : uid1 > uid2 ? 1 : 0;
  return diff < 0 ? -1 : 1;
}

/**
 * controller.ActivePodsWithRanks' order: the pods to delete first come first. Unassigned before
 * assigned, Pending before Unknown before Running, not ready before ready, lower deletion cost
 * first, more co-located related pods (`rank`) first, shorter ready before longer (log scale),
 * more restarts first, newer before older (log scale). `now` undefined: plain time order
 * (controller.ActivePods, which the Job controller uses).
 */
export function comparePodsForDeletion(a: Pod, b: Pod, rankA = 0, rankB = 0, now?: number): number {
  const nodeA = a.spec?.nodeName ?? '';
  const nodeB = b.spec?.nodeName ?? '';
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA === '' ? -1 : 1;
  const pa = phaseOrdinal(a);
  const pb = phaseOrdinal(b);
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  if (now !== undefined) {
    const ca = deletionCost(a);
    const cb = deletionCost(b);
    if (ca !== cb) return ca - cb;
    if (rankA !== rankB) return rankB - rankA;
  }
  const uidA = a.metadata?.uid ?? '';
  const uidB = b.metadata?.uid ?? '';
  if (ra && rb) {
    const c = compareTimes(timeMs(podReadyCondition(a)?.lastTransitionTime), timeMs(podReadyCondition(b)?.lastTransitionTime), uidA, uidB, now);
    if (c !== undefined && c !== 0) return c;
  }
  const restarts = maxContainerRestarts(b) - maxContainerRestarts(a);
  if (restarts !== 0) return restarts;
  const c = compareTimes(timeMs(a.metadata?.creationTimestamp), timeMs(b.metadata?.creationTimestamp), uidA, uidB, now);
  return c ?? 0;
}

/**
 * The ReplicaSet controller's choice of `count` pods to delete from `pods`: ranked as above, where
 * a pod's rank is the number of active `related` pods (of the same Deployment) on its node.
 */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number, now: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => comparePodsForDeletion(x.pod, y.pod, x.rank, y.rank, now));
  return ranked.slice(0, count).map((r) => r.pod);
}
