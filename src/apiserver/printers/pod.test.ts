import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printTable } from './table.js';
import type { Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');
const ago = (seconds: number): string => new Date(now.getTime() - seconds * 1000).toISOString();

const running = { running: { startedAt: ago(600) } };
const lastTerminated = (seconds: number): Json => ({ terminated: { exitCode: 1, finishedAt: ago(seconds) } });

function pod(spec: Json, status: Json, meta: Json = {}): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(3600), ...meta },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
    status,
  };
}

function row(o: Json) {
  const table = printTable({ group: '', kind: 'Pod' }, [o], { now });
  const r = table.rows[0];
  assert.ok(r);
  return r;
}

describe('Pod STATUS, READY and RESTARTS', () => {
  const two = { containers: [{ name: 'a' }, { name: 'b' }] };
  const cases: { name: string; pod: Json; want: [ready: string, status: string, restarts: string] }[] = [
    {
      name: 'running and ready',
      pod: pod({}, { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: running }] }),
      want: ['1/1', 'Running', '0'],
    },
    {
      name: 'pending, not scheduled',
      pod: pod({}, { phase: 'Pending' }),
      want: ['0/1', 'Pending', '0'],
    },
    {
      name: 'container creating',
      pod: pod({}, {
        phase: 'Pending',
        containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }],
      }),
      want: ['0/1', 'ContainerCreating', '0'],
    },
    {
      name: 'CrashLoopBackOff with the last restart 5m ago',
      pod: pod({}, {
        phase: 'Running',
        containerStatuses: [{
          name: 'c', ready: false, restartCount: 5,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s' } }, lastState: lastTerminated(300),
        }],
      }),
      want: ['0/1', 'CrashLoopBackOff', '5 (5m ago)'],
    },
    {
      name: 'running again after restarts',
      pod: pod({}, {
        phase: 'Running',
        containerStatuses: [{ name: 'c', ready: true, restartCount: 2, state: running, lastState: lastTerminated(330) }],
      }),
      want: ['1/1', 'Running', '2 (5m30s ago)'],
    },
    {
      name: 'completed job pod',
      pod: pod({ restartPolicy: 'Never' }, {
        phase: 'Succeeded',
        containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      }),
      want: ['0/1', 'Completed', '0'],
    },
    {
      name: 'failed pod',
      pod: pod({ restartPolicy: 'Never' }, {
        phase: 'Failed',
        containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } }],
      }),
      want: ['0/1', 'Error', '0'],
    },
    {
      name: 'terminated without a reason shows the exit code',
      pod: pod({}, { phase: 'Running', containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 3 } } }] }),
      want: ['0/1', 'ExitCode:3', '0'],
    },
    {
      name: 'terminated by a signal',
      pod: pod({}, { phase: 'Running', containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 137, signal: 9 } } }] }),
      want: ['0/1', 'Signal:9', '0'],
    },
    {
      name: 'OOMKilled',
      pod: pod({}, {
        phase: 'Running',
        containerStatuses: [{ name: 'c', restartCount: 1, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } }, lastState: lastTerminated(40) }],
      }),
      want: ['0/1', 'OOMKilled', '1 (40s ago)'],
    },
    {
      name: 'the first container state wins',
      pod: pod(two, {
        phase: 'podPhase',
        containerStatuses: [
          { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 },
          { state: { terminated: { reason: 'ContainerTerminatedReason' } }, restartCount: 3 },
        ],
      }),
      want: ['0/2', 'ContainerWaitingReason', '6'],
    },
    {
      name: 'ready without running is not counted',
      pod: pod(two, {
        phase: 'podPhase',
        containerStatuses: [{ ready: true, restartCount: 3, state: running }, { ready: true, restartCount: 3 }],
      }),
      want: ['1/2', 'podPhase', '6'],
    },
    {
      name: 'status.reason overrides the phase',
      pod: pod(two, { reason: 'Evicted', phase: 'Failed' }),
      want: ['0/2', 'Evicted', '0'],
    },
    {
      name: 'one container completed, one running, not ready',
      pod: pod(two, {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          { ready: true, restartCount: 3, state: running },
        ],
      }),
      want: ['1/2', 'NotReady', '6'],
    },
    {
      name: 'one container completed, one running, Ready condition',
      pod: pod(two, {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [
          { ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          { ready: true, restartCount: 3, state: running },
        ],
      }),
      want: ['1/2', 'Running', '6'],
    },
    {
      name: 'scheduling gated',
      pod: pod(two, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
      want: ['0/2', 'SchedulingGated', '0'],
    },
    {
      name: 'terminating',
      pod: pod({}, { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, state: running }] }, { deletionTimestamp: ago(10) }),
      want: ['1/1', 'Terminating', '0'],
    },
    {
      name: 'terminating while pending',
      pod: pod({}, { phase: 'Pending' }, { deletionTimestamp: ago(10) }),
      want: ['0/1', 'Terminating', '0'],
    },
    {
      name: 'a succeeded pod being deleted stays Completed',
      pod: pod({}, {
        phase: 'Succeeded', containerStatuses: [{ state: { terminated: { reason: 'Completed', exitCode: 0 } } }],
      }, { deletionTimestamp: ago(10) }),
      want: ['0/1', 'Completed', '0'],
    },
    {
      name: 'node lost',
      pod: pod({}, { phase: 'Running', reason: 'NodeLost' }),
      want: ['0/1', 'NodeLost', '0'],
    },
    {
      name: 'node lost and deleted',
      pod: pod({}, { phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: ago(10) }),
      want: ['0/1', 'Unknown', '0'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => { assert.deepEqual(row(c.pod).cells.slice(1, 4), c.want); });
  }
});

describe('Pod init containers', () => {
  const spec = (n: number): Json => ({ initContainers: Array.from({ length: n }, (_, i) => ({ name: `init${i}` })) });
  const cases: { name: string; pod: Json; want: [ready: string, status: string, restarts: string] }[] = [
    {
      name: 'first init container running',
      pod: pod(spec(1), {
        phase: 'Pending',
        initContainerStatuses: [{ name: 'init0', state: running }],
        containerStatuses: [{ name: 'c', state: { waiting: { reason: 'PodInitializing' } } }],
      }),
      want: ['0/1', 'Init:0/1', '0'],
    },
    {
      name: 'init container restarting',
      pod: pod(spec(2), {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'init0', restartCount: 3, state: running, lastState: lastTerminated(10) },
          { name: 'init1', state: { waiting: {} } },
        ],
      }),
      want: ['0/1', 'Init:0/2', '3 (10s ago)'],
    },
    {
      name: 'second init container running after the first completed',
      pod: pod(spec(2), {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'init0', restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: lastTerminated(120) },
          { name: 'init1', restartCount: 3, state: running, lastState: lastTerminated(10) },
        ],
      }),
      want: ['0/1', 'Init:1/2', '5 (10s ago)'],
    },
    {
      name: 'init container crash looping',
      pod: pod(spec(1), {
        phase: 'Pending',
        initContainerStatuses: [{ name: 'init0', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: lastTerminated(60) }],
      }),
      want: ['0/1', 'Init:CrashLoopBackOff', '4 (60s ago)'],
    },
    {
      name: 'init container failed',
      pod: pod(spec(1), {
        phase: 'Failed',
        initContainerStatuses: [{ name: 'init0', state: { terminated: { exitCode: 1, reason: 'Error' } } }],
      }),
      want: ['0/1', 'Init:Error', '0'],
    },
    {
      name: 'init container exit code without reason',
      pod: pod(spec(1), { phase: 'Pending', initContainerStatuses: [{ name: 'init0', state: { terminated: { exitCode: 2 } } }] }),
      want: ['0/1', 'Init:ExitCode:2', '0'],
    },
    {
      name: 'init container killed by a signal',
      pod: pod(spec(1), { phase: 'Pending', initContainerStatuses: [{ name: 'init0', state: { terminated: { exitCode: 137, signal: 9 } } }] }),
      want: ['0/1', 'Init:Signal:9', '0'],
    },
    {
      name: 'init done, main container initializing',
      pod: pod(spec(1), {
        phase: 'Pending',
        initContainerStatuses: [{ name: 'init0', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
        containerStatuses: [{ name: 'c', state: { waiting: { reason: 'PodInitializing' } } }],
      }),
      want: ['0/1', 'PodInitializing', '0'],
    },
    {
      name: 'init restarts are dropped once initialized',
      pod: pod(spec(1), {
        phase: 'Running',
        initContainerStatuses: [{ name: 'init0', restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: lastTerminated(120) }],
        containerStatuses: [{ name: 'c', restartCount: 4, state: running, lastState: lastTerminated(20) }],
      }),
      want: ['0/1', 'Running', '4 (20s ago)'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => { assert.deepEqual(row(c.pod).cells.slice(1, 4), c.want); });
  }
});

describe('Pod sidecar (restartable init) containers', () => {
  const sidecars: Json = {
    initContainers: [
      { name: 'restartable-init-1', restartPolicy: 'Always' },
      { name: 'restartable-init-2', restartPolicy: 'Always' },
    ],
  };
  it('count towards READY and keep their restarts', () => {
    const p = pod(sidecars, {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [
        { name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: lastTerminated(10) },
        { name: 'restartable-init-2', state: running, started: true },
      ],
      containerStatuses: [{ name: 'c', ready: true, restartCount: 4, state: running, lastState: lastTerminated(20) }],
    });
    assert.deepEqual(row(p).cells.slice(1, 4), ['1/3', 'Running', '7 (10s ago)']);
  });
  it('block initialization until started', () => {
    const p = pod(sidecars, {
      phase: 'Pending',
      conditions: [{ type: 'Initialized', status: 'False' }],
      initContainerStatuses: [
        { name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: lastTerminated(10) },
        { name: 'restartable-init-2', state: running, started: false },
      ],
      containerStatuses: [{ name: 'c', state: { waiting: {} } }],
    });
    assert.deepEqual(row(p).cells.slice(1, 4), ['0/3', 'Init:1/2', '3 (10s ago)']);
  });
  it('ignore statuses of unknown containers', () => {
    const p = pod(
      { initContainers: [{ name: 'init1' }, { name: 'sidecar1', restartPolicy: 'Always' }] },
      { phase: 'Running', initContainerStatuses: [{ name: 'initinvalid' }, { name: 'init1' }, { name: 'sidecar1' }] },
    );
    assert.deepEqual(row(p).cells.slice(1, 4), ['0/2', 'Init:0/2', '0']);
  });
});

describe('Pod row conditions and wide columns', () => {
  it('marks succeeded and failed pods Completed', () => {
    assert.deepEqual(row(pod({}, { phase: 'Succeeded' })).conditions, [
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
    assert.deepEqual(row(pod({}, { phase: 'Failed' })).conditions, [
      { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
    ]);
    assert.equal(row(pod({}, { phase: 'Running' })).conditions, undefined);
  });

  it('prints IP, node, nominated node and readiness gates', () => {
    const p = pod(
      {
        nodeName: 'node-1',
        readinessGates: [{ conditionType: 'c1' }, { conditionType: 'c2' }, { conditionType: 'c3' }],
      },
      {
        phase: 'Running',
        podIPs: [{ ip: '10.0.0.7' }, { ip: 'fd00::7' }],
        nominatedNodeName: 'node-2',
        conditions: [{ type: 'c1', status: 'False' }, { type: 'c2', status: 'True' }],
        containerStatuses: [{ name: 'c', ready: true, state: running }],
      },
    );
    assert.deepEqual(row(p).cells, ['p', '1/1', 'Running', '0', '60m', '10.0.0.7', 'node-1', 'node-2', '1/3']);
  });

  it('prints <none> for unset wide columns and falls back to status.podIP', () => {
    assert.deepEqual(row(pod({}, { phase: 'Pending' })).cells.slice(5), ['<none>', '<none>', '<none>', '<none>']);
    assert.equal(row(pod({}, { phase: 'Running', podIP: '10.1.1.1' })).cells[5], '10.1.1.1');
  });
});

describe('PodTemplate', () => {
  it('prints containers, images and pod labels', () => {
    const t = printTable({ group: '', kind: 'PodTemplate' }, [{
      metadata: { name: 'tmpl' },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'a', image: 'img-a' }, { name: 'b', image: 'img-b' }] },
      },
    }], { now });
    assert.deepEqual(t.rows[0]?.cells, ['tmpl', 'a,b', 'img-a,img-b', 'app=web']);
    assert.deepEqual(t.columnDefinitions.map((c) => c.name), ['Name', 'Containers', 'Images', 'Pod Labels']);
  });
});
