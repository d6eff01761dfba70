/**
 * Secrets: virtual → host; the host copy is owned by vcluster; data flows both ways. Only Secrets
 * a virtual pod (or, with ingress sync, an ingress) uses, force-synced ones, or all with
 * `all: true` are on the host; one that is no longer used is removed from the host.
 */
import type { Pod, Secret } from 'kubernetes-types/core/v1.js';
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import { resources } from '../../client/index.js';
import { syncMapperFrom, toHostTemplate, toVirtualTemplate } from '../engine-templates.js';
import { namespacedMapper, type NamespacedName } from '../names.js';
import { indexSpec, NO_CHANGE, watchSpec, type IndexSpec, type ResourceSyncer, type SyncContext, type SyncerSetup, type WatchSpec } from '../types.js';
import { isUsed, keysIn, sameKeys } from './configmaps.translate.js';
import { importSecret, SECRET_GVK, secretKeysUsedByIngress, secretsUsedByPod, syncSecret, toHostSecret } from './secrets.translate.js';

/** Virtual pods by the `namespace/name` of each Secret they use. */
export const PODS_BY_SECRET_INDEX = 'vcluster.loft.sh/pods-by-secret';
/** Virtual ingresses by the `namespace/name` of each Secret they use. */
export const INGRESSES_BY_SECRET_INDEX = 'vcluster.loft.sh/ingresses-by-secret';

const podSecretKeys = (pod: Pod): string[] => keysIn(pod.metadata?.namespace, secretsUsedByPod(pod));

function used(ctx: SyncContext, secret: Secret, name: NamespacedName): boolean {
  const key = `${name.namespace}/${name.name}`;
  const byPods = ctx.virtual.cache(resources.pods).countByIndex(PODS_BY_SECRET_INDEX, key) > 0;
  const byIngresses = ctx.config.sync.ingresses && ctx.virtual.cache(resources.ingresses).countByIndex(INGRESSES_BY_SECRET_INDEX, key) > 0;
  return isUsed(secret, { all: ctx.config.secrets.all, used: byPods || byIngresses });
}

export function secretSyncer(setup: SyncerSetup): ResourceSyncer<Secret> {
  const indexes: IndexSpec[] = [indexSpec({ side: 'virtual', resource: resources.pods, name: PODS_BY_SECRET_INDEX, fn: podSecretKeys })];
  const watches: WatchSpec[] = [watchSpec({ side: 'virtual', resource: resources.pods, map: (_ctx, pod) => podSecretKeys(pod), updateMatters: (old, pod) => !sameKeys(podSecretKeys(old), podSecretKeys(pod)) })];
  if (setup.config.sync.ingresses) {
    indexes.push(indexSpec({ side: 'virtual', resource: resources.ingresses, name: INGRESSES_BY_SECRET_INDEX, fn: (i: Ingress) => secretKeysUsedByIngress(i) }));
    watches.push(watchSpec({ side: 'virtual', resource: resources.ingresses, map: (_ctx, i) => secretKeysUsedByIngress(i) }));
  }
  return {
    type: 'resource',
    name: 'secrets',
    resource: resources.secrets,
    gvk: SECRET_GVK,
    mapper: syncMapperFrom((lookup) => namespacedMapper(setup.names, SECRET_GVK, lookup), setup.mappings),
    indexes,
    watches,
    toHost(ctx, event) {
      const name = { name: event.virtual.metadata?.name ?? '', namespace: event.virtual.metadata?.namespace ?? '' };
      if (!used(ctx, event.virtual, name)) return NO_CHANGE;
      return toHostTemplate(event, () => toHostSecret(ctx.names, event.virtual, event.hostName, ctx.owner));
    },
    sync(ctx, event) {
      if (!used(ctx, event.virtual, event.virtualName)) return { host: { op: 'delete', reason: 'no longer used' } };
      const { virtual, host } = syncSecret(ctx.names, event);
      return { virtual: { op: 'update', object: virtual }, host: { op: 'update', object: host } };
    },
    toVirtual(ctx, event) {
      return toVirtualTemplate(event, SECRET_GVK, () => {
        const imported = importSecret(ctx.names, event.host, event.virtualName);
        return used(ctx, imported, event.virtualName) ? imported : undefined;
      });
    },
  };
}
