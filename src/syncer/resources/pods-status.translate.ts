/**
 * What flows back and forth once both pods exist (spec §3.1 "Sync", upstream `diff.go`): the host
 * status becomes the virtual status (keeping the virtual QoS class and hiding containers the
 * virtual spec does not have), the few mutable spec fields go down, and — with the `status` option
 * (readiness gates, seed 000) — conditions set in the virtual cluster go down to the host pod.
 */
import type { Container, EphemeralContainer, Pod, PodCondition, PodSpec, PodStatus, Toleration } from 'kubernetes-types/core/v1.js';
import { addTolerations, sameToleration } from './pods-affinity.translate.js';
import { HOSTS_REWRITE_CONTAINER_NAME } from './pods-dns.translate.js';
import { translateImage, type ImageRules } from './pods-images.translate.js';
import { POD_HOSTS_REWRITTEN_ANNOTATION } from '../../api/labels.js';
import { cloneJson } from '../../lib/json.js';

/**
 * Conditions the host's own components own (kubelet, scheduler, eviction, resize). Any other
 * condition type is a readiness-gate condition, set by a controller of the virtual cluster.
 */
const SYSTEM_CONDITIONS: readonly string[] = [
  'PodScheduled',
  'Ready',
  'ContainersReady',
  'Initialized',
  'PodReadyToStartContainers',
  'DisruptionTarget',
  'PodResizePending',
  'PodResizeInProgress',
];

export function isCustomCondition(condition: Pick<PodCondition, 'type'>): boolean {
  return !SYSTEM_CONDITIONS.includes(condition.type);
}

function sameCondition(a: PodCondition, b: PodCondition): boolean {
  return (
    a.type === b.type &&
    a.status === b.status &&
    (a.reason ?? '') === (b.reason ?? '') &&
    (a.message ?? '') === (b.message ?? '') &&
    (a.lastProbeTime ?? null) === (b.lastProbeTime ?? null) &&
    (a.lastTransitionTime ?? null) === (b.lastTransitionTime ?? null)
  );
}

/**
 * The host pod's conditions with the virtual readiness-gate conditions written over them
 * (`UpdateConditions`); `undefined` when the host already has them.
 */
export function hostConditionsWanted(host: readonly PodCondition[] | undefined, virtual: readonly PodCondition[] | undefined): PodCondition[] | undefined {
  const out = [...(host ?? [])];
  let changed = false;
  for (const condition of virtual ?? []) {
    if (!isCustomCondition(condition)) continue;
    const index = out.findIndex((c) => c.type === condition.type);
    if (index < 0) {
      out.push(condition);
      changed = true;
    } else if (!sameCondition(out[index] as PodCondition, condition)) {
      out[index] = condition;
      changed = true;
    }
  }
  return changed ? out : undefined;
}

/**
 * Conditions of the virtual pod: the host's own ones, and readiness-gate conditions as the virtual
 * cluster set them (a host-only custom condition is not shown).
 */
export function virtualConditions(host: readonly PodCondition[] | undefined, virtual: readonly PodCondition[] | undefined): PodCondition[] | undefined {
  const virtualCustom = (virtual ?? []).filter(isCustomCondition);
  const out: PodCondition[] = [];
  for (const condition of host ?? []) {
    if (!isCustomCondition(condition)) out.push(condition);
    else {
      const own = virtualCustom.find((c) => c.type === condition.type);
      if (own !== undefined) out.push(own);
    }
  }
  for (const condition of virtualCustom) if (!out.some((c) => c.type === condition.type)) out.push(condition);
  return out.length === 0 && host === undefined && virtual === undefined ? undefined : out;
}

/**
 * The virtual pod's status (`DesiredVirtualStatus` + `stripInjectedSidecarContainers`): the host
 * status, with the virtual QoS class and only statuses of containers the virtual spec declares.
 */
export function desiredVirtualStatus(host: Pod, virtual: Pod): PodStatus {
  const status: PodStatus = cloneJson(host.status ?? {});
  const virtualStatus = virtual.status ?? {};
  if (virtualStatus.qosClass === undefined) delete status.qosClass;
  else status.qosClass = virtualStatus.qosClass;
  const names = (list: readonly { name: string }[] | undefined): Set<string> => new Set((list ?? []).map((c) => c.name));
  const containers = names(virtual.spec?.containers);
  const initContainers = names(virtual.spec?.initContainers);
  const ephemeral = names(virtual.spec?.ephemeralContainers);
  if (status.containerStatuses !== undefined) status.containerStatuses = status.containerStatuses.filter((c) => containers.has(c.name));
  if (status.initContainerStatuses !== undefined) status.initContainerStatuses = status.initContainerStatuses.filter((c) => initContainers.has(c.name));
  if (status.ephemeralContainerStatuses !== undefined) {
    status.ephemeralContainerStatuses = status.ephemeralContainerStatuses.filter((c) => ephemeral.has(c.name));
  }
  const conditions = virtualConditions(host.status?.conditions, virtualStatus.conditions);
  if (conditions === undefined) delete status.conditions;
  else status.conditions = conditions;
  return status;
}

function containerImages<C extends Container | EphemeralContainer>(
  host: C[] | undefined,
  virtual: readonly C[] | undefined,
  rules: ImageRules,
  skip: readonly string[],
): C[] | undefined {
  if (host === undefined) return undefined;
  const out: C[] = [];
  let changed = false;
  for (const h of host) {
    const v = skip.includes(h.name) ? undefined : (virtual ?? []).find((c) => c.name === h.name);
    const image = v?.image === undefined ? h.image : translateImage(v.image, rules);
    if (image === h.image) {
      out.push(h);
    } else {
      changed = true;
      out.push({ ...h, image });
    }
  }
  return changed ? out : host;
}

function sameTolerations(a: readonly Toleration[] | undefined, b: readonly Toleration[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((t, i) => sameToleration(t, y[i] as Toleration));
}

/**
 * The host pod's spec after the virtual spec changed (`calcSpecDiff`): only what a pod update may
 * change — active deadline, images, scheduling gates, added tolerations (virtual ones, then
 * host-only ones, then enforced ones).
 */
export function hostSpecUpdate(host: Pod, virtual: Pod, rules: ImageRules, enforcedTolerations: readonly Toleration[]): PodSpec {
  const hostSpec = host.spec ?? { containers: [] };
  const virtualSpec = virtual.spec ?? { containers: [] };
  const spec: PodSpec = { ...hostSpec };
  if (virtualSpec.activeDeadlineSeconds === undefined) delete spec.activeDeadlineSeconds;
  else spec.activeDeadlineSeconds = virtualSpec.activeDeadlineSeconds;
  spec.containers = containerImages(hostSpec.containers, virtualSpec.containers, rules, []) ?? [];
  const skip = host.metadata?.annotations?.[POD_HOSTS_REWRITTEN_ANNOTATION] === 'true' ? [HOSTS_REWRITE_CONTAINER_NAME] : [];
  const initContainers = containerImages(hostSpec.initContainers, virtualSpec.initContainers, rules, skip);
  if (initContainers !== undefined) spec.initContainers = initContainers;
  if (virtualSpec.schedulingGates === undefined) delete spec.schedulingGates;
  else spec.schedulingGates = virtualSpec.schedulingGates;
  const withHostOnly = addTolerations(virtualSpec.tolerations, hostSpec.tolerations ?? []);
  const tolerations = addTolerations(withHostOnly, enforcedTolerations);
  if (!sameTolerations(tolerations, hostSpec.tolerations)) {
    if (tolerations === undefined) delete spec.tolerations;
    else spec.tolerations = tolerations;
  }
  return spec;
}
