/** Pods and PodTemplates: kube's `printPod`, status and restart logic included. */
import { CONTAINERS_DESCRIPTION, IMAGES_DESCRIPTION, ageColumn, age, column, nameColumn, wide } from './columns.js';
import { doc } from './descriptions.js';
import { humanDuration, parseTimestamp } from './duration.js';
import { containerCells } from './format.js';
import { at, bool, hasDeletionTimestamp, int, list, name, obj, objects, str } from './json.js';
import { formatLabels } from './labels.js';
import type { Json, Printer, TableRowCondition } from './types.js';

const succeeded: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const failed: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

/** A sidecar: an init container with `restartPolicy: Always`. */
function isRestartable(container: Json | undefined): boolean {
  return container !== undefined && container['restartPolicy'] === 'Always';
}

function conditionIs(status: Json, type: string): boolean | undefined {
  for (const c of objects(status['conditions'])) {
    if (c['type'] === type) return c['status'] === 'True';
  }
  return undefined;
}

/** Latest `lastState.terminated.finishedAt` seen so far (ms since the epoch, or undefined). */
function laterFinish(current: number | undefined, containerStatus: Json): number | undefined {
  const terminated = at(containerStatus, 'lastState', 'terminated');
  if (terminated === undefined || terminated === null) return current;
  const finished = parseTimestamp(at(terminated, 'finishedAt'));
  if (finished === undefined) return current;
  return current === undefined || current < finished ? finished : current;
}

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** STATUS, READY, RESTARTS and the row conditions of a pod. */
export function podSummary(pod: Json, now: Date): {
  ready: string;
  status: string;
  restarts: string;
  conditions?: TableRowCondition[];
} {
  const spec = obj(pod['spec']);
  const status = obj(pod['status']);
  const phase = str(status['phase']);
  const containers = list(spec['containers']);
  const initSpecs = objects(spec['initContainers']);
  let reason = str(status['reason']) || phase;

  for (const c of objects(status['conditions'])) {
    if (c['type'] === 'PodScheduled' && c['reason'] === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initByName = new Map<string, Json>();
  let totalContainers = containers.length;
  for (const c of initSpecs) {
    initByName.set(str(c['name']), c);
    if (isRestartable(c)) totalContainers++;
  }

  let restarts = 0;
  let sidecarRestarts = 0;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;

  let initializing = false;
  const initStatuses = objects(status['initContainerStatuses']);
  for (const [i, cs] of initStatuses.entries()) {
    restarts += int(cs['restartCount']);
    lastRestart = laterFinish(lastRestart, cs);
    const restartable = isRestartable(initByName.get(str(cs['name'])));
    if (restartable) {
      sidecarRestarts += int(cs['restartCount']);
      lastSidecarRestart = laterFinish(lastSidecarRestart, cs);
    }
    const terminated = at(cs, 'state', 'terminated');
    const waitingReason = str(at(cs, 'state', 'waiting', 'reason'));
    if (isSet(terminated) && int(at(terminated, 'exitCode')) === 0) continue;
    if (restartable && bool(cs['started'])) {
      if (bool(cs['ready'])) readyContainers++;
      continue;
    }
    if (isSet(terminated)) {
      const terminatedReason = str(at(terminated, 'reason'));
      if (terminatedReason === '') {
        const signal = int(at(terminated, 'signal'));
        reason = signal !== 0 ? `Init:Signal:${signal}` : `Init:ExitCode:${int(at(terminated, 'exitCode'))}`;
      } else {
        reason = `Init:${terminatedReason}`;
      }
    } else if (isSet(at(cs, 'state', 'waiting')) && waitingReason !== '' && waitingReason !== 'PodInitializing') {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionIs(status, 'Initialized') === true) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = objects(status['containerStatuses']);
    // Walk backwards so that the first container's state is the one left in `reason`.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i] ?? {};
      restarts += int(cs['restartCount']);
      lastRestart = laterFinish(lastRestart, cs);
      const waiting = at(cs, 'state', 'waiting');
      const terminated = at(cs, 'state', 'terminated');
      if (isSet(waiting) && str(at(waiting, 'reason')) !== '') {
        reason = str(at(waiting, 'reason'));
      } else if (isSet(terminated) && str(at(terminated, 'reason')) !== '') {
        reason = str(at(terminated, 'reason'));
      } else if (isSet(terminated)) {
        const signal = int(at(terminated, 'signal'));
        reason = signal !== 0 ? `Signal:${signal}` : `ExitCode:${int(at(terminated, 'exitCode'))}`;
      } else if (bool(cs['ready']) && isSet(at(cs, 'state', 'running'))) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose first container completed while another still runs is still running.
    if (reason === 'Completed' && hasRunning) {
      const ready = objects(status['conditions']).some((c) => c['type'] === 'Ready' && c['status'] === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }

  if (hasDeletionTimestamp(pod)) {
    if (str(status['reason']) === 'NodeLost') reason = 'Unknown';
    else if (phase !== 'Failed' && phase !== 'Succeeded') reason = 'Terminating';
  }

  const restartText = restarts !== 0 && lastRestart !== undefined
    ? `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)`
    : String(restarts);

  const summary: { ready: string; status: string; restarts: string; conditions?: TableRowCondition[] } = {
    ready: `${readyContainers}/${totalContainers}`,
    status: reason,
    restarts: restartText,
  };
  if (phase === 'Succeeded') summary.conditions = succeeded;
  else if (phase === 'Failed') summary.conditions = failed;
  return summary;
}

function podIP(status: Json): string {
  const ips = objects(status['podIPs']);
  const first = ips.length > 0 ? str(ips[0]?.['ip']) : str(status['podIP']);
  return first === '' ? '<none>' : first;
}

function readinessGates(spec: Json, status: Json): string {
  const gates = objects(spec['readinessGates']);
  if (gates.length === 0) return '<none>';
  const conditions = objects(status['conditions']);
  let trueConditions = 0;
  for (const gate of gates) {
    const match = conditions.find((c) => c['type'] === gate['conditionType']);
    if (match?.['status'] === 'True') trueConditions++;
  }
  return `${trueConditions}/${gates.length}`;
}

export const podPrinter: Printer = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    ageColumn,
    wide('IP', 'string', doc.podStatusPodIP),
    wide('Node', 'string', doc.podSpecNodeName),
    wide('Nominated Node', 'string', doc.podStatusNominatedNodeName),
    wide('Readiness Gates', 'string', doc.podSpecReadinessGates),
  ],
  row(pod, now) {
    const spec = obj(pod['spec']);
    const status = obj(pod['status']);
    const s = podSummary(pod, now);
    const cells = [
      name(pod),
      s.ready,
      s.status,
      s.restarts,
      age(pod, now),
      podIP(status),
      str(spec['nodeName']) || '<none>',
      str(status['nominatedNodeName']) || '<none>',
      readinessGates(spec, status),
    ];
    return s.conditions ? { cells, conditions: s.conditions } : { cells };
  },
};

export const podTemplatePrinter: Printer = {
  columns: [
    nameColumn,
    column('Containers', 'string', CONTAINERS_DESCRIPTION),
    column('Images', 'string', IMAGES_DESCRIPTION),
    column('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  row(o) {
    const [names, images] = containerCells(at(o, 'template', 'spec', 'containers'));
    return { cells: [name(o), names, images, formatLabels(at(o, 'template', 'metadata', 'labels'))] };
  },
};
