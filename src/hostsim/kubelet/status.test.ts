import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import type { Behaviour } from '../annotations.js';
import { buildPodStatus, sameStatus } from './status.js';
import { podTimeline } from './timeline.js';

const T0 = Date.UTC(2026, 0, 1);
const base: Behaviour = { startDelayMs: 0, initRunMs: 0, runMs: undefined, exitCode: 0, podFails: false, neverReady: false, terminationMs: 0 };

function pod(extra: Partial<NonNullable<Pod['spec']>> = {}, status: PodStatus = {}): Pod {
  return {
    metadata: { name: 'web', namespace: 'default', uid: 'u-1' },
    spec: {
      containers: [
        { name: 'web', image: 'nginx:1.25', volumeMounts: [{ name: 'kube-api-access-x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] },
        { name: 'agent', image: 'busybox' },
      ],
      ...extra,
    },
    status: { qosClass: 'BestEffort', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }], ...status },
  };
}

function statusAt(p: Pod, seconds: number, b: Partial<Behaviour> = {}): PodStatus {
  const now = T0 + seconds * 1000;
  const timeline = podTimeline({ spec: p.spec!, behaviour: { ...base, ...b }, startedAt: T0, now });
  return buildPodStatus({ pod: p, timeline, now, startTime: T0, hostIP: '172.18.0.2', podIP: '10.244.0.5' });
}

const conditions = (s: PodStatus): string[] => (s.conditions ?? []).map((c) => `${c.type}=${c.status}${c.reason ? `/${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}`);

describe('buildPodStatus', () => {
  it('reports a running pod as kubelet does', () => {
    const s = statusAt(pod(), 0);
    assert.equal(s.phase, 'Running');
    assert.equal(s.podIP, '10.244.0.5');
    assert.deepEqual(s.podIPs, [{ ip: '10.244.0.5' }]);
    assert.deepEqual(s.hostIPs, [{ ip: '172.18.0.2' }]);
    assert.equal(s.startTime, '2026-01-01T00:00:00Z');
    assert.equal(s.qosClass, 'BestEffort');
    assert.deepEqual(conditions(s), ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    assert.deepEqual(s.containerStatuses?.map((c) => c.name), ['agent', 'web'], 'sorted by name');
    const web = s.containerStatuses[1];
    assert.equal(web?.image, 'docker.io/library/nginx:1.25');
    assert.match(web.imageID, /^docker\.io\/library\/nginx@sha256:/);
    assert.match(web.containerID ?? '', /^containerd:\/\//);
    assert.deepEqual(web.state, { running: { startedAt: '2026-01-01T00:00:00Z' } });
    assert.deepEqual(web.lastState, {});
    assert.equal(web.ready, true);
    assert.equal(web.started, true);
    assert.equal(web.restartCount, 0);
    assert.deepEqual((web as any).volumeMounts, [{ name: 'kube-api-access-x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true, recursiveReadOnly: 'Disabled' }]);
  });

  it('reports a pod still being created', () => {
    const s = statusAt(pod(), 1, { startDelayMs: 5000 });
    assert.equal(s.phase, 'Pending');
    assert.deepEqual(conditions(s), [
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=False/ContainersNotReady: containers with unready status: [web agent]',
      'ContainersReady=False/ContainersNotReady: containers with unready status: [web agent]',
      'PodScheduled=True',
    ]);
    assert.deepEqual(s.containerStatuses?.[1]?.state, { waiting: { reason: 'ContainerCreating' } });
    assert.equal(s.containerStatuses[1].image, 'nginx:1.25');
    assert.equal(s.containerStatuses[1].imageID, '');
    assert.equal(s.containerStatuses[1].containerID, undefined);
  });

  it('honours readiness gates', () => {
    const gated = pod({ readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] }, { conditions: [{ type: 'example.com/dns', status: 'False' }] });
    assert.deepEqual(conditions(statusAt(gated, 0)).slice(0, 4), [
      'example.com/dns=False',
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=False/ReadinessGatesNotReady: corresponding condition of pod readiness gate "example.com/lb" does not exist., the status of pod readiness gate "example.com/dns" is not "True", but False',
    ]);
    const open = pod({ readinessGates: [{ conditionType: 'example.com/lb' }] }, { conditions: [{ type: 'example.com/lb', status: 'True' }] });
    assert.ok(conditions(statusAt(open, 0)).includes('Ready=True'));
  });

  it('reports init containers in progress', () => {
    const s = statusAt(pod({ initContainers: [{ name: 'migrate', image: 'busybox' }] }), 0.5, { initRunMs: 1000 });
    assert.equal(s.phase, 'Pending');
    assert.ok(conditions(s).includes('Initialized=False/ContainersNotInitialized: containers with incomplete status: [migrate]'));
    assert.deepEqual(s.containerStatuses?.[0]?.state, { waiting: { reason: 'PodInitializing' } });
  });

  it('reports a completed pod', () => {
    const s = statusAt(pod({ restartPolicy: 'Never' }), 2, { runMs: 1000 });
    assert.equal(s.phase, 'Succeeded');
    assert.deepEqual(conditions(s), ['PodReadyToStartContainers=False', 'Initialized=True/PodCompleted', 'Ready=False/PodCompleted', 'ContainersReady=False/PodCompleted', 'PodScheduled=True']);
    assert.deepEqual(s.containerStatuses?.[0]?.state?.terminated && { ...s.containerStatuses[0].state.terminated, containerID: 'x' }, {
      exitCode: 0,
      reason: 'Completed',
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:00:01Z',
      containerID: 'x',
    });
  });

  it('reports a failed pod', () => {
    const s = statusAt(pod({ restartPolicy: 'Never' }), 2, { runMs: 1000, exitCode: 1 });
    assert.equal(s.phase, 'Failed');
    assert.ok(conditions(s).includes('ContainersReady=False/PodFailed'));
    assert.equal(s.containerStatuses?.[0]?.state?.terminated?.reason, 'Error');
    assert.equal(s.containerStatuses[0].state.terminated.exitCode, 1);
  });

  it('reports a crash loop', () => {
    const s = statusAt(pod(), 3, { runMs: 1000, exitCode: 1 });
    const web = s.containerStatuses?.[1];
    assert.deepEqual(web?.state, { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=web pod=web_default(u-1)' } });
    assert.equal(web.restartCount, 1);
    assert.equal(web.lastState?.terminated?.exitCode, 1);
    assert.equal(web.lastState.terminated.startedAt, '2026-01-01T00:00:01Z');
    assert.equal(s.phase, 'Running');
  });

  it('keeps transition times of unchanged conditions', () => {
    const first = statusAt(pod({}, {}), 0, { neverReady: true });
    const later = statusAt({ ...pod(), status: first }, 60, { neverReady: true });
    assert.deepEqual(later.conditions, first.conditions);
    const ready = statusAt({ ...pod(), status: first }, 60);
    assert.equal(ready.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime, '2026-01-01T00:01:00Z');
    assert.equal(ready.conditions.find((c) => c.type === 'Initialized')?.lastTransitionTime, '2026-01-01T00:00:00Z');
  });

  it('compares statuses as a server stores them', () => {
    const s = statusAt(pod(), 0);
    assert.equal(sameStatus(s, JSON.parse(JSON.stringify(s, (_k, v: unknown) => (v === null ? undefined : v)))), true);
    assert.equal(sameStatus(s, { ...s, phase: 'Pending' }), false);
  });
});
