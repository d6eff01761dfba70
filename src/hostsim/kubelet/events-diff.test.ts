import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import type { Behaviour } from '../annotations.js';
import { containerEvents, type NodeImages } from './events-diff.js';
import { buildPodStatus } from './status.js';
import { podTimeline } from './timeline.js';

const T0 = Date.UTC(2026, 0, 1);
const base: Behaviour = { startDelayMs: 0, initRunMs: 0, runMs: undefined, exitCode: 0, podFails: false, neverReady: false, terminationMs: 0 };

function images(initial: string[] = []): NodeImages & { all: Set<string> } {
  const all = new Set(initial);
  return { all, hasImage: (i) => all.has(i), addImage: (i) => all.add(i) };
}

const pod: Pod = {
  metadata: { name: 'web', namespace: 'default', uid: 'u1' },
  spec: { initContainers: [{ name: 'setup', image: 'busybox:1.36' }], containers: [{ name: 'web', image: 'nginx' }] },
  status: { conditions: [{ type: 'PodScheduled', status: 'True' }] },
};

function status(seconds: number, b: Partial<Behaviour> = {}, from: PodStatus | undefined = pod.status): PodStatus {
  const now = T0 + seconds * 1000;
  return buildPodStatus({ pod: { ...pod, status: from ?? {} }, timeline: podTimeline({ spec: pod.spec!, behaviour: { ...base, ...b }, startedAt: T0, now }), now, startTime: T0, hostIP: '172.18.0.2', podIP: '10.244.0.2' });
}

const brief = (events: ReturnType<typeof containerEvents>): string[] => events.map((e) => `${e.fieldPath} ${e.type} ${e.reason}: ${e.message}`);

describe('container events', () => {
  it('pulls, creates and starts every container once', () => {
    const node = images();
    const running = status(0);
    const events = brief(containerEvents(pod, pod.status, running, node));
    assert.equal(events.length, 8);
    assert.deepEqual(events.slice(0, 4), [
      'spec.initContainers{setup} Normal Pulling: Pulling image "busybox:1.36"',
      events[1],
      'spec.initContainers{setup} Normal Created: Created container setup',
      'spec.initContainers{setup} Normal Started: Started container setup',
    ]);
    assert.match(events[1] ?? '', /^spec\.initContainers\{setup\} Normal Pulled: Successfully pulled image "busybox:1\.36" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    assert.deepEqual(events.slice(6), ['spec.containers{web} Normal Created: Created container web', 'spec.containers{web} Normal Started: Started container web']);
    assert.deepEqual(brief(containerEvents(pod, running, status(30, {}, running), node)), [], 'nothing new, nothing said');
  });

  it('says an IfNotPresent image is already present, and always pulls :latest', () => {
    const node = images(['busybox:1.36', 'nginx']);
    const events = brief(containerEvents(pod, pod.status, status(0), node));
    assert.ok(events.includes('spec.initContainers{setup} Normal Pulled: Container image "busybox:1.36" already present on machine'));
    assert.ok(events.includes('spec.containers{web} Normal Pulling: Pulling image "nginx"'));
  });

  it('reports a crash loop once per back-off and each restart', () => {
    const node = images(['busybox:1.36']);
    const crash = { runMs: 1000, exitCode: 1 };
    const s0 = status(0.5, crash);
    containerEvents(pod, pod.status, s0, node);
    const restarted = status(1.5, crash, s0);
    assert.deepEqual(brief(containerEvents(pod, s0, restarted, node)).filter((e) => e.includes('{web}')).map((e) => e.split(':')[0]), [
      'spec.containers{web} Normal Pulling',
      'spec.containers{web} Normal Pulled',
      'spec.containers{web} Normal Created',
      'spec.containers{web} Normal Started',
    ]);
    const backoff = status(3, crash, restarted);
    assert.deepEqual(brief(containerEvents(pod, restarted, backoff, node)), ['spec.containers{web} Warning BackOff: Back-off restarting failed container web in pod web_default(u1)']);
    assert.deepEqual(brief(containerEvents(pod, backoff, status(5, crash, backoff), node)), []);
  });
});
