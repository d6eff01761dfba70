/**
 * Events, host → virtual (spec §3.6): host events about objects vcluster synced become events
 * about the virtual objects, with names, involved object and message translated back.
 */
import type { Event } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { FORCE_SYNC_ANNOTATION } from '../../api/labels.js';
import { hostEventNameToVirtual, virtualAnnotations, virtualLabels, type GroupVersionKind, type NameContext, type NamespacedName } from '../names.js';
import { clone } from '../metadata.translate.js';

export const EVENT_GVK: GroupVersionKind = { group: '', version: 'v1', kind: 'Event' };

/**
 * Involved-object kinds whose events are copied (core v1). `Endpoint` is upstream's spelling, so
 * events about `Endpoints` never match (trap 11).
 */
export const EVENT_INVOLVED_KINDS = ['Pod', 'Service', 'Endpoint', 'Secret', 'ConfigMap'] as const;
export type EventInvolvedKind = (typeof EVENT_INVOLVED_KINDS)[number];

/** The involved object's kind if its events are copied. */
export function involvedKindOf(event: Event): EventInvolvedKind | undefined {
  const ref = event.involvedObject;
  const apiVersion = ref.apiVersion ?? '';
  if (apiVersion !== '' && apiVersion !== 'v1') return undefined;
  return EVENT_INVOLVED_KINDS.find((k) => k === ref.kind);
}

/** The involved object on the host: the event's `involvedObject.name` in the event's namespace. */
export function hostInvolvedName(event: Event): NamespacedName {
  return { name: event.involvedObject.name ?? '', namespace: event.involvedObject.namespace ?? event.metadata.namespace ?? '' };
}

/** A host event with `vcluster.loft.sh/force-sync: "true"` is copied even when nothing maps back. */
export function isForceSynced(event: Event): boolean {
  return event.metadata.annotations?.[FORCE_SYNC_ANNOTATION] === 'true';
}

/** The virtual involved object, as the virtual cluster has it. */
export interface VirtualInvolved {
  readonly name: string;
  readonly namespace: string;
  readonly uid?: string | undefined;
  readonly resourceVersion?: string | undefined;
}

/** Where the virtual copy of a host event goes. */
export function virtualEventName(event: Event, host: NamespacedName, virtual: NamespacedName): NamespacedName {
  return { name: hostEventNameToVirtual(event.metadata.name ?? '', host.name, virtual.name), namespace: virtual.namespace };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every `hostNs/hostName` becomes `vNs/vName`, then every remaining `hostName` becomes `vName`. */
export function translateEventMessage(message: string, host: NamespacedName, virtual: NamespacedName): string {
  if (host.name === '') return message;
  const qualified = message.replace(new RegExp(escape(`${host.namespace}/${host.name}`), 'g'), `${virtual.namespace}/${virtual.name}`);
  return qualified.replace(new RegExp(escape(host.name), 'g'), virtual.name);
}

function eventMetadata(names: NameContext, host: ObjectMeta, target: NamespacedName, current: ObjectMeta | undefined): ObjectMeta {
  const annotations = virtualAnnotations(host.annotations, undefined, [FORCE_SYNC_ANNOTATION]);
  const labels = virtualLabels(names, host.labels);
  const base: ObjectMeta = current === undefined ? { name: target.name, namespace: target.namespace } : clone(current);
  const { labels: _l, annotations: _a, ...rest } = base;
  return {
    ...rest,
    ...(labels === undefined ? {} : { labels }),
    ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
  };
}

/**
 * The virtual copy of a host event. `involved` is the virtual involved object (for a force-synced
 * event nothing maps back: only its namespace is set). `current` is the existing virtual event,
 * whose identity (uid, resourceVersion, …) is kept.
 */
export function toVirtualEvent(
  names: NameContext,
  host: Event,
  target: NamespacedName,
  involved: { readonly host: NamespacedName; readonly virtual: VirtualInvolved } | { readonly forcedNamespace: string },
  current?: Event,
): Event {
  const copy = clone(host);
  const { related: _related, metadata: _metadata, ...fields } = copy;
  const involvedObject =
    'forcedNamespace' in involved
      ? { namespace: involved.forcedNamespace }
      : {
          ...clone(host.involvedObject),
          name: involved.virtual.name,
          namespace: involved.virtual.namespace,
          ...(involved.virtual.uid === undefined ? { uid: undefined } : { uid: involved.virtual.uid }),
          ...(involved.virtual.resourceVersion === undefined ? { resourceVersion: undefined } : { resourceVersion: involved.virtual.resourceVersion }),
        };
  const message =
    'forcedNamespace' in involved || fields.message === undefined
      ? fields.message
      : translateEventMessage(fields.message, involved.host, involved.virtual);
  return {
    ...fields,
    apiVersion: 'v1',
    kind: 'Event',
    metadata: eventMetadata(names, host.metadata, target, current?.metadata),
    involvedObject: dropUndefined(involvedObject),
    ...(message === undefined ? {} : { message }),
  };
}

function dropUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
