import type { Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import { isPodReady } from '../shared/pods.js';

export { isPodReady };

/** A metav1.Time (RFC 3339) as epoch milliseconds; undefined when absent or unreadable. */
export function timeMs(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function podReadyCondition(pod: Pod): PodCondition | undefined {
  return (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
}

/**
 * podutil.IsPodAvailable: Ready, and Ready for longer than `minReadySeconds` (strictly) at `now`.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = timeMs(podReadyCondition(pod)?.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

/**
 * When a Ready pod becomes available (for requeueing), or undefined when it is not Ready or
 * already available.
 */
export function availableAt(pod: Pod, minReadySeconds: number, now: number): number | undefined {
  if (!isPodReady(pod) || minReadySeconds <= 0) return undefined;
  const since = timeMs(podReadyCondition(pod)?.lastTransitionTime);
  if (since === undefined) return undefined;
  const at = since + minReadySeconds * 1000;
  return at >= now ? at : undefined;
}

export function isTerminating(pod: Pod): boolean {
  return pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== '';
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !isTerminating(pod);
}

/** controller.IsPodTerminating (1.32): being deleted but not finished. */
export function isPodTerminatingNotFinished(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return isTerminating(pod) && phase !== 'Succeeded' && phase !== 'Failed';
}

/** `namespace/name`: the key expectations track pods by. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** The most restarts of any container (restartable init containers included), for ranking. */
export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount);
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => (c as { restartPolicy?: string }).restartPolicy === 'Always').map((c) => c.name));
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) max = Math.max(max, c.restartCount);
  return max;
}

/** The pod-deletion-cost annotation (0 when absent or invalid). */
export function deletionCost(pod: Pod): number {
  const raw = pod.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  if (raw === undefined || !/^-?\d+$/.test(raw)) return 0;
  const n = Number(raw);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** When the first Ready pod becomes available (minReadySeconds), to look again then. */
export function nextAvailability(pods: readonly Pod[], minReadySeconds: number, now: number): { requeueAfterMs: number } | undefined {
  let next: number | undefined;
  for (const pod of pods) {
    const at = availableAt(pod, minReadySeconds, now);
    if (at !== undefined && (next === undefined || at < next)) next = at;
  }
  // Availability is "ready for longer than": look just after the boundary.
  return next === undefined ? undefined : { requeueAfterMs: next - now + 100 };
}
