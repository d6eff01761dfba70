/**
 * The Node a kubelet registers and the status it reports: kube's well-known labels, capacity and
 * allocatable, the four conditions with kubelet's reasons and messages, addresses, daemon
 * endpoints, node info and the images on the node.
 */
import { createHash } from 'node:crypto';
import type { Node, NodeCondition, NodeStatus } from 'kubernetes-types/core/v1.js';
import { SIMULATED_NODE_ANNOTATION } from '../annotations.js';
import type { ResolvedNode } from '../config.js';
import { rfc3339 } from '../time.js';

export const KUBELET_VERSION = 'v1.32.2';
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.24';
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
export const KUBELET_PORT = 10250;
export const PROVIDER_PREFIX = 'hostsim://';

export interface HostFacts {
  readonly kernelVersion: string;
  /** Changes each time the simulated nodes "boot" (hostsim starts). */
  readonly bootID: string;
}

export interface NodeImage {
  readonly names: readonly string[];
  readonly sizeBytes: number;
}

function hex(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

function uuidOf(text: string): string {
  const h = hex(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Labels kubelet sets on its node, under the configured ones. */
export function nodeLabels(n: ResolvedNode): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': n.architecture,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': n.architecture,
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': n.instanceType,
    ...n.labels,
  };
}

export function nodeAnnotations(n: ResolvedNode): Record<string, string> {
  return {
    'node.alpha.kubernetes.io/ttl': '0',
    'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    [SIMULATED_NODE_ANNOTATION]: 'true',
    ...n.annotations,
  };
}

const CONDITIONS: readonly Omit<NodeCondition, 'lastHeartbeatTime' | 'lastTransitionTime'>[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/** The status kubelet reports; transition times are kept from `previous` while a condition holds. */
export function nodeStatus(n: ResolvedNode, facts: HostFacts, now: number, images: readonly NodeImage[], previous?: NodeStatus): NodeStatus {
  const conditions = CONDITIONS.map((c): NodeCondition => {
    const old = previous?.conditions?.find((p) => p.type === c.type);
    return { ...c, lastHeartbeatTime: rfc3339(now), lastTransitionTime: old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(now) };
  });
  return {
    capacity: { ...n.capacity },
    allocatable: { ...n.allocatable },
    conditions,
    addresses: [
      { type: 'InternalIP', address: n.internalIP },
      { type: 'Hostname', address: n.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    nodeInfo: {
      machineID: hex(`machine:${n.name}`, 32),
      systemUUID: uuidOf(`system:${n.name}`),
      bootID: facts.bootID,
      kernelVersion: facts.kernelVersion,
      osImage: OS_IMAGE,
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: n.architecture,
    },
    ...(images.length > 0 ? { images: images.map((i) => ({ names: [...i.names], sizeBytes: i.sizeBytes })) } : {}),
  };
}

/** The Node as kubelet registers it. */
export function registrationNode(n: ResolvedNode, podCIDR: string, facts: HostFacts, now: number): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, labels: nodeLabels(n), annotations: nodeAnnotations(n) },
    spec: {
      podCIDR,
      podCIDRs: [podCIDR],
      providerID: `${PROVIDER_PREFIX}${n.name}`,
      ...(n.taints.length > 0 ? { taints: n.taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect })) } : {}),
      ...(n.unschedulable ? { unschedulable: true } : {}),
    },
    status: nodeStatus(n, facts, now, []),
  };
}

/** Whether a node's status needs writing: anything but the heartbeat times differs. */
export function nodeStatusChanged(a: NodeStatus | undefined, b: NodeStatus): boolean {
  const strip = (s: NodeStatus | undefined): unknown => ({ ...s, conditions: s?.conditions?.map((c) => ({ ...c, lastHeartbeatTime: undefined })) });
  return JSON.stringify(strip(a)) !== JSON.stringify(strip(b));
}
