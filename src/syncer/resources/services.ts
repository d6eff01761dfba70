/**
 * Services: virtual → host, owned by vcluster; type, ports and a few other spec fields both ways,
 * the host's cluster IP and load-balancer status back to the virtual cluster (spec §3.2). The host
 * copy is kept when the virtual Service is re-created (no UID deletion), so it keeps its IP.
 * `default/kubernetes` is handled by services-kubernetes.ts.
 */
import type { Service } from 'kubernetes-types/core/v1.js';
import { BLOCK_DELETION_ANNOTATION } from '../../api/labels.js';
import { resources } from '../../client/index.js';
import { syncMapperFrom, toHostTemplate, toVirtualTemplate } from '../engine-templates.js';
import { serviceMapper, type NamespacedName } from '../names.js';
import type { ResourceSyncer, SyncerSetup, SyncResult } from '../types.js';
import { importService, SERVICE_GVK, syncService, toHostService, toHostServiceWithVirtualIp } from './services.translate.js';

/** The virtual cluster's own API service, synced by services-kubernetes.ts instead. */
export function isKubernetesService(key: NamespacedName): boolean {
  return key.namespace === 'default' && key.name === 'kubernetes';
}

/** The API proxy creates such host services before the virtual ones: give it time (spec §3.2). */
const BLOCK_DELETION_MS = 120_000;
const BLOCK_DELETION_RETRY_MS = 10_000;
/** Let the caches see the re-created virtual Service before looking again. */
const AFTER_RECREATE_MS = 100;

export function serviceSyncer(setup: SyncerSetup): ResourceSyncer<Service> {
  return {
    type: 'resource',
    name: 'services',
    resource: resources.services,
    gvk: SERVICE_GVK,
    mapper: syncMapperFrom((lookup) => serviceMapper(setup.names, SERVICE_GVK, lookup), setup.mappings),
    hasStatus: true,
    disableUidDeletion: true,
    skip: (_ctx, key) => isKubernetesService(key),
    toHost(ctx, event): SyncResult<Service> {
      const result = toHostTemplate(event, () => toHostService(ctx.names, event.virtual, event.hostName, ctx.owner));
      if (result.host?.op !== 'create') return result;
      const sameIp = toHostServiceWithVirtualIp(result.host.object, event.virtual);
      return sameIp === undefined ? result : { host: { op: 'create', object: sameIp, fallback: result.host.object } };
    },
    sync(ctx, event): SyncResult<Service> {
      const plan = syncService(ctx.names, event, event.hostName, ctx.owner);
      switch (plan.kind) {
        case 'recreate-virtual':
          return {
            virtual: { op: 'recreate', object: plan.object, fallback: plan.fallback, reason: 'take the cluster IP of the host service' },
            requeueAfterMs: AFTER_RECREATE_MS,
          };
        case 'recreate-host':
          return { host: { op: 'recreate', object: plan.object, reason: 'switching to or from ExternalName' }, requeueAfterMs: AFTER_RECREATE_MS };
        case 'update':
          return { virtual: { op: 'update', object: plan.virtual }, host: { op: 'update', object: plan.host } };
      }
    },
    toVirtual(ctx, event) {
      const host = event.host;
      const created = Date.parse(host.metadata?.creationTimestamp ?? '');
      if (host.metadata?.annotations?.[BLOCK_DELETION_ANNOTATION] === 'true' && Number.isFinite(created) && ctx.clock.now() - created < BLOCK_DELETION_MS) {
        return { requeueAfterMs: BLOCK_DELETION_RETRY_MS };
      }
      return toVirtualTemplate(event, SERVICE_GVK, () => importService(ctx.names, host, event.virtualName));
    },
  };
}
