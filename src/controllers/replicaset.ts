import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod, PodTemplateSpec, ReplicationController } from 'kubernetes-types/core/v1.js';
import { describeError, objectKey, resourceRef, resources, type ObjectLike, type ResourceRef } from '../client/index.js';
import { OWNER_UID_INDEX, type Controller } from '../runtime/index.js';
import { calculateReplicaSetStatus, type ReplicaSetView } from './replicaset-status.js';
import type { ControllerContext } from './shared/context.js';
import { labelSelectorMatches } from './shared/labels.js';
import { isBeingDeleted } from './shared/metadata.js';
import { EventRecorder } from './workloads/events.js';
import { Expectations, podExpectationsHandler } from './workloads/expectations.js';
import { createPod, deletePod, podFromTemplate, slowStartBatch, type Owner } from './workloads/pod-control.js';
import { podsToDelete } from './workloads/pod-ranking.js';
import { isPodActive, isTerminating, nextAvailability, podKey } from './workloads/pods.js';
import { claimObjects } from './workloads/ref-manager.js';
import { writeStatus } from './workloads/status.js';
import { asError } from './workloads/errors.js';
import { claimCandidates, claimIndexers } from './workloads/candidates.js';

export const REPLICASET_CONTROLLER = 'replicaset-controller';
export const REPLICATION_CONTROLLER_CONTROLLER = 'replicationcontroller-controller';
/** kube's --concurrent-replicaset-syncs default. */
const WORKERS = 5;
/** kube's BurstReplicas: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;

export const replicationControllers = resourceRef<ReplicationController>({ group: '', version: 'v1', resource: 'replicationcontrollers', namespaced: true, kind: 'ReplicationController' });

type Labels = Readonly<Record<string, string>> | undefined;

/** What differs between ReplicaSets and ReplicationControllers. */
interface SetKind<T extends ObjectLike> {
  readonly name: string;
  readonly component: string;
  readonly ref: ResourceRef<T>;
  readonly apiVersion: string;
  readonly kind: string;
  selects(set: T, labels: Labels): boolean;
  view(set: T): ReplicaSetView;
  template(set: T): PodTemplateSpec | undefined;
}

const replicaSetKind: SetKind<ReplicaSet> = {
  name: REPLICASET_CONTROLLER,
  component: 'replicaset-controller',
  ref: resources.replicaSets,
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  selects: (rs, labels) => labelSelectorMatches(rs.spec?.selector, labels),
  view: (rs) => ({
    generation: rs.metadata?.generation ?? 0,
    replicas: rs.spec?.replicas ?? 1,
    minReadySeconds: rs.spec?.minReadySeconds ?? 0,
    templateLabels: rs.spec?.template?.metadata?.labels ?? {},
    status: rs.status,
  }),
  template: (rs) => rs.spec?.template,
};

const replicationControllerKind: SetKind<ReplicationController> = {
  name: REPLICATION_CONTROLLER_CONTROLLER,
  component: 'replication-controller',
  ref: replicationControllers,
  apiVersion: 'v1',
  kind: 'ReplicationController',
  selects: (rc, labels) => {
    const selector = Object.entries(rc.spec?.selector ?? {});
    return selector.length > 0 && selector.every(([k, v]) => labels?.[k] === v);
  },
  view: (rc) => ({
    generation: rc.metadata?.generation ?? 0,
    replicas: rc.spec?.replicas ?? 1,
    minReadySeconds: rc.spec?.minReadySeconds ?? 0,
    templateLabels: rc.spec?.template?.metadata?.labels ?? {},
    status: rc.status,
  }),
  template: (rc) => rc.spec?.template,
};

/**
 * kube's ReplicaSet controller: keeps `spec.replicas` active pods matching the selector, creating
 * them from the template (`<name>-` plus a random suffix, controlled by the set) and deleting the
 * least valuable extras first; adopts matching orphans and releases pods that stopped matching;
 * keeps the status counts and the ReplicaFailure condition. Pod status comes from elsewhere (a
 * kubelet, or the syncer): this controller only reads it.
 */
export function replicaSetController(ctx: ControllerContext): Controller {
  return replicaSetLikeController(ctx, replicaSetKind);
}

/** The same for ReplicationControllers (map selectors, core/v1). */
export function replicationControllerController(ctx: ControllerContext): Controller {
  return replicaSetLikeController(ctx, replicationControllerKind);
}

function replicaSetLikeController<T extends ObjectLike & { readonly status?: ReplicaSetView['status'] }>(ctx: ControllerContext, kind: SetKind<T>): Controller {
  const sets = ctx.informer(kind.ref);
  const pods = ctx.informer(resources.pods, { indexers: claimIndexers });
  const expectations = new Expectations(ctx.clock);
  const events = new EventRecorder(ctx.client, kind.component, ctx.clock, ctx.logger);

  /** The key of the cached set that controls `pod`, if it still is the one the reference names. */
  const ownerKey = (pod: Pod): string | undefined => {
    const ref = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (!ref || ref.kind !== kind.kind || ref.apiVersion.split('/')[0] !== kind.apiVersion.split('/')[0]) return undefined;
    const set = sets.get(pod.metadata?.namespace ?? '', ref.name);
    return set?.metadata?.uid === ref.uid ? objectKey(set) : undefined;
  };
  const podOwners = (pod: Pod): string[] => {
    if (pod.metadata?.ownerReferences?.some((r) => r.controller === true)) {
      const key = ownerKey(pod);
      return key ? [key] : [];
    }
    // An orphan: every set that could adopt it.
    if (isTerminating(pod)) return [];
    return sets
      .list(pod.metadata?.namespace ?? '')
      .filter((s) => kind.selects(s, pod.metadata?.labels))
      .map((s) => objectKey(s));
  };

  pods.addHandler(podExpectationsHandler(expectations, ownerKey));
  sets.addHandler({
    onDelete: (set) => {
      expectations.delete(objectKey(set));
    },
  });

  const ownerOf = (set: T): Owner => ({ apiVersion: kind.apiVersion, kind: kind.kind, name: set.metadata?.name ?? '', uid: set.metadata?.uid ?? '' });

  /** Pods of every set controlled by the same owner (a Deployment's), for the deletion ranking. */
  const relatedPods = (set: T): Pod[] => {
    const controller = set.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (!controller) return [];
    const seen = new Set<string>();
    const out: Pod[] = [];
    for (const sibling of sets.byIndex(OWNER_UID_INDEX, controller.uid)) {
      if (sibling.metadata?.namespace !== set.metadata?.namespace) continue;
      for (const pod of pods.byIndex(OWNER_UID_INDEX, sibling.metadata?.uid ?? '')) {
        const uid = pod.metadata?.uid ?? '';
        if (seen.has(uid) || !kind.selects(sibling, pod.metadata?.labels)) continue;
        seen.add(uid);
        out.push(pod);
      }
    }
    return out;
  };

  const manageReplicas = async (key: string, set: T, owned: Pod[], signal: AbortSignal): Promise<void> => {
    const { replicas } = kind.view(set);
    const namespace = set.metadata?.namespace ?? '';
    const diff = owned.length - replicas;
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      expectations.expectCreations(key, count);
      const owner = ownerOf(set);
      const template = kind.template(set);
      const { successes, error } = await slowStartBatch(count, async () => {
        const result = await createPod(ctx.client, podFromTemplate(template, owner, namespace), signal);
        if (result.outcome === 'created') {
          events.event(set, kind.kind, 'Normal', 'SuccessfulCreate', `Created pod: ${result.pod?.metadata?.name ?? ''}`);
        } else {
          // Nothing the informer will show: do not wait for it.
          expectations.creationObserved(key);
        }
      });
      for (let i = successes; i < count; i++) expectations.creationObserved(key);
      if (error !== undefined) {
        events.event(set, kind.kind, 'Warning', 'FailedCreate', `Error creating: ${describeError(error)}`);
        throw asError(error);
      }
    } else if (diff > 0) {
      const count = Math.min(diff, BURST_REPLICAS);
      const victims = podsToDelete(owned, relatedPods(set), count, ctx.clock.now());
      expectations.expectDeletions(key, victims.map(podKey));
      const failures: unknown[] = [];
      await Promise.all(
        victims.map(async (pod) => {
          try {
            if (await deletePod(ctx.client, namespace, pod.metadata?.name ?? '', signal)) {
              events.event(set, kind.kind, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name ?? ''}`);
            } else {
              expectations.deletionObserved(key, podKey(pod));
            }
          } catch (e) {
            expectations.deletionObserved(key, podKey(pod));
            events.event(set, kind.kind, 'Warning', 'FailedDelete', `Error deleting: ${describeError(e)}`);
            failures.push(e);
          }
        }),
      );
      if (failures.length > 0) throw failures[0];
    }
  };

  const reconcile = async (key: string, signal: AbortSignal): Promise<{ requeueAfterMs: number } | undefined> => {
    const set = sets.getByKey(key);
    if (!set) {
      expectations.delete(key);
      return undefined;
    }
    const needsSync = expectations.satisfied(key);
    const owned = await claimObjects(claimCandidates(pods, set).filter(isPodActive), {
      client: ctx.client,
      ref: resources.pods,
      owner: set,
      ownerRef: ownerOf(set),
      ownerResource: kind.ref,
      match: (pod) => kind.selects(set, pod.metadata?.labels),
      signal,
    });
    let failure: unknown;
    if (needsSync && !isBeingDeleted(set)) {
      try {
        await manageReplicas(key, set, owned, signal);
      } catch (e) {
        if (signal.aborted) throw e;
        failure = e;
      }
    }
    const now = ctx.clock.now();
    const view = kind.view(set);
    const status = calculateReplicaSetStatus(view, owned, failure === undefined ? undefined : { message: describeError(failure) }, now);
    await writeStatus(ctx.client, kind.ref, set, status, signal);
    if (failure !== undefined) throw asError(failure);
    return nextAvailability(owned, view.minReadySeconds, now);
  };

  const controller = ctx.controller({ name: kind.name, reconcile, workers: WORKERS });
  controller.watch(sets);
  controller.watch(pods, { map: podOwners });
  return controller;
}
