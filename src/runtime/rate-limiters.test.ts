import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../client/testing/fake-clock.js';
import { Backoff } from './backoff.js';
import { BucketRateLimiter, defaultControllerRateLimiter, ItemExponentialRateLimiter, MaxOfRateLimiter } from './rate-limiters.js';

describe('ItemExponentialRateLimiter', () => {
  it('doubles from 5 ms per key up to 1000 s, and forget starts over', () => {
    const limiter = new ItemExponentialRateLimiter<string>();
    const delays = Array.from({ length: 20 }, () => limiter.when('a'));
    assert.deepEqual(delays.slice(0, 5), [5, 10, 20, 40, 80]);
    assert.equal(delays[17], 655_360);
    assert.equal(delays[18], 1_000_000);
    assert.equal(delays[19], 1_000_000);
    assert.equal(limiter.when('b'), 5, 'keys are independent');
    assert.equal(limiter.retries('a'), 20);
    limiter.forget('a');
    assert.equal(limiter.retries('a'), 0);
    assert.equal(limiter.when('a'), 5);
  });

  it('stays capped after very many failures', () => {
    const limiter = new ItemExponentialRateLimiter<string>(5, 1000);
    for (let i = 0; i < 2000; i++) limiter.when('x');
    assert.equal(limiter.when('x'), 1000);
  });
});

describe('BucketRateLimiter', () => {
  it('lets a burst through, then spaces keys by 1/qps', () => {
    const limiter = new BucketRateLimiter<string>(10, 2, new FakeClock());
    assert.deepEqual([limiter.when('a'), limiter.when('b'), limiter.when('c'), limiter.when('d')], [0, 0, 100, 200]);
  });
});

describe('MaxOfRateLimiter', () => {
  it('takes the longest delay and forgets in all', () => {
    const limiter = new MaxOfRateLimiter<string>(new ItemExponentialRateLimiter(1, 1000), new ItemExponentialRateLimiter(3, 1000));
    assert.equal(limiter.when('k'), 3);
    assert.equal(limiter.when('k'), 6);
    limiter.forget('k');
    assert.equal(limiter.retries('k'), 0);
    assert.equal(limiter.when('k'), 3);
  });

  it('default: per-key backoff, plus the global bucket once the burst is spent', () => {
    const limiter = defaultControllerRateLimiter<string>(new FakeClock());
    for (let i = 0; i < 100; i++) assert.equal(limiter.when(`k${i}`), 5);
    assert.equal(limiter.when('k100'), 100, 'the 101st retry waits for a token');
  });
});

describe('Backoff', () => {
  it('grows to the cap, resets after a quiet period', async () => {
    const clock = new FakeClock();
    const backoff = new Backoff({ initialMs: 800, maxMs: 30_000, resetAfterMs: 120_000, clock, random: () => 0 });
    assert.deepEqual([backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()], [800, 1600, 3200, 6400, 12_800, 25_600, 30_000]);
    await clock.advance(120_001);
    assert.equal(backoff.next(), 800);
  });

  it('adds jitter', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 1, clock: new FakeClock(), random: () => 0.5 });
    assert.equal(backoff.next(), 150);
  });
});
