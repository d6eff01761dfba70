/**
 * What the scheduler knows of pods and nodes (kube's PodInfo and NodeInfo): computed once per pod
 * and kept up to date per node as pods are assumed, bound, finished and deleted.
 */
import type { Node, NodeSelectorTerm, Pod, PreferredSchedulingTerm, Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { CPU, MEMORY, podRequests, toAmounts } from '../resources.js';

export interface HostPort {
  readonly protocol: string;
  readonly hostIP: string;
  readonly port: number;
}

export interface PodInfo {
  readonly key: string;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly priority: number;
  readonly preemptNever: boolean;
  /** What the pod requests (filtering). */
  readonly requests: ReadonlyMap<string, number>;
  /** The same with the scheduler's defaults for missing cpu / memory (scoring). */
  readonly nonZero: ReadonlyMap<string, number>;
  readonly hostPorts: readonly HostPort[];
  readonly tolerations: readonly Toleration[];
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Required node affinity terms (ORed); undefined when there are none. */
  readonly requiredTerms: readonly NodeSelectorTerm[] | undefined;
  readonly preferredTerms: readonly PreferredSchedulingTerm[];
  /** The controller owning the pod: pods of one owner are spread over nodes. */
  readonly ownerUid: string | undefined;
  /** PersistentVolumeClaims the pod mounts (generic ephemeral volumes included). */
  readonly claims: readonly string[];
  readonly gated: boolean;
}

export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

export function podInfo(pod: Pod): PodInfo {
  const spec = pod.spec;
  const hostPorts: HostPort[] = [];
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (p.hostPort !== undefined && p.hostPort > 0) hostPorts.push({ protocol: p.protocol ?? 'TCP', hostIP: p.hostIP ?? '0.0.0.0', port: p.hostPort });
    }
  }
  const claims: string[] = [];
  for (const v of spec?.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName) claims.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) claims.push(`${pod.metadata?.name ?? ''}-${v.name}`);
  }
  const nodeAffinity = spec?.affinity?.nodeAffinity;
  const required = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    key: podKey(pod),
    uid: pod.metadata?.uid ?? '',
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    priority: spec?.priority ?? 0,
    preemptNever: spec?.preemptionPolicy === 'Never',
    requests: podRequests(spec),
    nonZero: podRequests(spec, { nonZero: true }),
    hostPorts,
    tolerations: spec?.tolerations ?? [],
    nodeSelector: spec?.nodeSelector ?? {},
    requiredTerms: required ? required.nodeSelectorTerms : undefined,
    preferredTerms: nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [],
    ownerUid: pod.metadata?.ownerReferences?.find((r) => r.controller === true)?.uid,
    claims,
    gated: (spec?.schedulingGates ?? []).length > 0,
  };
}

/** A node and what the pods on it (bound or assumed) take of it. */
export class NodeInfo {
  name: string;
  labels: Readonly<Record<string, string>>;
  taints: readonly Taint[];
  unschedulable: boolean;
  allocatable: ReadonlyMap<string, number>;
  readonly requested = new Map<string, number>();
  readonly nonZeroRequested = new Map<string, number>([[CPU, 0], [MEMORY, 0]]);
  readonly pods = new Map<string, PodInfo>();
  private readonly ports = new Map<string, number>();
  private readonly owners = new Map<string, number>();

  constructor(node: Node) {
    this.name = node.metadata?.name ?? '';
    this.labels = {};
    this.taints = [];
    this.unschedulable = false;
    this.allocatable = new Map();
    this.setNode(node);
  }

  setNode(node: Node): void {
    this.name = node.metadata?.name ?? '';
    this.labels = node.metadata?.labels ?? {};
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = node.spec?.unschedulable === true;
    this.allocatable = toAmounts(node.status?.allocatable);
  }

  get podCount(): number {
    return this.pods.size;
  }

  addPod(pod: PodInfo): void {
    if (this.pods.has(pod.uid)) this.removePod(pod.uid);
    this.pods.set(pod.uid, pod);
    this.apply(pod, 1);
  }

  removePod(uid: string): void {
    const pod = this.pods.get(uid);
    if (!pod) return;
    this.pods.delete(uid);
    this.apply(pod, -1);
  }

  /** Pods of `ownerUid` on this node. */
  ownerCount(ownerUid: string): number {
    return this.owners.get(ownerUid) ?? 0;
  }

  /** Whether a host port is taken (0.0.0.0 conflicts with every address). */
  portInUse(p: HostPort): boolean {
    const any = (this.ports.get(`${p.protocol}/*/${p.port}`) ?? 0) > 0;
    if (p.hostIP === '0.0.0.0' || p.hostIP === '') return any;
    return (this.ports.get(`${p.protocol}/0.0.0.0/${p.port}`) ?? 0) > 0 || (this.ports.get(`${p.protocol}/${p.hostIP}/${p.port}`) ?? 0) > 0;
  }

  private apply(pod: PodInfo, sign: 1 | -1): void {
    for (const [k, v] of pod.requests) this.requested.set(k, (this.requested.get(k) ?? 0) + sign * v);
    for (const k of [CPU, MEMORY]) this.nonZeroRequested.set(k, (this.nonZeroRequested.get(k) ?? 0) + sign * (pod.nonZero.get(k) ?? 0));
    for (const p of pod.hostPorts) {
      const ip = p.hostIP === '' ? '0.0.0.0' : p.hostIP;
      for (const key of [`${p.protocol}/${ip}/${p.port}`, `${p.protocol}/*/${p.port}`]) bump(this.ports, key, sign);
    }
    if (pod.ownerUid !== undefined) bump(this.owners, pod.ownerUid, sign);
  }
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}
