/** The message of kube-scheduler's FitError, with the preemption part DefaultPreemption adds. */
import type { FilterFailure } from './filters.js';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

function histogram(counts: ReadonlyMap<string, number>): string {
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort().join(', ');
}

export interface Diagnosis {
  readonly numAllNodes: number;
  /** A PreFilter rejection (e.g. an unbound claim): then node reasons are not listed. */
  readonly preFilterMessage?: string | undefined;
  readonly nodeFailures: ReadonlyMap<string, FilterFailure>;
  /** The pod's preemptionPolicy is Never. */
  readonly preemptNever?: boolean;
}

/**
 * `0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3
 * nodes are available: 3 Preemption is not helpful for scheduling.` Preemption itself is not
 * simulated: nodes that only lack room report that no victims were found.
 */
export function fitErrorMessage(d: Diagnosis): string {
  if (d.numAllNodes === 0) return 'no nodes available to schedule pods';
  let message = `0/${d.numAllNodes} nodes are available:`;
  if (d.preFilterMessage !== undefined) {
    message += ` ${d.preFilterMessage}.`;
  } else {
    const reasons = new Map<string, number>();
    for (const failure of d.nodeFailures.values()) for (const r of failure.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    if (reasons.size > 0) message += ` ${histogram(reasons)}.`;
  }
  if (d.preemptNever === true) return `${message} preemption: not eligible due to preemptionPolicy=Never.`;
  const preemption = new Map<string, number>();
  if (d.preFilterMessage !== undefined) preemption.set(NOT_HELPFUL, d.numAllNodes);
  else for (const failure of d.nodeFailures.values()) {
    const why = failure.code === 'UnschedulableAndUnresolvable' ? NOT_HELPFUL : NO_VICTIMS;
    preemption.set(why, (preemption.get(why) ?? 0) + 1);
  }
  return `${message} preemption: 0/${d.numAllNodes} nodes are available: ${histogram(preemption)}.`;
}
