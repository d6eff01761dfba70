import { randomBytes } from 'node:crypto';
import type { Event } from 'kubernetes-types/core/v1.js';
import { describeError, resources, type Clock, type KubeClient, type Logger, type ObjectLike } from '../../client/index.js';
import { rfc3339 } from '../shared/time.js';

export type EventType = 'Normal' | 'Warning';

/** How long a repeated event updates the earlier one instead of making a new one (kube: 10 min). */
const AGGREGATION_WINDOW_MS = 10 * 60_000;
/** Bounds the memory of recent events. */
const MAX_REMEMBERED = 4096;

interface Recent {
  readonly name: string;
  readonly namespace: string;
  count: number;
  at: number;
}

/**
 * Records core/v1 Events about objects, as kube's record.EventRecorder does for controllers, so
 * `kubectl describe` shows them. The same event again (object, type, reason, message) within ten
 * minutes raises the count and lastTimestamp of the earlier one, as kube's event correlator
 * does, instead of piling up. Best effort: a failed write is logged, never retried, never waited
 * for by the caller.
 */
export class EventRecorder {
  private readonly recent = new Map<string, Recent>();

  constructor(
    private readonly client: KubeClient,
    private readonly component: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  event(obj: ObjectLike, kind: string, type: EventType, reason: string, message: string): void {
    const name = obj.metadata?.name ?? '';
    const namespace = obj.metadata?.namespace ?? 'default';
    const now = this.clock.now();
    const at = rfc3339(now);
    const key = [obj.metadata?.uid ?? `${namespace}/${name}`, type, reason, message].join('\u0000');
    const seen = this.recent.get(key);
    if (seen && now - seen.at < AGGREGATION_WINDOW_MS) {
      seen.count++;
      seen.at = now;
      this.client.patch(resources.events, seen.name, { count: seen.count, lastTimestamp: at }, { type: 'merge', namespace: seen.namespace }).catch((e: unknown) => {
        this.logger.debug({ component: this.component, reason, object: name, err: describeError(e) }, 'could not update an event');
      });
      return;
    }
    const eventName = `${name}.${(BigInt(now) * 1_000_000n).toString(16)}${randomBytes(2).toString('hex')}`;
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: eventName, namespace },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind,
        name,
        namespace: obj.metadata?.namespace,
        uid: obj.metadata?.uid,
        resourceVersion: obj.metadata?.resourceVersion,
      },
      reason,
      message,
      type,
      source: { component: this.component },
      firstTimestamp: at,
      lastTimestamp: at,
      count: 1,
      reportingComponent: this.component,
      reportingInstance: '',
    };
    this.remember(key, { name: eventName, namespace, count: 1, at: now });
    this.client.create(resources.events, event).catch((e: unknown) => {
      this.recent.delete(key);
      this.logger.debug({ component: this.component, reason, object: name, err: describeError(e) }, 'could not record an event');
    });
  }

  private remember(key: string, entry: Recent): void {
    if (this.recent.size >= MAX_REMEMBERED) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    this.recent.set(key, entry);
  }
}
