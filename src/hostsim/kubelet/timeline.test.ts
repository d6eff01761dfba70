import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PodSpec } from 'kubernetes-types/core/v1.js';
import type { Behaviour } from '../annotations.js';
import { backoffBefore, podTimeline, type ContainerView, type Deletion, type PodTimeline } from './timeline.js';

const T0 = Date.UTC(2026, 0, 1);
const s = (n: number): number => T0 + n * 1000;
const base: Behaviour = { startDelayMs: 0, initRunMs: 0, runMs: undefined, exitCode: 0, podFails: false, neverReady: false, terminationMs: 0 };
const spec = (extra: Partial<PodSpec> = {}): PodSpec => ({ containers: [{ name: 'app', image: 'nginx' }], ...extra });

function at(seconds: number, b: Partial<Behaviour> = {}, podSpec: PodSpec = spec(), deletion?: Deletion): PodTimeline {
  return podTimeline({ spec: podSpec, behaviour: { ...base, ...b }, startedAt: T0, now: s(seconds), deletion });
}

/** A compact view of a container for table comparisons. */
function brief(c: ContainerView | undefined): string {
  if (!c) return 'none';
  const st = c.state;
  const state = st.kind === 'waiting' ? `waiting:${st.reason}${st.backoffMs ? `:${st.backoffMs / 1000}s` : ''}` : st.kind === 'running' ? `running#${st.run.attempt}` : `terminated#${st.run.attempt}:${st.run.exitCode}`;
  return `${state} restarts=${c.restartCount}${c.ready ? ' ready' : ''}${c.last ? ` last=${c.last.exitCode}` : ''}`;
}

describe('podTimeline', () => {
  const cases: { name: string; t: number; b?: Partial<Behaviour>; spec?: PodSpec; deletion?: Deletion; phase: string; main: string; next?: number; stopped?: boolean; sandbox?: boolean }[] = [
    { name: 'a plain pod runs and is ready at once', t: 0, phase: 'Running', main: 'running#0 restarts=0 ready' },
    { name: 'a slow start is ContainerCreating', t: 1, b: { startDelayMs: 2000 }, phase: 'Pending', main: 'waiting:ContainerCreating restarts=0', next: 2 },
    { name: 'a slow start then runs', t: 2, b: { startDelayMs: 2000 }, phase: 'Running', main: 'running#0 restarts=0 ready' },
    { name: 'a job pod runs for its run time', t: 0.5, b: { runMs: 1000 }, spec: spec({ restartPolicy: 'Never' }), phase: 'Running', main: 'running#0 restarts=0 ready', next: 1 },
    { name: 'a job pod completes', t: 1, b: { runMs: 1000 }, spec: spec({ restartPolicy: 'Never' }), phase: 'Succeeded', main: 'terminated#0:0 restarts=0', sandbox: false },
    { name: 'OnFailure exiting 0 completes', t: 3, b: { runMs: 1000 }, spec: spec({ restartPolicy: 'OnFailure' }), phase: 'Succeeded', main: 'terminated#0:0 restarts=0' },
    { name: 'a crash is restarted at once the first time', t: 1.5, b: { runMs: 1000, exitCode: 1 }, phase: 'Running', main: 'running#1 restarts=1 ready last=1', next: 2 },
    { name: 'then backs off 10 s', t: 2, b: { runMs: 1000, exitCode: 1 }, phase: 'Running', main: 'waiting:CrashLoopBackOff:10s restarts=1 last=1', next: 12 },
    { name: 'then runs again', t: 12.5, b: { runMs: 1000, exitCode: 1 }, phase: 'Running', main: 'running#2 restarts=2 ready last=1', next: 13 },
    { name: 'then backs off 20 s', t: 13, b: { runMs: 1000, exitCode: 1 }, phase: 'Running', main: 'waiting:CrashLoopBackOff:20s restarts=2 last=1', next: 33 },
    { name: 'OnFailure restarts a crash', t: 2, b: { runMs: 1000, exitCode: 1 }, spec: spec({ restartPolicy: 'OnFailure' }), phase: 'Running', main: 'waiting:CrashLoopBackOff:10s restarts=1 last=1', next: 12 },
    { name: 'Never does not restart a crash', t: 5, b: { runMs: 1000, exitCode: 1 }, spec: spec({ restartPolicy: 'Never' }), phase: 'Failed', main: 'terminated#0:1 restarts=0', sandbox: false },
    { name: 'fail ends a restartPolicy Always pod too', t: 1, b: { runMs: 1000, exitCode: 1, podFails: true }, phase: 'Failed', main: 'terminated#0:1 restarts=0', sandbox: false },
    { name: 'a readiness probe delays readiness', t: 3, spec: spec({ containers: [{ name: 'app', image: 'x', readinessProbe: { initialDelaySeconds: 5 } }] }), phase: 'Running', main: 'running#0 restarts=0', next: 5 },
    { name: 'and then it is ready', t: 5, spec: spec({ containers: [{ name: 'app', image: 'x', readinessProbe: { initialDelaySeconds: 5 } }] }), phase: 'Running', main: 'running#0 restarts=0 ready' },
    { name: 'never ready', t: 100, b: { neverReady: true }, phase: 'Running', main: 'running#0 restarts=0' },
    { name: 'init containers run first', t: 0.5, b: { initRunMs: 1000 }, spec: spec({ initContainers: [{ name: 'init', image: 'busybox' }] }), phase: 'Pending', main: 'waiting:PodInitializing restarts=0', next: 1 },
    { name: 'then the main containers', t: 1, b: { initRunMs: 1000 }, spec: spec({ initContainers: [{ name: 'init', image: 'busybox' }] }), phase: 'Running', main: 'running#0 restarts=0 ready' },
    { name: 'deletion stops at once by default', t: 5, deletion: { requestedAt: s(5), gracePeriodMs: 30_000 }, phase: 'Succeeded', main: 'terminated#0:0 restarts=0', stopped: true, sandbox: false },
    { name: 'a slow stop keeps running within the grace period', t: 6, b: { terminationMs: 3000 }, deletion: { requestedAt: s(5), gracePeriodMs: 30_000 }, phase: 'Running', main: 'running#0 restarts=0 ready', next: 8, stopped: false },
    { name: 'and then stops', t: 8, b: { terminationMs: 3000 }, deletion: { requestedAt: s(5), gracePeriodMs: 30_000 }, phase: 'Succeeded', main: 'terminated#0:0 restarts=0', stopped: true },
    { name: 'past the grace period it is killed', t: 7, b: { terminationMs: 60_000 }, deletion: { requestedAt: s(5), gracePeriodMs: 2000 }, phase: 'Failed', main: 'terminated#0:137 restarts=0', stopped: true },
    { name: 'a pod deleted while creating never starts', t: 1, b: { startDelayMs: 10_000 }, deletion: { requestedAt: s(1), gracePeriodMs: 30_000 }, phase: 'Failed', main: 'waiting:ContainerCreating restarts=0', stopped: true },
    { name: 'a pod deleted while backing off is not restarted', t: 30, b: { runMs: 1000, exitCode: 1 }, deletion: { requestedAt: s(3), gracePeriodMs: 30_000 }, phase: 'Failed', main: 'waiting:CrashLoopBackOff:10s restarts=1 last=1', stopped: true },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const tl = at(tc.t, tc.b, tc.spec, tc.deletion);
      assert.equal(tl.phase, tc.phase);
      assert.equal(brief(tl.containers[0]), tc.main);
      assert.equal(tl.nextChangeAt, tc.next === undefined ? undefined : s(tc.next));
      if (tc.stopped !== undefined) assert.equal(tl.stopped, tc.stopped);
      if (tc.sandbox !== undefined) assert.equal(tl.sandboxReady, tc.sandbox);
    });
  }

  it('shows init containers and initialization', () => {
    const withInit = spec({ initContainers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'x' }] });
    const early = at(0.5, { initRunMs: 1000 }, withInit);
    assert.deepEqual(early.initContainers.map(brief), ['running#0 restarts=0', 'waiting:PodInitializing restarts=0']);
    assert.equal(early.initialized, false);
    const later = at(2, { initRunMs: 1000 }, withInit);
    assert.deepEqual(later.initContainers.map(brief), ['terminated#0:0 restarts=0 ready', 'terminated#0:0 restarts=0 ready']);
    assert.equal(later.initialized, true);
  });

  it('runs sidecars alongside a job and stops them when it completes', () => {
    const withSidecar = spec({ restartPolicy: 'Never', initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }] });
    const running = at(0.5, { runMs: 1000 }, withSidecar);
    assert.equal(brief(running.initContainers[0]), 'running#0 restarts=0 ready');
    assert.equal(running.initialized, true);
    const done = at(1, { runMs: 1000 }, withSidecar);
    assert.equal(done.phase, 'Succeeded');
    assert.equal(brief(done.initContainers[0]), 'terminated#0:0 restarts=0');
  });

  it('counts restarts of a long crash loop as a step-by-step simulation does', () => {
    const run = 2000;
    const naive = (t: number): number => {
      let start = 0;
      let attempt = 0;
      for (;;) {
        const end = start + run;
        const next = end + backoffBefore(attempt + 1);
        if (t < next) return attempt;
        attempt++;
        start = next;
      }
    };
    for (const hours of [0.01, 0.5, 3, 48]) {
      const t = hours * 3600;
      assert.equal(at(t, { runMs: run, exitCode: 1 }).containers[0]?.restartCount, naive(t * 1000), `after ${hours} h`);
    }
  });

  it('backs off as kubelet does', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map(backoffBefore), [0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });
});
