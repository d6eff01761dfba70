// The workload controllers' event recorder against our API server: events kubectl describe shows, repeats counted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inProcessClient, noopLogger, resources, type KubeClient } from '../../src/client/index.js';
import { FakeClock } from '../../src/client/testing/fake-clock.js';
import { EventRecorder } from '../../src/controllers/workloads/events.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { waitFor } from '../support/wait.js';

let api: TestApiServer;
let client: KubeClient;
before(async () => {
  api = await startTestApiServer({ storage: 'memory' });
  client = inProcessClient(api.handler, { user: { name: 'admin', groups: ['system:masters'] } });
  await client.create(resources.namespaces, { metadata: { name: 'ev' } });
});
after(async () => {
  await api.stop();
});

describe('EventRecorder', () => {
  it('records an event about an object, and counts a repeat on the same event', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    const recorder = new EventRecorder(client, 'test-controller', clock, noopLogger);
    const obj = { apiVersion: 'apps/v1', metadata: { name: 'web', namespace: 'ev', uid: 'u1' } };
    recorder.event(obj, 'Deployment', 'Normal', 'ScalingReplicaSet', 'Scaled up');
    await waitFor(async () => (await client.list(resources.events, { namespace: 'ev' })).items.length === 1, { what: 'the event' });
    await clock.advance(5000);
    recorder.event(obj, 'Deployment', 'Normal', 'ScalingReplicaSet', 'Scaled up');
    await waitFor(async () => (await client.list(resources.events, { namespace: 'ev' })).items[0]?.count === 2, { what: 'count 2' });
    const [event] = (await client.list(resources.events, { namespace: 'ev' })).items;
    assert.deepEqual(
      [event?.involvedObject.kind, event?.involvedObject.name, event?.involvedObject.uid, event?.reason, event?.source?.component, event?.count, event?.firstTimestamp, event?.lastTimestamp],
      ['Deployment', 'web', 'u1', 'ScalingReplicaSet', 'test-controller', 2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:05Z'],
    );
    recorder.event(obj, 'Deployment', 'Normal', 'ScalingReplicaSet', 'Scaled down');
    await waitFor(async () => (await client.list(resources.events, { namespace: 'ev' })).items.length === 2, { what: 'a second event' });
    assert.equal((await client.list(resources.events, { namespace: 'ev' })).items.length, 2, 'another message is another event');
  });
});
