import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';
import { quantityMilliValue, quantityValue } from './quantity.js';

/**
 * Amounts of resources by name, in the unit the scheduler compares them in: millicores for `cpu`,
 * plain integers (bytes, pods, devices) for everything else.
 */
export type ResourceAmounts = ReadonlyMap<string, number>;

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const EPHEMERAL_STORAGE = 'ephemeral-storage';
export const PODS = 'pods';

/** What the scheduler assumes of a container that requests no cpu / memory (schedutil's defaults). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function amountOf(name: string, quantity: string | number): number {
  return name === CPU ? quantityMilliValue(quantity) : quantityValue(quantity);
}

/** A ResourceList (`{cpu: "500m", memory: "1Gi"}`) in comparable units; bad quantities count as 0. */
export function toAmounts(list: Readonly<Record<string, string | number>> | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, quantity] of Object.entries(list ?? {})) {
    try {
      out.set(name, amountOf(name, quantity));
    } catch {
      out.set(name, 0);
    }
  }
  return out;
}

function add(into: Map<string, number>, other: ResourceAmounts): void {
  for (const [k, v] of other) into.set(k, (into.get(k) ?? 0) + v);
}

function maxInto(into: Map<string, number>, other: ResourceAmounts): void {
  for (const [k, v] of other) into.set(k, Math.max(into.get(k) ?? 0, v));
}

function containerRequests(c: Container, nonZero: boolean): Map<string, number> {
  const requests = toAmounts(c.resources?.requests);
  if (nonZero) {
    if (!requests.has(CPU)) requests.set(CPU, DEFAULT_MILLI_CPU_REQUEST);
    if (!requests.has(MEMORY)) requests.set(MEMORY, DEFAULT_MEMORY_REQUEST);
  }
  return requests;
}

/**
 * What a pod asks of a node (kube's PodRequests): its containers together; or, if larger, the
 * largest init container plus the sidecars started before it; plus the pod overhead. `nonZero`
 * counts a missing cpu / memory request as the scheduler's defaults (used for scoring only).
 */
export function podRequests(spec: PodSpec | undefined, options: { nonZero?: boolean } = {}): Map<string, number> {
  const nonZero = options.nonZero ?? false;
  const total = new Map<string, number>();
  for (const c of spec?.containers ?? []) add(total, containerRequests(c, nonZero));
  const sidecars = new Map<string, number>();
  const initPeak = new Map<string, number>();
  for (const c of spec?.initContainers ?? []) {
    const requests = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      add(total, requests);
      add(sidecars, requests);
      maxInto(initPeak, sidecars);
    } else {
      const during = new Map(sidecars);
      add(during, requests);
      maxInto(initPeak, during);
    }
  }
  maxInto(total, initPeak);
  add(total, toAmounts(spec?.overhead));
  return total;
}

/** True when the pod asks for nothing at all (kube then only checks the pod count). */
export function requestsNothing(requests: ResourceAmounts): boolean {
  for (const v of requests.values()) if (v > 0) return false;
  return true;
}
