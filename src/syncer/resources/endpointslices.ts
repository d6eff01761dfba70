/**
 * EndpointSlices: virtual → host, owned by vcluster, only for Services without a selector (spec
 * §3.3); for the others the host's EndpointSlice controller makes the host slices from the host
 * Service. A slice vcluster copied before its Service got a selector is removed.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { resources } from '../../client/index.js';
import { syncMapperFrom } from '../engine-templates.js';
import { serviceMapper } from '../names.js';
import { indexSpec, NO_CHANGE, watchSpec, type ResourceSyncer, type SyncContext, type SyncerSetup, type SyncResult } from '../types.js';
import { endpointsOwner, writtenByVcluster, type EndpointsOwner } from './endpoints.translate.js';
import { ENDPOINTSLICE_GVK, serviceOfSlice, syncEndpointSlice, toHostEndpointSlice } from './endpointslices.translate.js';
import { isKubernetesService } from './services.js';

/** Virtual EndpointSlices by the `namespace/name` of their Service. */
export const SLICES_BY_SERVICE_INDEX = 'vcluster.loft.sh/endpointslices-by-service';

function ownerOf(ctx: SyncContext, slice: EndpointSlice): EndpointsOwner {
  const service = serviceOfSlice(slice);
  if (service === undefined) return 'nobody';
  return endpointsOwner(ctx.virtual.cache(resources.services).get(service.namespace, service.name));
}

export function endpointSliceSyncer(setup: SyncerSetup): ResourceSyncer<EndpointSlice> {
  return {
    type: 'resource',
    name: 'endpointslices',
    resource: resources.endpointSlices,
    gvk: ENDPOINTSLICE_GVK,
    mapper: syncMapperFrom((lookup) => serviceMapper(setup.names, ENDPOINTSLICE_GVK, lookup), setup.mappings),
    skip: (_ctx, key) => isKubernetesService(key),
    caches: [{ side: 'virtual', resource: resources.services }],
    indexes: [
      indexSpec({
        side: 'virtual',
        resource: resources.endpointSlices,
        name: SLICES_BY_SERVICE_INDEX,
        fn: (slice) => {
          const service = serviceOfSlice(slice);
          return service === undefined ? [] : [`${service.namespace}/${service.name}`];
        },
      }),
    ],
    watches: [
      watchSpec({
        side: 'virtual',
        resource: resources.services,
        map: (ctx, svc) =>
          ctx.virtual
            .cache(resources.endpointSlices)
            .byIndex(SLICES_BY_SERVICE_INDEX, `${svc.metadata?.namespace ?? ''}/${svc.metadata?.name ?? ''}`)
            .map((slice) => `${slice.metadata?.namespace ?? ''}/${slice.metadata?.name ?? ''}`),
      }),
    ],
    toHost(ctx, event): SyncResult<EndpointSlice> {
      if (event.virtual.metadata?.deletionTimestamp !== undefined || ownerOf(ctx, event.virtual) !== 'vcluster') return NO_CHANGE;
      if (event.hostOld !== undefined && writtenByVcluster(event.hostOld)) return { virtual: { op: 'delete', reason: 'the host endpoint slice was deleted' } };
      return { host: { op: 'create', object: toHostEndpointSlice(ctx.names, event.virtual, event.hostName, ctx.owner) } };
    },
    sync(ctx, event): SyncResult<EndpointSlice> {
      switch (ownerOf(ctx, event.virtual)) {
        case 'nobody':
          return NO_CHANGE;
        case 'host':
          return writtenByVcluster(event.host) ? { host: { op: 'delete', reason: 'the service has a selector; the host manages its slices' } } : NO_CHANGE;
        case 'vcluster': {
          const { virtual, host } = syncEndpointSlice(ctx.names, event);
          return { virtual: { op: 'update', object: virtual }, host: { op: 'update', object: host } };
        }
      }
    },
    toVirtual(_ctx, event) {
      return writtenByVcluster(event.host) && event.host.metadata?.deletionTimestamp === undefined
        ? { host: { op: 'delete', reason: 'the virtual endpoint slice was deleted' } }
        : NO_CHANGE;
    },
  };
}
