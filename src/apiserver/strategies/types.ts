import type { KubeObject } from '../../api/object.js';
import type { ClusterIpAllocator, NodePortAllocator } from './allocators.js';

/** Read access to other objects, for admission decisions. */
export interface ClusterReader {
  get(group: string, resource: string, namespace: string, name: string): Promise<KubeObject | undefined>;
  list(group: string, resource: string, namespace: string): Promise<KubeObject[]>;
}

export interface StrategyDeps {
  readonly cluster: ClusterReader;
  readonly clusterIps: ClusterIpAllocator;
  readonly nodePorts: NodePortAllocator;
}
