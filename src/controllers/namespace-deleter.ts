import type { Namespace } from 'kubernetes-types/core/v1.js';
import { isNotFound, StatusError } from '../api/status.js';
import { describeError, resources, toRef, type ApiResourceInfo, type Clock, type GroupInfo, type KubeClient, type Logger, type RestMapper } from '../client/index.js';
import type { ContentDeletionOutcome } from './namespace-conditions.js';
import { hasVerbs, preferredResources } from './shared/discovery.js';
import { isPodTerminal } from './shared/pods.js';

/** Seconds to wait for objects that still carry finalizers (kube's finalizerEstimateSeconds). */
export const FINALIZER_ESTIMATE_SECONDS = 15;
const PARALLEL_RESOURCES = 8;

/** What one pass over a namespace's content found. */
export interface ContentDeletionResult {
  /** Seconds until the remaining content should be gone; 0 when nothing is left to wait for. */
  readonly estimateSeconds: number;
  readonly outcome: ContentDeletionOutcome;
  /** Whether anything failed (the pass must be retried). */
  readonly failed: boolean;
}

interface ResourceResult {
  readonly estimate: number;
  readonly remaining: number;
  readonly finalizers: ReadonlyMap<string, number>;
  readonly error?: string;
}

/**
 * The namespaced resources to empty: the server's preferred version of each, restricted to those
 * that can be deleted (ServerPreferredNamespacedResources filtered by the delete verb).
 */
export function deletableNamespacedResources(groups: readonly GroupInfo[], all: readonly ApiResourceInfo[]): ApiResourceInfo[] {
  return preferredResources(groups, all).filter((r) => r.namespaced && hasVerbs(r, 'delete'));
}

/** How Go prints a GroupVersionResource, for messages that match kube's. */
function gvrString(r: ApiResourceInfo): string {
  return `${r.group}/${r.version}, Resource=${r.resource}`;
}

/**
 * Deletes everything in a namespace, resource by resource, as kube's namespaced resources deleter:
 * delete-collection (or list and delete each) with background propagation, then a list to see
 * what is left and which finalizers hold it.
 */
export class NamespaceContentDeleter {
  constructor(
    private readonly client: KubeClient,
    private readonly discovery: RestMapper,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async deleteAllContent(namespace: Namespace, signal: AbortSignal): Promise<ContentDeletionResult> {
    const name = namespace.metadata?.name ?? '';
    const deletedAt = Date.parse(namespace.metadata?.deletionTimestamp ?? '');
    let discoveryError: string | undefined;
    let targets: ApiResourceInfo[] = [];
    try {
      // Every pass sees CRDs created since the last one.
      this.discovery.invalidate();
      const all = await this.discovery.resources(signal);
      targets = deletableNamespacedResources(await this.discovery.groups(signal), all);
    } catch (e) {
      if (signal.aborted) throw e;
      discoveryError = describeError(e);
    }
    const results: { info: ApiResourceInfo; result: ResourceResult }[] = [];
    for (let i = 0; i < targets.length; i += PARALLEL_RESOURCES) {
      const batch = targets.slice(i, i + PARALLEL_RESOURCES);
      results.push(...(await Promise.all(batch.map(async (info) => ({ info, result: await this.deleteResource(info, name, deletedAt, signal) })))));
    }
    let estimate = 0;
    const contentErrors: string[] = [];
    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    for (const { info, result } of results) {
      estimate = Math.max(estimate, result.estimate);
      if (result.error !== undefined) contentErrors.push(result.error);
      if (result.remaining > 0) {
        remaining.set(`${info.resource}.${info.group}`, result.remaining);
        for (const [f, n] of result.finalizers) finalizers.set(f, (finalizers.get(f) ?? 0) + n);
      }
    }
    return {
      estimateSeconds: estimate,
      outcome: { discoveryError, contentErrors, remaining, finalizers },
      failed: discoveryError !== undefined || contentErrors.length > 0,
    };
  }

  private async deleteResource(info: ApiResourceInfo, namespace: string, deletedAt: number, signal: AbortSignal): Promise<ResourceResult> {
    let estimate = 0;
    try {
      if (info.group === '' && info.resource === 'pods') estimate = await this.estimatePods(namespace, deletedAt, signal);
      if (!(info.verbs.includes('deletecollection') && (await this.deleteCollection(info, namespace, signal)))) {
        await this.deleteEach(info, namespace, signal);
      }
      if (!info.verbs.includes('list')) return { estimate, remaining: 0, finalizers: new Map() };
      const left = await this.list(info, namespace, signal);
      if (!left || left.length === 0) return { estimate: 0, remaining: 0, finalizers: new Map() };
      const finalizers = new Map<string, number>();
      for (const item of left) for (const f of item.metadata?.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
      if (estimate > 0) return { estimate, remaining: left.length, finalizers };
      // Finalizers are expected to be worked on (the garbage collector's, for example).
      if (finalizers.size > 0) return { estimate: FINALIZER_ESTIMATE_SECONDS, remaining: left.length, finalizers };
      return { estimate, remaining: left.length, finalizers, error: `unexpected items still remain in namespace: ${namespace} for gvr: ${gvrString(info)}` };
    } catch (e) {
      if (signal.aborted) throw e;
      this.logger.warn({ namespace, resource: `${info.resource}.${info.group}`, err: describeError(e) }, 'deleting namespace content failed');
      return { estimate, remaining: 0, finalizers: new Map(), error: describeError(e) };
    }
  }

  /** True when the server did it; false when it does not support it for this resource. */
  private async deleteCollection(info: ApiResourceInfo, namespace: string, signal: AbortSignal): Promise<boolean> {
    try {
      await this.client.deleteCollection(toRef(info), { namespace, propagationPolicy: 'Background', signal });
      return true;
    } catch (e) {
      if (unsupported(e)) return false;
      throw e;
    }
  }

  private async deleteEach(info: ApiResourceInfo, namespace: string, signal: AbortSignal): Promise<void> {
    const items = await this.list(info, namespace, signal);
    for (const item of items ?? []) {
      try {
        await this.client.delete(toRef(info), item.metadata?.name ?? '', { namespace, propagationPolicy: 'Background', signal });
      } catch (e) {
        if (!unsupported(e)) throw e;
      }
    }
  }

  private async list(info: ApiResourceInfo, namespace: string, signal: AbortSignal): Promise<{ metadata?: { name?: string; finalizers?: string[] } }[] | undefined> {
    if (!info.verbs.includes('list')) return undefined;
    try {
      return (await this.client.listAll(toRef(info), { namespace, signal })).items;
    } catch (e) {
      if (unsupported(e)) return undefined;
      throw e;
    }
  }

  /**
   * The longest termination grace period of the namespace's running pods, or 0 once that long has
   * passed since the namespace's deletion: until then, terminating pods are expected to remain.
   */
  private async estimatePods(namespace: string, deletedAt: number, signal: AbortSignal): Promise<number> {
    const pods = await this.client.listAll(resources.pods, { namespace, signal });
    let estimate = 0;
    for (const pod of pods.items) {
      if (isPodTerminal(pod)) continue;
      estimate = Math.max(estimate, pod.spec?.terminationGracePeriodSeconds ?? 0);
    }
    if (Number.isFinite(deletedAt) && this.clock.now() - deletedAt >= estimate * 1000) return 0;
    return estimate;
  }
}

/** Not found or method not allowed: the operation is not served for this resource. */
function unsupported(e: unknown): boolean {
  return isNotFound(e) || (e instanceof StatusError && e.code === 405);
}
