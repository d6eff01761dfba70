/**
 * The virtual `default/kubernetes` Service, Endpoints and EndpointSlice: virtual only, derived from
 * the vcluster's own host Service and Endpoints (named after the vcluster, in its namespace), so
 * that pods see the API server at the address the host routes to it.
 */
import type { Endpoints, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { resources, type ResourceRef } from '../../client/index.js';
import { currentNamespaceOf, type NamespacedName } from '../names.js';
import { jsonEqual } from '../metadata.translate.js';
import { NO_CHANGE, watchSpec, type SyncContext, type SyncResult, type VirtualSyncer } from '../types.js';
import {
  KUBERNETES_SERVICE,
  kubernetesEndpointSlice,
  kubernetesEndpointSubsets,
  kubernetesEndpoints,
  newKubernetesService,
  planKubernetesService,
} from './services-kubernetes.translate.js';

const KEY = `${KUBERNETES_SERVICE.namespace}/${KUBERNETES_SERVICE.name}`;

const notKubernetes = (_ctx: SyncContext, key: NamespacedName): boolean =>
  key.namespace !== KUBERNETES_SERVICE.namespace || key.name !== KUBERNETES_SERVICE.name;

function isOwn(ctx: SyncContext, obj: { metadata?: { name?: string; namespace?: string } }): boolean {
  return obj.metadata?.name === ctx.names.vclusterName && obj.metadata.namespace === currentNamespaceOf(ctx.names);
}

function hostService(ctx: SyncContext): Service | undefined {
  return ctx.host.cache(resources.services, 'own').get(currentNamespaceOf(ctx.names), ctx.names.vclusterName);
}

function hostEndpoints(ctx: SyncContext): Endpoints | undefined {
  return ctx.host.cache(resources.endpoints, 'own').get(currentNamespaceOf(ctx.names), ctx.names.vclusterName);
}

/** `default/kubernetes` Service: cluster IP and ports of the vcluster's host Service. */
export function kubernetesServiceSyncer(): VirtualSyncer<Service> {
  return {
    type: 'virtual',
    name: 'kubernetes-service',
    resource: resources.services,
    workers: 1,
    skip: notKubernetes,
    caches: [{ side: 'host', resource: resources.services, selection: 'own' }],
    watches: [watchSpec({ side: 'host', resource: resources.services, selection: 'own', map: (ctx, svc) => (isOwn(ctx, svc) ? [KEY] : []) })],
    toVirtual(ctx) {
      return { virtual: { op: 'create', object: newKubernetesService(hostService(ctx), ctx.virtualApiServer) } };
    },
    sync(ctx, virtual): SyncResult<Service> {
      const plan = planKubernetesService(virtual, hostService(ctx), ctx.virtualApiServer);
      switch (plan.kind) {
        case 'none':
          return NO_CHANGE;
        case 'update':
          return { virtual: { op: 'update', object: plan.object } };
        case 'recreate':
          return { virtual: { op: 'recreate', object: plan.object, fallback: plan.fallback, reason: 'take the cluster IP of the vcluster service' } };
      }
    },
  };
}

/**
 * A `default/kubernetes` object derived from the vcluster's own host Endpoints alone: one key,
 * rebuilt whenever those Endpoints change.
 */
function hostEndpointsFollower<T extends Endpoints | EndpointSlice>(
  name: string,
  resource: ResourceRef<T>,
  desired: (ctx: SyncContext, virtual: T | undefined) => SyncResult<T>,
): VirtualSyncer<T> {
  return {
    type: 'virtual',
    name,
    resource,
    workers: 1,
    skip: notKubernetes,
    caches: [{ side: 'host', resource: resources.endpoints, selection: 'own' }],
    watches: [watchSpec({ side: 'host', resource: resources.endpoints, selection: 'own', map: (ctx, ep) => (isOwn(ctx, ep) ? [KEY] : []) })],
    toVirtual: (ctx) => desired(ctx, undefined),
    sync: (ctx, virtual) => desired(ctx, virtual),
  };
}

/** `default/kubernetes` Endpoints: the addresses of the vcluster's host Endpoints. */
export function kubernetesEndpointsSyncer(): VirtualSyncer<Endpoints> {
  return hostEndpointsFollower('kubernetes-endpoints', resources.endpoints, (ctx, virtual) => {
    const subsets = kubernetesEndpointSubsets(hostEndpoints(ctx));
    if (subsets === undefined) return NO_CHANGE;
    if (virtual !== undefined && jsonEqual(virtual.subsets ?? [], subsets)) return NO_CHANGE;
    return { virtual: { op: virtual === undefined ? 'create' : 'update', object: kubernetesEndpoints(virtual, subsets) } };
  });
}

/** `default/kubernetes` EndpointSlice, kept in step with the Endpoints. */
export function kubernetesEndpointSliceSyncer(): VirtualSyncer<EndpointSlice> {
  return hostEndpointsFollower('kubernetes-endpointslice', resources.endpointSlices, (ctx, virtual) => {
    const subsets = kubernetesEndpointSubsets(hostEndpoints(ctx));
    if (subsets === undefined) return NO_CHANGE;
    const object = kubernetesEndpointSlice(virtual, subsets);
    if (virtual !== undefined && jsonEqual(virtual, object)) return NO_CHANGE;
    return { virtual: { op: virtual === undefined ? 'create' : 'update', object } };
  });
}
