/**
 * Pods — virtual→host; the host pod is owned by vcluster (and by the vcluster Service); status,
 * node assignment and deletion flow back (spec §3.1, upstream `pods/syncer.go`).
 */
import type { EphemeralContainer, Namespace, Pod, Secret } from 'kubernetes-types/core/v1.js';
import { isConflict } from '../../api/status.js';
import { resources } from '../../client/index.js';
import type { Config } from '../../config/index.js';
import { namespacedMapper, shouldDeleteHostObject, virtualMetadata, type NameContext, type NameMapper } from '../names.js';
import {
  NO_CHANGE,
  watchSpec,
  type ResourceSyncer,
  type SyncContext,
  type SyncerBundle,
  type SyncerSetup,
  type SyncEvent,
  type SyncResult,
  type ToHostEvent,
  type ToVirtualEvent,
} from '../types.js';
import { syncMapperFrom } from '../engine-templates.js';
import { KubeIpLookup, podEnvironment } from './pods-inputs.js';
import { hostPodLogs } from './pods-logs.js';
import { syncPods, virtualStatusOnly, type PodSyncOptions } from './pods-sync.translate.js';
import { tokenRequestPlans } from './pods-tokens.translate.js';
import { adoptTokenSecret, issueTokens, mountsTokenSecret, writeTokenSecret } from './pods-tokens.js';
import { POD_GVK, toHostPod, translateEphemeralContainer, type PodTranslateOptions } from './pods.translate.js';
import { cloneJson } from '../../lib/json.js';

/** Upstream's default grace period when a virtual pod must go because its host pod goes. */
const DEFAULT_GRACE_SECONDS = 30;
/** How soon to look again while something the translation needs is not there yet. */
const WAIT_RETRY_MS = 1000;
/** After binding the virtual pod to its node: look again once the caches have it. */
const BIND_RETRY_MS = 200;
/** The syncer's user for injected containers; root runs them as 1001 (upstream `GetUserID`). */
const FALLBACK_ID = 1001;

function processId(read: (() => number) | undefined): number {
  const id = read?.() ?? FALLBACK_ID;
  return id === 0 ? FALLBACK_ID : id;
}

/** The translation options of a configuration. */
export function podTranslateOptions(config: Config, names: NameContext): PodTranslateOptions {
  const pods = config.pods;
  return {
    translateImage: pods.translateImage,
    enforceTolerations: pods.enforceTolerations,
    useSecretsForSATokens: pods.useSecretsForSATokens,
    runtimeClassName: pods.runtimeClassName,
    priorityClassName: pods.priorityClassName,
    rewriteHosts: { enabled: pods.rewriteHosts.enabled, image: pods.rewriteHosts.initContainer.image, resources: pods.rewriteHosts.initContainer.resources },
    ephemeralContainers: pods.ephemeralContainers,
    status: pods.status,
    clusterDomain: config.networking.clusterDomain,
    workloadServiceAccount: config.workloadServiceAccount ?? `vc-workload-${names.vclusterName}`,
    syncServiceAccounts: config.sync.serviceaccounts,
    priorityClassesToHost: config.sync.priorityclasses,
    priorityClassesFromHost: config.sync.hostpriorityclasses,
    virtualScheduler: config.virtualScheduler,
    runAsUser: processId(process.getuid),
    runAsGroup: processId(process.getgid),
  };
}

function nameOf(pod: Pod): { name: string; namespace: string } {
  return { name: pod.metadata?.name ?? '', namespace: pod.metadata?.namespace ?? '' };
}

function describe(pod: Pod): string {
  const { name, namespace } = nameOf(pod);
  return `${namespace}/${name}`;
}

class PodSyncer implements ResourceSyncer<Pod> {
  readonly type = 'resource';
  readonly name = 'pods';
  // A pod takes several host round trips (token Secret, pod, owner); more of them in flight keep up with bursts.
  readonly workers = 64;
  readonly resource = resources.pods;
  readonly gvk = POD_GVK;
  readonly hasStatus = true;
  readonly caches = [
    { side: 'virtual', resource: resources.namespaces },
    { side: 'virtual', resource: resources.services },
    { side: 'virtual', resource: resources.nodes },
    { side: 'host', resource: resources.services },
  ] as const;
  readonly watches = [
    // Namespace labels are copied onto host pods (spec §1.5.1): a change re-syncs the namespace's pods.
    watchSpec<Namespace>({
      side: 'virtual',
      resource: resources.namespaces,
      map: (ctx, ns) => ctx.virtual.cache(resources.pods).list(ns.metadata?.name ?? '').map(describe),
    }),
  ];
  readonly mapper: ResourceSyncer<Pod>['mapper'];
  private readonly names: NameMapper;
  private readonly options: PodTranslateOptions;
  private readonly syncOptions: PodSyncOptions;
  private readonly kubeIp = new KubeIpLookup();
  /** Host pods (by uid) whose token Secret is known to be owned by them already. */
  private readonly adopted = new Set<string>();
  /** Token Secrets as written for pods not yet created on the host (by virtual `namespace/name`). */
  private readonly written = new Map<string, Secret>();

  constructor(setup: SyncerSetup) {
    this.names = namespacedMapper(setup.names, POD_GVK, setup.mappings);
    this.options = podTranslateOptions(setup.config, setup.names);
    this.syncOptions = { translateImage: this.options.translateImage, enforceTolerations: this.options.enforceTolerations, status: this.options.status };
    this.mapper = syncMapperFrom<Pod>((lookup) => namespacedMapper(setup.names, POD_GVK, lookup), setup.mappings);
  }

  get nameMapper(): NameMapper {
    return this.names;
  }

  async toHost(ctx: SyncContext, event: ToHostEvent<Pod>): Promise<SyncResult<Pod>> {
    const virtual = event.virtual;
    // A pod that ran and lost its host pod is never started again elsewhere (spec §3.1 step 2).
    if (event.hostOld !== undefined || virtual.metadata?.deletionTimestamp !== undefined || virtual.status?.startTime !== undefined) {
      return { virtual: { op: 'delete', reason: 'the host pod is gone', gracePeriodSeconds: 0 } };
    }
    const environment = await podEnvironment(ctx, virtual, this.kubeIp);
    if ('waiting' in environment) {
      ctx.logger.debug({ pod: describe(virtual), why: environment.waiting }, 'pod not synced yet');
      return { requeueAfterMs: WAIT_RETRY_MS };
    }
    const tokens = await issueTokens(ctx, virtual, tokenRequestPlans(virtual, this.options.clusterDomain));
    const translated = toHostPod(ctx.names, { virtual, ...environment, tokens, owner: ctx.owner }, this.options);
    for (const warning of translated.warnings) ctx.events.record(virtual, 'Warning', 'SyncWarning', warning);
    if (Object.keys(translated.tokenSecretData).length > 0) this.rememberWritten(virtual, await writeTokenSecret(ctx, virtual, translated.tokenSecretData));
    return { host: { op: 'create', object: translated.pod } };
  }

  async sync(ctx: SyncContext, event: SyncEvent<Pod>): Promise<SyncResult<Pod>> {
    const { virtual, host } = event;
    if (host.metadata?.deletionTimestamp !== undefined) return this.hostDeleting(virtual, host);
    if (virtual.metadata?.deletionTimestamp !== undefined) {
      const grace = virtual.metadata.deletionGracePeriodSeconds;
      return { host: { op: 'delete', reason: 'the virtual pod is being deleted', ...(grace === undefined ? {} : { gracePeriodSeconds: grace }) } };
    }
    const node = await this.ensureNode(ctx, virtual, host);
    if (node !== undefined) return node;
    if (this.options.ephemeralContainers && (await this.addEphemeralContainers(ctx, virtual, host))) return { requeueAfterMs: BIND_RETRY_MS };
    await this.adoptTokenSecret(ctx, virtual, host);
    const namespaceLabels = ctx.virtual.cache(resources.namespaces).get('', virtual.metadata?.namespace ?? '')?.metadata?.labels ?? {};
    const desired = syncPods(ctx.names, { ...event, namespaceLabels }, this.syncOptions);
    return { virtual: { op: 'update', object: desired.virtual }, host: { op: 'update', object: desired.host } };
  }

  toVirtual(ctx: SyncContext, event: ToVirtualEvent<Pod>): SyncResult<Pod> {
    const host = event.host;
    if (event.virtualOld !== undefined || shouldDeleteHostObject(POD_GVK, host.metadata ?? {})) {
      if (host.metadata?.deletionTimestamp !== undefined) return NO_CHANGE;
      return { host: { op: 'delete', reason: 'the virtual pod was deleted' } };
    }
    // A host pod of an older vcluster without the newer annotations: import it (spec §1.10).
    const target = event.virtualName;
    const spec = cloneJson(host.spec ?? { containers: [] });
    delete spec.nodeName;
    if (!ctx.config.sync.serviceaccounts) {
      delete spec.serviceAccountName;
      delete spec.serviceAccount;
    }
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: virtualMetadata(ctx.names, host.metadata ?? {}, target),
      spec,
      ...(host.status === undefined ? {} : { status: cloneJson(host.status) }),
    };
    return { virtual: { op: 'create', object: pod } };
  }

  /** The host pod is going away: the virtual pod goes too, with the status following until then. */
  private hostDeleting(virtual: Pod, host: Pod): SyncResult<Pod> {
    if (virtual.metadata?.deletionTimestamp === undefined) {
      const grace = virtual.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
      return { virtual: { op: 'delete', reason: 'the host pod is being deleted', gracePeriodSeconds: grace } };
    }
    const hostGrace = host.metadata?.deletionGracePeriodSeconds;
    if (hostGrace !== undefined && virtual.metadata.deletionGracePeriodSeconds !== hostGrace) {
      return { virtual: { op: 'delete', reason: `the host pod is being deleted with grace period ${hostGrace}s`, gracePeriodSeconds: hostGrace } };
    }
    // Controllers may wait for Succeeded/Failed before letting the pod go.
    return { virtual: { op: 'update', object: virtualStatusOnly(virtual, host) } };
  }

  /**
   * The host scheduler picked a node: the virtual pod is bound to it once the virtual cluster has
   * that node (the fake-nodes syncer creates it). Pods that disagree about their node are deleted.
   */
  private async ensureNode(ctx: SyncContext, virtual: Pod, host: Pod): Promise<SyncResult<Pod> | undefined> {
    const hostNode = host.spec?.nodeName ?? '';
    const virtualNode = virtual.spec?.nodeName ?? '';
    if (hostNode === '') {
      if (virtualNode === '') return undefined;
      return { virtual: { op: 'delete', reason: 'the host pod has no node but the virtual pod has one', gracePeriodSeconds: DEFAULT_GRACE_SECONDS } };
    }
    if (virtualNode !== '' && virtualNode !== hostNode) {
      return { virtual: { op: 'delete', reason: `the virtual pod runs on ${virtualNode}, the host pod on ${hostNode}` } };
    }
    if (ctx.virtual.cache(resources.nodes).get('', hostNode) === undefined) return { requeueAfterMs: WAIT_RETRY_MS };
    if (virtualNode === hostNode) return undefined;
    const { name, namespace } = nameOf(virtual);
    try {
      await ctx.virtual.client.createSubresource(
        resources.pods,
        name,
        'binding',
        { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace }, target: { apiVersion: 'v1', kind: 'Node', name: hostNode } },
        { namespace, signal: ctx.signal },
      );
    } catch (e) {
      if (!isConflict(e)) {
        ctx.events.record(virtual, 'Warning', 'SyncError', `Error binding pod: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      }
    }
    return { requeueAfterMs: BIND_RETRY_MS };
  }

  /** Ephemeral containers added in the virtual cluster are added to the host pod (never the other way). */
  private async addEphemeralContainers(ctx: SyncContext, virtual: Pod, host: Pod): Promise<boolean> {
    const existing = new Set((host.spec?.ephemeralContainers ?? []).map((c) => c.name));
    const missing = (virtual.spec?.ephemeralContainers ?? []).filter((c) => !existing.has(c.name));
    if (missing.length === 0) return false;
    const environment = await podEnvironment(ctx, virtual, this.kubeIp);
    if ('waiting' in environment) return false;
    const added: EphemeralContainer[] = missing.map((c) =>
      translateEphemeralContainer(ctx.names, c, virtual, environment.services, environment.kubeIP, this.options.translateImage),
    );
    const spec = { ...(host.spec ?? { containers: [] }), ephemeralContainers: [...(host.spec?.ephemeralContainers ?? []), ...added] };
    await ctx.host.client.update(resources.pods, { ...host, spec }, { subresource: 'ephemeralcontainers', signal: ctx.signal });
    return true;
  }

  private rememberWritten(virtual: Pod, secret: Secret): void {
    // Pods whose host create then failed would leave entries behind: bounded like `adopted`.
    if (this.written.size > 10_000) this.written.clear();
    this.written.set(virtualKey(virtual), secret);
  }

  private async adoptTokenSecret(ctx: SyncContext, virtual: Pod, host: Pod): Promise<void> {
    const uid = host.metadata?.uid ?? '';
    if (!this.options.useSecretsForSATokens || uid === '' || this.adopted.has(uid) || !mountsTokenSecret(ctx, virtual, host)) return;
    const key = virtualKey(virtual);
    await adoptTokenSecret(ctx, virtual, host, this.written.get(key));
    this.written.delete(key);
    this.adopted.add(uid);
    if (this.adopted.size > 100_000) this.adopted.clear();
  }
}

/**
 * The pods syncer and the `kubectl logs` source that goes with it. The log source reaches the host
 * through the engine's host client, which it receives when the engine runs its task.
 */
export function createPodSyncers(setup: SyncerSetup): SyncerBundle {
  const syncer = new PodSyncer(setup);
  const logs = hostPodLogs(syncer.nameMapper);
  return { syncers: [syncer, logs.task], podLogs: logs.podLogs };
}

export function podSyncer(setup: SyncerSetup): ResourceSyncer<Pod> {
  return new PodSyncer(setup);
}

function virtualKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}
