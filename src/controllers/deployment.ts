import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { objectKey, resources, type ObjectLike } from '../client/index.js';
import type { Controller } from '../runtime/index.js';
import { DeploymentSync } from './deployment-sync.js';
import type { ControllerContext } from './shared/context.js';
import { labelSelectorMatches } from './shared/labels.js';
import { EventRecorder } from './workloads/events.js';
import { claimCandidates, claimIndexers } from './workloads/candidates.js';

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';
/** kube's --concurrent-deployment-syncs default. */
const WORKERS = 5;

/**
 * kube's Deployment controller: ReplicaSets `<name>-<pod-template-hash>` per pod template, rolled
 * out with RollingUpdate (maxSurge/maxUnavailable) or Recreate, proportional scaling, revisions
 * (`deployment.kubernetes.io/revision`, `revision-history`), history cleanup, pause, and the
 * Progressing/Available conditions with the progress deadline, so that `kubectl rollout
 * status|history|undo|restart|pause|resume` behave as on any cluster.
 */
export function deploymentController(ctx: ControllerContext): Controller {
  const deployments = ctx.informer(resources.deployments);
  const replicaSets = ctx.informer(resources.replicaSets, { indexers: claimIndexers });
  const pods = ctx.informer(resources.pods);
  const events = new EventRecorder(ctx.client, DEPLOYMENT_CONTROLLER, ctx.clock, ctx.logger);

  const controllerKey = (obj: ObjectLike, kind: string, group: string): string | undefined => {
    const ref = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (!ref || ref.kind !== kind || ref.apiVersion.split('/')[0] !== group) return undefined;
    return `${obj.metadata?.namespace ?? ''}/${ref.name}`;
  };
  const replicaSetOwners = (rs: ReplicaSet): string[] => {
    if (rs.metadata?.ownerReferences?.some((r) => r.controller === true)) {
      const key = controllerKey(rs, 'Deployment', 'apps');
      return key ? [key] : [];
    }
    // An orphan: every Deployment that could adopt it.
    return deployments
      .list(rs.metadata?.namespace ?? '')
      .filter((d) => labelSelectorMatches(d.spec?.selector, rs.metadata?.labels))
      .map((d) => objectKey(d));
  };
  /** A deleted pod may unblock a Recreate rollout waiting for old pods to go. */
  const podOwners = (pod: Pod): string[] => {
    const rsKey = controllerKey(pod, 'ReplicaSet', 'apps');
    const rs = rsKey === undefined ? undefined : replicaSets.getByKey(rsKey);
    const key = rs ? controllerKey(rs, 'Deployment', 'apps') : undefined;
    const d = key === undefined ? undefined : deployments.getByKey(key);
    return d && d.spec?.strategy?.type === 'Recreate' && key !== undefined ? [key] : [];
  };

  const reconcile = async (key: string, signal: AbortSignal): Promise<{ requeueAfterMs: number } | undefined> => {
    const d = deployments.getByKey(key);
    if (!d) return undefined;
    const sync = new DeploymentSync({
      client: ctx.client,
      clock: ctx.clock,
      events,
      deployment: d,
      replicaSets: claimCandidates(replicaSets, d),
      cachedReplicaSet: (name) => replicaSets.get(d.metadata?.namespace ?? '', name),
      pods: () => pods.list(d.metadata?.namespace ?? ''),
      deploymentResource: resources.deployments,
      signal,
    });
    return sync.run();
  };

  const controller = ctx.controller({ name: DEPLOYMENT_CONTROLLER, reconcile, workers: WORKERS });
  controller.watch(deployments);
  controller.watch(replicaSets, { map: replicaSetOwners });
  controller.watch(pods, { map: podOwners, predicate: (e) => e.type === 'delete' });
  return controller;
}

