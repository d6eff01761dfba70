/**
 * Kubernetes Events about virtual objects, written to the virtual cluster (what users see in
 * `kubectl describe`). Like client-go's recorder: one Event per object, reason and message whose
 * `count` grows when it happens again, and a per-event rate limit so a reconcile loop cannot flood
 * the API server.
 */
import { createHash } from 'node:crypto';
import type { Event } from 'kubernetes-types/core/v1.js';
import { isAlreadyExists, isConflict, isNotFound } from '../api/status.js';
import { describeError, resources, type Clock, type KubeClient, type Logger, type ObjectLike } from '../client/index.js';
import type { EventRecorder, EventType } from './types.js';

export const SYNCER_COMPONENT = 'vcluster-syncer';

export interface EventRecorderOptions {
  readonly client: KubeClient;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The same event is written at most once per this period (default 10 s). */
  readonly minIntervalMs?: number;
  /** Aborts pending writes. */
  readonly signal?: AbortSignal;
}

function eventName(obj: ObjectLike, type: EventType, reason: string, message: string): string {
  const digest = createHash('sha256')
    .update([obj.metadata?.uid ?? '', type, reason, message].join('\n'))
    .digest('hex')
    .slice(0, 16);
  return `${obj.metadata?.name ?? 'unknown'}.${digest}`;
}

function timestamp(clock: Clock): string {
  return new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class ClientEventRecorder implements EventRecorder {
  private readonly lastWritten = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: EventRecorderOptions) {}

  record(obj: ObjectLike, type: EventType, reason: string, message: string): void {
    const namespace = obj.metadata?.namespace === undefined || obj.metadata.namespace === '' ? 'default' : obj.metadata.namespace;
    const name = eventName(obj, type, reason, message);
    const key = `${namespace}/${name}`;
    const now = this.options.clock.now();
    const last = this.lastWritten.get(key);
    if (last !== undefined && now - last < (this.options.minIntervalMs ?? 10_000)) return;
    this.lastWritten.set(key, now);
    this.prune(now);
    const write = this.write(obj, namespace, name, type, reason, message).catch((e: unknown) => {
      if (this.options.signal?.aborted === true) return;
      this.options.logger.warn({ event: key, reason, err: describeError(e) }, 'could not record event');
    });
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  /** Waits for the writes in flight (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async write(obj: ObjectLike, namespace: string, name: string, type: EventType, reason: string, message: string): Promise<void> {
    const client = this.options.client;
    const signal = this.options.signal;
    const now = timestamp(this.options.clock);
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await client.get(resources.events, name, { namespace, signal });
      if (existing !== undefined) {
        try {
          await client.update(resources.events, { ...existing, count: (existing.count ?? 1) + 1, lastTimestamp: now }, { signal });
          return;
        } catch (e) {
          if (isConflict(e) || isNotFound(e)) continue;
          throw e;
        }
      }
      const event: Event = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: {
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          name: obj.metadata?.name,
          namespace: obj.metadata?.namespace,
          uid: obj.metadata?.uid,
          resourceVersion: obj.metadata?.resourceVersion,
        },
        type,
        reason,
        message,
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
        source: { component: SYNCER_COMPONENT },
        reportingComponent: SYNCER_COMPONENT,
        reportingInstance: SYNCER_COMPONENT,
      };
      try {
        await client.create(resources.events, event, { signal });
        return;
      } catch (e) {
        if (isAlreadyExists(e)) continue;
        throw e;
      }
    }
  }

  private prune(now: number): void {
    if (this.lastWritten.size < 10_000) return;
    const horizon = now - (this.options.minIntervalMs ?? 10_000);
    for (const [key, at] of this.lastWritten) if (at < horizon) this.lastWritten.delete(key);
  }
}
