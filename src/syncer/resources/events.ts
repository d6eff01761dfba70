/**
 * Events: host → virtual, read-only copies. Host events about pods, services, secrets and
 * configmaps vcluster synced appear in the virtual object's namespace (`kubectl describe`). Virtual
 * events never go to the host, and copies are never deleted (the events' TTL does that).
 */
import type { Event } from 'kubernetes-types/core/v1.js';
import { resources, type ObjectLike, type ResourceRef } from '../../client/index.js';
import { configMapMapper, namespacedMapper, serviceMapper, type NameMapper, type NamespacedName } from '../names.js';
import { jsonEqual } from '../metadata.translate.js';
import { NO_CHANGE, type CacheSpec, type ResourceSyncer, type SyncContext, type SyncerSetup, type SyncResult } from '../types.js';
import {
  EVENT_GVK,
  hostInvolvedName,
  involvedKindOf,
  isForceSynced,
  toVirtualEvent,
  virtualEventName,
  type EventInvolvedKind,
  type VirtualInvolved,
} from './events.translate.js';

interface InvolvedKind {
  readonly ref: ResourceRef<ObjectLike>;
  readonly mapper: NameMapper;
}

/** Where the copy goes and what it is about. */
type Resolution =
  | { readonly kind: 'mapped'; readonly target: NamespacedName; readonly host: NamespacedName; readonly virtual: VirtualInvolved }
  | { readonly kind: 'forced'; readonly target: NamespacedName };

export function eventSyncer(setup: SyncerSetup): ResourceSyncer<Event> {
  const { names, mappings } = setup;
  const kinds: Readonly<Record<EventInvolvedKind, InvolvedKind>> = {
    Pod: { ref: resources.pods, mapper: namespacedMapper(names, { group: '', version: 'v1', kind: 'Pod' }, mappings) },
    Service: { ref: resources.services, mapper: serviceMapper(names, { group: '', version: 'v1', kind: 'Service' }, mappings) },
    Endpoint: { ref: resources.endpoints, mapper: serviceMapper(names, { group: '', version: 'v1', kind: 'Endpoints' }, mappings) },
    Secret: { ref: resources.secrets, mapper: namespacedMapper(names, { group: '', version: 'v1', kind: 'Secret' }, mappings) },
    ConfigMap: { ref: resources.configMaps, mapper: configMapMapper(names, mappings) },
  };
  const caches: CacheSpec[] = [{ side: 'virtual', resource: resources.namespaces }];
  for (const kind of Object.values(kinds)) {
    caches.push({ side: 'virtual', resource: kind.ref }, { side: 'host', resource: kind.ref });
  }

  const resolve = (ctx: SyncContext, event: Event): Resolution | undefined => {
    const kindName = involvedKindOf(event);
    const host = hostInvolvedName(event);
    if (kindName !== undefined && host.name !== '') {
      const kind = kinds[kindName];
      const hostObject = ctx.host.cache(kind.ref).get(host.namespace, host.name);
      const virtualName = kind.mapper.hostToVirtual(host, hostObject?.metadata);
      const virtual = virtualName === undefined ? undefined : ctx.virtual.cache(kind.ref).get(virtualName.namespace, virtualName.name);
      if (virtualName !== undefined && virtual !== undefined) {
        const involved: VirtualInvolved = {
          name: virtualName.name,
          namespace: virtualName.namespace,
          uid: virtual.metadata?.uid,
          resourceVersion: virtual.metadata?.resourceVersion,
        };
        return { kind: 'mapped', target: virtualEventName(event, host, virtualName), host, virtual: involved };
      }
    }
    if (isForceSynced(event)) return { kind: 'forced', target: { name: event.metadata.name ?? '', namespace: 'default' } };
    return undefined;
  };

  const desired = (ctx: SyncContext, host: Event, current: Event | undefined): Event | undefined => {
    const resolution = resolve(ctx, host);
    if (resolution === undefined) return undefined;
    const involved = resolution.kind === 'mapped' ? { host: resolution.host, virtual: resolution.virtual } : { forcedNamespace: resolution.target.namespace };
    return toVirtualEvent(ctx.names, host, resolution.target, involved, current);
  };

  return {
    type: 'resource',
    name: 'events',
    resource: resources.events,
    gvk: EVENT_GVK,
    hostSelection: 'namespace',
    skipMappingRecording: true,
    caches,
    mapper: {
      // Virtual events never go to the host.
      virtualToHost: () => undefined,
      hostToVirtual: (ctx, _name, obj) => (obj === undefined ? undefined : resolve(ctx, obj)?.target),
      isManaged: (ctx, host) => resolve(ctx, host) !== undefined,
    },
    toHost: () => NO_CHANGE,
    toVirtual(ctx, event): SyncResult<Event> {
      const namespace = ctx.virtual.cache(resources.namespaces).get('', event.virtualName.namespace);
      if (namespace === undefined || namespace.metadata?.deletionTimestamp !== undefined || namespace.status?.phase === 'Terminating') return NO_CHANGE;
      const object = desired(ctx, event.host, undefined);
      return object === undefined ? NO_CHANGE : { virtual: { op: 'create', object } };
    },
    sync(ctx, event): SyncResult<Event> {
      const object = desired(ctx, event.host, event.virtual);
      if (object === undefined || jsonEqual(object, event.virtual)) return NO_CHANGE;
      return { virtual: { op: 'update', object } };
    },
  };
}
