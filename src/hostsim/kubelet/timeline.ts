/**
 * What a pod's containers are doing at a given moment, computed from when the kubelet took the
 * pod on (status.startTime), the behaviour its annotations ask for and kube's rules: init
 * containers one after another, sidecars alongside, restartPolicy, CrashLoopBackOff (first restart
 * at once, then 10 s doubling to 5 min), graceful deletion. Pure: the same inputs give the same
 * answer, so the kubelet can be restarted at any time and carry on.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';
import type { Behaviour } from '../annotations.js';

export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

export interface Run {
  /** 0 for the first start, n for the n-th restart. */
  readonly attempt: number;
  readonly startedAt: number;
}

export interface FinishedRun extends Run {
  readonly finishedAt: number;
  readonly exitCode: number;
}

export type WaitingReason = 'ContainerCreating' | 'PodInitializing' | 'CrashLoopBackOff';

export type ContainerState =
  | { readonly kind: 'waiting'; readonly reason: WaitingReason; readonly backoffMs?: number }
  | { readonly kind: 'running'; readonly run: Run }
  | { readonly kind: 'terminated'; readonly run: FinishedRun };

export type ContainerRole = 'init' | 'sidecar' | 'main';

export interface ContainerView {
  readonly name: string;
  readonly role: ContainerRole;
  readonly state: ContainerState;
  /** The previous run, once there has been a restart. */
  readonly last: FinishedRun | undefined;
  readonly restartCount: number;
  readonly started: boolean;
  readonly ready: boolean;
}

export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

export interface PodTimeline {
  readonly initContainers: readonly ContainerView[];
  readonly containers: readonly ContainerView[];
  readonly initialized: boolean;
  /** The pod sandbox exists (PodReadyToStartContainers). */
  readonly sandboxReady: boolean;
  readonly phase: Phase;
  /** Being deleted and nothing runs any more: the kubelet may remove the pod. */
  readonly stopped: boolean;
  /** When this answer next changes (undefined: not by itself). */
  readonly nextChangeAt: number | undefined;
}

export interface Deletion {
  /** When the kubelet was told to stop the pod (deletionTimestamp minus the grace period). */
  readonly requestedAt: number;
  readonly gracePeriodMs: number;
}

export interface TimelineInput {
  readonly spec: PodSpec;
  readonly behaviour: Behaviour;
  /** status.startTime: when the kubelet took the pod on. */
  readonly startedAt: number;
  readonly now: number;
  readonly deletion?: Deletion | undefined;
}

/** The back-off before restart number `attempt` (1 = first restart). */
export function backoffBefore(attempt: number): number {
  if (attempt <= 1) return 0;
  return Math.min(BACKOFF_INITIAL_MS * 2 ** (attempt - 2), BACKOFF_MAX_MS);
}

function shouldRestart(policy: string, behaviour: Behaviour, exitCode: number): boolean {
  if (behaviour.podFails) return false;
  if (policy === 'Always') return true;
  return policy === 'OnFailure' && exitCode !== 0;
}

function probeDelayMs(probe: Container['readinessProbe']): number {
  return Math.max(0, (probe?.initialDelaySeconds ?? 0) * 1000);
}

class Changes {
  next: number | undefined;
  constructor(private readonly now: number) {}
  at(t: number | undefined): void {
    if (t === undefined || t <= this.now) return;
    if (this.next === undefined || t < this.next) this.next = t;
  }
}

interface Natural {
  readonly state: ContainerState;
  readonly last: FinishedRun | undefined;
  readonly restartCount: number;
}

/** A main container's own life at time `t`, attempts and back-offs included, ignoring deletion. */
function mainAt(t: number, start: number, behaviour: Behaviour, policy: string, changes: Changes): Natural {
  let attempt = 0;
  let s = start;
  let last: FinishedRun | undefined;
  const run = behaviour.runMs;
  for (;;) {
    if (run === undefined) return { state: { kind: 'running', run: { attempt, startedAt: s } }, last, restartCount: attempt };
    const e = s + run;
    if (t < e) {
      changes.at(e);
      return { state: { kind: 'running', run: { attempt, startedAt: s } }, last, restartCount: attempt };
    }
    const finished: FinishedRun = { attempt, startedAt: s, finishedAt: e, exitCode: behaviour.exitCode };
    if (!shouldRestart(policy, behaviour, behaviour.exitCode)) return { state: { kind: 'terminated', run: finished }, last, restartCount: attempt };
    const backoff = backoffBefore(attempt + 1);
    const nextStart = e + backoff;
    if (t < nextStart) {
      changes.at(nextStart);
      return { state: { kind: 'waiting', reason: 'CrashLoopBackOff', backoffMs: backoff }, last: finished, restartCount: attempt };
    }
    // At the maximum back-off every cycle is the same length: skip whole cycles at once.
    if (backoff === BACKOFF_MAX_MS) {
      const period = run + BACKOFF_MAX_MS;
      const skip = Math.floor((t - nextStart) / period);
      if (skip > 1) {
        const lastSkipped = attempt + skip;
        const lastStart = nextStart + (skip - 1) * period;
        last = { attempt: lastSkipped, startedAt: lastStart, finishedAt: lastStart + run, exitCode: behaviour.exitCode };
        attempt = lastSkipped + 1;
        s = lastStart + period;
        continue;
      }
    }
    last = finished;
    attempt++;
    s = nextStart;
  }
}

/** Cuts a container's natural life at the deletion: what runs then stops after SIGTERM, nothing starts again. */
function withDeletion(t: number, natural: (t: number, changes: Changes) => Natural, deletion: Deletion | undefined, behaviour: Behaviour, changes: Changes): Natural {
  if (!deletion || t < deletion.requestedAt) return natural(t, changes);
  // What would have happened next without the deletion does not matter.
  const atKill = natural(deletion.requestedAt, new Changes(Number.POSITIVE_INFINITY));
  if (atKill.state.kind !== 'running') {
    // Terminated stays terminated; waiting (creating, backing off) never starts.
    return atKill;
  }
  const run = atKill.state.run;
  const killed = behaviour.terminationMs > deletion.gracePeriodMs;
  const stopAt = deletion.requestedAt + Math.min(behaviour.terminationMs, deletion.gracePeriodMs);
  // A process that would have exited by itself before the signal takes effect does so.
  const ownEnd = behaviour.runMs === undefined ? undefined : run.startedAt + behaviour.runMs;
  const end = ownEnd !== undefined && ownEnd < stopAt ? ownEnd : stopAt;
  const exitCode = ownEnd !== undefined && ownEnd < stopAt ? behaviour.exitCode : killed ? 137 : 0;
  if (t < end) {
    changes.at(end);
    return atKill;
  }
  return { state: { kind: 'terminated', run: { ...run, finishedAt: end, exitCode } }, last: atKill.last, restartCount: atKill.restartCount };
}

function isRunning(v: Natural): boolean {
  return v.state.kind === 'running';
}

/** Where a pod's containers are at `input.now`. */
export function podTimeline(input: TimelineInput): PodTimeline {
  const { spec, behaviour, now, deletion } = input;
  const changes = new Changes(now);
  const policy = spec.restartPolicy ?? 'Always';
  const created = input.startedAt + behaviour.startDelayMs;

  // Init containers one after another; sidecars start in their turn and keep running.
  const initSpecs = spec.initContainers ?? [];
  const initStarts: number[] = [];
  let cursor = created;
  for (const c of initSpecs) {
    initStarts.push(cursor);
    if (c.restartPolicy !== 'Always') cursor += behaviour.initRunMs;
  }
  const mainStart = cursor;
  const hasInit = initSpecs.length > 0;

  const waitingUntil = (start: number, first: boolean, changes: Changes): Natural => {
    changes.at(start);
    return { state: { kind: 'waiting', reason: first || !hasInit ? 'ContainerCreating' : 'PodInitializing' }, last: undefined, restartCount: 0 };
  };

  const mainNatural = (t: number, changes: Changes): Natural => (t < mainStart ? waitingUntil(mainStart, false, changes) : mainAt(t, mainStart, behaviour, policy, changes));
  const mains = spec.containers.map((c) => ({ spec: c, view: withDeletion(now, mainNatural, deletion, behaviour, changes) }));

  // When a run-to-completion pod's main containers are all done for good (sidecars are then stopped).
  const completedAt = ((): number | undefined => {
    if (mains.length === 0) return undefined;
    let latest = 0;
    for (const m of mains) {
      if (m.view.state.kind !== 'terminated') return undefined;
      latest = Math.max(latest, m.view.state.run.finishedAt);
    }
    return latest;
  })();

  const initViews = initSpecs.map((c, i) => {
    const start = initStarts[i] ?? created;
    const sidecar = c.restartPolicy === 'Always';
    const natural = (t: number, changes: Changes): Natural => {
      if (t < start) return waitingUntil(start, i === 0, changes);
      if (sidecar) {
        const stop = completedAt;
        if (stop !== undefined && t >= stop) return { state: { kind: 'terminated', run: { attempt: 0, startedAt: start, finishedAt: stop, exitCode: 0 } }, last: undefined, restartCount: 0 };
        return { state: { kind: 'running', run: { attempt: 0, startedAt: start } }, last: undefined, restartCount: 0 };
      }
      const end = start + behaviour.initRunMs;
      if (t < end) {
        changes.at(end);
        return { state: { kind: 'running', run: { attempt: 0, startedAt: start } }, last: undefined, restartCount: 0 };
      }
      return { state: { kind: 'terminated', run: { attempt: 0, startedAt: start, finishedAt: end, exitCode: 0 } }, last: undefined, restartCount: 0 };
    };
    return { spec: c, sidecar, view: withDeletion(now, natural, deletion, { ...behaviour, runMs: sidecar ? undefined : behaviour.initRunMs }, changes) };
  });

  const readiness = (c: Container, v: Natural): { started: boolean; ready: boolean } => {
    if (v.state.kind !== 'running') return { started: false, ready: false };
    const startedAt = v.state.run.startedAt;
    const startupDone = startedAt + probeDelayMs(c.startupProbe);
    changes.at(startupDone);
    const started = now >= startupDone;
    const readyAt = Math.max(startupDone, startedAt + probeDelayMs(c.readinessProbe));
    changes.at(readyAt);
    return { started, ready: started && now >= readyAt && !behaviour.neverReady };
  };

  const containers: ContainerView[] = mains.map(({ spec: c, view }) => ({ name: c.name, role: 'main', ...view, ...readiness(c, view) }));
  const initContainers: ContainerView[] = initViews.map(({ spec: c, sidecar, view }) => {
    if (sidecar) return { name: c.name, role: 'sidecar', ...view, ...readiness(c, view) };
    const done = view.state.kind === 'terminated' && view.state.run.exitCode === 0;
    return { name: c.name, role: 'init', ...view, started: view.state.kind === 'running', ready: done };
  });

  const initialized = initViews.every(({ sidecar, view }) => (sidecar ? view.state.kind !== 'waiting' : view.state.kind === 'terminated'));
  const anyRunning = mains.some((m) => isRunning(m.view)) || initViews.some((i) => isRunning(i.view));
  const deleting = deletion !== undefined && now >= deletion.requestedAt;
  const stopped = deleting && !anyRunning;
  const phase = podPhase(containers, initialized, policy, stopped || (completedAt !== undefined && behaviour.podFails));
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  return {
    initContainers,
    containers,
    initialized,
    sandboxReady: !terminal && !stopped,
    phase,
    stopped,
    nextChangeAt: changes.next,
  };
}

/** kubelet's getPhase over the main containers. `podIsTerminal`: nothing will run again. */
export function podPhase(containers: readonly ContainerView[], initialized: boolean, policy: string, podIsTerminal: boolean): Phase {
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of containers) {
    switch (c.state.kind) {
      case 'running':
        running++;
        break;
      case 'terminated':
        stopped++;
        if (c.state.run.exitCode === 0) succeeded++;
        break;
      case 'waiting':
        if (c.last) stopped++;
        else waiting++;
        break;
    }
  }
  if (!initialized && !podIsTerminal) return 'Pending';
  if (waiting > 0 && !podIsTerminal) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped === 0) return podIsTerminal ? 'Failed' : 'Pending';
  if (podIsTerminal) return stopped === succeeded && waiting === 0 ? 'Succeeded' : 'Failed';
  if (policy === 'Always') return 'Running';
  if (policy === 'OnFailure') return stopped === succeeded ? 'Succeeded' : 'Running';
  return stopped === succeeded ? 'Succeeded' : 'Failed';
}
