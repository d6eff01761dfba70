import type { KubeObject } from '../../api/object.js';
import { errors } from '../../api/status.js';
import { objectKey, TransportError, type ListAllOptions, type ObjectLike, type ObjectList, type ResourceRef, type WatchEvent, type WatchOptions } from '../../client/index.js';
import type { ListWatchClient } from '../informer.js';

type Change = { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly rv: number; readonly object: KubeObject };

/**
 * An in-memory stand-in for one resource on an API server, for informer and controller unit
 * tests: a revision counter, an event history that can be compacted, watches that can be cut or
 * ended, and bookmarks on demand. Selectors are ignored.
 */
export class FakeListWatch implements ListWatchClient {
  private rv = 1;
  private compactedRv = 0;
  private uid = 0;
  private readonly objects = new Map<string, KubeObject>();
  private readonly history: Change[] = [];
  private readonly watchers = new Set<{ push(e: WatchEvent<KubeObject> | 'end' | Error): void }>();
  /** Every list and watch request, for assertions. */
  readonly calls: { readonly verb: 'list' | 'watch'; readonly resourceVersion?: string | undefined }[] = [];
  /** Fails the next list calls with this error. */
  failLists: Error[] = [];

  get revision(): number {
    return this.rv;
  }

  get openWatches(): number {
    return this.watchers.size;
  }

  upsert(namespace: string, name: string, fields: Record<string, unknown> = {}): KubeObject {
    const key = namespace === '' ? name : `${namespace}/${name}`;
    const previous = this.objects.get(key);
    const rv = ++this.rv;
    const obj: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      ...fields,
      metadata: { ...(fields.metadata as KubeObject['metadata']), name, ...(namespace ? { namespace } : {}), uid: previous?.metadata?.uid ?? `uid-${++this.uid}`, resourceVersion: String(rv) },
    };
    this.objects.set(key, obj);
    this.record({ type: previous ? 'MODIFIED' : 'ADDED', rv, object: obj });
    return obj;
  }

  remove(namespace: string, name: string): void {
    const key = namespace === '' ? name : `${namespace}/${name}`;
    const previous = this.objects.get(key);
    if (!previous) return;
    this.objects.delete(key);
    const rv = ++this.rv;
    this.record({ type: 'DELETED', rv, object: { ...previous, metadata: { ...previous.metadata, resourceVersion: String(rv) } } });
  }

  /** Forgets history up to the current revision: watches from older revisions get 410. */
  compact(): void {
    this.compactedRv = this.rv;
    this.history.length = 0;
  }

  /** Sends a BOOKMARK at the current revision to every watch. */
  bookmark(): void {
    for (const w of this.watchers) w.push({ type: 'BOOKMARK', object: { metadata: { resourceVersion: String(this.rv) } } });
  }

  /** Ends every open watch as a server-side timeout does. */
  endWatches(): void {
    for (const w of this.watchers) w.push('end');
  }

  /** Breaks every open watch as a lost connection does. */
  breakWatches(): void {
    for (const w of this.watchers) w.push(new TransportError('connection reset', 'ECONNRESET', false));
  }

  /** Sends a 410 ERROR event to every open watch, as a server whose watch cache fell behind. */
  expireWatches(): void {
    for (const w of this.watchers) w.push({ type: 'ERROR', error: errors.gone('too old resource version') });
  }

  listAll<T extends ObjectLike>(_ref: ResourceRef<T>, _options?: ListAllOptions): Promise<ObjectList<T>> {
    this.calls.push({ verb: 'list' });
    const failure = this.failLists.shift();
    if (failure) return Promise.reject(failure);
    return Promise.resolve({ metadata: { resourceVersion: String(this.rv) }, items: [...this.objects.values()] as unknown as T[] });
  }

  async *watch<T extends ObjectLike>(_ref: ResourceRef<T>, options: WatchOptions = {}): AsyncGenerator<WatchEvent<T>> {
    this.calls.push({ verb: 'watch', resourceVersion: options.resourceVersion });
    const from = Number(options.resourceVersion ?? '0');
    if (from < this.compactedRv) throw errors.gone(`too old resource version: ${from} (${this.compactedRv})`);
    const queue: (WatchEvent<KubeObject> | 'end' | Error)[] = this.history.filter((c) => c.rv > from).map((c) => ({ type: c.type, object: c.object }));
    let wake: (() => void) | undefined;
    const watcher = {
      push: (e: WatchEvent<KubeObject> | 'end' | Error): void => {
        queue.push(e);
        wake?.();
      },
    };
    this.watchers.add(watcher);
    const onAbort = (): void => wake?.();
    options.signal?.addEventListener('abort', onAbort);
    try {
      for (;;) {
        if (options.signal?.aborted) return;
        const next = queue.shift();
        if (next === undefined) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        if (next === 'end') return;
        if (next instanceof Error) throw next;
        yield next as unknown as WatchEvent<T>;
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      this.watchers.delete(watcher);
    }
  }

  private record(change: Change): void {
    this.history.push(change);
    for (const w of this.watchers) w.push({ type: change.type, object: change.object });
  }

  keyOf(obj: KubeObject): string {
    return objectKey(obj);
  }
}
