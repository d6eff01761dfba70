/**
 * kube-scheduler's Filter plugins of the default profile that apply here, in its order; a node
 * fails at the first plugin that rejects it, with that plugin's reasons, word for word.
 */
import type { NodeSelectorTerm } from 'kubernetes-types/core/v1.js';
import { CPU, EPHEMERAL_STORAGE, MEMORY, PODS, requestsNothing } from '../resources.js';
import type { NodeInfo, PodInfo } from './model.js';
import { anyTermMatches, toleratedBy } from '../../api/node-selection.js';

export type FailureCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface FilterFailure {
  readonly plugin: string;
  readonly code: FailureCode;
  readonly reasons: readonly string[];
}

export const REASONS = {
  unschedulable: 'node(s) were unschedulable',
  nodeAffinity: "node(s) didn't match Pod's node affinity/selector",
  hostPorts: "node(s) didn't have free ports for the requested pod ports",
  tooManyPods: 'Too many pods',
  volumeNodeAffinity: 'node(s) had volume node affinity conflict',
} as const;

export const untoleratedTaint = (key: string, value: string | undefined): string => `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
export const insufficient = (resource: string): string => `Insufficient ${resource}`;

type Filter = (pod: PodInfo, node: NodeInfo, extra: FilterContext) => FilterFailure | undefined;

export interface FilterContext {
  /** Node affinity of the PersistentVolumes the pod's claims are bound to (each must match). */
  readonly volumeNodeAffinity?: readonly (readonly NodeSelectorTerm[])[];
}

const nodeUnschedulable: Filter = (pod, node) => {
  if (!node.unschedulable) return undefined;
  if (toleratedBy(pod.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return undefined;
  return { plugin: 'NodeUnschedulable', code: 'UnschedulableAndUnresolvable', reasons: [REASONS.unschedulable] };
};

const taintToleration: Filter = (pod, node) => {
  for (const taint of node.taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!toleratedBy(pod.tolerations, taint)) return { plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: [untoleratedTaint(taint.key, taint.value)] };
  }
  return undefined;
};

const nodeAffinity: Filter = (pod, node) => {
  const facts = { name: node.name, labels: node.labels };
  const selectorOk = Object.entries(pod.nodeSelector).every(([k, v]) => node.labels[k] === v);
  const affinityOk = pod.requiredTerms === undefined || anyTermMatches(pod.requiredTerms, facts);
  if (selectorOk && affinityOk) return undefined;
  return { plugin: 'NodeAffinity', code: 'UnschedulableAndUnresolvable', reasons: [REASONS.nodeAffinity] };
};

const nodePorts: Filter = (pod, node) => {
  if (pod.hostPorts.some((p) => node.portInUse(p))) return { plugin: 'NodePorts', code: 'Unschedulable', reasons: [REASONS.hostPorts] };
  return undefined;
};

/** NodeResourcesFit: the pod count, then every requested resource against what is left. */
const nodeResourcesFit: Filter = (pod, node) => {
  const reasons: string[] = [];
  const maxPods = node.allocatable.get(PODS) ?? 0;
  if (node.podCount + 1 > maxPods) reasons.push(REASONS.tooManyPods);
  if (!requestsNothing(pod.requests)) {
    const ordered = [CPU, MEMORY, EPHEMERAL_STORAGE, ...[...pod.requests.keys()].filter((k) => k !== CPU && k !== MEMORY && k !== EPHEMERAL_STORAGE && k !== PODS).sort()];
    for (const resource of ordered) {
      const want = pod.requests.get(resource) ?? 0;
      if (want === 0) continue;
      const free = (node.allocatable.get(resource) ?? 0) - (node.requested.get(resource) ?? 0);
      if (want > free) reasons.push(insufficient(resource));
    }
  }
  return reasons.length > 0 ? { plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons } : undefined;
};

const volumeBinding: Filter = (_pod, node, extra) => {
  const facts = { name: node.name, labels: node.labels };
  for (const terms of extra.volumeNodeAffinity ?? []) {
    if (!anyTermMatches(terms, facts)) return { plugin: 'VolumeBinding', code: 'UnschedulableAndUnresolvable', reasons: [REASONS.volumeNodeAffinity] };
  }
  return undefined;
};

const FILTERS: readonly Filter[] = [nodeUnschedulable, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit, volumeBinding];

/** The first plugin that rejects the node, or undefined when the pod fits. */
export function runFilters(pod: PodInfo, node: NodeInfo, extra: FilterContext = {}): FilterFailure | undefined {
  for (const filter of FILTERS) {
    const failure = filter(pod, node, extra);
    if (failure) return failure;
  }
  return undefined;
}
