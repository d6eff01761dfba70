import { noopLogger, realClock, type Clock, type Logger, type ObjectLike, type ResourceRef } from '../client/index.js';
import { Informer, type InformerOptions, type ListWatchClient, type Selection } from './informer.js';

export interface InformerFactoryOptions {
  /** Default resync period of the informers (0 = none, the default). */
  readonly resyncMs?: number;
  readonly pageSize?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** Options a caller may add when asking for an informer (the first caller's win). */
export type SharedInformerOptions<T> = Selection & Pick<InformerOptions<T>, 'transform' | 'indexers' | 'resyncMs'>;

/**
 * One informer per resource and selection, shared by every controller that asks for it, so a
 * process keeps one watch and one cache per resource. Informers asked for after `start` start at once.
 */
export class InformerFactory {
  private readonly informers = new Map<string, Informer<ObjectLike>>();
  private signal: AbortSignal | undefined;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(
    private readonly client: ListWatchClient,
    private readonly options: InformerFactoryOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? noopLogger;
  }

  informer<T extends ObjectLike>(ref: ResourceRef<T>, options: SharedInformerOptions<T> = {}): Informer<T> {
    const key = [ref.group, ref.version, ref.resource, options.namespace ?? '', options.labelSelector ?? '', options.fieldSelector ?? ''].join('|');
    let informer = this.informers.get(key) as Informer<T> | undefined;
    if (!informer) {
      informer = new Informer<T>(this.client, ref, {
        ...options,
        resyncMs: options.resyncMs ?? this.options.resyncMs ?? 0,
        ...(this.options.pageSize !== undefined ? { pageSize: this.options.pageSize } : {}),
        clock: this.clock,
        logger: this.logger,
      });
      this.informers.set(key, informer as unknown as Informer<ObjectLike>);
      if (this.signal) informer.start(this.signal);
    } else if (options.indexers) {
      for (const [name, fn] of Object.entries(options.indexers)) informer.addIndex(name, fn);
    }
    return informer;
  }

  /** Starts every informer, and those asked for later, until `signal` aborts or `stop`. */
  start(signal: AbortSignal): void {
    this.signal = signal;
    for (const informer of this.informers.values()) informer.start(signal);
  }

  /** True once every informer asked for so far has synced; false if `signal` aborts first. */
  async waitForSync(signal?: AbortSignal): Promise<boolean> {
    const results = await Promise.all([...this.informers.values()].map((i) => i.waitForSync(signal)));
    return results.every(Boolean);
  }

  hasSynced(): boolean {
    return [...this.informers.values()].every((i) => i.hasSynced());
  }

  async stop(): Promise<void> {
    this.signal = undefined;
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
  }

  get size(): number {
    return this.informers.size;
  }
}
