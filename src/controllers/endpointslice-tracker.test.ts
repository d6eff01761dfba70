import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { EndpointSliceTracker } from './endpointslice-tracker.js';

const slice = (name: string, rv: string): EndpointSlice => ({ metadata: { name, resourceVersion: rv }, addressType: 'IPv4', endpoints: [] });

describe('EndpointSliceTracker', () => {
  it('waits for the cache to show created, updated and deleted slices', () => {
    let now = 0;
    const tracker = new EndpointSliceTracker(() => now);
    tracker.created('ns/web', slice('web-a', '5'));
    assert.equal(tracker.upToDate('ns/web', []), false);
    assert.equal(tracker.upToDate('ns/web', [slice('web-a', '5')]), true);

    tracker.updated('ns/web', slice('web-a', '5'));
    assert.equal(tracker.upToDate('ns/web', [slice('web-a', '5')]), false, 'still the version we replaced');
    assert.equal(tracker.upToDate('ns/web', [slice('web-a', '6')]), true);

    tracker.deleted('ns/web', slice('web-a', '6'));
    assert.equal(tracker.upToDate('ns/web', [slice('web-a', '6')]), false);
    assert.equal(tracker.upToDate('ns/web', []), true);
    assert.equal(tracker.upToDate('ns/other', []), true);

    tracker.created('ns/web', slice('web-b', '7'));
    tracker.observedDeletion('ns/web', 'web-b');
    assert.equal(tracker.upToDate('ns/web', []), true, 'a slice seen deleted is expected no more');

    tracker.created('ns/web', slice('web-c', '8'));
    now = 60_000;
    assert.equal(tracker.upToDate('ns/web', []), true, 'expectations expire');
  });
});
