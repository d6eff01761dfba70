/**
 * Annotations a pod can carry to tell the simulated kubelet how its containers behave. They
 * describe the process; kube's own rules (restartPolicy, back-off, graceful deletion) do the rest.
 * Documented in README.md beside this file.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';

export const ANNOTATION_PREFIX = 'hostsim.vcluster-ts.io/';

export const ANNOTATIONS = {
  /** Seconds the containers take to be created (image pull and create): the pod stays ContainerCreating. */
  startDelaySeconds: `${ANNOTATION_PREFIX}start-delay-seconds`,
  /** Seconds each init container runs before it completes (default 0). */
  initSeconds: `${ANNOTATION_PREFIX}init-seconds`,
  /** Seconds the main containers' processes run before they exit (default: forever for restartPolicy Always, 1 otherwise). */
  runSeconds: `${ANNOTATION_PREFIX}run-seconds`,
  /** The exit code when the processes exit (default 0, or 1 with `crash` / `fail`). */
  exitCode: `${ANNOTATION_PREFIX}exit-code`,
  /** "true": the processes exit with an error after `run-seconds` (default 1) every time; restartPolicy decides what follows (CrashLoopBackOff). */
  crash: `${ANNOTATION_PREFIX}crash`,
  /** "true": the pod fails for good: its containers exit with an error after `run-seconds` (default 1), are not restarted, and the pod is Failed. */
  fail: `${ANNOTATION_PREFIX}fail`,
  /** "false": the containers run but never become ready (a failing readiness probe). */
  ready: `${ANNOTATION_PREFIX}ready`,
  /** Seconds the processes take to stop after SIGTERM (default 0); past the grace period they are killed (exit code 137). */
  terminationSeconds: `${ANNOTATION_PREFIX}termination-seconds`,
  /** The log of every container, instead of the generated one ("\n" separates lines). */
  log: `${ANNOTATION_PREFIX}log`,
} as const;

/** Marks the nodes hostsim registered, so it never touches a node it does not simulate. */
export const SIMULATED_NODE_ANNOTATION = `${ANNOTATION_PREFIX}simulated`;

/** How a pod's containers behave, in milliseconds. */
export interface Behaviour {
  readonly startDelayMs: number;
  readonly initRunMs: number;
  /** Undefined: the main containers never exit on their own. */
  readonly runMs: number | undefined;
  readonly exitCode: number;
  /** The pod fails for good whatever its restartPolicy. */
  readonly podFails: boolean;
  readonly neverReady: boolean;
  readonly terminationMs: number;
}

export interface BehaviourDefaults {
  /** How long a run-to-completion pod (Job-owned, restartPolicy Never / OnFailure) runs (kwok: 1 s). */
  readonly completionRunMs: number;
  /** How long a crashing or failing container runs before it exits. */
  readonly crashRunMs: number;
}

export const DEFAULT_BEHAVIOUR: BehaviourDefaults = { completionRunMs: 1000, crashRunMs: 1000 };

function seconds(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : undefined;
}

function flag(value: string | undefined): boolean {
  return value !== undefined && ['true', 'yes', '1'].includes(value.trim().toLowerCase());
}

/** Whether the pod runs to completion rather than forever: owned by a Job, or not restarted when it exits 0. */
export function runsToCompletion(pod: Pod): boolean {
  if (pod.metadata?.ownerReferences?.some((r) => r.kind === 'Job' && r.apiVersion.startsWith('batch/'))) return true;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  return policy === 'Never' || policy === 'OnFailure';
}

/** The behaviour a pod's annotations ask for; values that do not parse are ignored. */
export function behaviourOf(pod: Pod, defaults: BehaviourDefaults = DEFAULT_BEHAVIOUR): Behaviour {
  const a = pod.metadata?.annotations ?? {};
  const crash = flag(a[ANNOTATIONS.crash]);
  const fail = flag(a[ANNOTATIONS.fail]);
  const run = seconds(a[ANNOTATIONS.runSeconds]);
  const rawExit = a[ANNOTATIONS.exitCode];
  const explicitExit = rawExit !== undefined && /^\d{1,3}$/.test(rawExit.trim()) && Number(rawExit) <= 255 ? Number(rawExit) : undefined;
  const erroring = crash || fail;
  let runMs: number | undefined;
  if (run !== undefined) runMs = run;
  else if (erroring) runMs = defaults.crashRunMs;
  else if (runsToCompletion(pod)) runMs = defaults.completionRunMs;
  return {
    startDelayMs: seconds(a[ANNOTATIONS.startDelaySeconds]) ?? 0,
    initRunMs: seconds(a[ANNOTATIONS.initSeconds]) ?? 0,
    runMs,
    exitCode: explicitExit ?? (erroring ? 1 : 0),
    podFails: fail,
    neverReady: a[ANNOTATIONS.ready]?.trim().toLowerCase() === 'false',
    terminationMs: seconds(a[ANNOTATIONS.terminationSeconds]) ?? 0,
  };
}
