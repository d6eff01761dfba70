import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { resources, splitKey } from '../client/index.js';
import type { Controller, IndexFunc } from '../runtime/index.js';
import { podEventMatters } from './endpoints.js';
import { desiredEndpointGroups, ENDPOINTSLICE_CONTROLLER_NAME, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, serviceAddressTypes, type AddressType, type EndpointGroup } from './endpointslice-desired.js';
import { planEndpointSlices } from './endpointslice-plan.js';
import { EndpointSliceTracker } from './endpointslice-tracker.js';
import type { ControllerContext } from './shared/context.js';
import { isNamespaceTerminating } from './service-account.js';
import { selectedPods, servesEndpoints, serviceKeysForPod } from './shared/service-pods.js';

export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller';
const WORKERS = 5;
const ZONE_LABEL = 'topology.kubernetes.io/zone';
/** Slices managed by this controller, by `namespace/service`. */
const SERVICE_INDEX = 'endpointslice-service';

/** The key of the service a slice belongs to, if this controller manages it. */
export function managedSliceServiceKey(slice: EndpointSlice): string | undefined {
  const labels = slice.metadata?.labels ?? {};
  const service = labels[SERVICE_NAME_LABEL];
  if (labels[MANAGED_BY_LABEL] !== ENDPOINTSLICE_CONTROLLER_NAME || service === undefined || service === '') return undefined;
  return `${slice.metadata?.namespace ?? ''}/${service}`;
}

const byService: IndexFunc<EndpointSlice> = (slice) => {
  const key = managedSliceServiceKey(slice);
  return key === undefined ? [] : [key];
};

/**
 * kube's endpointslice controller: every Service with a selector has discovery.k8s.io/v1
 * EndpointSlices (owned by it, so the garbage collector removes them with it) listing its pods
 * with ready/serving/terminating conditions, at most maxEndpointsPerSlice per slice.
 */
export function endpointSliceController(ctx: ControllerContext): Controller {
  const services = ctx.informer(resources.services);
  const pods = ctx.informer(resources.pods);
  const nodes = ctx.informer(resources.nodes);
  const slices = ctx.informer(resources.endpointSlices, { indexers: { [SERVICE_INDEX]: byService } });
  const tracker = new EndpointSliceTracker(() => ctx.clock.now());
  slices.addHandler({
    onDelete: (slice) => {
      const key = managedSliceServiceKey(slice);
      if (key !== undefined) tracker.observedDeletion(key, slice.metadata?.name ?? '');
    },
  });
  const zoneOf = (node: string): string | undefined => nodes.get('', node)?.metadata?.labels?.[ZONE_LABEL];

  const reconcile = async (key: string, signal: AbortSignal): Promise<{ requeueAfterMs: number } | undefined> => {
    const { namespace, name } = splitKey(key);
    const service = services.get(namespace, name);
    if (!service) {
      // Its slices are owned by it: the garbage collector deletes them.
      tracker.forgetService(key);
      return undefined;
    }
    if (!servesEndpoints(service)) return undefined;
    const existing = slices.byIndex(SERVICE_INDEX, key);
    // Writes of ours the cache has not shown yet: acting now could duplicate them.
    if (!tracker.upToDate(key, existing)) return { requeueAfterMs: 1000 };
    const selected = selectedPods(service, pods.list(namespace));
    const desired = new Map<AddressType, Map<string, EndpointGroup>>(serviceAddressTypes(service).map((t) => [t, desiredEndpointGroups(service, selected, t, zoneOf)]));
    const plan = planEndpointSlices({ service, desired, existing, maxEndpointsPerSlice: ctx.tuning.maxEndpointsPerSlice });
    // Creates and updates before deletes, so that no endpoint is briefly missing.
    for (const slice of plan.create) {
      try {
        tracker.created(key, await ctx.client.create(resources.endpointSlices, slice, { signal }));
      } catch (e) {
        if (isNamespaceTerminating(e)) return undefined;
        throw e;
      }
    }
    for (const slice of plan.update) {
      await ctx.client.update(resources.endpointSlices, slice, { signal });
      tracker.updated(key, slice);
    }
    for (const slice of plan.delete) {
      await ctx.client.delete(resources.endpointSlices, slice.metadata?.name ?? '', { namespace, preconditions: { uid: slice.metadata?.uid ?? '' }, signal });
      tracker.deleted(key, slice);
    }
    return undefined;
  };

  return ctx
    .controller({ name: ENDPOINTSLICE_CONTROLLER, workers: WORKERS, reconcile })
    .watch(services)
    .watch(pods, { map: (pod) => serviceKeysForPod(services.list(pod.metadata?.namespace ?? ''), pod), predicate: podEventMatters })
    .watch(slices, { map: (slice) => byService(slice) });
}
