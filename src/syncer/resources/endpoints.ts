/**
 * Endpoints: virtual → host, owned by vcluster, only for Services without a selector (spec §3.3).
 * For Services with a selector the host's endpoints controller keeps the host Endpoints itself
 * (copying our Service's labels onto them, which is why they count as ours here) and vcluster
 * removes a copy it had made before.
 */
import type { Endpoints } from 'kubernetes-types/core/v1.js';
import { MARKER_LABEL } from '../../api/labels.js';
import { resources } from '../../client/index.js';
import { syncMapperFrom } from '../engine-templates.js';
import { isTargetedNamespace, serviceMapper, type NamespacedName } from '../names.js';
import { NO_CHANGE, watchSpec, type ResourceSyncer, type SyncContext, type SyncerSetup, type SyncMapper, type SyncResult } from '../types.js';
import { ENDPOINTS_GVK, endpointsOwner, syncEndpoints, toHostEndpoints, writtenByVcluster } from './endpoints.translate.js';
import { isKubernetesService } from './services.js';

function serviceOf(ctx: SyncContext, name: NamespacedName) {
  return ctx.virtual.cache(resources.services).get(name.namespace, name.name);
}

/**
 * Ours: written by vcluster, or made by the host's endpoints controller for our host Service (it
 * copies the Service's `managed-by` label), in our host namespace.
 */
export function endpointsMapper<T extends Endpoints>(setup: SyncerSetup, base: SyncMapper<T>): SyncMapper<T> {
  return {
    ...base,
    isManaged: (ctx, host) =>
      base.isManaged(ctx, host) ||
      (host.metadata?.labels?.[MARKER_LABEL] === setup.names.vclusterName && isTargetedNamespace(setup.names, host.metadata.namespace ?? '')),
  };
}

export function endpointsSyncer(setup: SyncerSetup): ResourceSyncer<Endpoints> {
  return {
    type: 'resource',
    name: 'endpoints',
    resource: resources.endpoints,
    gvk: ENDPOINTS_GVK,
    mapper: endpointsMapper(setup, syncMapperFrom<Endpoints>((lookup) => serviceMapper(setup.names, ENDPOINTS_GVK, lookup), setup.mappings)),
    skip: (_ctx, key) => isKubernetesService(key),
    caches: [{ side: 'virtual', resource: resources.services }],
    // A Service gaining or losing its selector changes who manages its Endpoints.
    watches: [watchSpec({ side: 'virtual', resource: resources.services, map: (_ctx, svc) => [`${svc.metadata?.namespace ?? ''}/${svc.metadata?.name ?? ''}`] })],
    toHost(ctx, event): SyncResult<Endpoints> {
      if (event.virtual.metadata?.deletionTimestamp !== undefined) return NO_CHANGE;
      if (endpointsOwner(serviceOf(ctx, { name: event.virtual.metadata?.name ?? '', namespace: event.virtual.metadata?.namespace ?? '' })) !== 'vcluster') return NO_CHANGE;
      if (event.hostOld !== undefined && writtenByVcluster(event.hostOld)) return { virtual: { op: 'delete', reason: 'the host endpoints were deleted' } };
      return { host: { op: 'create', object: toHostEndpoints(ctx.names, event.virtual, event.hostName, ctx.owner) } };
    },
    sync(ctx, event): SyncResult<Endpoints> {
      switch (endpointsOwner(serviceOf(ctx, event.virtualName))) {
        case 'nobody':
          return NO_CHANGE;
        case 'host':
          return writtenByVcluster(event.host) ? { host: { op: 'delete', reason: 'the service has a selector; the host manages its endpoints' } } : NO_CHANGE;
        case 'vcluster': {
          // Left over from when the Service had a selector: replace it with our copy.
          if (!writtenByVcluster(event.host)) return { host: { op: 'delete', reason: 'made by the host for a selector that is gone' }, requeueAfterMs: 100 };
          const { virtual, host } = syncEndpoints(ctx.names, event);
          return { virtual: { op: 'update', object: virtual }, host: { op: 'update', object: host } };
        }
      }
    },
    toVirtual(_ctx, event) {
      return writtenByVcluster(event.host) && event.host.metadata?.deletionTimestamp === undefined
        ? { host: { op: 'delete', reason: 'the virtual endpoints were deleted' } }
        : NO_CHANGE;
    },
  };
}
