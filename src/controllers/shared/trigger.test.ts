import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../client/testing/fake-clock.js';
import { Trigger } from './trigger.js';

describe('Trigger', () => {
  it('wakes a waiter, remembers a call made while nobody waits, and times out', async () => {
    const clock = new FakeClock();
    const trigger = new Trigger();
    const signal = new AbortController().signal;
    let woke = false;
    const waiting = trigger.wait(clock, 1000, signal).then(() => (woke = true));
    await Promise.resolve();
    assert.equal(woke, false);
    trigger.fire();
    await waiting;
    assert.equal(woke, true);

    trigger.fire();
    await trigger.wait(clock, 1000, signal);

    let timedOut = false;
    const timing = trigger.wait(clock, 1000, signal).then(() => (timedOut = true));
    await clock.advance(999);
    assert.equal(timedOut, false);
    await clock.advance(1);
    await timing;
    assert.equal(timedOut, true);
  });
});
