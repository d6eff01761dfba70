import { errors } from '../../api/status.js';
import { isStorageError, type Store } from '../../storage/index.js';

/** An IPv4 CIDR as numbers. */
export interface Ipv4Range {
  readonly cidr: string;
  readonly base: number;
  readonly size: number;
}

export function parseCidr(cidr: string): Ipv4Range {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) throw new Error(`invalid IPv4 CIDR ${cidr}`);
  const octets = [m[1], m[2], m[3], m[4]].map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits < 8 || bits > 30) throw new Error(`invalid IPv4 CIDR ${cidr}`);
  const ip = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  return { cidr, base: ip - (ip % size), size };
}

export function ipToString(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function ipToNumber(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  const octets = [m[1], m[2], m[3], m[4]].map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => acc * 256 + o, 0);
}

/**
 * Service cluster IPs, one storage key per allocated address (kube-apiserver's IPAddress objects,
 * /registry/ipaddresses/<ip>): create-if-absent makes allocation safe under concurrent creates and
 * across API servers sharing one etcd.
 */
export class ClusterIpAllocator {
  readonly range: Ipv4Range;

  constructor(
    private readonly storage: Store,
    cidr: string,
  ) {
    this.range = parseCidr(cidr);
  }

  /** The first usable address: kube gives it to the `kubernetes` service. */
  get first(): string {
    return ipToString(this.range.base + 1);
  }

  contains(ip: string): boolean {
    const n = ipToNumber(ip);
    return n !== undefined && n > this.range.base && n < this.range.base + this.range.size - 1;
  }

  async allocate(owner: { namespace: string; name: string }, specific?: string): Promise<string> {
    if (specific !== undefined) {
      if (!this.contains(specific)) {
        throw errors.invalid('', 'Service', owner.name, [{ reason: 'FieldValueInvalid', field: 'spec.clusterIPs', message: `Invalid value: []string{"${specific}"}: failed to allocate IP ${specific}: the provided IP (${specific}) is not in the valid range. The range of valid IPs is ${this.range.cidr}` }]);
      }
      if (!(await this.claim(specific, owner))) {
        throw errors.invalid('', 'Service', owner.name, [{ reason: 'FieldValueInvalid', field: 'spec.clusterIPs', message: `Invalid value: []string{"${specific}"}: failed to allocate IP ${specific}: provided IP is already allocated` }]);
      }
      return specific;
    }
    // Random probing keeps concurrent allocators apart; a linear scan finds the last free ones.
    const usable = this.range.size - 3;
    for (let attempt = 0; attempt < 32; attempt++) {
      const ip = ipToString(this.range.base + 2 + Math.floor(Math.random() * usable));
      if (await this.claim(ip, owner)) return ip;
    }
    for (let i = 0; i < usable; i++) {
      const ip = ipToString(this.range.base + 2 + i);
      if (await this.claim(ip, owner)) return ip;
    }
    throw errors.internal(`failed to allocate a serviceIP: range is full`);
  }

  async release(ip: string): Promise<void> {
    try {
      await this.storage.delete(`/registry/ipaddresses/${ip}`);
    } catch (e) {
      if (!isStorageError(e, 'NotFound')) throw e;
    }
  }

  private async claim(ip: string, owner: { namespace: string; name: string }): Promise<boolean> {
    try {
      await this.storage.create(`/registry/ipaddresses/${ip}`, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IPAddress',
        metadata: { name: ip, labels: { 'ipaddress.kubernetes.io/managed-by': 'ipallocator.k8s.io' } },
        spec: { parentRef: { group: '', resource: 'services', namespace: owner.namespace, name: owner.name } },
      });
      return true;
    } catch (e) {
      if (isStorageError(e, 'KeyExists')) return false;
      throw e;
    }
  }
}

/** Service node ports, one key per allocated port under /registry/servicenodeports/. */
export class NodePortAllocator {
  constructor(
    private readonly storage: Store,
    readonly min = 30000,
    readonly max = 32767,
  ) {}

  contains(port: number): boolean {
    return Number.isInteger(port) && port >= this.min && port <= this.max;
  }

  async allocate(owner: { namespace: string; name: string }, field: string, specific?: number): Promise<number> {
    if (specific !== undefined && specific !== 0) {
      if (!this.contains(specific)) {
        throw errors.invalid('', 'Service', owner.name, [{ reason: 'FieldValueInvalid', field, message: `Invalid value: ${specific}: provided port is not in the valid range. The range of valid ports is ${this.min}-${this.max}` }]);
      }
      if (!(await this.claim(specific, owner))) {
        throw errors.invalid('', 'Service', owner.name, [{ reason: 'FieldValueInvalid', field, message: `Invalid value: ${specific}: provided port is already allocated` }]);
      }
      return specific;
    }
    const span = this.max - this.min + 1;
    for (let attempt = 0; attempt < 32; attempt++) {
      const port = this.min + Math.floor(Math.random() * span);
      if (await this.claim(port, owner)) return port;
    }
    for (let port = this.min; port <= this.max; port++) if (await this.claim(port, owner)) return port;
    throw errors.internal('failed to allocate a nodePort: range is full');
  }

  async release(port: number): Promise<void> {
    try {
      await this.storage.delete(`/registry/servicenodeports/${port}`);
    } catch (e) {
      if (!isStorageError(e, 'NotFound')) throw e;
    }
  }

  private async claim(port: number, owner: { namespace: string; name: string }): Promise<boolean> {
    try {
      await this.storage.create(`/registry/servicenodeports/${port}`, { kind: 'NodePortAllocation', port, service: `${owner.namespace}/${owner.name}` });
      return true;
    } catch (e) {
      if (isStorageError(e, 'KeyExists')) return false;
      throw e;
    }
  }
}
