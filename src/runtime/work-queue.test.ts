import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock, settle } from '../client/testing/fake-clock.js';
import { ItemExponentialRateLimiter } from './rate-limiters.js';
import { WorkQueue } from './work-queue.js';

function queue(clock = new FakeClock()): WorkQueue {
  return new WorkQueue({ clock, rateLimiter: new ItemExponentialRateLimiter(5, 1000) });
}

describe('WorkQueue', () => {
  it('hands keys out in order and stores a waiting key once', async () => {
    const q = queue();
    q.add('a');
    q.add('b');
    q.add('a');
    assert.equal(q.length, 2);
    assert.equal(await q.get(), 'a');
    assert.equal(await q.get(), 'b');
    assert.equal(q.length, 0);
  });

  it('never hands out a key that is being processed; a re-add comes back after done', async () => {
    const q = queue();
    q.add('a');
    const first = await q.get();
    assert.equal(first, 'a');
    q.add('a');
    q.add('a');
    assert.equal(q.length, 0, 'not queued while processing');
    let second: string | undefined;
    void q.get().then((k) => (second = k));
    await settle();
    assert.equal(second, undefined, 'a second worker must wait');
    q.done('a');
    await settle();
    assert.equal(second, 'a', 'processed again after done, once');
    q.done('a');
    assert.equal(q.length, 0);
  });

  it('a waiting get receives the next add', async () => {
    const q = queue();
    const pending = q.get();
    q.add('x');
    assert.equal(await pending, 'x');
  });

  it('addAfter delays, and the earliest of several delays wins', async () => {
    const clock = new FakeClock();
    const q = queue(clock);
    q.addAfter('a', 100);
    q.addAfter('a', 50);
    q.addAfter('a', 500);
    assert.equal(q.delayedCount, 1);
    await clock.advance(49);
    assert.equal(q.length, 0);
    await clock.advance(1);
    assert.equal(q.length, 1);
    await clock.advance(1000);
    assert.equal(q.length, 1, 'the later delays were merged into the first');
  });

  it('addRateLimited backs off per key exponentially until forget', async () => {
    const clock = new FakeClock();
    const q = queue(clock);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const start = clock.now();
      q.addRateLimited('k');
      while (q.length === 0) await clock.advance(1);
      delays.push(clock.now() - start);
      q.done((await q.get()) ?? '');
    }
    assert.deepEqual(delays, [5, 10, 20, 40]);
    assert.equal(q.retries('k'), 4);
    q.forget('k');
    assert.equal(q.retries('k'), 0);
  });

  it('get returns undefined when its signal aborts', async () => {
    const q = queue();
    const controller = new AbortController();
    const pending = q.get(controller.signal);
    controller.abort();
    assert.equal(await pending, undefined);
    q.add('a');
    assert.equal(await q.get(), 'a', 'the aborted getter did not swallow the key');
  });

  it('shutDown drops waiting and delayed keys and releases getters', async () => {
    const q = queue();
    const waiting = q.get();
    q.shutDown();
    assert.equal(await waiting, undefined);
    q.add('a');
    q.addAfter('b', 10);
    assert.equal(q.length, 0);
    assert.equal(q.delayedCount, 0);
    assert.equal(await q.get(), undefined);
  });

  it('shutDownWithDrain hands out the waiting keys and resolves when all are done', async () => {
    const q = queue();
    q.add('a');
    q.add('b');
    const inProcess = await q.get();
    q.addAfter('later', 10);
    let drained = false;
    const drain = q.shutDownWithDrain().then(() => (drained = true));
    q.add('c');
    assert.equal(q.delayedCount, 0);
    assert.equal(await q.get(), 'b');
    assert.equal(await q.get(), undefined, 'new keys were refused, nothing else waits');
    q.done('b');
    await settle();
    assert.equal(drained, false, `${String(inProcess)} is still in process`);
    q.done('a');
    await drain;
    assert.equal(drained, true);
  });

  it('N workers never process one key concurrently and miss no add', async () => {
    const q = queue();
    const active = new Set<string>();
    let overlaps = 0;
    const processedAfterLastAdd = new Map<string, boolean>();
    const worker = async (): Promise<void> => {
      for (;;) {
        const key = await q.get();
        if (key === undefined) return;
        if (active.has(key)) overlaps++;
        active.add(key);
        processedAfterLastAdd.set(key, true);
        for (let i = 0; i < (key.charCodeAt(1) % 4) + 1; i++) await Promise.resolve();
        active.delete(key);
        q.done(key);
      }
    };
    const workers = Array.from({ length: 8 }, () => worker());
    for (let round = 0; round < 200; round++) {
      const key = `k${round % 7}`;
      processedAfterLastAdd.set(key, false);
      q.add(key);
      if (round % 3 === 0) await Promise.resolve();
    }
    await q.shutDownWithDrain();
    await Promise.all(workers);
    assert.equal(overlaps, 0);
    for (const [key, done] of processedAfterLastAdd) assert.ok(done, `${key} was added but not processed afterwards`);
  });
});
