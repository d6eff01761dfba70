import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Lease, LeaseSpec } from 'kubernetes-types/coordination/v1.js';
import { errors } from '../api/status.js';
import { TransportError, type GetOptions, type WriteOptions } from '../client/index.js';
import { FakeClock, settle } from '../client/testing/fake-clock.js';
import { LeadershipLostError } from './controller.js';
import { LeaderElector, microTime, type LeaseClient } from './leader-election.js';

/** One Lease with optimistic concurrency, seen through per-candidate connections that can fail. */
class LeaseStore {
  lease: Lease | undefined;
  private rv = 0;

  connect(): LeaseClient & { mode: 'ok' | 'fail' | 'hang' } {
    const guard = async <T>(signal: AbortSignal | undefined, op: () => T): Promise<T> => {
      await Promise.resolve();
      if (conn.mode === 'fail') throw new TransportError('connection refused', 'ECONNREFUSED', true);
      if (conn.mode === 'hang') {
        await new Promise<void>((resolve) => {
          signal?.addEventListener('abort', () => {
            resolve();
          });
        });
        throw signal?.reason ?? new Error('aborted');
      }
      return op();
    };
    const conn = {
      mode: 'ok' as 'ok' | 'fail' | 'hang',
      get: (_ref: unknown, _name: string, options?: GetOptions) => guard(options?.signal, () => (this.lease ? structuredClone(this.lease) : undefined)),
      create: (_ref: unknown, obj: Lease, options?: WriteOptions) =>
        guard(options?.signal, () => {
          if (this.lease) throw errors.alreadyExists('coordination.k8s.io', 'leases', obj.metadata?.name ?? '');
          this.lease = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } };
          return structuredClone(this.lease);
        }),
      update: (_ref: unknown, obj: Lease, options?: WriteOptions) =>
        guard(options?.signal, () => {
          if (this.lease?.metadata?.resourceVersion !== obj.metadata?.resourceVersion) throw errors.conflict('coordination.k8s.io', 'leases', 'l', 'the object has been modified');
          this.lease = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } };
          return structuredClone(this.lease);
        }),
    };
    return conn;
  }
}

interface Candidate {
  readonly id: string;
  readonly conn: ReturnType<LeaseStore['connect']>;
  readonly elector: LeaderElector;
  readonly log: string[];
  readonly stop: AbortController;
  readonly done: Promise<void>;
}

function candidate(store: LeaseStore, clock: FakeClock, id: string, timeline: string[]): Candidate {
  const conn = store.connect();
  const elector = new LeaderElector(conn, { namespace: 'kube-system', name: 'ctrl', identity: id }, { clock });
  const log: string[] = [];
  const stop = new AbortController();
  const done = elector.run(stop.signal, {
    onStartedLeading: (signal) =>
      new Promise<void>((resolve) => {
        timeline.push(`${clock.now()} ${id} start`);
        signal.addEventListener('abort', () => {
          timeline.push(`${clock.now()} ${id} stop${signal.reason instanceof LeadershipLostError ? ' (lost)' : ''}`);
          resolve();
        });
      }),
    onNewLeader: (leader) => log.push(leader),
  });
  return { id, conn, elector, log, stop, done };
}

/** Checks from a timeline of start/stop lines that two leaders never overlapped. */
function assertNoOverlap(timeline: string[]): void {
  let leader: string | undefined;
  for (const line of timeline) {
    const [, id, what] = line.split(' ');
    if (what === 'start') {
      assert.equal(leader, undefined, `${String(id)} started while ${String(leader)} led:\n${timeline.join('\n')}`);
      leader = id;
    } else if (id === leader) leader = undefined;
  }
}

describe('LeaderElector', () => {
  it('formats MicroTime with microseconds', () => {
    assert.equal(microTime(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), '2026-01-02T03:04:05.678000Z');
  });

  it('acquires a missing lease and renews it every retry period', async () => {
    const store = new LeaseStore();
    const clock = new FakeClock();
    const timeline: string[] = [];
    const a = candidate(store, clock, 'a', timeline);
    await settle();
    assert.equal(a.elector.isLeader(), true);
    const spec = (): LeaseSpec => store.lease?.spec ?? {};
    assert.equal(spec().holderIdentity, 'a');
    assert.equal(spec().leaseDurationSeconds, 15);
    const first = spec().renewTime;
    await clock.advance(2000);
    assert.notEqual(spec().renewTime, first);
    assert.equal(spec().acquireTime, first, 'acquireTime stays while renewing');
    assert.equal(spec().leaseTransitions, 0);
    a.stop.abort();
    await a.done;
  });

  it('lets exactly one of two candidates lead; a released lease is taken over at once', async () => {
    const store = new LeaseStore();
    const clock = new FakeClock();
    const timeline: string[] = [];
    const a = candidate(store, clock, 'a', timeline);
    await settle();
    const b = candidate(store, clock, 'b', timeline);
    await clock.advance(30_000);
    assert.equal(a.elector.isLeader(), true);
    assert.equal(b.elector.isLeader(), false);
    assert.equal(b.elector.leader, 'a');
    a.stop.abort();
    await a.done;
    assert.equal(store.lease?.spec?.holderIdentity, undefined, 'released');
    await clock.advance(2500);
    assert.equal(b.elector.isLeader(), true);
    assert.equal(store.lease?.spec?.leaseTransitions, 1);
    assertNoOverlap(timeline);
    b.stop.abort();
    await b.done;
  });

  for (const mode of ['fail', 'hang'] as const) {
    it(`a leader whose requests ${mode} stops leading before a follower may start`, async () => {
      const store = new LeaseStore();
      const clock = new FakeClock();
      const timeline: string[] = [];
      const a = candidate(store, clock, 'a', timeline);
      await settle();
      const b = candidate(store, clock, 'b', timeline);
      await clock.advance(5000);
      a.conn.mode = mode;
      for (let t = 0; t < 40_000; t += 500) await clock.advance(500);
      assert.equal(a.elector.isLeader(), false);
      assert.equal(b.elector.isLeader(), true);
      const stopped = timeline.find((l) => l.endsWith('a stop (lost)'));
      const started = timeline.find((l) => l.endsWith('b start'));
      assert.ok(stopped && started, timeline.join('\n'));
      assertNoOverlap(timeline);
      // The follower takes over within a lease duration (plus one retry) of the last renewal.
      assert.ok(Number(started.split(' ')[0]) - Number(stopped.split(' ')[0]) <= 15_000 - 10_000 + 2_400 + 1_000 + 500);
      a.stop.abort();
      b.stop.abort();
      a.conn.mode = 'ok';
      await Promise.all([a.done, b.done]);
    });
  }

  it('rejects inconsistent durations', () => {
    const conn = new LeaseStore().connect();
    assert.throws(() => new LeaderElector(conn, { namespace: 'n', name: 'l', identity: 'x', leaseDurationMs: 10_000, renewDeadlineMs: 10_000 }), RangeError);
    assert.throws(() => new LeaderElector(conn, { namespace: 'n', name: 'l', identity: '' }), RangeError);
  });
});
