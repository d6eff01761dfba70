import { jsonEqual } from '../lib/json.js';
import type { Endpoints, Pod } from 'kubernetes-types/core/v1.js';
import { resources, splitKey } from '../client/index.js';
import type { Controller, ObjectEvent } from '../runtime/index.js';
import { computeEndpointSubsets, endpointsLabels, OVER_CAPACITY_ANNOTATION, truncateEndpointSubsets } from './endpoints-subsets.js';
import type { ControllerContext } from './shared/context.js';
import { sameLabels } from './shared/labels.js';
import { isNamespaceTerminating } from './service-account.js';
import { podEndpointsChanged, selectedPods, servesEndpoints, serviceKeysForPod } from './shared/service-pods.js';

export const ENDPOINTS_CONTROLLER = 'endpoints-controller';
/** Endpoints objects used as leader-election locks by old components: never ours to delete. */
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const WORKERS = 5;

/** The API server's own Endpoints, which no controller touches. */
export function isApiServerEndpoints(namespace: string, name: string): boolean {
  return namespace === 'default' && name === 'kubernetes';
}

/** Pod events that can change some service's endpoints. */
export function podEventMatters(e: ObjectEvent<Pod>): boolean {
  if (e.type !== 'update') return true;
  const changed = podEndpointsChanged(e.old, e.obj);
  return changed.endpoints || changed.membership;
}

/**
 * kube's endpoints controller: every Service with a selector has an Endpoints object of the same
 * name listing its pods (see computeEndpointSubsets); it goes when the Service goes. Services
 * without a selector keep whatever Endpoints their users write.
 */
export function endpointsController(ctx: ControllerContext): Controller {
  const services = ctx.informer(resources.services);
  const pods = ctx.informer(resources.pods);
  const endpoints = ctx.informer(resources.endpoints);

  const reconcile = async (key: string, signal: AbortSignal): Promise<void> => {
    const { namespace, name } = splitKey(key);
    if (isApiServerEndpoints(namespace, name)) return;
    const service = services.get(namespace, name);
    if (!service) {
      await ctx.client.delete(resources.endpoints, name, { namespace, signal });
      return;
    }
    if (!servesEndpoints(service)) return;
    const computed = computeEndpointSubsets(service, selectedPods(service, pods.list(namespace)));
    const { subsets, truncated } = truncateEndpointSubsets(computed);
    const labels = endpointsLabels(service);
    const current = endpoints.get(namespace, name);
    const { [OVER_CAPACITY_ANNOTATION]: _capacity, ...otherAnnotations } = current?.metadata?.annotations ?? {};
    const annotations: Record<string, string> = truncated ? { ...otherAnnotations, [OVER_CAPACITY_ANNOTATION]: 'truncated' } : otherAnnotations;

    if (current) {
      if (jsonEqual(current.subsets ?? [], subsets) && sameLabels(current.metadata?.labels, labels) && sameLabels(current.metadata?.annotations, annotations)) return;
      await ctx.client.update(resources.endpoints, { ...current, metadata: { ...current.metadata, labels, annotations }, subsets }, { signal });
      return;
    }
    const created: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace, labels, ...(truncated ? { annotations } : {}) }, subsets };
    try {
      await ctx.client.create(resources.endpoints, created, { signal });
    } catch (e) {
      // Nothing can be created in a terminating namespace, and nothing needs to be.
      if (isNamespaceTerminating(e)) return;
      throw e;
    }
  };

  return ctx
    .controller({ name: ENDPOINTS_CONTROLLER, workers: WORKERS, reconcile })
    .watch(services)
    .watch(pods, { map: (pod) => serviceKeysForPod(services.list(pod.metadata?.namespace ?? ''), pod), predicate: podEventMatters })
    .watch(endpoints, {
      // At start every Endpoints is checked (leftovers of deleted services go); later only deletions matter.
      map: (ep) => (ep.metadata?.annotations?.[LEADER_ANNOTATION] !== undefined ? [] : [`${ep.metadata?.namespace ?? ''}/${ep.metadata?.name ?? ''}`]),
      predicate: (e) => e.type === 'delete',
    });
}
