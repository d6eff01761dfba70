import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../client/testing/fake-clock.js';
import { SchedulingQueue } from './queue.js';

describe('SchedulingQueue', () => {
  it('hands out higher priorities first, then older pods', async () => {
    const clock = new FakeClock();
    const q = new SchedulingQueue({ clock });
    q.add('a', 0);
    await clock.advance(1);
    q.add('b', 100);
    await clock.advance(1);
    q.add('c', 0);
    q.add('d', 100);
    const order: string[] = [];
    for (let i = 0; i < 4; i++) order.push((await q.pop())?.key ?? '');
    assert.deepEqual(order, ['b', 'd', 'a', 'c']);
    q.close();
  });

  it('parks unschedulable pods until the cluster changes, then backs off', async () => {
    const clock = new FakeClock();
    const q = new SchedulingQueue({ clock });
    q.add('p', 0);
    const first = await q.pop();
    assert.ok(first);
    q.unschedulable(first);
    assert.equal(q.where('p'), 'unschedulable');
    await clock.advance(60_000);
    assert.equal(q.where('p'), 'unschedulable');
    q.moveAllToActiveOrBackoff();
    assert.equal(q.where('p'), 'backoff');
    await clock.advance(1000);
    assert.equal(q.where('p'), 'active');
    const second = await q.pop();
    assert.equal(second?.attempts, 2);
    q.close();
  });

  it('backs off at once when the cluster changed during the attempt', async () => {
    const clock = new FakeClock();
    const q = new SchedulingQueue({ clock });
    q.add('p', 0);
    const popped = await q.pop();
    assert.ok(popped);
    q.moveAllToActiveOrBackoff();
    q.unschedulable(popped);
    assert.equal(q.where('p'), 'backoff');
    q.close();
  });

  it('doubles the back-off up to 10 s', async () => {
    const clock = new FakeClock();
    const q = new SchedulingQueue({ clock });
    q.add('p', 0);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      await q.pop();
      q.retry('p');
      const start = clock.now();
      while (q.where('p') !== 'active') await clock.advance(100);
      waits.push(clock.now() - start);
    }
    assert.deepEqual(waits, [1000, 2000, 4000, 8000, 10_000, 10_000]);
    q.close();
  });

  it('retries unschedulable pods after the timeout', async () => {
    const clock = new FakeClock();
    const q = new SchedulingQueue({ clock, unschedulableTimeoutMs: 60_000 });
    q.add('p', 0);
    const popped = await q.pop();
    assert.ok(popped);
    q.unschedulable(popped);
    await clock.advance(91_000);
    assert.equal(q.where('p'), 'active');
    q.close();
  });

  it('reschedules a pod that changed while in flight, and forgets deleted ones', async () => {
    const clock = new FakeClock();
    const q = new SchedulingQueue({ clock });
    q.add('p', 0);
    await q.pop();
    q.add('p', 0);
    q.done('p');
    assert.equal(q.where('p'), 'active');
    q.delete('p');
    assert.equal(q.where('p'), undefined);
    assert.equal(q.activeLength, 0);
    const waiting = q.pop();
    q.close();
    assert.equal(await waiting, undefined);
  });
});

describe('SchedulingQueue bookkeeping', () => {
  it('moves only parked pods, and forgets deleted parked pods', async () => {
    const clock = new FakeClock();
    const q = new SchedulingQueue({ clock });
    for (const k of ['a', 'b']) q.add(k, 0);
    for (let i = 0; i < 2; i++) {
      const p = await q.pop();
      assert.ok(p);
      q.unschedulable(p);
    }
    q.delete('a');
    q.moveAllToActiveOrBackoff();
    assert.equal(q.where('a'), undefined);
    assert.equal(q.where('b'), 'backoff');
    q.add('c', 0);
    q.moveAllToActiveOrBackoff();
    assert.equal(q.where('c'), 'active');
    q.close();
  });
});
