import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../client/testing/fake-clock.js';
import { Expectations, UidExpectations } from './expectations.js';

describe('Expectations', () => {
  it('is satisfied without a record, and once every creation and deletion was observed', () => {
    const e = new Expectations(new FakeClock());
    assert.equal(e.satisfied('ns/a'), true);
    e.expectCreations('ns/a', 2);
    assert.equal(e.satisfied('ns/a'), false);
    e.creationObserved('ns/a');
    assert.equal(e.satisfied('ns/a'), false);
    e.creationObserved('ns/a');
    assert.equal(e.satisfied('ns/a'), true);
    e.expectDeletions('ns/a', ['ns/p1', 'ns/p2']);
    e.deletionObserved('ns/a', 'ns/p1');
    e.deletionObserved('ns/a', 'ns/p1');
    assert.equal(e.satisfied('ns/a'), false, 'a deletion seen twice counts once');
    e.deletionObserved('ns/a', 'ns/p2');
    assert.equal(e.satisfied('ns/a'), true);
  });

  it('expires after the timeout so that a lost event cannot wedge a controller', async () => {
    const clock = new FakeClock();
    const e = new Expectations(clock, 1000);
    e.expect('ns/a', 1, ['ns/p']);
    await clock.advance(1000);
    assert.equal(e.satisfied('ns/a'), false);
    await clock.advance(1);
    assert.equal(e.satisfied('ns/a'), true);
    assert.deepEqual(e.pending('ns/a'), { adds: 1, deletes: 1 });
    e.delete('ns/a');
    assert.equal(e.pending('ns/a'), undefined);
  });
});

describe('UidExpectations', () => {
  it('tracks uids per key until observed', () => {
    const u = new UidExpectations();
    u.expect('ns/j', ['a', 'b']);
    assert.equal(u.has('ns/j', 'a'), true);
    u.observed('ns/j', 'a');
    assert.deepEqual([...u.get('ns/j')], ['b']);
    u.observed('ns/j', 'b');
    assert.equal(u.get('ns/j').size, 0);
  });
});
