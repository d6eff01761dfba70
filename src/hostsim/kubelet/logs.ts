/**
 * `kubectl logs` for simulated containers: a plausible log per container run, generated from the
 * image, the command and the run's times (or given by the `log` annotation), with kubelet's log
 * options (previous, timestamps, tailLines, sinceSeconds, limitBytes, follow).
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../api/object.js';
import { errors } from '../../api/status.js';
import type { Clock } from '../../client/index.js';
import type { PodLogRequest } from '../../api/pod-logs.js';
import { ANNOTATIONS } from '../annotations.js';
import { parseTime } from '../time.js';
import { parseImage } from './images.js';

/** What the API server's `podLogs` option calls. */
export type PodLogs = (pod: KubeObject | Pod, request: PodLogRequest) => Promise<string | AsyncIterable<string>>;

interface Line {
  readonly at: number;
  readonly text: string;
}

interface RunFacts {
  readonly startedAt: number;
  readonly finishedAt: number | undefined;
  readonly exitCode: number | undefined;
}

function formatGoTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** What `echo` in a shell command would print: `sh -c "echo hello && sleep 5"` logs `hello`. */
function echoes(c: Container): string[] {
  const words = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
  const out: string[] = [];
  for (const m of words.matchAll(/(?:^|[;&|]\s*|\s)echo\s+(?:-n\s+)?("([^"]*)"|'([^']*)'|([^;&|]+))/g)) {
    const text = (m[2] ?? m[3] ?? m[4] ?? '').trim();
    if (text !== '') out.push(text);
  }
  return out;
}

function startupLines(pod: Pod, c: Container, start: number): string[] {
  const repo = parseImage(c.image ?? '').repository.split('/').pop() ?? '';
  const ports = (c.ports ?? []).map((p) => p.containerPort);
  if (repo === 'nginx') {
    const t = formatGoTime(start);
    return [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      `${t} [notice] 1#1: using the "epoll" event method`,
      `${t} [notice] 1#1: start worker processes`,
      `${t} [notice] 1#1: start worker process 29`,
    ];
  }
  if (repo === 'redis' || repo === 'valkey') {
    return ['1:C * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', '1:M * Server initialized', `1:M * Ready to accept connections tcp`];
  }
  const said = echoes(c);
  if (said.length > 0) return said;
  const who = `${pod.metadata?.name ?? ''}/${c.name}`;
  return [`starting ${c.image ?? c.name} (${who})`, ...ports.map((p) => `listening on :${p}`), 'ready'];
}

/** The log of one run of a container. */
export function containerLog(pod: Pod, c: Container, run: RunFacts): Line[] {
  const custom = pod.metadata?.annotations?.[ANNOTATIONS.log];
  const lines = custom !== undefined ? custom.split('\n') : startupLines(pod, c, run.startedAt);
  const out = lines.map((text) => ({ at: run.startedAt, text }));
  if (run.finishedAt !== undefined && custom === undefined) {
    if (run.exitCode !== undefined && run.exitCode !== 0 && run.exitCode !== 137) out.push({ at: run.finishedAt, text: `fatal: exiting with status ${run.exitCode} (simulated by hostsim)` });
    else if (run.exitCode === 0 && echoes(c).length === 0) out.push({ at: run.finishedAt, text: 'done' });
  }
  return out;
}

function runOf(status: ContainerStatus | undefined, previous: boolean): RunFacts | undefined {
  const state = previous ? status?.lastState : status?.state;
  if (state?.running) return { startedAt: parseTime(state.running.startedAt) ?? 0, finishedAt: undefined, exitCode: undefined };
  if (state?.terminated) {
    return { startedAt: parseTime(state.terminated.startedAt) ?? 0, finishedAt: parseTime(state.terminated.finishedAt), exitCode: state.terminated.exitCode };
  }
  return undefined;
}

function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

function render(lines: readonly Line[], request: PodLogRequest, now: number): string {
  let selected = lines;
  const since = request.sinceSeconds;
  if (since !== undefined) selected = selected.filter((l) => l.at >= now - since * 1000);
  if (request.tailLines !== undefined) selected = request.tailLines <= 0 ? [] : selected.slice(-request.tailLines);
  let text = selected.map((l) => `${request.timestamps ? `${rfc3339Nano(l.at)} ` : ''}${l.text}\n`).join('');
  if (request.limitBytes !== undefined && request.limitBytes >= 0) text = Buffer.from(text).subarray(0, request.limitBytes).toString('utf8');
  return text;
}

export interface LogProviderOptions {
  /** The current pod, for `follow` (ends when the container stops or the pod goes away). */
  readonly lookup: (namespace: string, name: string) => Pod | undefined;
  readonly clock: Clock;
  /** Aborts every follow when hostsim stops. */
  readonly signal: AbortSignal;
  /** How often a follow looks at the pod. */
  readonly pollMs?: number;
}

/** A PodLogProvider for the API server. */
export function podLogProvider(options: LogProviderOptions): PodLogs {
  return (obj, request) => {
    const pod = obj as Pod;
    const name = pod.metadata?.name ?? '';
    const all: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
    const spec = all.find((c) => c.name === request.container);
    const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
    const status = statuses.find((s) => s.name === request.container);
    if (!spec) return Promise.reject(errors.badRequest(`container ${request.container} is not valid for pod ${name}`));
    const run = runOf(status, request.previous);
    if (!run) {
      if (request.previous) return Promise.reject(errors.badRequest(`previous terminated container "${request.container}" in pod "${name}" not found`));
      const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
      return Promise.reject(errors.badRequest(`container "${request.container}" in pod "${name}" is waiting to start: ${reason}`));
    }
    const now = options.clock.now();
    const text = render(containerLog(pod, spec, run), request, now);
    if (!request.follow || request.previous || run.finishedAt !== undefined) return Promise.resolve(text);
    return Promise.resolve(follow(pod, spec, text, request, options));
  };
}

/** The log so far, then the rest when the container stops; ends with it, with the pod, or with hostsim. */
async function* follow(pod: Pod, spec: Container, initial: string, request: PodLogRequest, o: LogProviderOptions): AsyncGenerator<string> {
  if (initial !== '') yield initial;
  const uid = pod.metadata?.uid;
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const startedAt = runOf(pod.status?.containerStatuses?.find((s) => s.name === spec.name), false)?.startedAt;
  while (await o.clock.sleep(o.pollMs ?? 1000, o.signal)) {
    const current = o.lookup(namespace, name);
    if (!current || current.metadata?.uid !== uid) return;
    const status = current.status?.containerStatuses?.find((s) => s.name === spec.name) ?? current.status?.initContainerStatuses?.find((s) => s.name === spec.name);
    const run = runOf(status, false);
    if (run?.startedAt === startedAt && run?.finishedAt === undefined) continue;
    // The run ended (or was replaced): print what it said on the way out.
    const ended = run?.startedAt === startedAt ? run : runOf(status, true);
    const finishedAt = ended !== undefined && ended.startedAt === startedAt ? ended.finishedAt : undefined;
    if (ended && finishedAt !== undefined) {
      const tail = containerLog(current, spec, ended).filter((l) => l.at >= finishedAt);
      const text = render(tail, { ...request, tailLines: undefined, sinceSeconds: undefined }, o.clock.now());
      if (text !== '') yield text;
    }
    return;
  }
}
