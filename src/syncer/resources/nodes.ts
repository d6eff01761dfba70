/**
 * Fake nodes — virtual only: a made-up virtual Node for each node a synced pod runs on, deleted
 * when no pod uses it any more (spec §3.12, §4.8). Host nodes are never read.
 */
import { randomBytes } from 'node:crypto';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { resources } from '../../client/index.js';
import type { NamespacedName } from '../names.js';
import { indexSpec, NO_CHANGE, watchSpec, type SyncContext, type SyncResult, type VirtualSyncer } from '../types.js';
import { fakeGuid, fakeNode, fakeNodeAddresses, goArch, isNodeNeeded } from './nodes.translate.js';

/** Pods (virtual, and our host pods) by `spec.nodeName`. */
export const PODS_BY_NODE_INDEX = 'fake-nodes-node-name';

const HEX = '0123456789abcdef';

function nodeNameOf(pod: Pod): string[] {
  const name = pod.spec?.nodeName ?? '';
  return name === '' ? [] : [name];
}

function randomChars(length: number): string {
  return [...randomBytes(length)].map((b) => HEX[b % HEX.length] ?? '0').join('');
}

function needed(ctx: SyncContext, name: string): boolean {
  const virtualPods = ctx.virtual.cache(resources.pods).byIndex(PODS_BY_NODE_INDEX, name);
  const hostPods = ctx.host.cache(resources.pods).byIndex(PODS_BY_NODE_INDEX, name);
  return isNodeNeeded(name, virtualPods, hostPods);
}

class FakeNodeSyncer implements VirtualSyncer<Node> {
  readonly type = 'virtual';
  readonly name = 'fake-nodes';
  readonly resource = resources.nodes;
  readonly hasStatus = true;
  readonly caches = [
    { side: 'virtual', resource: resources.pods },
    { side: 'host', resource: resources.pods },
  ] as const;
  readonly indexes = [
    indexSpec<Pod>({ side: 'virtual', resource: resources.pods, name: PODS_BY_NODE_INDEX, fn: nodeNameOf }),
    indexSpec<Pod>({ side: 'host', resource: resources.pods, name: PODS_BY_NODE_INDEX, fn: nodeNameOf }),
  ];
  readonly watches = [
    watchSpec<Pod>({ side: 'virtual', resource: resources.pods, map: (_ctx, pod) => nodeNameOf(pod) }),
    watchSpec<Pod>({ side: 'host', resource: resources.pods, map: (_ctx, pod) => nodeNameOf(pod) }),
  ];

  constructor(private readonly byHostname: boolean) {}

  toVirtual(ctx: SyncContext, key: NamespacedName): SyncResult<Node> {
    if (!needed(ctx, key.name)) return NO_CHANGE;
    ctx.logger.debug({ node: key.name }, 'create fake node');
    const node = fakeNode(key.name, {
      byHostname: this.byHostname,
      arch: goArch(process.arch),
      now: `${new Date(ctx.clock.now()).toISOString().slice(0, 19)}Z`,
      bootID: fakeGuid(randomChars),
      machineID: fakeGuid(randomChars),
      systemUUID: fakeGuid(randomChars),
    });
    return { virtual: { op: 'create', object: node } };
  }

  sync(ctx: SyncContext, node: Node): SyncResult<Node> {
    const name = node.metadata?.name ?? '';
    if (!needed(ctx, name)) {
      ctx.logger.debug({ node: name }, 'delete fake node: no pod uses it');
      return { virtual: { op: 'delete', reason: 'no pod runs on the node any more' } };
    }
    const addresses = fakeNodeAddresses(node, undefined);
    if (addresses === undefined) return NO_CHANGE;
    return { virtual: { op: 'update', object: { ...node, status: { ...node.status, addresses } } } };
  }
}

export function fakeNodeSyncer(options: { readonly byHostname: boolean }): VirtualSyncer<Node> {
  return new FakeNodeSyncer(options.byHostname);
}
