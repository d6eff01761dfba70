import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Affinity, Node, NodeSelectorTerm, Pod, PodSpec, PodTemplateSpec, Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { termMatches as nodeTermMatches, tolerates } from '../api/node-selection.js';
import { POD_REVISION_LABEL } from './workloads/history.js';
import { scaledValue } from './workloads/int-or-percent.js';
import { timeMs } from './workloads/pods.js';
import { cloneJson } from '../lib/json.js';

export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** The tolerations every DaemonSet pod gets (util.AddOrUpdateDaemonPodTolerations). */
export function daemonPodTolerations(spec: PodSpec): Toleration[] {
  const wanted: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec.hostNetwork === true) wanted.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  let tolerations = [...(spec.tolerations ?? [])];
  for (const t of wanted) tolerations = addOrUpdateToleration(tolerations, t);
  return tolerations;
}

const sameToleration = (a: Toleration, b: Toleration): boolean => (a.key ?? '') === (b.key ?? '') && (a.effect ?? '') === (b.effect ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '');

/** v1helper.AddOrUpdateTolerationInPodSpec: replaces a matching toleration, else appends. */
function addOrUpdateToleration(tolerations: Toleration[], toleration: Toleration): Toleration[] {
  if (!tolerations.some((t) => sameToleration(t, toleration))) return [...tolerations, toleration];
  return tolerations.map((t) => (sameToleration(t, toleration) ? toleration : t));
}

export function hasUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], effects: readonly string[]): boolean {
  return taints.some((taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)));
}

/** A node selector term against a node (see api/node-selection). */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  return nodeTermMatches(term, { name: node.metadata?.name ?? '', labels: node.metadata?.labels ?? {} });
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): nodeSelector and the required terms. */
export function requiredAffinityMatches(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms === undefined) return true;
  return terms.some((t) => termMatches(t, node));
}

/**
 * NodeShouldRunDaemonPod: whether a daemon pod should be created on the node, and whether one
 * already there may keep running (it tolerates the node's NoExecute taints).
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const spec = ds.spec?.template.spec ?? { containers: [] };
  const nodeName = node.metadata?.name ?? '';
  if (spec.nodeName !== undefined && spec.nodeName !== '' && spec.nodeName !== nodeName) return { shouldRun: false, shouldContinueRunning: false };
  if (!requiredAffinityMatches(spec, node)) return { shouldRun: false, shouldContinueRunning: false };
  const tolerations = daemonPodTolerations(spec);
  const taints = node.spec?.taints ?? [];
  if (hasUntoleratedTaint(taints, tolerations, ['NoExecute', 'NoSchedule'])) {
    return { shouldRun: false, shouldContinueRunning: !hasUntoleratedTaint(taints, tolerations, ['NoExecute']) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** util.ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become "this node only". */
export function nodeNameAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
  const nodeAffinity = affinity?.nodeAffinity;
  return { ...affinity, nodeAffinity: { ...nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: required } };
}

/** util.GetTargetNodeName: spec.nodeName, or the node the DaemonSet affinity names. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length !== 1) return undefined;
  for (const f of terms[0]?.matchFields ?? []) {
    if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

/** util.GetTemplateGeneration: the deprecated generation annotation kube-apiserver keeps. */
export function templateGeneration(ds: DaemonSet): string | undefined {
  const raw = ds.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return raw !== undefined && /^\d+$/.test(raw) ? raw : undefined;
}

/** util.CreatePodTemplate: daemon tolerations, the revision hash and generation labels. */
export function daemonPodTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
  const template = cloneJson(ds.spec?.template ?? {});
  const spec = template.spec ?? { containers: [] };
  const generation = templateGeneration(ds);
  return {
    ...template,
    metadata: {
      ...template.metadata,
      labels: {
        ...(template.metadata?.labels ?? {}),
        ...(generation !== undefined ? { [TEMPLATE_GENERATION_LABEL]: generation } : {}),
        ...(hash !== '' ? { [POD_REVISION_LABEL]: hash } : {}),
      },
    },
    spec: { ...spec, tolerations: daemonPodTolerations(spec) },
  };
}

/** util.IsPodUpdated: the pod carries the current hash (or template generation). */
export function isPodUpdated(pod: Pod, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  return (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation) || (hash !== '' && labels[POD_REVISION_LABEL] === hash);
}

/** podByCreationTimestampAndPhase: scheduled first, then oldest, then by name. */
export function byCreationAndPhase(a: Pod, b: Pod): number {
  const sa = (a.spec?.nodeName ?? '') !== '';
  const sb = (b.spec?.nodeName ?? '') !== '';
  if (sa !== sb) return sa ? -1 : 1;
  const ta = timeMs(a.metadata?.creationTimestamp) ?? 0;
  const tb = timeMs(b.metadata?.creationTimestamp) ?? 0;
  if (ta === tb) return (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
  return ta - tb;
}

/** util.UnavailableCount and util.SurgeCount (both rounded up), defaulted as the controller does. */
export function rollingCounts(ds: DaemonSet, desired: number): { maxSurge: number; maxUnavailable: number } {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  const isRolling = (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const maxUnavailable = isRolling ? scaledValue(ru?.maxUnavailable, desired, true) : 0;
  const maxSurge = isRolling ? scaledValue(ru?.maxSurge, desired, true) : 0;
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) return { maxSurge: 0, maxUnavailable: 1 };
  return { maxSurge, maxUnavailable };
}

/** util.AllowsSurge. */
export function allowsSurge(ds: DaemonSet): boolean {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate' || ru?.maxSurge === undefined) return false;
  return scaledValue(ru.maxSurge, 100, true) > 0;
}
