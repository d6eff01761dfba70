import type { Namespace } from 'kubernetes-types/core/v1.js';
import { isConflict, isNotFound } from '../api/status.js';
import { describeError, resources, RestMapper } from '../client/index.js';
import type { Controller } from '../runtime/index.js';
import { nextNamespaceConditions } from './namespace-conditions.js';
import { NamespaceContentDeleter } from './namespace-deleter.js';
import type { ControllerContext } from './shared/context.js';
import { isBeingDeleted } from './shared/metadata.js';
import { rfc3339 } from './shared/time.js';

export const NAMESPACE_CONTROLLER = 'namespace-controller';
/** The finalizer in `spec.finalizers` that this controller owns. */
export const KUBERNETES_FINALIZER = 'kubernetes';
const WORKERS = 10;
const MAX_CONFLICT_RETRIES = 5;

/**
 * kube's namespace controller: a namespace being deleted has all its content deleted (every
 * namespaced resource discovery lists, custom resources included), its deletion conditions kept
 * up to date, and then the `kubernetes` finalizer removed through the finalize subresource, after
 * which the API server deletes it.
 */
export function namespaceController(ctx: ControllerContext): Controller {
  const namespaces = ctx.informer(resources.namespaces);
  // Its own discovery: every pass re-reads it, which must not disturb the shared cache.
  const discovery = new RestMapper(ctx.client, { clock: ctx.clock, logger: ctx.logger });
  const deleter = new NamespaceContentDeleter(ctx.client, discovery, ctx.clock, ctx.logger);
  /** When each terminating namespace (by UID) was first seen, for the deletion delay. */
  const firstSeen = new Map<string, number>();
  namespaces.addHandler({
    onDelete: (ns) => {
      firstSeen.delete(ns.metadata?.uid ?? '');
    },
  });

  const reconcile = async (name: string, signal: AbortSignal): Promise<{ requeueAfterMs: number } | undefined> => {
    const cached = namespaces.get('', name);
    if (!cached || !isBeingDeleted(cached)) return undefined;
    const uid = cached.metadata?.uid ?? '';
    const seen = firstSeen.get(uid) ?? ctx.clock.now();
    firstSeen.set(uid, seen);
    const wait = seen + ctx.tuning.namespaceDeletionDelayMs - ctx.clock.now();
    if (wait > 0) return { requeueAfterMs: wait };

    // Several controllers edit a terminating namespace: work from its latest state.
    let ns = await ctx.client.get(resources.namespaces, name, { signal });
    if (!ns || !isBeingDeleted(ns) || ns.metadata?.uid !== uid) return undefined;
    ns = await markTerminating(ns, signal);
    if (!ns || !(ns.spec?.finalizers ?? []).includes(KUBERNETES_FINALIZER)) return undefined;

    const result = await deleter.deleteAllContent(ns, signal);
    const { conditions, changed } = nextNamespaceConditions(ns.status?.conditions, result.outcome, rfc3339(ctx.clock.now()));
    if (changed) {
      try {
        ns = await ctx.client.updateStatus(resources.namespaces, { ...ns, status: { ...ns.status, conditions } }, { signal });
      } catch (e) {
        if (signal.aborted) throw e;
        ctx.logger.warn({ namespace: name, err: describeError(e) }, 'could not update the conditions of a terminating namespace');
      }
    }
    if (result.failed) {
      throw new Error([result.outcome.discoveryError, ...result.outcome.contentErrors].filter((m) => m !== undefined).join('; '));
    }
    if (result.estimateSeconds > 0) {
      ctx.logger.debug({ namespace: name, estimateSeconds: result.estimateSeconds }, 'some content remains in the namespace');
      return { requeueAfterMs: Math.max(500, Math.floor(result.estimateSeconds / 2) * 1000) };
    }
    await finalize(ns, signal);
    return undefined;
  };

  /** Sets phase Terminating if the server has not (ours does; others might not). */
  const markTerminating = async (ns: Namespace, signal: AbortSignal): Promise<Namespace | undefined> => {
    let current: Namespace | undefined = ns;
    for (let attempt = 1; current && current.status?.phase !== 'Terminating'; attempt++) {
      try {
        return await ctx.client.updateStatus(resources.namespaces, { ...current, status: { ...current.status, phase: 'Terminating' } }, { signal });
      } catch (e) {
        if (isNotFound(e)) return undefined;
        if (!isConflict(e) || attempt >= MAX_CONFLICT_RETRIES) throw e;
        current = await refetch(current, signal);
      }
    }
    return current;
  };

  /** Removes our token from spec.finalizers (sorted and deduplicated, as kube). */
  const finalize = async (ns: Namespace, signal: AbortSignal): Promise<void> => {
    let current: Namespace | undefined = ns;
    for (let attempt = 1; current; attempt++) {
      const finalizers = [...new Set((current.spec?.finalizers ?? []).filter((f) => f !== KUBERNETES_FINALIZER))].sort();
      try {
        await ctx.client.update(resources.namespaces, { ...current, spec: { ...current.spec, finalizers } }, { subresource: 'finalize', signal });
        ctx.logger.info({ namespace: current.metadata?.name }, 'namespace emptied and finalized');
        return;
      } catch (e) {
        if (isNotFound(e)) return;
        if (!isConflict(e) || attempt >= MAX_CONFLICT_RETRIES) throw e;
        current = await refetch(current, signal);
      }
    }
  };

  /** The namespace again, or undefined if it is gone or was replaced. */
  const refetch = async (ns: Namespace, signal: AbortSignal): Promise<Namespace | undefined> => {
    const latest = await ctx.client.get(resources.namespaces, ns.metadata?.name ?? '', { signal });
    if (latest && latest.metadata?.uid !== ns.metadata?.uid) throw new Error('namespace uid has changed across retries');
    return latest;
  };

  return ctx
    .controller({ name: NAMESPACE_CONTROLLER, workers: WORKERS, reconcile })
    .watch(namespaces, { map: (ns) => (isBeingDeleted(ns) ? [ns.metadata?.name ?? ''] : []) });
}
