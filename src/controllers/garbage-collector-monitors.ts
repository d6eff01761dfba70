import type { ObjectMeta } from '../api/object.js';
import { toRef, type ApiResourceInfo, type ObjectLike, type ResourceRef } from '../client/index.js';
import { Informer, OWNER_UID_INDEX, type EventHandler } from '../runtime/index.js';
import { groupResource, type ControllerContext } from './shared/context.js';
import { hasVerbs } from './shared/discovery.js';

/** Resources the garbage collector leaves alone (kube's default ignoredResources). */
export const GC_IGNORED_RESOURCES: ReadonlySet<string> = new Set(['/events', 'events.k8s.io/events']);

/** A cache of one resource's objects, as the garbage collector sees them. */
export interface Monitor {
  readonly info: ApiResourceInfo;
  readonly ref: ResourceRef<ObjectLike>;
  readonly informer: Informer<ObjectLike>;
}

interface Entry extends Monitor {
  readonly removeHandler: () => void;
  /** Set for informers the collector owns (metadata only), which it stops itself. */
  readonly stop?: () => Promise<void>;
}

/** Resources whose objects can have owners that the collector must follow. */
export function collectableResources(preferred: readonly ApiResourceInfo[]): ApiResourceInfo[] {
  return preferred.filter((r) => hasVerbs(r, 'delete', 'list', 'watch') && !GC_IGNORED_RESOURCES.has(groupResource(r)));
}

/** What the garbage collector keeps of an object it caches itself. */
export function metadataOnly(obj: ObjectLike): ObjectLike {
  const m = obj.metadata ?? {};
  const kept: ObjectMeta = {};
  if (m.name !== undefined) kept.name = m.name;
  if (m.namespace !== undefined) kept.namespace = m.namespace;
  if (m.uid !== undefined) kept.uid = m.uid;
  if (m.resourceVersion !== undefined) kept.resourceVersion = m.resourceVersion;
  if (m.deletionTimestamp !== undefined) kept.deletionTimestamp = m.deletionTimestamp;
  if (m.finalizers !== undefined) kept.finalizers = m.finalizers;
  if (m.ownerReferences !== undefined) kept.ownerReferences = m.ownerReferences;
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: kept };
}

/**
 * The informers the garbage collector watches, one per collectable resource: the shared informer
 * when another controller already caches whole objects of the resource, else one of its own that
 * keeps metadata only. Follows discovery (custom resources come and go).
 */
export class Monitors {
  private readonly byResource = new Map<string, Entry>();
  private readonly byKind = new Map<string, Entry>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly handler: (monitor: Monitor) => EventHandler<ObjectLike>,
    private readonly signal: AbortSignal,
  ) {}

  /** Starts monitors for new resources and stops those of vanished ones. */
  async sync(resources: readonly ApiResourceInfo[]): Promise<{ added: string[]; removed: string[] }> {
    const wanted = new Map(resources.map((r) => [groupResource(r), r]));
    const removed: string[] = [];
    for (const [gr, entry] of this.byResource) {
      const next = wanted.get(gr);
      if (next && next.version === entry.info.version) continue;
      await this.remove(gr, entry);
      removed.push(gr);
    }
    const added: string[] = [];
    for (const [gr, info] of wanted) {
      if (this.byResource.has(gr)) continue;
      this.add(gr, info);
      added.push(gr);
    }
    return { added, removed };
  }

  get(gr: string): Monitor | undefined {
    return this.byResource.get(gr);
  }

  forKind(group: string, kind: string): Monitor | undefined {
    return this.byKind.get(`${group}/${kind}`);
  }

  hasSynced(): boolean {
    return [...this.byResource.values()].every((e) => e.informer.hasSynced());
  }

  get size(): number {
    return this.byResource.size;
  }

  /** Every cached object naming `uid` as an owner, with its monitor. */
  dependentsOf(uid: string): { monitor: Monitor; obj: ObjectLike }[] {
    const out: { monitor: Monitor; obj: ObjectLike }[] = [];
    for (const monitor of this.byResource.values()) for (const obj of monitor.informer.byIndex(OWNER_UID_INDEX, uid)) out.push({ monitor, obj });
    return out;
  }

  async stop(): Promise<void> {
    for (const [gr, entry] of [...this.byResource]) await this.remove(gr, entry);
  }

  private add(gr: string, info: ApiResourceInfo): void {
    const shared = this.ctx.fullyCached.get(gr);
    let informer: Informer<ObjectLike>;
    let stop: (() => Promise<void>) | undefined;
    let ref: ResourceRef<ObjectLike>;
    if (shared) {
      ref = shared;
      informer = this.ctx.manager.informer(shared);
    } else {
      ref = toRef(info);
      const own = new Informer<ObjectLike>(this.ctx.client, ref, { transform: metadataOnly, clock: this.ctx.clock, logger: this.ctx.logger });
      informer = own;
      stop = () => own.stop();
    }
    const monitor: Monitor = { info, ref, informer };
    const removeHandler = informer.addHandler(this.handler(monitor));
    const entry: Entry = { ...monitor, removeHandler, ...(stop ? { stop } : {}) };
    this.byResource.set(gr, entry);
    this.byKind.set(`${info.group}/${info.kind}`, entry);
    if (stop) informer.start(this.signal);
  }

  private async remove(gr: string, entry: Entry): Promise<void> {
    entry.removeHandler();
    this.byResource.delete(gr);
    if (this.byKind.get(`${entry.info.group}/${entry.info.kind}`) === entry) this.byKind.delete(`${entry.info.group}/${entry.info.kind}`);
    await entry.stop?.();
  }
}
