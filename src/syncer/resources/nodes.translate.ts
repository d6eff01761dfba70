/**
 * Fake nodes (spec §3.12, upstream `nodes/fake_syncer.go`): while host nodes are not synced, every
 * node a synced pod runs on appears in the virtual cluster under the same name, made up entirely:
 * nothing of the host node (labels, capacity, addresses, images) leaks into the virtual cluster.
 */
import type { Node, NodeAddress, NodeCondition, Pod } from 'kubernetes-types/core/v1.js';
import { FAKE_NODE_LABEL, POD_OWNER_SET_KIND_ANNOTATION } from '../../api/labels.js';
import { nodeHostname, safeConcatName } from '../names.js';

/** The kubelet version fake nodes report. */
export const FAKE_NODES_VERSION = 'v1.19.1';
export const KUBELET_PORT = 10250;

const RESOURCES: Readonly<Record<string, string>> = {
  cpu: '16',
  memory: '32Gi',
  'ephemeral-storage': '100Gi',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  pods: '110',
};

/** Does a virtual pod keep its node in the virtual cluster? DaemonSet pods do not. */
export function virtualPodNeedsNode(pod: Pod, nodeName: string): boolean {
  if (nodeName === '' || pod.spec?.nodeName !== nodeName) return false;
  return !(pod.metadata?.ownerReferences ?? []).some((o) => o.apiVersion === 'apps/v1' && o.kind === 'DaemonSet');
}

/** Does one of our host pods keep its node in the virtual cluster? DaemonSet pods do not. */
export function hostPodNeedsNode(pod: Pod, nodeName: string): boolean {
  if (nodeName === '' || pod.spec?.nodeName !== nodeName) return false;
  return pod.metadata?.annotations?.[POD_OWNER_SET_KIND_ANNOTATION] !== 'DaemonSet';
}

/** `isNodeNeededByPod`: a virtual pod or a host pod of this vcluster runs on the node. */
export function isNodeNeeded(nodeName: string, virtualPods: readonly Pod[], hostPods: readonly Pod[]): boolean {
  return virtualPods.some((p) => virtualPodNeedsNode(p, nodeName)) || hostPods.some((p) => hostPodNeedsNode(p, nodeName));
}

/** Go's `runtime.GOARCH` for Node's `process.arch`. */
export function goArch(nodeArch: string): string {
  switch (nodeArch) {
    case 'x64':
      return 'amd64';
    case 'ia32':
      return '386';
    case 'arm':
    case 'arm64':
    case 'ppc64':
    case 's390x':
    case 'riscv64':
      return nodeArch;
    default:
      return nodeArch;
  }
}

export interface FakeNodeOptions {
  /** `networking.advanced.proxyKubelets.byHostname`. */
  readonly byHostname: boolean;
  /** The node's fake kubelet IP when `proxyKubelets.byIP` is on. */
  readonly nodeIP?: string | undefined;
  /** `runtime.GOARCH` of the syncer. */
  readonly arch: string;
  /** RFC 3339 time for the conditions. */
  readonly now: string;
  /** Made-up boot, machine and system IDs (they only have to look right). */
  readonly bootID: string;
  readonly machineID: string;
  readonly systemUUID: string;
}

function conditions(now: string): NodeCondition[] {
  const condition = (type: string, status: string, reason: string, message: string): NodeCondition => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  });
  return [
    condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

/** The fake Node as created (`createFakeNode`): metadata, no taints, and its status. */
export function fakeNode(name: string, options: FakeNodeOptions): Node {
  const addresses: NodeAddress[] = [];
  if (options.byHostname) addresses.push({ address: nodeHostname(name), type: 'Hostname' });
  if (options.nodeIP !== undefined) addresses.push({ address: options.nodeIP, type: 'InternalIP' });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        [FAKE_NODE_LABEL]: 'true',
        'beta.kubernetes.io/arch': options.arch,
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': options.arch,
        'kubernetes.io/hostname': safeConcatName('fake', name),
        'kubernetes.io/os': 'linux',
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'false',
      },
    },
    spec: { taints: [] },
    status: {
      capacity: { ...RESOURCES },
      allocatable: { ...RESOURCES },
      conditions: conditions(options.now),
      addresses,
      daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: options.bootID,
        containerRuntimeVersion: 'docker://19.3.12',
        kernelVersion: '4.19.76-fakelinux',
        kubeProxyVersion: FAKE_NODES_VERSION,
        kubeletVersion: FAKE_NODES_VERSION,
        machineID: options.machineID,
        systemUUID: options.systemUUID,
        operatingSystem: 'linux',
        osImage: 'Fake Kubernetes Image',
      },
      images: [],
    },
  };
}

/**
 * The addresses an existing fake node must report (`updateIfNeeded`); upstream always lists the
 * hostname here, unlike on create. `undefined`: they are right already.
 */
export function fakeNodeAddresses(node: Node, nodeIP: string | undefined): NodeAddress[] | undefined {
  const name = node.metadata?.name ?? '';
  const wanted: NodeAddress[] = [{ address: nodeHostname(name), type: 'Hostname' }];
  if (nodeIP !== undefined) wanted.push({ address: nodeIP, type: 'InternalIP' });
  const current = node.status?.addresses ?? [];
  const same = current.length === wanted.length && current.every((a, i) => a.address === wanted[i]?.address && a.type === wanted[i].type);
  return same ? undefined : wanted;
}

/** A random GUID-looking string (`newGUID`): 8-4-4-4-12 characters drawn by `pick`. */
export function fakeGuid(pick: (length: number) => string): string {
  return [pick(8), pick(4), pick(4), pick(4), pick(12)].join('-');
}
