import { jsonEqual } from '../lib/json.js';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { endpointKey, endpointSliceLabels, portSetKey, type AddressType, type EndpointGroup } from './endpointslice-desired.js';
import { sameLabels } from './shared/labels.js';

/** The writes that bring a service's slices to the desired state. */
export interface SlicePlan {
  readonly create: EndpointSlice[];
  readonly update: EndpointSlice[];
  readonly delete: EndpointSlice[];
}

export interface SlicePlanInput {
  readonly service: Service;
  /** The desired endpoints per address type, grouped by port set (see desiredEndpointGroups). */
  readonly desired: ReadonlyMap<AddressType, ReadonlyMap<string, EndpointGroup>>;
  /** The slices this controller manages for the service (by label). */
  readonly existing: readonly EndpointSlice[];
  readonly maxEndpointsPerSlice: number;
}

export function serviceOwnerReference(service: Service): OwnerReference {
  return { apiVersion: 'v1', kind: 'Service', name: service.metadata?.name ?? '', uid: service.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** A slice's endpoints; servers may leave out an empty list. */
function endpointsOf(slice: EndpointSlice): Endpoint[] {
  return Array.isArray(slice.endpoints) ? slice.endpoints : [];
}

function ownedBy(slice: EndpointSlice, service: Service): boolean {
  return (slice.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.kind === 'Service' && r.uid === service.metadata?.uid);
}

function newSlice(service: Service, addressType: AddressType, group: { ports: EndpointGroup['ports'] }, endpoints: Endpoint[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${service.metadata?.name ?? ''}-`,
      namespace: service.metadata?.namespace ?? '',
      labels: endpointSliceLabels(service),
      ownerReferences: [serviceOwnerReference(service)],
    },
    addressType,
    endpoints,
    ports: group.ports,
  };
}

interface Working {
  readonly original: EndpointSlice;
  endpoints: Endpoint[];
  changed: boolean;
}

/**
 * Plans the slices of one service, as kube's endpointslice reconciler does in spirit: existing
 * slices keep the endpoints that are still wanted (updated in place when they changed), new
 * endpoints fill slices that are being rewritten anyway, then slices with room, then new slices
 * of at most maxEndpointsPerSlice; slices left empty, of another port set or address type, or owned
 * by an older service of the same name are deleted. A service without endpoints keeps one empty
 * placeholder slice per address type.
 */
export function planEndpointSlices(input: SlicePlanInput): SlicePlan {
  const { service, desired, maxEndpointsPerSlice: max } = input;
  const plan: { create: EndpointSlice[]; update: EndpointSlice[]; delete: EndpointSlice[] } = { create: [], update: [], delete: [] };
  const labels = endpointSliceLabels(service);
  const byType = new Map<AddressType, EndpointSlice[]>();
  for (const slice of input.existing) {
    const type = slice.addressType as AddressType;
    if (!ownedBy(slice, service) || !desired.has(type)) {
      plan.delete.push(slice);
      continue;
    }
    byType.set(type, [...(byType.get(type) ?? []), slice]);
  }
  for (const [type, groups] of desired) {
    const existing = byType.get(type) ?? [];
    const total = [...groups.values()].reduce((n, g) => n + g.endpoints.length, 0);
    if (total === 0) {
      planPlaceholder(service, type, existing, labels, plan);
      continue;
    }
    const working: Working[] = [];
    const placed = new Set<string>();
    for (const slice of existing) {
      const group = groups.get(portSetKey(slice.ports));
      if (!group) {
        plan.delete.push(slice);
        continue;
      }
      const wanted = new Map(group.endpoints.map((e) => [endpointKey(e), e]));
      const kept: Endpoint[] = [];
      for (const e of endpointsOf(slice)) {
        const key = endpointKey(e);
        const want = wanted.get(key);
        if (!want || placed.has(key)) continue;
        placed.add(key);
        kept.push(want);
      }
      working.push({ original: slice, endpoints: kept, changed: !jsonEqual(kept, endpointsOf(slice)) });
    }
    for (const [key, group] of groups) {
      const pending = group.endpoints.filter((e) => !placed.has(endpointKey(e)));
      const candidates = working
        .filter((w) => portSetKey(w.original.ports) === key && w.endpoints.length < max)
        // Slices being rewritten anyway take new endpoints first, so fewer slices are written.
        .sort((a, b) => Number(b.changed) - Number(a.changed));
      for (const w of candidates) {
        if (pending.length === 0) break;
        const room = max - w.endpoints.length;
        if (room <= 0) continue;
        w.endpoints.push(...pending.splice(0, room));
        w.changed = true;
      }
      for (let i = 0; i < pending.length; i += max) plan.create.push(newSlice(service, type, group, pending.slice(i, i + max)));
    }
    for (const w of working) {
      if (w.endpoints.length === 0) plan.delete.push(w.original);
      else if (w.changed || !sameLabels(w.original.metadata?.labels, labels)) {
        plan.update.push({ ...w.original, metadata: { ...w.original.metadata, labels }, endpoints: w.endpoints });
      }
    }
  }
  return reuseDeletedSlices(plan);
}

/** A create paired with a delete of the same address type becomes one update of the old slice. */
function reuseDeletedSlices(plan: SlicePlan): SlicePlan {
  const deletes = [...plan.delete];
  const update = [...plan.update];
  const create: EndpointSlice[] = [];
  for (const slice of plan.create) {
    const i = deletes.findIndex((d) => d.addressType === slice.addressType);
    const reused = i >= 0 ? deletes.splice(i, 1)[0] : undefined;
    if (!reused) {
      create.push(slice);
      continue;
    }
    update.push({ ...reused, metadata: { ...reused.metadata, labels: slice.metadata?.labels, ownerReferences: slice.metadata?.ownerReferences }, endpoints: slice.endpoints, ports: slice.ports });
  }
  return { create, update, delete: deletes };
}

function planPlaceholder(service: Service, type: AddressType, existing: readonly EndpointSlice[], labels: Record<string, string>, plan: { create: EndpointSlice[]; update: EndpointSlice[]; delete: EndpointSlice[] }): void {
  const keep = existing.find((s) => endpointsOf(s).length === 0 && (s.ports ?? []).length === 0);
  for (const s of existing) if (s !== keep) plan.delete.push(s);
  if (!keep) plan.create.push(newSlice(service, type, { ports: [] }, []));
  else if (!sameLabels(keep.metadata?.labels, labels)) plan.update.push({ ...keep, metadata: { ...keep.metadata, labels } });
}
