import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Event } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../api/status.js';
import { TokenBucket } from '../client/index.js';
import { FakeClock, settle } from '../client/testing/fake-clock.js';
import { EventRecorder, podReference, type EventClient } from './events.js';

/** Records what the recorder writes; `failNextPatch` simulates an event that expired meanwhile. */
function fakeClient(): EventClient & { created: Event[]; patches: { name: string; body: any }[]; failNextPatch: boolean } {
  const created: Event[] = [];
  const patches: { name: string; body: any }[] = [];
  const client = {
    created,
    patches,
    failNextPatch: false,
    create: (_ref: unknown, obj: unknown) => {
      created.push(obj as Event);
      return Promise.resolve(obj);
    },
    patch: (_ref: unknown, name: string, body: unknown) => {
      if (client.failNextPatch) {
        client.failNextPatch = false;
        return Promise.reject(new StatusError(404, 'NotFound', 'gone'));
      }
      patches.push({ name, body });
      return Promise.resolve({});
    },
  };
  return client as unknown as EventClient & typeof client;
}

const pod = { metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '5' } };

describe('EventRecorder', () => {
  it('writes events as the legacy recorder does and folds repeats into a count', async () => {
    const clock = new FakeClock();
    const client = fakeClient();
    const recorder = new EventRecorder(client, { component: 'kubelet', host: 'node-1', instance: 'node-1' }, { clock });
    const stop = new AbortController();
    const running = recorder.run(stop.signal);
    recorder.event(podReference(pod, 'spec.containers{web}'), 'Normal', 'Pulled', 'Container image "nginx" already present on machine');
    await settle();
    assert.equal(client.created.length, 1);
    const ev = client.created[0];
    assert.match(ev?.metadata.name ?? '', /^web\.[0-9a-f]+$/);
    assert.equal(ev?.metadata.namespace, 'default');
    assert.deepEqual(ev.involvedObject, { apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '5', fieldPath: 'spec.containers{web}' });
    assert.deepEqual(ev.source, { component: 'kubelet', host: 'node-1' });
    assert.equal(ev.reportingComponent, 'kubelet');
    assert.equal(ev.reportingInstance, 'node-1');
    assert.equal(ev.count, 1);
    await clock.advance(5000);
    recorder.event(podReference(pod, 'spec.containers{web}'), 'Normal', 'Pulled', 'Container image "nginx" already present on machine');
    await settle();
    assert.equal(client.created.length, 1);
    assert.deepEqual(client.patches, [{ name: ev.metadata.name, body: { count: 2, lastTimestamp: new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') } }]);
    client.failNextPatch = true;
    recorder.event(podReference(pod, 'spec.containers{web}'), 'Normal', 'Pulled', 'Container image "nginx" already present on machine');
    await settle();
    assert.equal(client.created.length, 2, 'an expired event is written anew');
    stop.abort();
    await running;
  });

  it('rate-limits writes and drops events when its queue is full', async () => {
    const clock = new FakeClock();
    const client = fakeClient();
    const shared = new TokenBucket(1000, 1000, clock);
    const recorder = new EventRecorder(client, { component: 'default-scheduler', instance: 's' }, { clock, qps: 1, burst: 2, queueSize: 3, shared });
    const stop = new AbortController();
    const running = recorder.run(stop.signal, 1);
    for (let i = 0; i < 6; i++) recorder.event({ apiVersion: 'v1', kind: 'Pod', name: `p${i}`, namespace: 'default', uid: `u${i}` }, 'Warning', 'FailedScheduling', 'no');
    await settle();
    assert.equal(recorder.dropped, 3, 'three queued, the rest dropped');
    assert.equal(client.created.length, 2, 'the burst');
    await clock.advance(1000);
    assert.equal(client.created.length, 3, 'then one a second');
    await clock.advance(10_000);
    assert.equal(client.created.length, 3);
    stop.abort();
    await running;
  });
});
