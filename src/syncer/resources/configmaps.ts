/**
 * ConfigMaps: virtual → host; the host copy is owned by vcluster; data flows both ways. Only
 * ConfigMaps a virtual pod uses (or force-synced, or all with `all: true`) are on the host; one that
 * is no longer used is removed from the host. "Used" comes from an index of the virtual pods.
 */
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1.js';
import { resources } from '../../client/index.js';
import { syncMapperFrom, toHostTemplate, toVirtualTemplate } from '../engine-templates.js';
import { configMapMapper, type NamespacedName } from '../names.js';
import { indexSpec, NO_CHANGE, watchSpec, type ResourceSyncer, type SyncContext, type SyncerSetup } from '../types.js';
import { CONFIGMAP_GVK, configMapsUsedByPod, importConfigMap, isUsed, keysIn, sameKeys, syncConfigMap, toHostConfigMap } from './configmaps.translate.js';

/** Virtual pods by the `namespace/name` of each ConfigMap they use. */
export const PODS_BY_CONFIGMAP_INDEX = 'vcluster.loft.sh/pods-by-configmap';

const podConfigMapKeys = (pod: Pod): string[] => keysIn(pod.metadata?.namespace, configMapsUsedByPod(pod));

function usedByPods(ctx: SyncContext, name: NamespacedName): boolean {
  return ctx.virtual.cache(resources.pods).countByIndex(PODS_BY_CONFIGMAP_INDEX, `${name.namespace}/${name.name}`) > 0;
}

function used(ctx: SyncContext, configMap: ConfigMap, name: NamespacedName): boolean {
  return isUsed(configMap, { all: ctx.config.configMaps.all, used: usedByPods(ctx, name) });
}

export function configMapSyncer(setup: SyncerSetup): ResourceSyncer<ConfigMap> {
  return {
    type: 'resource',
    name: 'configmaps',
    resource: resources.configMaps,
    gvk: CONFIGMAP_GVK,
    mapper: syncMapperFrom((lookup) => configMapMapper(setup.names, lookup), setup.mappings),
    indexes: [indexSpec({ side: 'virtual', resource: resources.pods, name: PODS_BY_CONFIGMAP_INDEX, fn: podConfigMapKeys })],
    // A pod's status changes often; only a change of the ConfigMaps it uses matters here.
    watches: [watchSpec({ side: 'virtual', resource: resources.pods, map: (_ctx, pod) => podConfigMapKeys(pod), updateMatters: (old, pod) => !sameKeys(podConfigMapKeys(old), podConfigMapKeys(pod)) })],
    toHost(ctx, event) {
      if (!used(ctx, event.virtual, nameOf(event.virtual))) return NO_CHANGE;
      return toHostTemplate(event, () => toHostConfigMap(ctx.names, event.virtual, event.hostName, ctx.owner));
    },
    sync(ctx, event) {
      if (!used(ctx, event.virtual, event.virtualName)) return { host: { op: 'delete', reason: 'no longer used by any pod' } };
      const { virtual, host } = syncConfigMap(ctx.names, event);
      return { virtual: { op: 'update', object: virtual }, host: { op: 'update', object: host } };
    },
    toVirtual(ctx, event) {
      return toVirtualTemplate(event, CONFIGMAP_GVK, () => {
        const imported = importConfigMap(ctx.names, event.host, event.virtualName);
        return used(ctx, imported, event.virtualName) ? imported : undefined;
      });
    },
  };
}

function nameOf(obj: ConfigMap): NamespacedName {
  return { name: obj.metadata?.name ?? '', namespace: obj.metadata?.namespace ?? '' };
}
