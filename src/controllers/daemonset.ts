import type { Node } from 'kubernetes-types/core/v1.js';
import { isDeepStrictEqual } from 'node:util';
import { objectKey, resources, type ObjectLike } from '../client/index.js';
import type { Controller, ObjectEvent } from '../runtime/index.js';
import type { ControllerContext } from './shared/context.js';
import { labelSelectorMatches } from './shared/labels.js';
import { isBeingDeleted } from './shared/metadata.js';
import { EventRecorder } from './workloads/events.js';
import { Expectations, podExpectationsHandler } from './workloads/expectations.js';
import { claimCandidates, claimIndexers } from './workloads/candidates.js';
import { DaemonSetSync } from './daemonset-sync.js';

export const DAEMONSET_CONTROLLER = 'daemonset-controller';
/** kube's --concurrent-daemonset-syncs default. */
const WORKERS = 2;

/**
 * kube's DaemonSet controller: one pod per node that the template's nodeSelector, required node
 * affinity and tolerations (plus those every daemon pod gets) admit, pinned to its node with a
 * `metadata.name` node-affinity term for the scheduler to honour; failed pods replaced with
 * backoff; RollingUpdate (maxUnavailable or maxSurge) and OnDelete against ControllerRevisions
 * `<name>-<hash>`; the status counts `kubectl rollout status` reads.
 */
export function daemonSetController(ctx: ControllerContext): Controller {
  const daemonSets = ctx.informer(resources.daemonSets);
  const pods = ctx.informer(resources.pods, { indexers: claimIndexers });
  const nodes = ctx.informer(resources.nodes);
  const revisions = ctx.informer(resources.controllerRevisions, { indexers: claimIndexers });
  const expectations = new Expectations(ctx.clock);
  const events = new EventRecorder(ctx.client, DAEMONSET_CONTROLLER, ctx.clock, ctx.logger);
  const backoff = new Map<string, { delayMs: number; at: number }>();

  const ownerKey = (obj: ObjectLike): string | undefined => {
    const ref = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (!ref || ref.kind !== 'DaemonSet' || !ref.apiVersion.startsWith('apps/')) return undefined;
    const ds = daemonSets.get(obj.metadata?.namespace ?? '', ref.name);
    return ds?.metadata?.uid === ref.uid ? objectKey(ds) : undefined;
  };
  const owners = (obj: ObjectLike): string[] => {
    if (obj.metadata?.ownerReferences?.some((r) => r.controller === true)) {
      const key = ownerKey(obj);
      return key ? [key] : [];
    }
    if (isBeingDeleted(obj)) return [];
    return daemonSets
      .list(obj.metadata?.namespace ?? '')
      .filter((ds) => labelSelectorMatches(ds.spec?.selector, obj.metadata?.labels))
      .map((ds) => objectKey(ds));
  };
  const everyDaemonSet = (): string[] => daemonSets.list().map((ds) => objectKey(ds));
  const nodeChanged = (e: ObjectEvent<Node>): boolean =>
    e.type !== 'update' ||
    !isDeepStrictEqual(e.old.metadata?.labels ?? {}, e.obj.metadata?.labels ?? {}) ||
    !isDeepStrictEqual(e.old.spec?.taints ?? [], e.obj.spec?.taints ?? []) ||
    e.old.spec?.unschedulable !== e.obj.spec?.unschedulable;

  pods.addHandler(podExpectationsHandler(expectations, ownerKey));
  daemonSets.addHandler({
    onDelete: (ds) => {
      expectations.delete(objectKey(ds));
    },
  });

  const reconcile = async (key: string, signal: AbortSignal): Promise<{ requeueAfterMs: number } | undefined> => {
    const ds = daemonSets.getByKey(key);
    if (!ds) {
      expectations.delete(key);
      return undefined;
    }
    const selector = ds.spec?.selector;
    if (!selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)) {
      events.event(ds, 'DaemonSet', 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return undefined;
    }
    // Its pods and revisions may be on their way out with it: no status can be trusted.
    if (isBeingDeleted(ds)) return undefined;
    const sync = new DaemonSetSync(ctx, events, expectations, backoff, ds, key, signal, {
      nodes: nodes.list(),
      pods: claimCandidates(pods, ds),
      revisions: claimCandidates(revisions, ds),
    });
    return sync.run();
  };

  const controller = ctx.controller({ name: DAEMONSET_CONTROLLER, reconcile, workers: WORKERS });
  controller.watch(daemonSets);
  controller.watch(pods, { map: owners });
  controller.watch(revisions, { map: owners });
  controller.watch(nodes, { map: everyDaemonSet, predicate: nodeChanged });
  return controller;
}
