/**
 * The two sides as the syncers see them: a client and shared watch caches. Virtual caches cover
 * the whole virtual cluster; host caches only ever cover the vcluster's host namespace, and by
 * default only objects labelled `vcluster.loft.sh/managed-by=<vcluster name>`, so several
 * vclusters on one host never see each other's objects.
 */
import { MARKER_LABEL } from '../api/labels.js';
import type { KubeClient, Logger, Clock, ObjectLike, ResourceRef } from '../client/index.js';
import { InformerFactory, type Informer, type SharedInformerOptions } from '../runtime/index.js';
import { currentNamespaceOf, type NameContext } from './names.js';
import type { ClusterAccess, HostSelection, SyncSide } from './types.js';

/** The label selector of host caches with the `managed` selection. */
export function managedSelector(names: NameContext): string {
  return `${MARKER_LABEL}=${names.vclusterName}`;
}

export class ClusterCaches implements ClusterAccess {
  readonly factory: InformerFactory;

  constructor(
    readonly side: SyncSide,
    readonly client: KubeClient,
    private readonly names: NameContext,
    options: { readonly clock: Clock; readonly logger: Logger },
  ) {
    this.factory = new InformerFactory(client, { clock: options.clock, logger: options.logger });
  }

  /** The selection of a cache on this side. */
  selection(selection: HostSelection = 'managed'): SharedInformerOptions<ObjectLike> {
    if (this.side === 'virtual') return {};
    switch (selection) {
      case 'managed':
        return { namespace: this.names.hostNamespace, labelSelector: managedSelector(this.names) };
      case 'namespace':
        return { namespace: this.names.hostNamespace };
      case 'own':
        return { namespace: currentNamespaceOf(this.names), fieldSelector: `metadata.name=${this.names.vclusterName}` };
    }
  }

  informer<T extends ObjectLike>(ref: ResourceRef<T>, selection?: HostSelection): Informer<T> {
    if (this.side === 'host' && !ref.namespaced) {
      // Cluster-scoped host objects are outside the host namespace: no syncer of ours reads them yet.
      throw new Error(`host cache of cluster-scoped ${ref.resource} is not allowed`);
    }
    return this.factory.informer(ref, this.selection(selection) as SharedInformerOptions<T>);
  }

  cache<T extends ObjectLike>(ref: ResourceRef<T>, selection?: HostSelection): Informer<T> {
    return this.informer(ref, selection);
  }
}
