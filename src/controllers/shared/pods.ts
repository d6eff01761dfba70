import type { Pod } from 'kubernetes-types/core/v1.js';

/** The Ready condition is True (podutil.IsPodReady). */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Succeeded or Failed: the pod will not run again (podutil.IsPodTerminal). */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function isIPv6(ip: string): boolean {
  return ip.includes(':');
}

/** The pod's IPs, `status.podIPs` first, falling back to `status.podIP`. */
export function podIPs(pod: Pod): string[] {
  const listed = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => typeof ip === 'string' && ip !== '');
  if (listed.length > 0) return listed;
  const single = pod.status?.podIP;
  return single !== undefined && single !== '' ? [single] : [];
}
