/**
 * The syncer contract (../shared/research/style-anchors.md §7.3, spec/syncer.md §3.0, §4).
 *
 * The engine decides, the syncer reacts: for every virtual key the engine reads both sides from
 * its caches and calls exactly one of `toHost` (host missing), `sync` (both exist) or `toVirtual`
 * (virtual missing). Handlers are idempotent, read only caches, and *return* what they want
 * written (`SyncResult`); the engine writes it, drops writes that change nothing, remembers what it
 * wrote (spec §4.4) and retries conflicts. Handlers may use the clients directly only for objects
 * other than the one being synced (e.g. a host Secret owned by a host pod).
 *
 * Registration is an explicit list (`registry.ts`) of `{ name, enabled(config), create(setup) }`.
 *
 * Exclusions (spec §4.2): objects on either side labelled `vcluster.loft.sh/controlled-by` (any
 * value), or annotated with it naming another syncer, are never reconciled. Label auxiliary host
 * objects that carry `managed-by` but are not synced copies (e.g. a pod's token Secret) with it.
 */
import type { KubeObject } from '../api/object.js';
import type { Clock, KubeClient, Logger, ObjectLike, RawResponse, ResourceRef } from '../client/index.js';
import type { Config, SyncerName } from '../config/index.js';
import type { ObjectCache } from '../runtime/index.js';
import type { GroupVersionKind, HostOwner, MappingLookup, NameContext, NamespacedName } from './names.js';

export type SyncSide = 'virtual' | 'host';

// --- What handlers return ------------------------------------------------------------------

/**
 * A write the engine performs on one side for the object being synced.
 * - `create`: the object must not exist yet (AlreadyExists on the host is reported as a
 *   collision with a foreign object if that object is not ours). If the server refuses it as
 *   invalid, `fallback` is created instead (e.g. without a requested cluster IP).
 * - `update`: the full desired object, made from a copy of the current one (keep its
 *   resourceVersion). Written only if it differs from the current object; when the resource has a
 *   status subresource (`ResourceSyncer.hasStatus`), everything but `status` is written first and
 *   then `status` alone, each only if it changed.
 * - `delete`: deletes the current object (UID precondition). `gracePeriodSeconds` for pods.
 * - `recreate`: deletes the current object and creates `object` under the same name within the same
 *   reconcile (a virtual Service taking the host's clusterIP, spec §3.2); if the server refuses
 *   `object`, `fallback` (e.g. the old object) is created instead so nothing is lost.
 */
export type WriteIntent<T> =
  | { readonly op: 'create'; readonly object: T; readonly fallback?: T }
  | { readonly op: 'update'; readonly object: T }
  | { readonly op: 'delete'; readonly reason: string; readonly gracePeriodSeconds?: number }
  | { readonly op: 'recreate'; readonly object: T; readonly reason: string; readonly fallback?: T };

export interface SyncResult<T> {
  /** Applied first (upstream patches the virtual side before the host side, spec §4.5). */
  readonly virtual?: WriteIntent<T>;
  readonly host?: WriteIntent<T>;
  /** Look at this key again later (not a failure). */
  readonly requeueAfterMs?: number;
}

/** Nothing to do. */
export const NO_CHANGE: SyncResult<never> = Object.freeze({});

// --- What handlers receive ------------------------------------------------------------------

/**
 * `*Old` are the last states the engine saw or wrote for this key since it started (spec §4.4);
 * `undefined` after a (re)start. A sync that merges both ways treats an unknown old state as
 * "this side changed" for the virtual side, so that changes made while the syncer was down reach
 * the host (the virtual cluster is the source of truth after a restart).
 */
export interface ToHostEvent<T> {
  readonly virtual: T;
  /** Where the host object goes (the mapper's answer). */
  readonly hostName: NamespacedName;
  /** Set when the host object was seen before and is gone now: it was deleted from outside. */
  readonly hostOld?: T;
}

export interface SyncEvent<T> {
  readonly virtual: T;
  readonly host: T;
  readonly virtualName: NamespacedName;
  readonly hostName: NamespacedName;
  readonly virtualOld?: T;
  readonly hostOld?: T;
}

export interface ToVirtualEvent<T> {
  readonly host: T;
  /** The virtual object's name (the mapper's answer). */
  readonly virtualName: NamespacedName;
  /** Set when the virtual object was seen before and is gone now: it was deleted. */
  readonly virtualOld?: T;
}

// --- What handlers can read -----------------------------------------------------------------

/** Which host objects a host cache holds. Always only the vcluster's host namespace. */
export type HostSelection =
  /** Objects labelled `vcluster.loft.sh/managed-by=<vcluster name>` (the default). */
  | 'managed'
  /** Every object of the kind in the host namespace (events, which the host writes itself). */
  | 'namespace'
  /** The vcluster's own object: named after the vcluster, in its current namespace (its Service, Endpoints). */
  | 'own';

export interface ClusterAccess {
  readonly side: SyncSide;
  readonly client: KubeClient;
  /**
   * The shared watch cache of a resource: virtual side all namespaces; host side the host
   * namespace only, with `selection` (default `managed`). Declare it in `caches` so that it has
   * synced before the first reconcile; an undeclared cache is started on first use.
   */
  cache<T extends ObjectLike>(ref: ResourceRef<T>, selection?: HostSelection): ObjectCache<T>;
}

export type EventType = 'Normal' | 'Warning';

/** Records Kubernetes Events about virtual objects (deduplicated, rate-limited). */
export interface EventRecorder {
  /** Fire and forget: failures are logged, never thrown. */
  record(virtual: ObjectLike, type: EventType, reason: string, message: string): void;
}

/**
 * Recorded virtual ↔ host pairs per kind (`objectKindAnnotationValue(gvk)`, e.g. `/v1, Kind=Pod`),
 * spec §1.7. The engine records the pair of every object it syncs and forgets it when both sides
 * are gone; name mappers read it through `MappingLookup`.
 */
export interface MappingStore extends MappingLookup {
  record(kind: string, virtual: NamespacedName, host: NamespacedName): void;
  forget(kind: string, virtual: NamespacedName): void;
}

export interface SyncContext {
  readonly virtual: ClusterAccess;
  readonly host: ClusterAccess;
  /** vcluster name, host namespace (TNS) and current namespace (CNS) for names.ts. */
  readonly names: NameContext;
  readonly config: Config;
  /** Owner reference for namespaced host objects (the vcluster's host Service), unless `setOwner` is off. */
  readonly owner?: HostOwner;
  /** The virtual API server as pods reach it: cluster IP (if known) and port. */
  readonly virtualApiServer: { readonly clusterIp?: string; readonly port: number };
  readonly events: EventRecorder;
  readonly mappings: MappingStore;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Aborts when the syncer stops. */
  readonly signal: AbortSignal;
}

// --- The syncers ----------------------------------------------------------------------------

/** virtual ↔ host names of one kind, with the sync context at hand (events need the caches). */
export interface SyncMapper<T> {
  /** `undefined`: this virtual object has no host partner (e.g. virtual events). */
  virtualToHost(ctx: SyncContext, virtual: NamespacedName, obj?: T): NamespacedName | undefined;
  /** `undefined`: not ours, ignore the host object. */
  hostToVirtual(ctx: SyncContext, host: NamespacedName, obj?: T): NamespacedName | undefined;
  /** Is this host object ours (spec §1.9)? Objects that are not are never written. */
  isManaged(ctx: SyncContext, host: T): boolean;
}

/** Extra triggers (upstream's `ModifyController`): changes of other objects enqueue keys of this syncer. */
export interface WatchSpec<O extends ObjectLike = ObjectLike> {
  readonly side: SyncSide;
  readonly resource: ResourceRef<O>;
  /** Host side only; default `managed`. */
  readonly selection?: HostSelection;
  /** Virtual keys (`namespace/name` or `name`) of this syncer to reconcile. */
  map(ctx: SyncContext, obj: O): Iterable<string>;
  /** Whether an update of the watched object can matter to this syncer (default: every update does). */
  updateMatters?(old: O, obj: O): boolean;
}

/** A secondary index on a cache, registered before the caches start. */
export interface IndexSpec<O extends ObjectLike = ObjectLike> {
  readonly side: SyncSide;
  readonly resource: ResourceRef<O>;
  readonly selection?: HostSelection;
  readonly name: string;
  fn(obj: O): readonly string[];
}

export interface CacheSpec {
  readonly side: SyncSide;
  readonly resource: ResourceRef<Erased>;
  readonly selection?: HostSelection;
}

// Lists hold specs and syncers of different object types. Their handlers are methods, which
// TypeScript checks bivariantly, so a `ResourceSyncer<Pod>` fits where `ResourceSyncer<ObjectLike>`
// is expected; the engine only ever passes each one objects of its own resource.
type Erased = ObjectLike;

interface SyncerCommon {
  /** Controller name for logs and metrics (`configmaps`, `fake-nodes`, …). */
  readonly name: string;
  /** Other caches read by the handlers. */
  readonly caches?: readonly CacheSpec[];
  readonly watches?: readonly WatchSpec[];
  readonly indexes?: readonly IndexSpec[];
  /** Concurrent reconciles (of different keys); default `SyncerOptions.workers`. */
  readonly workers?: number;
  /** Reconcile this key at all? (upstream's `ReconcileStart`; e.g. special services.) */
  skip?(ctx: SyncContext, key: NamespacedName): boolean;
}

/**
 * A kind synced between the clusters, reconciled per virtual key (spec §3.0, §4.2). One line at
 * the top of each implementation says its direction and ownership.
 */
export interface ResourceSyncer<T extends ObjectLike = KubeObject> extends SyncerCommon {
  readonly type: 'resource';
  /** The resource on both sides (single-namespace mode: same group/version/resource). */
  readonly resource: ResourceRef<T>;
  readonly gvk: GroupVersionKind;
  readonly mapper: SyncMapper<T>;
  /** Which host objects of the kind the engine watches (default `managed`). */
  readonly hostSelection?: HostSelection;
  /** Whether the resource has a status subresource (status is then written separately). */
  readonly hasStatus?: boolean;
  /** Keep the host object when the virtual UID changes (services, PVCs: spec §4.2). */
  readonly disableUidDeletion?: boolean;
  /** Do not record virtual ↔ host pairs in the mapping store (events). */
  readonly skipMappingRecording?: boolean;
  toHost(ctx: SyncContext, event: ToHostEvent<T>): Promise<SyncResult<T>> | SyncResult<T>;
  sync(ctx: SyncContext, event: SyncEvent<T>): Promise<SyncResult<T>> | SyncResult<T>;
  toVirtual(ctx: SyncContext, event: ToVirtualEvent<T>): Promise<SyncResult<T>> | SyncResult<T>;
}

/**
 * Objects that exist only in the virtual cluster, derived from others (fake nodes, fake PVs;
 * spec §4.8). Keyed by the virtual name; `watches` say when a key must be looked at. Only
 * `SyncResult.virtual` is used.
 */
export interface VirtualSyncer<T extends ObjectLike = KubeObject> extends SyncerCommon {
  readonly type: 'virtual';
  readonly resource: ResourceRef<T>;
  readonly hasStatus?: boolean;
  /** The virtual object does not exist: create it if it is needed. */
  toVirtual(ctx: SyncContext, key: NamespacedName): Promise<SyncResult<T>> | SyncResult<T>;
  /** It exists: update it, or delete it when no longer needed. */
  sync(ctx: SyncContext, virtual: T): Promise<SyncResult<T>> | SyncResult<T>;
}

/**
 * Something that runs beside the syncers once the caches have synced (the special
 * `default/kubernetes` service, the virtual cluster's DNS). `run` returns when `signal` aborts;
 * it should retry failures itself.
 */
export interface SyncerTask {
  readonly type: 'task';
  readonly name: string;
  readonly caches?: readonly CacheSpec[];
  run(ctx: SyncContext, signal: AbortSignal): Promise<void>;
}

// The engine only passes each syncer its own resource's objects.
export type Syncer = ResourceSyncer<Erased> | VirtualSyncer<Erased> | SyncerTask;

/** Typed helpers for the erased lists: `watches: [watchSpec({ resource: resources.pods, … })]`. */
export function watchSpec<O extends ObjectLike>(spec: WatchSpec<O>): WatchSpec {
  return spec;
}

export function indexSpec<O extends ObjectLike>(spec: IndexSpec<O>): IndexSpec {
  return spec;
}

/** Query parameters kubectl sends to pods/log (`container`, `follow`, `tailLines`, …). */
export type PodLogQuery = Readonly<Record<string, string>>;

/** Serves `kubectl logs` in the virtual cluster from the host pod (provided by the pods syncer). */
export interface PodLogs {
  /** The host pod's log stream; `undefined` when the virtual pod has no host pod. */
  open(virtual: NamespacedName, query: PodLogQuery, signal?: AbortSignal): Promise<RawResponse | undefined>;
}

/** What `create` gets to build its syncers. */
export interface SyncerSetup {
  readonly names: NameContext;
  readonly config: Config;
  /** For `names.ts` mappers (`namespacedMapper(names, gvk, mappings)`). */
  readonly mappings: MappingLookup;
  readonly logger: Logger;
}

export interface SyncerBundle {
  readonly syncers: readonly Syncer[];
  readonly podLogs?: PodLogs;
}

/** One line of the registry (`registry.ts`). */
export interface RegistryEntry {
  /** The config's syncer name, or the name of a part that is not a syncer of its own (`coredns`). */
  readonly name: SyncerName | 'coredns';
  enabled(config: Config): boolean;
  create(setup: SyncerSetup): Syncer | SyncerBundle;
}

/** Engine tuning. */
export interface SyncerOptions {
  /** Workers per resource syncer unless it says otherwise (default 16). */
  readonly workers?: number;
}
