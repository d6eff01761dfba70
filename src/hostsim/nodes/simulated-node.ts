/** The simulated nodes as the rest of hostsim sees them: config, pod subnet, IP pool, images, events. */
import { formatCidr, IpPool, nodeMaskSize, nodeSubnet, parseCidr, CidrError, cidrContains, type Cidr } from '../cidr.js';
import type { ResolvedNode } from '../config.js';
import { EventRecorder, type EventClient } from '../events.js';
import { quantityValue } from '../quantity.js';
import type { Clock, Logger, TokenBucket } from '../../client/index.js';
import { imageSize, resolvedImage } from '../kubelet/images.js';
import type { NodeImage } from './node-object.js';

/** Images kubelet lists in node status (its default --node-status-max-images). */
const MAX_REPORTED_IMAGES = 50;

export class SimulatedNode {
  readonly name: string;
  readonly podCIDR: string;
  readonly pool: IpPool;
  private readonly pulled = new Map<string, number>();
  private imageVersion = 0;

  constructor(
    readonly config: ResolvedNode,
    cidr: Cidr,
    readonly recorder: EventRecorder,
  ) {
    this.name = config.name;
    this.podCIDR = formatCidr(cidr);
    this.pool = new IpPool(cidr);
  }

  get hostIP(): string {
    return this.config.internalIP;
  }

  /** Whether the image is on the node. */
  hasImage(image: string): boolean {
    return this.pulled.has(resolvedImage(image));
  }

  /** Records a pull. */
  addImage(image: string): void {
    const name = resolvedImage(image);
    if (this.pulled.has(name)) return;
    this.pulled.set(name, imageSize(image));
    this.imageVersion++;
  }

  /** Changes whenever an image is pulled (the node status then needs a write). */
  get imagesVersion(): number {
    return this.imageVersion;
  }

  images(): NodeImage[] {
    return [...this.pulled]
      .map(([name, sizeBytes]) => ({ names: [name], sizeBytes }))
      .sort((a, b) => b.sizeBytes - a.sizeBytes)
      .slice(0, MAX_REPORTED_IMAGES);
  }
}

export interface SimulatedNodeOptions {
  readonly podCidr: string;
  readonly client: EventClient;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Event rate per node (kubelet's --event-qps 50, --event-burst 100). */
  readonly eventQps?: number;
  readonly eventBurst?: number;
  /** The event budget all of hostsim's recorders share. */
  readonly sharedEvents?: TokenBucket;
}

/**
 * One SimulatedNode per configured node, each with its share of the pod CIDR (as
 * kube-controller-manager's node IPAM assigns them, in order) unless configured explicitly.
 */
export function simulatedNodes(nodes: readonly ResolvedNode[], options: SimulatedNodeOptions): SimulatedNode[] {
  const cluster = parseCidr(options.podCidr);
  const maxPods = Math.max(...nodes.map((n) => quantityValue(n.allocatable.pods ?? n.capacity.pods ?? '110')));
  const mask = nodeMaskSize(maxPods);
  let index = 0;
  return nodes.map((n) => {
    let cidr: Cidr;
    if (n.podCIDR !== undefined) {
      cidr = parseCidr(n.podCIDR);
    } else {
      cidr = nodeSubnet(cluster, mask, index++);
      if (!cidrContains(cluster, cidr.base)) throw new CidrError(`node ${n.name}: no room left in the pod CIDR ${options.podCidr}`);
    }
    const recorder = new EventRecorder(options.client, { component: 'kubelet', host: n.name, instance: n.name }, {
      qps: options.eventQps ?? 50,
      burst: options.eventBurst ?? 100,
      ...(options.sharedEvents ? { shared: options.sharedEvents } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    return new SimulatedNode(n, cidr, recorder);
  });
}
