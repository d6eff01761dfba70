import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { describeError, noopLogger, realClock, type Clock, type Logger, type ObjectLike, type ResourceRef } from '../client/index.js';
import type { Informer, ListWatchClient } from './informer.js';
import { InformerFactory, type SharedInformerOptions } from './informer-factory.js';
import { LeaderElector, type LeaderElectionOptions, type LeaseClient } from './leader-election.js';

/** Anything the manager starts and stops: controllers, or other long-running loops. */
export interface Runnable {
  readonly name: string;
  /** Runs until `signal` aborts; resolves when stopped. */
  run(signal: AbortSignal): Promise<void>;
}

export interface ManagerOptions {
  readonly client: ListWatchClient & LeaseClient;
  /** Without it, this process always leads. Identity defaults to hostname plus a random suffix. */
  readonly leaderElection?: Omit<LeaderElectionOptions, 'identity'> & { readonly identity?: string };
  /** Default resync period of shared informers (0 = none). */
  readonly resyncMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * Owns the shared informers and the controllers of a process. Informers (and runnables added with
 * `needsLeaderElection: false`) run in every replica, so a new leader starts with warm caches;
 * controllers run only while this process holds the lease, and stop at once when it is lost.
 */
export class Manager {
  readonly informers: InformerFactory;
  readonly identity: string;
  private readonly elector: LeaderElector | undefined;
  private readonly leaderRunnables: Runnable[] = [];
  private readonly otherRunnables: Runnable[] = [];
  private started = false;
  private leading = false;
  private readonly logger: Logger;

  constructor(options: ManagerOptions) {
    const clock = options.clock ?? realClock;
    this.logger = options.logger ?? noopLogger;
    this.informers = new InformerFactory(options.client, { resyncMs: options.resyncMs ?? 0, clock, logger: this.logger });
    this.identity = options.leaderElection?.identity ?? `${hostname()}_${randomUUID()}`;
    this.elector = options.leaderElection
      ? new LeaderElector(options.client, { ...options.leaderElection, identity: this.identity }, { clock, logger: this.logger })
      : undefined;
  }

  /** A shared informer (see InformerFactory). */
  informer<T extends ObjectLike>(ref: ResourceRef<T>, options?: SharedInformerOptions<T>): Informer<T> {
    return this.informers.informer(ref, options);
  }

  /** Registers a controller or other runnable; before `start` only. */
  add(runnable: Runnable, options: { readonly needsLeaderElection?: boolean } = {}): this {
    if (this.started) throw new Error(`cannot add ${runnable.name}: the manager has already started`);
    (options.needsLeaderElection === false ? this.otherRunnables : this.leaderRunnables).push(runnable);
    return this;
  }

  /** Whether this process currently runs the controllers. */
  isLeader(): boolean {
    return this.leading;
  }

  /** The current lease holder as last seen (this process without leader election). */
  get leader(): string {
    return this.elector ? this.elector.leader : this.identity;
  }

  /** Runs everything until `signal` aborts; resolves once all of it has stopped. */
  async start(signal: AbortSignal): Promise<void> {
    if (this.started) throw new Error('the manager has already started');
    this.started = true;
    this.informers.start(signal);
    const others = this.otherRunnables.map((r) => this.runOne(r, signal));
    const leaderWork = this.elector
      ? this.elector.run(signal, {
          onStartedLeading: (leaderSignal) => this.lead(leaderSignal),
          onNewLeader: (identity) => {
            this.logger.info({ leader: identity }, 'new leader observed');
          },
        })
      : this.lead(signal);
    await Promise.all([leaderWork, ...others]);
    await this.informers.stop();
  }

  private async lead(signal: AbortSignal): Promise<void> {
    this.leading = true;
    try {
      await Promise.all(this.leaderRunnables.map((r) => this.runOne(r, signal)));
    } finally {
      this.leading = false;
    }
  }

  private async runOne(runnable: Runnable, signal: AbortSignal): Promise<void> {
    try {
      await runnable.run(signal);
    } catch (e) {
      this.logger.error({ runnable: runnable.name, err: describeError(e) }, 'runnable failed');
    }
  }
}
