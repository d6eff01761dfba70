/**
 * Events as client-go's legacy recorder writes them (what kubelet and, for our purposes, the
 * scheduler use): core/v1 Events named `<object>.<hex nanoseconds>`, repeats of the same event
 * folded into one with a growing count, and writes rate-limited (kubelet: 50 qps, burst 100) from
 * a bounded queue that drops events when full, so that events never slow the work they describe.
 */
import type { Event } from 'kubernetes-types/core/v1.js';
import { isNotFound } from '../api/status.js';
import { describeError, noopLogger, realClock, resources, TokenBucket, type Clock, type KubeClient, type Logger } from '../client/index.js';
import { rfc3339 } from './time.js';

export interface EventSource {
  /** `kubelet`, `default-scheduler`… */
  readonly component: string;
  /** The node, for a kubelet. */
  readonly host?: string;
  /** reportingInstance: the node for a kubelet, `default-scheduler-<host>` for the scheduler. */
  readonly instance: string;
}

export interface InvolvedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string | undefined;
  readonly uid: string;
  readonly resourceVersion?: string | undefined;
  /** `spec.containers{web}` for container events. */
  readonly fieldPath?: string | undefined;
}

export type EventType = 'Normal' | 'Warning';

export interface EventRecorderOptions {
  readonly qps?: number;
  readonly burst?: number;
  /** Events waiting to be written beyond this are dropped (client-go: 1000). */
  readonly queueSize?: number;
  /** How many distinct events are remembered for folding repeats (client-go: 4096). */
  readonly cacheSize?: number;
  /** A budget shared with other recorders of the process, taken on top of this recorder's own. */
  readonly shared?: TokenBucket;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

export type EventClient = Pick<KubeClient, 'create' | 'patch'>;

interface Pending {
  readonly key: string;
  readonly involved: InvolvedObject;
  readonly type: EventType;
  readonly reason: string;
  readonly message: string;
  count: number;
  first: number;
  last: number;
}

interface Written {
  readonly namespace: string;
  readonly name: string;
  count: number;
  readonly first: number;
}

export class EventRecorder {
  private readonly queue: Pending[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly written = new Map<string, Written>();
  private readonly bucket: TokenBucket;
  private readonly shared: TokenBucket | undefined;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly queueSize: number;
  private readonly cacheSize: number;
  private wake: (() => void) | undefined;
  private seq = 0;
  private droppedCount = 0;

  constructor(
    private readonly client: EventClient,
    readonly source: EventSource,
    options: EventRecorderOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? noopLogger;
    this.bucket = new TokenBucket(options.qps ?? 50, options.burst ?? 100, this.clock);
    this.shared = options.shared;
    this.queueSize = options.queueSize ?? 1000;
    this.cacheSize = options.cacheSize ?? 4096;
  }

  /** Events dropped because the queue was full. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Records an event; never throws, never waits. */
  event(involved: InvolvedObject, type: EventType, reason: string, message: string): void {
    const key = JSON.stringify([involved.kind, involved.namespace ?? '', involved.name, involved.uid, involved.apiVersion, involved.fieldPath ?? '', type, reason, message]);
    const now = this.clock.now();
    const queued = this.pending.get(key);
    if (queued) {
      queued.count++;
      queued.last = now;
      return;
    }
    if (this.queue.length >= this.queueSize) {
      if (this.droppedCount++ % 1000 === 0) this.logger.warn({ component: this.source.component, dropped: this.droppedCount }, 'event queue full; dropping events');
      return;
    }
    const item: Pending = { key, involved, type, reason, message, count: 1, first: now, last: now };
    this.pending.set(key, item);
    this.queue.push(item);
    this.wake?.();
  }

  /** Writes queued events until `signal` aborts. */
  async run(signal: AbortSignal, workers = 2): Promise<void> {
    await Promise.all(Array.from({ length: workers }, () => this.worker(signal)));
  }

  private async worker(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const item = this.queue.shift();
      if (!item) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            signal.removeEventListener('abort', done);
            this.wake = undefined;
            resolve();
          };
          this.wake = done;
          signal.addEventListener('abort', done, { once: true });
        });
        continue;
      }
      this.pending.delete(item.key);
      if (!(await this.bucket.take(signal))) return;
      if (this.shared && !(await this.shared.take(signal))) return;
      try {
        await this.write(item, signal);
      } catch (e) {
        if (isAborted(signal)) return;
        this.logger.debug({ component: this.source.component, reason: item.reason, err: describeError(e) }, 'could not write event');
      }
    }
  }

  private async write(item: Pending, signal: AbortSignal): Promise<void> {
    const seen = this.written.get(item.key);
    if (seen) {
      seen.count += item.count;
      try {
        await this.client.patch(resources.events, seen.name, { count: seen.count, lastTimestamp: rfc3339(item.last) }, { type: 'merge', namespace: seen.namespace, signal });
        return;
      } catch (e) {
        if (!isNotFound(e)) throw e;
        this.written.delete(item.key);
      }
    }
    const namespace = item.involved.namespace !== undefined && item.involved.namespace !== '' ? item.involved.namespace : 'default';
    const name = `${item.involved.name}.${(BigInt(this.clock.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: item.involved.apiVersion,
        kind: item.involved.kind,
        name: item.involved.name,
        uid: item.involved.uid,
        ...(item.involved.namespace ? { namespace: item.involved.namespace } : {}),
        ...(item.involved.resourceVersion ? { resourceVersion: item.involved.resourceVersion } : {}),
        ...(item.involved.fieldPath ? { fieldPath: item.involved.fieldPath } : {}),
      },
      reason: item.reason,
      message: item.message,
      type: item.type,
      source: { component: this.source.component, ...(this.source.host ? { host: this.source.host } : {}) },
      firstTimestamp: rfc3339(seen?.first ?? item.first),
      lastTimestamp: rfc3339(item.last),
      count: seen ? seen.count : item.count,
      reportingComponent: this.source.component,
      reportingInstance: this.source.instance,
    };
    await this.client.create(resources.events, event, { signal });
    this.remember(item.key, { namespace, name, count: event.count ?? 1, first: seen?.first ?? item.first });
  }

  private remember(key: string, written: Written): void {
    this.written.delete(key);
    this.written.set(key, written);
    if (this.written.size > this.cacheSize) {
      const oldest = this.written.keys().next();
      if (oldest.done !== true) this.written.delete(oldest.value);
    }
  }
}

/** The reference an event about a pod (or one of its containers) carries. */
export function podReference(pod: { metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string } }, fieldPath?: string): InvolvedObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace,
    uid: pod.metadata?.uid ?? '',
    resourceVersion: pod.metadata?.resourceVersion,
    fieldPath,
  };
}

/** Not narrowed by earlier checks: the signal may have fired during an await. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}
