import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from './testing/fake-clock.js';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('serves a burst at once, then one token per 1/qps seconds', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 3, clock);
    assert.deepEqual([bucket.reserve(), bucket.reserve(), bucket.reserve()], [0, 0, 0]);
    assert.equal(bucket.reserve(), 100);
    assert.equal(bucket.reserve(), 200);
  });

  it('refills with time, never beyond the burst', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 2, clock);
    bucket.reserve();
    bucket.reserve();
    assert.equal(bucket.tryTake(), false);
    await clock.advance(100);
    assert.equal(bucket.tryTake(), true);
    await clock.advance(60_000);
    assert.equal(bucket.tryTake(), true);
    assert.equal(bucket.tryTake(), true);
    assert.equal(bucket.tryTake(), false);
  });

  it('is unlimited at qps 0', () => {
    const bucket = new TokenBucket(0, 0, new FakeClock());
    for (let i = 0; i < 1000; i++) assert.equal(bucket.reserve(), 0);
  });

  it('take waits on the clock and hands the token back when aborted', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(1, 1, clock);
    assert.equal(await bucket.take(), true);
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal);
    controller.abort();
    assert.equal(await waiting, false);
    // The aborted waiter's reservation was returned: the next token is due one second from now, not two.
    assert.equal(bucket.reserve(), 1000);
    const later = bucket.take();
    await clock.advance(2000);
    assert.equal(await later, true);
  });

  for (const [qps, burst] of [[-1, 1], [Number.NaN, 1], [5, 0]] as const) {
    it(`rejects qps=${qps} burst=${burst}`, () => {
      assert.throws(() => new TokenBucket(qps, burst), RangeError);
    });
  }
});
