import type { Lease, LeaseSpec } from 'kubernetes-types/coordination/v1.js';
import { isAlreadyExists, isConflict } from '../api/status.js';
import { childAbort, describeError, noopLogger, realClock, resources, type Clock, type GetOptions, type Logger, type ResourceRef, type WriteOptions } from '../client/index.js';
import { LeadershipLostError } from './controller.js';

/** What leader election needs from a client: KubeClient, or a fake in unit tests. */
export interface LeaseClient {
  get(ref: ResourceRef<Lease>, name: string, options?: GetOptions): Promise<Lease | undefined>;
  create(ref: ResourceRef<Lease>, obj: Lease, options?: WriteOptions): Promise<Lease>;
  update(ref: ResourceRef<Lease>, obj: Lease, options?: WriteOptions): Promise<Lease>;
}

export interface LeaderElectionOptions {
  readonly namespace: string;
  readonly name: string;
  /** Unique per process (hostname plus a random suffix is usual). */
  readonly identity: string;
  /** How long followers wait after the last renewal they saw before taking over (client-go: 15 s). */
  readonly leaseDurationMs?: number;
  /** How long the leader keeps trying to renew before it stops leading (client-go: 10 s). */
  readonly renewDeadlineMs?: number;
  /** Time between attempts (client-go: 2 s). */
  readonly retryPeriodMs?: number;
  /** Give the lease up on a normal stop, so a follower takes over at once (default true). */
  readonly releaseOnCancel?: boolean;
}

export interface LeaderCallbacks {
  /** Runs while leading; `signal` aborts (reason: LeadershipLostError when lost) when leadership ends. */
  onStartedLeading(signal: AbortSignal): Promise<void>;
  onStoppedLeading?(): void;
  /** The observed holder changed (also to ourselves). */
  onNewLeader?(identity: string): void;
}

/** RFC 3339 with microseconds, as metav1.MicroTime serializes. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * client-go's leader election on a coordination.k8s.io/v1 Lease. A candidate takes the lease when
 * it is free or its holder has not renewed it for leaseDuration — measured on this process's clock
 * from when the current record was first seen, so clocks need not agree. The leader renews every
 * retryPeriod and stops leading when renewals have failed for renewDeadline, which is shorter than
 * leaseDuration: the old leader has stopped before anyone else may start.
 */
export class LeaderElector {
  private observed: LeaseSpec | undefined;
  private observedAt = 0;
  private leading = false;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(
    private readonly client: LeaseClient,
    private readonly options: LeaderElectionOptions,
    deps: { readonly clock?: Clock; readonly logger?: Logger } = {},
  ) {
    this.leaseDurationMs = options.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = options.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = options.retryPeriodMs ?? 2_000;
    if (!(this.leaseDurationMs > this.renewDeadlineMs)) throw new RangeError('leaseDuration must be greater than renewDeadline');
    if (!(this.renewDeadlineMs > this.retryPeriodMs * 1.2)) throw new RangeError('renewDeadline must be greater than retryPeriod*1.2');
    if (options.identity === '') throw new RangeError('leader election needs a non-empty identity');
    this.clock = deps.clock ?? realClock;
    this.logger = deps.logger ?? noopLogger;
  }

  isLeader(): boolean {
    return this.leading;
  }

  /** The holder of the lease as last seen ('' when free or not known yet). */
  get leader(): string {
    return this.observed?.holderIdentity ?? '';
  }

  /**
   * Campaigns until `signal` aborts: acquires, leads (calling onStartedLeading), and after a loss
   * campaigns again. Resolves once not leading and `signal` aborted (the lease released if so configured).
   */
  async run(signal: AbortSignal, callbacks: LeaderCallbacks): Promise<void> {
    while (!signal.aborted) {
      if (!(await this.acquire(signal, callbacks))) break;
      const leadership = new AbortController();
      this.leading = true;
      this.logger.info({ lease: this.leaseName, identity: this.options.identity }, 'became leader');
      const led = callbacks.onStartedLeading(leadership.signal).catch((e: unknown) => {
        this.logger.error({ lease: this.leaseName, err: describeError(e) }, 'leader work failed');
      });
      const lost = await this.renewUntilLost(signal);
      this.leading = false;
      leadership.abort(lost ? new LeadershipLostError(`lost lease ${this.leaseName}`) : signal.reason);
      await led;
      callbacks.onStoppedLeading?.();
      if (lost) {
        this.logger.warn({ lease: this.leaseName, identity: this.options.identity }, 'lost leadership');
        continue;
      }
      if (this.options.releaseOnCancel ?? true) await this.release();
    }
  }

  private get leaseName(): string {
    return `${this.options.namespace}/${this.options.name}`;
  }

  private async acquire(signal: AbortSignal, callbacks: LeaderCallbacks): Promise<boolean> {
    for (;;) {
      if (signal.aborted) return false;
      const before = this.leader;
      const acquired = await this.attempt(signal);
      if (this.leader !== before) callbacks.onNewLeader?.(this.leader);
      if (acquired) return true;
      // Wake up when the observed lease would expire, if that comes before the next retry.
      const expiresIn = this.observedAt + this.observedDurationMs() - this.clock.now();
      const wait = Math.max(1, Math.min(this.retryPeriodMs * (1 + 0.2 * Math.random()), expiresIn > 0 ? expiresIn + 1 : this.retryPeriodMs));
      if (!(await this.clock.sleep(wait, signal))) return false;
    }
  }

  /** Renews every retryPeriod; true when renewal failed for renewDeadline, false when `signal` aborted. */
  private async renewUntilLost(signal: AbortSignal): Promise<boolean> {
    let renewedAt = this.observedAt;
    for (;;) {
      if (!(await this.clock.sleep(this.retryPeriodMs, signal))) return false;
      for (;;) {
        const remaining = renewedAt + this.renewDeadlineMs - this.clock.now();
        if (remaining <= 0) return true;
        const started = this.clock.now();
        // A renewal that hangs must not keep us leading past the deadline.
        const deadline = childAbort(signal);
        const timer = this.clock.setTimer(remaining, () => {
          deadline.controller.abort(new LeadershipLostError('renew deadline passed'));
        });
        const ok = await this.attempt(deadline.controller.signal);
        timer.cancel();
        deadline.dispose();
        if (isAborted(signal)) return false;
        if (ok) {
          renewedAt = started;
          break;
        }
        const left = renewedAt + this.renewDeadlineMs - this.clock.now();
        if (left <= 0) return true;
        if (!(await this.clock.sleep(Math.min(this.retryPeriodMs, left), signal))) return false;
      }
    }
  }

  /** One tryAcquireOrRenew: true when we hold the lease afterwards. */
  private async attempt(signal: AbortSignal): Promise<boolean> {
    const now = this.clock.now();
    try {
      const lease = await this.client.get(resources.leases, this.options.name, { namespace: this.options.namespace, signal });
      if (!lease) {
        const created = await this.client.create(
          resources.leases,
          {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: { name: this.options.name, namespace: this.options.namespace },
            spec: this.ourSpec(now, undefined),
          },
          { signal },
        );
        this.observe(created.spec ?? {}, now);
        return true;
      }
      const spec = lease.spec ?? {};
      if (!sameRecord(spec, this.observed)) this.observe(spec, now);
      const holder = spec.holderIdentity ?? '';
      if (holder !== '' && holder !== this.options.identity && this.observedAt + this.observedDurationMs() > now) return false;
      const updated = await this.client.update(resources.leases, { ...lease, spec: this.ourSpec(now, spec) }, { signal });
      this.observe(updated.spec ?? {}, now);
      return true;
    } catch (e) {
      if (!signal.aborted && !isConflict(e) && !isAlreadyExists(e)) {
        this.logger.warn({ lease: this.leaseName, err: describeError(e) }, 'lease request failed');
      }
      return false;
    }
  }

  private ourSpec(now: number, current: LeaseSpec | undefined): LeaseSpec {
    const ours = current?.holderIdentity === this.options.identity;
    return {
      holderIdentity: this.options.identity,
      leaseDurationSeconds: Math.ceil(this.leaseDurationMs / 1000),
      acquireTime: ours && current.acquireTime ? current.acquireTime : microTime(now),
      renewTime: microTime(now),
      leaseTransitions: current === undefined ? 0 : ours ? (current.leaseTransitions ?? 0) : (current.leaseTransitions ?? 0) + 1,
    };
  }

  private observe(spec: LeaseSpec, now: number): void {
    this.observed = spec;
    this.observedAt = now;
  }

  private observedDurationMs(): number {
    return (this.observed?.leaseDurationSeconds ?? Math.ceil(this.leaseDurationMs / 1000)) * 1000;
  }

  /** Gives the lease up (holder cleared, 1 s duration) so that a follower takes over at once. */
  private async release(): Promise<void> {
    const signal = AbortSignal.timeout(Math.min(this.renewDeadlineMs, 5000));
    try {
      const lease = await this.client.get(resources.leases, this.options.name, { namespace: this.options.namespace, signal });
      if (lease?.spec?.holderIdentity !== this.options.identity) return;
      const now = this.clock.now();
      const spec: LeaseSpec = {
        leaseDurationSeconds: 1,
        acquireTime: microTime(now),
        renewTime: microTime(now),
        leaseTransitions: lease.spec.leaseTransitions ?? 0,
      };
      const updated = await this.client.update(resources.leases, { ...lease, spec }, { signal });
      this.observe(updated.spec ?? {}, now);
      this.logger.info({ lease: this.leaseName }, 'released the lease');
    } catch (e) {
      this.logger.warn({ lease: this.leaseName, err: describeError(e) }, 'could not release the lease');
    }
  }
}

function sameRecord(a: LeaseSpec, b: LeaseSpec | undefined): boolean {
  return (
    b !== undefined &&
    (a.holderIdentity ?? '') === (b.holderIdentity ?? '') &&
    a.renewTime === b.renewTime &&
    a.acquireTime === b.acquireTime &&
    a.leaseDurationSeconds === b.leaseDurationSeconds &&
    (a.leaseTransitions ?? 0) === (b.leaseTransitions ?? 0)
  );
}

function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}
