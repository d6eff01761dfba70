/**
 * Each simulated node's kubelet, node side: registers the Node (again if someone deletes it),
 * renews its Lease in kube-node-lease every 10 s, and reports node status when it changes (pulled
 * images) or every 5 minutes otherwise, as kubelet does with node leases.
 */
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node } from 'kubernetes-types/core/v1.js';
import { isAlreadyExists, isConflict, isNotFound } from '../../api/status.js';
import { describeError, noopLogger, realClock, resources, type Clock, type KubeClient, type Logger } from '../../client/index.js';
import { microTime, type Informer, type Runnable } from '../../runtime/index.js';
import { nodeAnnotations, nodeLabels, nodeStatus, nodeStatusChanged, registrationNode, type HostFacts } from './node-object.js';
import type { SimulatedNode } from './simulated-node.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export interface NodeAgentOptions {
  readonly client: KubeClient;
  readonly nodes: readonly SimulatedNode[];
  readonly informer: Informer<Node>;
  readonly facts: HostFacts;
  readonly leaseDurationSeconds?: number;
  readonly renewIntervalMs?: number;
  readonly statusReportMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

interface NodeState {
  registered: boolean;
  lease: Lease | undefined;
  lastReport: number;
  reportedImages: number;
}

export class NodeAgents implements Runnable {
  readonly name = 'node-agents';
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly state = new Map<string, NodeState>();

  constructor(private readonly o: NodeAgentOptions) {
    this.clock = o.clock ?? realClock;
    this.logger = o.logger ?? noopLogger;
    for (const n of o.nodes) this.state.set(n.name, { registered: false, lease: undefined, lastReport: 0, reportedImages: -1 });
    o.informer.addHandler({
      onDelete: (node) => {
        const st = this.state.get(node.metadata?.name ?? '');
        if (st) st.registered = false;
      },
    });
  }

  /** Registers every node and takes its lease; resolves when all are there. */
  async register(signal: AbortSignal): Promise<void> {
    await Promise.all(this.o.nodes.map((n) => this.registerOne(n, signal)));
  }

  async run(signal: AbortSignal): Promise<void> {
    const renew = this.o.renewIntervalMs ?? 10_000;
    while (await this.clock.sleep(renew, signal)) {
      await Promise.all(this.o.nodes.map((n) => this.heartbeat(n, signal)));
    }
  }

  private async heartbeat(n: SimulatedNode, signal: AbortSignal): Promise<void> {
    const st = this.state.get(n.name);
    if (!st) return;
    try {
      if (!st.registered) await this.registerOne(n, signal);
      await this.renewLease(n, st, signal);
      const due = this.clock.now() - st.lastReport >= (this.o.statusReportMs ?? 300_000);
      if (due || st.reportedImages !== n.imagesVersion) await this.reportStatus(n, st, signal, due);
    } catch (e) {
      if (!signal.aborted) this.logger.warn({ node: n.name, err: describeError(e) }, 'node heartbeat failed');
    }
  }

  private async registerOne(n: SimulatedNode, signal: AbortSignal): Promise<void> {
    const st = this.state.get(n.name);
    if (!st) return;
    const { client } = this.o;
    const now = this.clock.now();
    let node = await client.get(resources.nodes, n.name, { signal });
    let fresh = false;
    if (!node) {
      try {
        node = await client.create(resources.nodes, registrationNode(n.config, n.podCIDR, this.o.facts, now), { signal });
        fresh = true;
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        node = await client.get(resources.nodes, n.name, { signal });
      }
    }
    if (!node) throw new Error(`node ${n.name} vanished while registering`);
    if (!fresh) {
      // As kubelet does on restart: its default labels (and here the configured ones) are put back.
      const labels = nodeLabels(n.config);
      const annotations = nodeAnnotations(n.config);
      const missing = (want: Record<string, string>, have: Record<string, string> | undefined): boolean => Object.entries(want).some(([k, v]) => have?.[k] !== v);
      if (missing(labels, node.metadata?.labels) || missing(annotations, node.metadata?.annotations)) {
        node = await client.patch(resources.nodes, n.name, { metadata: { labels, annotations } }, { type: 'merge', signal });
      }
    }
    st.registered = true;
    await this.reportStatus(n, st, signal, true, node);
    await this.renewLease(n, st, signal, node);
    if (fresh) this.announce(n);
    this.logger.info({ node: n.name, podCIDR: n.podCIDR, fresh }, 'node registered');
  }

  /** kubelet's events when it starts and registers. */
  private announce(n: SimulatedNode): void {
    const ref = { apiVersion: 'v1', kind: 'Node', name: n.name, uid: n.name };
    const r = n.recorder;
    r.event(ref, 'Normal', 'Starting', 'Starting kubelet.');
    for (const c of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) r.event(ref, 'Normal', c, `Node ${n.name} status is now: ${c}`);
    r.event(ref, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    r.event(ref, 'Normal', 'NodeReady', `Node ${n.name} status is now: NodeReady`);
  }

  private async reportStatus(n: SimulatedNode, st: NodeState, signal: AbortSignal, force: boolean, current?: Node): Promise<void> {
    const node = current ?? this.o.informer.get('', n.name) ?? (await this.o.client.get(resources.nodes, n.name, { signal }));
    if (!node) {
      st.registered = false;
      return;
    }
    const now = this.clock.now();
    const images = n.imagesVersion;
    const status = nodeStatus(n.config, this.o.facts, now, n.images(), node.status);
    if (!force && !nodeStatusChanged(node.status, status)) {
      st.reportedImages = images;
      return;
    }
    try {
      await this.o.client.updateStatus(resources.nodes, { ...node, status }, { signal });
      st.lastReport = now;
      st.reportedImages = images;
    } catch (e) {
      if (isNotFound(e)) st.registered = false;
      else if (!isConflict(e)) throw e;
    }
  }

  private async renewLease(n: SimulatedNode, st: NodeState, signal: AbortSignal, node?: Node): Promise<void> {
    const { client } = this.o;
    const now = microTime(this.clock.now());
    const spec = { holderIdentity: n.name, leaseDurationSeconds: this.o.leaseDurationSeconds ?? 40, renewTime: now };
    if (st.lease) {
      try {
        st.lease = await client.update(resources.leases, { ...st.lease, spec: { ...st.lease.spec, ...spec } }, { signal });
        return;
      } catch (e) {
        if (!isConflict(e) && !isNotFound(e)) throw e;
        st.lease = undefined;
      }
    }
    const existing = await client.get(resources.leases, n.name, { namespace: NODE_LEASE_NAMESPACE, signal });
    if (existing) {
      st.lease = await client.update(resources.leases, { ...existing, spec: { ...existing.spec, ...spec } }, { signal });
      return;
    }
    const owner = node ?? this.o.informer.get('', n.name);
    const lease: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: n.name,
        namespace: NODE_LEASE_NAMESPACE,
        ...(owner?.metadata?.uid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: n.name, uid: owner.metadata.uid }] } : {}),
      },
      spec,
    };
    try {
      st.lease = await client.create(resources.leases, lease, { signal });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
}
