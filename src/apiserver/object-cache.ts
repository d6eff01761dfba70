import type { JsonObject } from '../api/object.js';
import type { Store, Watch } from '../storage/index.js';

/**
 * In-memory copies of a few small resources that admission reads on every write (namespaces,
 * service accounts, priority and storage classes), kept current by a storage watch, as
 * kube-apiserver's admission plugins read informers instead of etcd.
 */
export class ObjectCache {
  private readonly objects = new Map<string, JsonObject>();
  private readonly watches: Watch[] = [];

  constructor(
    private readonly storage: Store,
    private readonly prefixes: readonly string[],
  ) {}

  async start(): Promise<void> {
    for (const prefix of this.prefixes) {
      const list = await this.storage.list(prefix);
      for (const item of list.items) this.objects.set(item.key, item.value);
      this.watches.push(
        await this.storage.watch(prefix, list.revision, (event) => {
          if (event.type === 'PROGRESS') return;
          if (event.type === 'DELETED') this.objects.delete(event.key);
          else this.objects.set(event.key, event.value);
        }),
      );
    }
  }

  covers(prefix: string): boolean {
    return this.watches.length > 0 && this.prefixes.some((p) => prefix.startsWith(p));
  }

  /** The cached value (shared: never mutate it). */
  get(key: string): JsonObject | undefined {
    return this.objects.get(key);
  }

  list(prefix: string): JsonObject[] {
    const out: JsonObject[] = [];
    for (const [key, value] of this.objects) if (key.startsWith(prefix)) out.push(value);
    return out;
  }

  stop(): void {
    for (const w of this.watches) w.stop();
    this.watches.length = 0;
  }
}
