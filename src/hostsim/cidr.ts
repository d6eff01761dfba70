/**
 * IPv4 prefixes as kube-controller-manager's node IPAM hands them out (one subnet per node, in
 * order, from the cluster CIDR) and pod IPs as a host-local IPAM plugin gives them (from the
 * node's subnet, skipping the network address, the gateway `.1` and the broadcast address).
 */

export class CidrError extends Error {
  override readonly name = 'CidrError';
}

export interface Cidr {
  /** The network address as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefix: number;
}

export function parseIPv4(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) throw new CidrError(`invalid IPv4 address ${JSON.stringify(text)}`);
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) throw new CidrError(`invalid IPv4 address ${JSON.stringify(text)}`);
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export function parseCidr(text: string): Cidr {
  const [address, prefixText, extra] = text.split('/');
  if (address === undefined || prefixText === undefined || extra !== undefined || !/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32) {
    throw new CidrError(`invalid CIDR ${JSON.stringify(text)}: expected an IPv4 prefix such as 10.244.0.0/16`);
  }
  const prefix = Number(prefixText);
  const ip = parseIPv4(address);
  const size = 2 ** (32 - prefix);
  const base = ip - (ip % size);
  if (base !== ip) throw new CidrError(`invalid CIDR ${JSON.stringify(text)}: host bits are set (the network is ${formatIPv4(base)}/${prefix})`);
  return { base, prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIPv4(cidr.base)}/${cidr.prefix}`;
}

export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.base && ip < cidr.base + cidrSize(cidr);
}

/**
 * The per-node mask: kube's default /24 (254 addresses), or wider when a node may run more pods
 * than that, so every pod of a full node still gets its own address.
 */
export function nodeMaskSize(maxPodsPerNode: number): number {
  let prefix = 24;
  while (prefix > 8 && 2 ** (32 - prefix) - 3 < maxPodsPerNode) prefix--;
  return prefix;
}

/** The `index`-th subnet of size `/maskSize` in `cluster` (index 0 first, as the range allocator does). */
export function nodeSubnet(cluster: Cidr, maskSize: number, index: number): Cidr {
  if (maskSize < cluster.prefix) throw new CidrError(`node mask /${maskSize} is larger than the pod CIDR ${formatCidr(cluster)}`);
  const count = 2 ** (maskSize - cluster.prefix);
  if (index < 0 || index >= count) throw new CidrError(`the pod CIDR ${formatCidr(cluster)} has room for ${count} node subnets of /${maskSize}; node ${index + 1} does not fit`);
  return { base: cluster.base + index * 2 ** (32 - maskSize), prefix: maskSize };
}

/**
 * Pod IPs of one node's subnet. Addresses go round the range (the next free one after the last
 * handed out), so an address freed by a finished pod is reused as late as possible.
 */
export class IpPool {
  private readonly byOwner = new Map<string, number>();
  private readonly owners = new Map<number, string>();
  private readonly first: number;
  private readonly last: number;
  private cursor: number;

  constructor(readonly cidr: Cidr) {
    const size = cidrSize(cidr);
    if (size < 4) throw new CidrError(`pod subnet ${formatCidr(cidr)} is too small`);
    this.first = cidr.base + 2;
    this.last = cidr.base + size - 2;
    this.cursor = this.first;
  }

  get capacity(): number {
    return this.last - this.first + 1;
  }

  get used(): number {
    return this.owners.size;
  }

  /** The address of `owner` (a pod UID), allocating one if it has none; undefined when the subnet is full. */
  allocate(owner: string): string | undefined {
    const held = this.byOwner.get(owner);
    if (held !== undefined) return formatIPv4(held);
    for (let i = 0; i < this.capacity; i++) {
      const candidate = this.cursor;
      this.cursor = candidate >= this.last ? this.first : candidate + 1;
      if (this.owners.has(candidate)) continue;
      this.owners.set(candidate, owner);
      this.byOwner.set(owner, candidate);
      return formatIPv4(candidate);
    }
    return undefined;
  }

  /**
   * Records an address `owner` already has (found on a pod after a restart). False when the
   * address is outside the subnet or someone else holds it.
   */
  claim(owner: string, ip: string): boolean {
    let value: number;
    try {
      value = parseIPv4(ip);
    } catch {
      return false;
    }
    if (value < this.first || value > this.last) return false;
    const holder = this.owners.get(value);
    if (holder !== undefined) return holder === owner;
    const previous = this.byOwner.get(owner);
    if (previous !== undefined) this.owners.delete(previous);
    this.owners.set(value, owner);
    this.byOwner.set(owner, value);
    return true;
  }

  release(owner: string): void {
    const held = this.byOwner.get(owner);
    if (held === undefined) return;
    this.byOwner.delete(owner);
    this.owners.delete(held);
  }

  holds(owner: string): string | undefined {
    const held = this.byOwner.get(owner);
    return held === undefined ? undefined : formatIPv4(held);
  }
}
